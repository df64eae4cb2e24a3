import { extent, nice, ticks } from 'd3-array';
import { linearMap } from './linear-map.ts';
import type { ValueScale } from './types.ts';

/**
 * d3's scaleLinear().nice(count) for numbers: d3-array's nice bounds and ticks over a linear map.
 * The domain is made nice with the same count the ticks are asked with, so the last tick is the
 * end of the domain: the axis never ends below the data with a bar drawn past its top gridline.
 */
function scaleLinear(domain: [number, number], range: [number, number], niceCount: number): ValueScale {
  const [d0, d1] = nice(domain[0], domain[1], niceCount) as [number, number];
  const [r0, r1] = range;
  const map = linearMap([d0, d1], range);
  const scale = ((value: number) => map(value)) as ValueScale;
  scale.domain = () => [d0, d1];
  scale.range = () => [r0, r1];
  scale.ticks = (count = niceCount) => ticks(d0, d1, count);
  return scale;
}

/**
 * The value axis of a chart: a linear scale over the values, rounded outwards to nice numbers.
 * @param values the values to show; null (a gap) and non-finite values are ignored
 * @param range the pixel range, e.g. [height, 0] so that larger values sit higher
 * @param options.zero include 0 in the domain. Bars and areas must start at zero, or their lengths
 *   lie about the ratio of two values; a line of values far from zero may turn it off
 * @default options.zero true
 * @param options.count about how many ticks the axis shows; the domain ends on one of them
 * @default options.count 5
 * @returns the scale; with no values its domain is [0, 1], so an empty chart still has an axis;
 *   with a single value v it is [0, v] (or [v − 1, v + 1] without zero), never a zero-width domain
 *   that would put every point at NaN
 */
export function linearScale(values: Array<number | null>, range: [number, number], options: { zero?: boolean; count?: number } = {}): ValueScale {
  const zero = options.zero ?? true;
  const count = options.count ?? 5;
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  let [low, high] = extent(finite);
  if (low === undefined || high === undefined) return scaleLinear([0, 1], range, count);
  if (zero) {
    low = Math.min(0, low);
    high = Math.max(0, high);
  }
  if (low === high) {
    if (zero) return scaleLinear([0, 1], range, count);
    low -= 1;
    high += 1;
  }
  return scaleLinear([low, high], range, count);
}
