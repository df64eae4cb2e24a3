import { formatNumber } from './format-number.ts';
import { formatValue } from './format-value.ts';
import type { ChangeInfo, Lang, ValueFormat } from './types.ts';

const MINUS = '\u2212';

const basisWords: Record<Lang, string> = { vi: ' (theo nguồn)', en: ' (reported)' };
const NBSP = '\u00a0';

/**
 * A number with at most `maxDecimals` decimals and no trailing zeros ("−43 %", "−56,8 %"), signed
 * with a true minus sign (U+2212) that screen readers say as "minus" and that lines up with "+".
 */
function signed(value: number, lang: Lang, maxDecimals: number, sign: boolean): string {
  const factor = 10 ** maxDecimals;
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  if (rounded === 0) return formatNumber(0, lang, 0);
  let decimals = maxDecimals;
  while (decimals > 0 && Math.round(rounded * 10 ** decimals) % 10 === 0) decimals -= 1;
  return `${sign ? (value < 0 ? MINUS : '+') : ''}${formatNumber(rounded, lang, decimals)}`;
}

/**
 * A change against an earlier value as a reader says it: a rate moves in percentage points
 * (vi `+2,6 điểm %`, en `+2.6 pp`), other values in percent (`−56,8 %` / `−56.8%`), or, when only
 * the difference is known, by an amount in the value's unit (`+1.200 hồ sơ`).
 * @param change the change; null when there is nothing to compare with
 * @param format the value's format: its unit decides rate or not, and how amounts are shown
 * @param lang the element's language
 * @param options.signed false leaves the sign out, for a text that says the direction in words
 *   ("giảm 56,8 %", not "giảm −56,8 %")
 * @default options.signed true
 * @returns the text (number and unit joined by non-breaking spaces), with " (theo nguồn)" / " (reported)" when the source stated the change
 *   rather than chiso computing it from two values; "" for null or a change with no numbers
 */
export function formatChange(change: ChangeInfo | null, format: ValueFormat, lang: Lang, options: { signed?: boolean } = {}): string {
  const sign = options.signed ?? true;
  if (!change) return '';
  const basis = change.basis === 'REPORTED' ? basisWords[lang] : '';
  const isRate = format.unit.code === 'percent' || format.unit.symbol === '%';
  // A rate's absolute difference is in points too: "+2,6 %" would read as a relative change.
  const points = isRate ? (change.percentagePoints ?? change.absolute) : null;
  if (points !== null && Number.isFinite(points)) {
    const pointDecimals = Math.max(1, format.decimals);
    return `${signed(points, lang, pointDecimals, sign)}${lang === 'vi' ? `${NBSP}điểm${NBSP}%` : `${NBSP}pp`}${basis}`;
  }
  if (change.percent !== null && Number.isFinite(change.percent)) {
    return `${signed(change.percent, lang, 1, sign)}${lang === 'vi' ? `${NBSP}%` : '%'}${basis}`;
  }
  if (change.absolute !== null && Number.isFinite(change.absolute)) {
    const amount = formatValue(Math.abs(change.absolute), format, lang);
    const zero = formatValue(0, format, lang);
    const prefix = amount === zero || !sign ? '' : change.absolute < 0 ? MINUS : '+';
    return `${prefix}${amount}${basis}`;
  }
  return '';
}
