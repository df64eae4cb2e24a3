import { formatNumber } from './format-number.ts';
import { scaleWord } from './scale-word.ts';
import type { Lang, Qualifier, ValueFormat } from './types.ts';

const qualifierWords: Record<Qualifier, Record<Lang, string>> = {
  EXACT: { vi: '', en: '' },
  MORE_THAN: { vi: 'trên\u00a0', en: 'more than\u00a0' },
  LESS_THAN: { vi: 'dưới\u00a0', en: 'less than\u00a0' },
  APPROXIMATELY: { vi: 'khoảng\u00a0', en: 'about\u00a0' },
};

const noData: Record<Lang, string> = { vi: 'không có số liệu', en: 'no data' };

/**
 * A value as a reader says it: vi `4.927 tỷ đồng`, `14,7 triệu USD`, `99,8 %`, `trên 90 %`;
 * en `4,927 billion VND`, `14.7 million USD`, `99.8%`, `more than 90%`.
 * @param value the value in the unit's base (4927000000000 for 4.927 tỷ đồng); null is a gap
 * @param format unit, power of ten to show the value in, and decimals after scaling
 * @param lang the element's language
 * @param qualifier a bound or an estimate is said in words, so it is never read as exact
 * @default qualifier 'EXACT'
 * @returns the text, its words joined by non-breaking spaces (U+00A0) so that a line never
 *   breaks between a number and its unit ("27,6 ⏎ %", "892 doanh ⏎ nghiệp"); "không có số liệu" /
 *   "no data" for null, because a blank or 0 would be read as a value
 */
export function formatValue(value: number | null, format: ValueFormat, lang: Lang, qualifier: Qualifier = 'EXACT'): string {
  if (value === null || !Number.isFinite(value)) return noData[lang];
  const word = scaleWord(format.scaleExponent, lang);
  const scaled = word === null ? value : value / 10 ** format.scaleExponent;
  const number = formatNumber(scaled, lang, format.decimals);
  const prefix = qualifierWords[qualifier]?.[lang] ?? '';
  // Vietnamese typography puts a space before %, English does not.
  const isPercent = format.unit.symbol === '%' || format.unit.code === 'percent';
  if (isPercent) return `${prefix}${number}${lang === 'vi' ? '\u00a0%' : '%'}`;
  const unit = lang === 'vi' ? format.unit.nameVi : format.unit.nameEn;
  return `${prefix}${[number, word, unit].filter(Boolean).join(' ').replace(/ /g, '\u00a0')}`;
}
