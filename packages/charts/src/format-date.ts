import type { Lang } from './types.ts';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A calendar date as a reader writes it: vi `10/10/2021` (day/month/year, no leading zeros, as
 * Vietnamese documents do), en `10 Oct 2021` (day before month, so neither reader mistakes
 * 10/9 for 9 October or 10 September).
 * Built by hand rather than with Intl so that the result does not depend on the ICU data a
 * browser or Node ships, and so that a date never shifts by a day with the reader's time zone.
 * @param iso an ISO date `YYYY-MM-DD` (a time part after it is ignored)
 * @param lang the element's language
 * @returns the date; anything that is not an ISO date is returned unchanged, never thrown on
 */
export function formatDate(iso: string, lang: Lang): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const name = MONTHS_EN[month - 1];
  if (name === undefined || day < 1 || day > 31) return iso;
  return lang === 'vi' ? `${day}/${month}/${year}` : `${day} ${name} ${year}`;
}
