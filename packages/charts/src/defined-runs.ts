/** A point of a line or area in pixels; y null where there is no value. */
export interface PathPoint {
  x: number;
  y: number | null;
}

/**
 * The runs of consecutive points that can be drawn (finite x and y), in order: a missing value
 * ends a run, so a line or area breaks there instead of falling to zero (d3-shape's `defined`).
 */
export function definedRuns(points: readonly PathPoint[]): Array<Array<{ x: number; y: number }>> {
  const runs: Array<Array<{ x: number; y: number }>> = [];
  let run: Array<{ x: number; y: number }> | null = null;
  for (const p of points) {
    if (p.y === null || !Number.isFinite(p.y) || !Number.isFinite(p.x)) {
      run = null;
      continue;
    }
    if (!run) runs.push((run = []));
    // Three decimals, as d3-path writes them: a thousandth of a pixel is below what any screen shows.
    run.push({ x: Math.round(p.x * 1000) / 1000, y: Math.round(p.y * 1000) / 1000 });
  }
  return runs;
}
