import { definedRuns, type PathPoint } from './defined-runs.ts';

/**
 * The `d` of an SVG area between the points and a baseline, as d3-shape's area writes it (along
 * the points, back along the baseline, closed). A null y breaks the area, as in linePath: a
 * missing value is a gap, never a fall to zero.
 * @param points x and y in pixels; y null where there is no value
 * @param baseline the y in pixels the area fills down (or up) to, usually scale(0)
 * @returns the path; "" when nothing can be drawn
 */
export function areaPath(points: PathPoint[], baseline: number): string {
  return definedRuns(points)
    .map((run) => `M${[...run, ...run.map((p) => ({ x: p.x, y: baseline })).reverse()].map((p) => `${p.x},${p.y}`).join('L')}Z`)
    .join('');
}
