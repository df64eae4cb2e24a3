import { line } from 'd3-shape';

/**
 * The `d` of an SVG path through the points. A null y breaks the line: a missing value is a gap,
 * never a fall to zero that a reader would take for a real drop.
 * @param points x and y in pixels; y null where there is no value
 * @returns the path; "" when nothing can be drawn, so an empty chart gives a valid empty path
 */
export function linePath(points: Array<{ x: number; y: number | null }>): string {
  const path = line<{ x: number; y: number | null }>()
    .defined((p) => p.y !== null && Number.isFinite(p.y) && Number.isFinite(p.x))
    .x((p) => p.x)
    .y((p) => p.y ?? 0);
  return path(points) ?? '';
}
