import { bisectRight, quantileSorted, tickStep } from 'd3-array';

/** The most classes a map's colour scale has: more are not told apart by eye. */
export const MAX_CLASSES = 7;

/**
 * Class limits for a choropleth: quantiles (each class holds about as many provinces), moved to
 * round numbers so that the legend reads "60 – 62" rather than "60,13 – 61,87". Quantiles, not
 * equal intervals, because provincial figures are skewed (Hà Nội and Hồ Chí Minh City dwarf the
 * rest in every count): equal intervals would put most provinces in one colour. At most
 * `maxClasses` classes and about four provinces a class (34 provinces: 7 classes, 10: 2).
 * @param values the values shown (nulls left out by the caller)
 * @returns the inner limits, ascending and distinct: k − 1 numbers for k classes; [] for one class
 */
export function classBreaks(values: readonly number[], maxClasses = MAX_CLASSES): number[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const k = Math.min(maxClasses, Math.floor(sorted.length / 4));
  if (k < 2) return [];
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  if (min === max) return [];
  const quantiles = Array.from({ length: k - 1 }, (_, i) => quantileSorted(sorted, (i + 1) / k)!);
  // Round to 1, 2 or 5 times a power of ten, about a fifth of the narrowest class: the limits move
  // by less than a tenth of any class, so the classes keep their counts.
  const edges = [min, ...quantiles, max];
  const gaps = edges
    .slice(1)
    .map((e, i) => e - edges[i]!)
    .filter((g) => g > 0);
  const step = tickStep(0, Math.min(...gaps) / 5, 1);
  const breaks: number[] = [];
  for (const q of quantiles) {
    // Floating-point dust (0.30000000000000004) would show in a legend.
    const rounded = Number((Math.round(q / step) * step).toPrecision(12));
    if (rounded > min && rounded <= max && rounded !== breaks[breaks.length - 1]) breaks.push(rounded);
  }
  return breaks;
}

/** The class of a value: 0 below the first limit, breaks.length at or above the last. */
export function classOf(value: number, breaks: readonly number[]): number {
  return bisectRight(breaks, value);
}
