import type { ValueScale } from './types.ts';

/**
 * Where the bars of a column or bar chart go. Along the band axis each value gets a band
 * (`offset`, `size`); along the value axis a bar runs from zero (`start`) to its value (`end`).
 * @param values one value per bar, in base units; null is a missing value and gets no bar, so
 *   that it is not drawn as a bar of zero
 * @param options.length pixels along the band axis (the width of a column chart)
 * @param options.thickness the widest a bar may be: with few bars a band is wide, and a bar that
 *   fills it looks like a block rather than a bar; the bar is then centred in its band.
 *   0 (or less) sets no cap
 * @param options.gap the share of a step left empty between bars (d3 scaleBand's paddingInner)
 * @default options.gap 0.2
 * @param options.scale the value axis, e.g. from linearScale
 * @returns one entry per value, in pixels; `start` is scale(0) clamped into the scale's range,
 *   so that on an axis without zero a bar starts at the axis edge instead of outside the chart
 */
export function barLayout(
  values: Array<number | null>,
  options: { length: number; thickness: number; gap?: number; scale: ValueScale },
): Array<{ offset: number; size: number; start: number; end: number } | null> {
  // d3's scaleBand with paddingInner and no outer padding: n bands and n − 1 gaps fill the length.
  // (Written out: importing d3-scale for it would also bring d3-interpolate and d3-color.)
  const n = Math.max(values.length, 1);
  const gap = Math.min(Math.max(options.gap ?? 0.2, 0), 1);
  const step = options.length / Math.max(1, n - gap);
  const width = step * (1 - gap);
  const band = (i: number) => i * step;
  // A cap of 0 or less would hide every bar: it is read as no cap, the bar fills its band.
  const size = options.thickness > 0 ? Math.min(width, options.thickness) : width;
  const [r0, r1] = options.scale.range();
  const low = Math.min(r0 ?? 0, r1 ?? 0);
  const high = Math.max(r0 ?? 0, r1 ?? 0);
  const start = Math.min(high, Math.max(low, options.scale(0)));
  return values.map((value, i) => {
    if (value === null || !Number.isFinite(value)) return null;
    return {
      offset: (band(i) ?? 0) + (width - size) / 2,
      size,
      start,
      end: options.scale(value),
    };
  });
}
