/**
 * A plain linear map from a domain to a range, what d3's scaleLinear computes for numbers.
 * Written out because d3-scale's linear scale imports d3-interpolate and d3-color (colour
 * interpolation no chart here uses): about a fifth of the bundle's size budget.
 * @param domain the input interval; a zero-width domain maps everything to the range's middle
 * @param range the output interval, e.g. pixels
 */
export function linearMap(domain: [number, number], range: [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d1 === d0) return () => (r0 + r1) / 2;
  return (value) => r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);
}
