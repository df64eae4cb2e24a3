import type { MapInput, ProvinceValue } from './map-input.ts';
import { joinNames, mapText } from './map-text.ts';

/** How many names a summary or legend lists before "và n địa phương khác". */
export const NAMES_LISTED = 8;

/** Names, the first few of them and a count of the rest. */
export function someNames(names: readonly string[], lang: MapInput['lang']): string {
  if (names.length <= NAMES_LISTED) return joinNames(names, lang);
  return `${names.slice(0, NAMES_LISTED).join(', ')} ${mapText[lang].more(names.length - NAMES_LISTED)}`;
}

/** The text a pointer or the keyboard shows for a province. */
export function provinceTip(p: ProvinceValue, input: Pick<MapInput, 'format' | 'lang'>): string {
  const words = mapText[input.lang];
  if (p.break) return `${p.name}: ${words.breakValue} (${joinNames(p.composedOf ?? [], input.lang)})`;
  if (p.value === null) return `${p.name}: ${words.noDataValue}`;
  const composed = p.composedOf && p.composedOf.length > 1 ? ` (${words.composedOf} ${joinNames(p.composedOf, input.lang)})` : '';
  return `${p.name}: ${input.format(p.value)}${composed}`;
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
  const named = (v: number) => joinNames(shown.filter((p) => p.value === v).map((p) => p.name), input.lang);
  const parts = [`${named(max)} ${words.highest}, ${input.format(max)}`];
  if (min !== max) parts.push(`${named(min)} ${words.lowest}, ${input.format(min)}`);
  parts.push(words.withData(shown.length, input.provinces.length));
  const missing = input.provinces.filter((p) => p.value === null && !p.break).map((p) => p.name);
  if (missing.length) parts.push(`${words.noData.toLowerCase()}: ${someNames(missing, input.lang)}`);
  const broken = input.provinces.filter((p) => p.break).map((p) => p.name);
  if (broken.length) parts.push(`${words.breakTitle.toLowerCase()} (${words.breakNote}): ${someNames(broken, input.lang)}`);
  return `${input.subject}: ${parts.join('; ')}.`;
}
