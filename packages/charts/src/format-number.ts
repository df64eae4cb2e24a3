import type { Lang } from './types.ts';

const formatters = new Map<string, Intl.NumberFormat>();

/** Building an Intl.NumberFormat is costly next to using one, and an axis formats many numbers. */
function formatter(lang: Lang, decimals: number): Intl.NumberFormat {
  const key = `${lang}:${decimals}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    formatters.set(key, found);
  }
  return found;
}

/**
 * A bare number in the reader's convention: vi `54.913`, `99,8`; en `54,913`, `99.8`.
 * @param value the number, already scaled
 * @param lang the element's language
 * @param decimals exactly this many decimals are shown (0 to 20; out-of-range values are clamped)
 * @returns the number; a value that rounds to zero is "0", never "-0", because a sign on zero
 *   reads as a loss that is not there
 */
export function formatNumber(value: number, lang: Lang, decimals: number): string {
  const digits = Math.min(20, Math.max(0, Math.round(Number.isFinite(decimals) ? decimals : 0)));
  const text = formatter(lang, digits).format(value);
  return /[1-9]/.test(text) ? text : formatter(lang, digits).format(0);
}
