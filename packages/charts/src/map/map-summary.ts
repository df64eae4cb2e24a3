import type { MapInput, ProvinceValue } from './map-input.ts';
import { joinNames, mapText } from './map-text.ts';

/** How many names a summary or legend lists before "và n địa phương khác". */
export const NAMES_LISTED = 8;

/** Names in the reader's alphabetical order (Đ after D), the first few of them and a count of the rest. */
export function someNames(unsorted: readonly string[], lang: MapInput['lang']): string {
  const names = [...unsorted].sort(new Intl.Collator(lang).compare);
  if (names.length <= NAMES_LISTED) return joinNames(names, lang);
  return `${names.slice(0, NAMES_LISTED).join(', ')} ${mapText[lang].more(names.length - NAMES_LISTED)}`;
}

type Formats = Pick<MapInput, 'formatNumber' | 'scaleExponent' | 'decimals' | 'unit' | 'lang'>;

/** A value as the summary and the legend write it: scaled, the indicator's decimals, no unit ("73,02"). */
export function shownNumber(value: number, f: Formats, decimals = f.decimals): string {
  return f.formatNumber(value / 10 ** f.scaleExponent, decimals);
}

/** A value with its unit, as a tip writes it: "73,02 điểm", "27,6 %" ("27.6%" in English). */
export function shownValue(value: number, f: Formats): string {
  if (!f.unit) return shownNumber(value, f);
  return `${shownNumber(value, f)}${f.unit === '%' && f.lang === 'en' ? '' : ' '}${f.unit}`;
}

/** A class limit with no more decimals than it needs ("61", not "61,00"), at most the indicator's. */
export function shownLimit(value: number, f: Formats): string {
  const scaled = value / 10 ** f.scaleExponent;
  let d = 0;
  while (d < f.decimals && Math.abs(Math.round(scaled * 10 ** d) / 10 ** d - scaled) > 1e-9 * Math.max(1, Math.abs(scaled))) d++;
  return shownNumber(value, f, d);
}

/** What the map says of a province's value: "73,02 điểm", "không có số liệu", "12,3 (cộng gộp từ A và B)". */
export function provinceText(p: ProvinceValue, input: Formats): string {
  const words = mapText[input.lang];
  if (p.break) return `${words.breakValue} (${joinNames(p.composedOf ?? [], input.lang)})`;
  if (p.value === null) return words.noDataValue;
  const composed = p.composedOf && p.composedOf.length > 1 ? ` (${words.composedOf} ${joinNames(p.composedOf, input.lang)})` : '';
  return `${shownValue(p.value, input)}${composed}`;
}

/**
 * The map in one sentence, its accessible name: "PCI 2021: Quảng Ninh cao nhất, 73,02; Cao Bằng
 * thấp nhất, 56,29; 63/63 tỉnh, thành phố có số liệu." Ties name every province that shares the value.
 */
export function mapSummary(input: MapInput): string {
  const words = mapText[input.lang];
  const shown = input.provinces.filter((p) => p.value !== null && !p.break);
  if (shown.length === 0) return `${input.subject}: ${words.noDataValue}.`;
  const max = Math.max(...shown.map((p) => p.value!));
  const min = Math.min(...shown.map((p) => p.value!));
  const named = (v: number) =>
    joinNames(
      shown.filter((p) => p.value === v).map((p) => p.name),
      input.lang,
    );
  const parts = [`${named(max)} ${words.highest}, ${shownNumber(max, input)}`];
  if (min !== max) parts.push(`${named(min)} ${words.lowest}, ${shownNumber(min, input)}`);
  parts.push(words.withData(shown.length, input.provinces.length));
  const missing = input.provinces.filter((p) => p.value === null && !p.break).map((p) => p.name);
  if (missing.length) parts.push(`${words.noData.toLowerCase()}: ${someNames(missing, input.lang)}`);
  const broken = input.provinces.filter((p) => p.break).map((p) => p.name);
  if (broken.length) parts.push(`${words.breakTitle.toLowerCase()} (${words.breakNote}): ${someNames(broken, input.lang)}`);
  return `${input.subject}: ${parts.join('; ')}.`;
}
