import { formatNumber } from './format-number.ts';
import { scaleWord } from './scale-word.ts';
import type { Lang, ValueFormat, ValueScale } from './types.ts';

/**
 * Fewest decimals that tell every tick apart (0 for 0, 20, 40; 1 for 0, 0.5, 1). The indicator's
 * own decimals are not used: a tick at a round 20 reads better than "20,0".
 */
function tickDecimals(step: number): number {
  for (let d = 0; d < 10; d += 1) {
    const shifted = step * 10 ** d;
    if (Math.abs(shifted - Math.round(shifted)) < 1e-6 * Math.max(1, shifted)) return d;
  }
  return 10;
}

/**
 * Ticks of a value axis with their labels. Labels are scaled numbers without unit words (for
 * triệu USD, 20000000 is "20"), because the unit is said once in the axis title, not on each tick.
 * @param scale the value axis, e.g. from linearScale
 * @param lang the element's language
 * @param format the indicator's format: its scale exponent divides the ticks
 * @param count about how many ticks d3 should aim for
 * @default count 5
 * @returns each tick's value in base units, its position in pixels and its label
 */
export function axisTicks(scale: ValueScale, lang: Lang, format: ValueFormat, count = 5): Array<{ value: number; position: number; label: string }> {
  const ticks = scale.ticks(count);
  // Same rule as formatValue: a power of ten without a word of its own is not applied.
  const divisor = scaleWord(format.scaleExponent, lang) === null ? 1 : 10 ** format.scaleExponent;
  const first = ticks[0];
  const second = ticks[1];
  const step = first !== undefined && second !== undefined ? Math.abs(second - first) / divisor : 1;
  const decimals = tickDecimals(step);
  return ticks.map((value) => ({
    value,
    position: scale(value),
    label: formatNumber(value / divisor, lang, decimals),
  }));
}
