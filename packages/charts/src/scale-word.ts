import type { Lang } from './types.ts';

/** Words for powers of ten as news writes them; the same table as the gateway's displayUnit. */
const words: Record<number, Record<Lang, string>> = {
  3: { vi: 'nghìn', en: 'thousand' },
  6: { vi: 'triệu', en: 'million' },
  9: { vi: 'tỷ', en: 'billion' },
  12: { vi: 'nghìn tỷ', en: 'trillion' },
};

/**
 * The word a value scaled by 10^exponent is read with: 9 is "tỷ" / "billion". Compact notation of
 * Intl is not used because vi-VN gives "4,9 NT", which no Vietnamese reader writes.
 * @param exponent the power of ten (3, 6, 9 or 12)
 * @param lang the element's language
 * @returns the word, or null for 0 and for powers with no word of their own: values are then
 *   shown unscaled, since a scaled number without its word would read as a wrong number
 */
export function scaleWord(exponent: number, lang: Lang): string | null {
  return words[exponent]?.[lang] ?? null;
}
