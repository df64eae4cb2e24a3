/**
 * How numbers written as text are read. A convention is always stated, never guessed: "54.913" is
 * 54913 in Vietnamese writing and 54.913 in English writing, and a wrong guess is silent.
 * - `plain`: digits with at most one decimal point and no grouping ("54913", "99.8"), the format
 *   machines write; values that read differently in Vietnamese ("54.913") are refused as ambiguous.
 * - `vi`: "." groups thousands, "," marks decimals ("54.913", "99,8", "1.234,5").
 * - `en`: "," groups thousands, "." marks decimals ("54,913", "99.8", "1,234.5").
 */
export type NumberConvention = 'plain' | 'vi' | 'en';

export const numberConventions: readonly NumberConvention[] = ['plain', 'vi', 'en'];

/** A decimal string in plain form ("-1234.5"), or the reason the text is not a number. */
export type ParsedNumber = { ok: true; decimal: string } | { ok: false; expected: string };

const PLAIN = /^\d+(\.\d+)?$/;
const VI_GROUPED = /^\d{1,3}(\.\d{3})+(,\d+)?$/;
const VI_UNGROUPED = /^\d+(,\d+)?$/;
const EN_GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$/;
const LOOKS_VI_GROUPED = /^\d{1,3}(\.\d{3})+$/;

const examples: Record<NumberConvention, string> = {
  plain: 'a plain number like 54913 or 99.8 (decimal point, no thousands separator)',
  vi: 'a number written the Vietnamese way, like 54.913 or 99,8',
  en: 'a number written the English way, like 54,913 or 99.8',
};

/** Reads one number written as text under a convention. */
export function parseNumberText(raw: string, convention: NumberConvention): ParsedNumber {
  let text = raw.trim().replace(/\u2212/g, '-');
  let sign = '';
  if (text.startsWith('-') || text.startsWith('+')) {
    sign = text[0] === '-' ? '-' : '';
    text = text.slice(1);
  }
  const fail = (why = ''): ParsedNumber => ({ ok: false, expected: `${examples[convention]}${why}` });
  if (text === '') return fail();
  let plain: string | null = null;
  if (convention === 'plain') {
    if (LOOKS_VI_GROUPED.test(text)) {
      return fail(
        `; "${raw.trim()}" is ambiguous (${text.replace(/\./g, '')} in Vietnamese writing, ${text} in English writing): ` +
          'declare the convention (numbers: vi or numbers: en in the mapping, --numbers on the command line)',
      );
    }
    if (text.includes(',')) return fail('; a comma needs a declared convention (numbers: vi for "99,8", numbers: en for "54,913")');
    if (PLAIN.test(text)) plain = text;
  } else if (convention === 'vi') {
    if (VI_GROUPED.test(text) || VI_UNGROUPED.test(text)) plain = text.replace(/\./g, '').replace(',', '.');
  } else if (EN_GROUPED.test(text) || PLAIN.test(text)) {
    plain = text.replace(/,/g, '');
  }
  if (plain === null) return fail();
  return { ok: true, decimal: normalise(sign + plain) };
}

/** A number from a spreadsheet cell as a plain decimal string (no exponent, no binary noise). */
export function numberCellToDecimal(value: number): ParsedNumber {
  if (!Number.isFinite(value)) return { ok: false, expected: 'a finite number' };
  // 15 significant digits drop the binary noise of values like 5.319000000000001.
  const rounded = Number(value.toPrecision(15));
  let text = String(rounded);
  if (/e/i.test(text)) {
    text = rounded.toFixed(Math.min(20, Math.max(0, 15 - Math.floor(Math.log10(Math.abs(rounded))))));
  }
  return { ok: true, decimal: normalise(text) };
}

/** Drops leading zeros and trailing decimal zeros: "-007.50" → "-7.5", "-0" → "0". */
function normalise(decimal: string): string {
  let [int = '0', frac = ''] = decimal.replace(/^-/, '').split('.');
  int = int.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return decimal.startsWith('-') && /[1-9]/.test(body) ? `-${body}` : body;
}
