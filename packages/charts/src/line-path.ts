import { definedRuns, type PathPoint } from './defined-runs.ts';

/**
 * The `d` of an SVG path through the points, straight segments as d3-shape's line with
 * curveLinear writes it ("M0,10L50,20"; a lone point "M0,10Z"). Written out rather than imported:
 * d3-shape and d3-path cost the bundle about 2 KB gzip for these few lines. A null y breaks the
 * line: a missing value is a gap, never a fall to zero that a reader would take for a real drop.
 * @param points x and y in pixels; y null where there is no value
 * @returns the path; "" when nothing can be drawn, so an empty chart gives a valid empty path
 */
export function linePath(points: PathPoint[]): string {
  return definedRuns(points)
    .map((run) => `M${run.map((p) => `${p.x},${p.y}`).join('L')}${run.length === 1 ? 'Z' : ''}`)
    .join('');
}
