import { area } from 'd3-shape';

/**
 * The `d` of an SVG area between the points and a baseline. A null y breaks the area, as in
 * linePath: a missing value is a gap, never a fall to zero.
 * @param points x and y in pixels; y null where there is no value
 * @param baseline the y in pixels the area fills down (or up) to, usually scale(0)
 * @returns the path; "" when nothing can be drawn
 */
export function areaPath(points: Array<{ x: number; y: number | null }>, baseline: number): string {
  const path = area<{ x: number; y: number | null }>()
    .defined((p) => p.y !== null && Number.isFinite(p.y) && Number.isFinite(p.x))
    .x((p) => p.x)
    .y0(baseline)
    .y1((p) => p.y ?? baseline);
  return path(points) ?? '';
}
