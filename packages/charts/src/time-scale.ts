import { linearMap } from './linear-map.ts';
import type { Point } from './types.ts';

const DAY = 86_400_000;

/** Milliseconds of an ISO date at UTC midnight, so the reader's time zone never moves a period. */
function utc(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
}

/** A period covers its start day to the end of its end day, hence the extra day. */
function bounds(point: Point): [number, number] {
  return [utc(point.period.start), utc(point.period.end) + DAY];
}

/**
 * The time axis: the x position of each point at the middle of its period, so that a month and a
 * quarter sit where their days are, and periods that cut off on the 15th (administrative years
 * run 15-12 to 14-12) are not drawn as calendar months.
 * @param points every point drawn on the axis, of all series; they set the domain, from the
 *   earliest start to the end of the latest end day
 * @param range the pixel range, e.g. [0, width]
 * @returns the position of a point; a single period sits at the middle of the range, and a point
 *   whose dates cannot be read gives NaN so that callers leave it out rather than misplace it
 */
export function timeScale(points: Point[], range: [number, number]): (point: Point) => number {
  const edges = points.flatMap(bounds).filter(Number.isFinite);
  const middle = (range[0] + range[1]) / 2;
  if (edges.length === 0) return () => middle;
  // A linear map over epoch milliseconds places days exactly like d3's scaleUtc, without pulling
  // d3-time and d3-time-format into the bundle (ticks are period labels, not d3 time ticks).
  const scale = linearMap([Math.min(...edges), Math.max(...edges)], range);
  return (point) => {
    const [start, end] = bounds(point);
    if (!Number.isFinite(start) || !Number.isFinite(end)) return Number.NaN;
    return scale((start + end) / 2);
  };
}
