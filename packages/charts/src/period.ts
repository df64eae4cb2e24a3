/**
 * chiso's period language, one home for the browser and the server: the gateway reads periods in
 * requests and stored data with it, the chart builder checks what a journalist types and finds the
 * day whose provinces to list. Pure: no DOM, no Node, no transport; a bad period throws a
 * PeriodError that says how to write it (the gateway answers it as BAD_USER_INPUT).
 */

/** A period or a day that cannot be read; the message quotes the input and says what to write. */
export class PeriodError extends Error {
  override name = 'PeriodError';
}

export type PeriodKind = 'MONTH' | 'QUARTER' | 'YEAR' | 'YEAR_TO_DATE' | 'REPORTING_PERIOD' | 'AS_OF_DATE';

/** A span of days an observation covers; `start` and `end` are inclusive days at midnight UTC. */
export interface Period {
  kind: PeriodKind;
  /** First day, inclusive, midnight UTC. */
  start: Date;
  /** Last day, inclusive, midnight UTC (== start for AS_OF_DATE). */
  end: Date;
  /** Canonical text form: what `parsePeriod` reads back to the same period. */
  code: string;
}

const FORMS =
  'write a year (2021), a quarter (2021-Q3), a month (2021-09), a year to date (2021-YTD-09), a range (2020-12-15/2021-09-15) or a date (2021-10-10)';
// Plain tables, not Intl: labels must not change with the ICU data of the Node build.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ROMAN = ['I', 'II', 'III', 'IV'];
// UTC has no daylight saving, so a day is always this many milliseconds.
const DAY_MS = 86_400_000;
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

const day = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));
// Day 0 of the next month is the last day of this one; Date.UTC also rolls months past 12 or below 1.
const monthEnd = (y: number, m: number): Date => new Date(Date.UTC(y, m, 0));
const ymd = (date: Date): [number, number, number] => [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
const pad = (n: number): string => String(n).padStart(2, '0');
const sameDay = (a: Date, b: Date): boolean => a.getTime() === b.getTime();
const yearOk = (y: number): boolean => y >= MIN_YEAR && y <= MAX_YEAR;
const notAPeriod = (text: string) => new PeriodError(`"${text}" is not a period: ${FORMS}`);

/** A valid calendar day from `YYYY-MM-DD`, or null; the year range also keeps Date.UTC off its 0..99 → 19xx mapping. */
function dayOrNull(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!yearOk(y) || m < 1 || m > 12 || d < 1 || d > monthEnd(y, m).getUTCDate()) return null;
  return day(y, m, d);
}

/** Parses `YYYY-MM-DD` strictly to midnight UTC (rejects 2021-02-30 and years outside 1900..2200); throws PeriodError. */
export function parseDay(text: string): Date {
  const date = dayOrNull(text);
  if (!date) throw new PeriodError(`"${text}" is not a day: write YYYY-MM-DD (2021-10-10), with a year from ${MIN_YEAR} to ${MAX_YEAR}`);
  return date;
}

// A server answering a chart formats the same few hundred days again and again (each period's
// code, start and end, the keys of stored values): the texts are kept by time, a bounded number.
const dayTexts = new Map<number, string>();
const MAX_DAY_TEXTS = 10_000;

/** Formats a Date as YYYY-MM-DD (UTC); throws RangeError for an invalid Date, as toISOString does. */
export function formatDay(date: Date): string {
  const time = date.getTime();
  let text = dayTexts.get(time);
  if (text === undefined) {
    text = date.toISOString().slice(0, 10);
    if (dayTexts.size >= MAX_DAY_TEXTS) dayTexts.clear();
    dayTexts.set(time, text);
  }
  return text;
}

/** Parses the period language; throws PeriodError with a message that quotes the input and lists the accepted forms. */
export function parsePeriod(text: string): Period {
  const s = text.trim();
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})$/.exec(s))) {
    const y = Number(match[1]);
    if (yearOk(y)) return periodOf('YEAR', day(y, 1, 1), day(y, 12, 31));
  } else if ((match = /^(\d{4})-[Qq](\d)$/.exec(s))) {
    const [y, q] = [Number(match[1]), Number(match[2])];
    if (yearOk(y) && q >= 1 && q <= 4) return periodOf('QUARTER', day(y, 3 * q - 2, 1), monthEnd(y, 3 * q));
  } else if ((match = /^(\d{4})-(\d{2})$/.exec(s))) {
    const [y, m] = [Number(match[1]), Number(match[2])];
    if (yearOk(y) && m >= 1 && m <= 12) return periodOf('MONTH', day(y, m, 1), monthEnd(y, m));
  } else if ((match = /^(\d{4})-YTD-(\d{2})$/.exec(s))) {
    const [y, m] = [Number(match[1]), Number(match[2])];
    if (yearOk(y) && m >= 1 && m <= 12) return periodOf('YEAR_TO_DATE', day(y, 1, 1), monthEnd(y, m));
  } else if ((match = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(s))) {
    const [from, to] = [dayOrNull(match[1]!), dayOrNull(match[2]!)];
    if (from && to && from > to) {
      throw new PeriodError(`"${text}" is not a period: the range starts on ${match[1]}, after it ends on ${match[2]}; write the earlier day first`);
    }
    if (from && to) return periodOf('REPORTING_PERIOD', from, to);
  } else {
    const date = dayOrNull(s);
    if (date) return periodOf('AS_OF_DATE', date, date);
  }
  throw notAPeriod(text);
}

/** The canonical non-range code when the dates have the shape their kind promises, else null. */
function shapeCode(kind: PeriodKind, start: Date, end: Date): string | null {
  const [y, m, d] = ymd(start);
  const [ey, em] = ymd(end);
  const wholeMonths = d === 1 && ey === y && sameDay(end, monthEnd(ey, em));
  switch (kind) {
    case 'AS_OF_DATE':
      return sameDay(start, end) ? formatDay(start) : null;
    case 'MONTH':
      return wholeMonths && em === m ? `${y}-${pad(m)}` : null;
    case 'QUARTER':
      return wholeMonths && m % 3 === 1 && em === m + 2 ? `${y}-Q${(m + 2) / 3}` : null;
    case 'YEAR':
      return wholeMonths && m === 1 && em === 12 ? `${y}` : null;
    case 'YEAR_TO_DATE':
      return wholeMonths && m === 1 ? `${y}-YTD-${pad(em)}` : null;
    case 'REPORTING_PERIOD':
      return null;
  }
}

/**
 * The period an observation covers, from the stored kind and dates, with its canonical code.
 * Dates that do not fit their kind (a "YEAR_TO_DATE" cut off on the 15th) get the range code and keep the kind.
 * @throws RangeError when a date is invalid or start is after end: stored data is broken, not the request.
 */
export function periodOf(kind: PeriodKind, start: Date, end: Date): Period {
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || start > end) {
    throw new RangeError(`A ${kind} period must start on or before its end, got ${String(start)} to ${String(end)}`);
  }
  const code = shapeCode(kind, start, end) ?? `${formatDay(start)}/${formatDay(end)}`;
  // Copies, so that a caller mutating its Date cannot change a Period held elsewhere.
  return { kind, start: new Date(start.getTime()), end: new Date(end.getTime()), code };
}

function dayLabel(date: Date, lang: 'VI' | 'EN'): string {
  const [y, m, d] = ymd(date);
  // Vietnamese press writes 15/9/2021, without leading zeros.
  return lang === 'VI' ? `${d}/${m}/${y}` : `${d} ${MONTHS[m - 1]!.slice(0, 3)} ${y}`;
}

const monthLabel = (y: number, m: number, lang: 'VI' | 'EN'): string => (lang === 'VI' ? `Tháng ${m}/${y}` : `${MONTHS[m - 1]!} ${y}`);
const yearLabel = (y: number, lang: 'VI' | 'EN'): string => (lang === 'VI' ? `Năm ${y}` : `${y}`);

/** Human label in Vietnamese or English: `Quý III/2021`, `9 tháng 2021`, `15/12/2020 – 15/9/2021`, `As of 10 Oct 2021`. */
export function periodLabel(period: Period, lang: 'VI' | 'EN'): string {
  const { kind, start, end } = period;
  const [y, m] = ymd(start);
  const em = ymd(end)[1];
  const range = `${dayLabel(start, lang)} – ${dayLabel(end, lang)}`;
  if (shapeCode(kind, start, end) === null) return range;
  switch (kind) {
    case 'YEAR':
      return yearLabel(y, lang);
    case 'QUARTER':
      return lang === 'VI' ? `Quý ${ROMAN[(m - 1) / 3]!}/${y}` : `Q${(m + 2) / 3} ${y}`;
    case 'MONTH':
      return monthLabel(y, m, lang);
    case 'YEAR_TO_DATE':
      // "1 tháng" is just January and "12 tháng" the whole year: name them as the press does.
      if (em === 1) return monthLabel(y, 1, lang);
      if (em === 12) return yearLabel(y, lang);
      return lang === 'VI' ? `${em} tháng ${y}` : `${em} months of ${y}`;
    case 'AS_OF_DATE':
      return lang === 'VI' ? `Ngày ${dayLabel(start, lang)}` : `As of ${dayLabel(start, lang)}`;
    case 'REPORTING_PERIOD':
      return range;
  }
}

/** The same day a year earlier; 29 February becomes 28 February. */
function yearEarlier(date: Date): Date {
  const [y, m, d] = ymd(date);
  return day(y - 1, m, Math.min(d, monthEnd(y - 1, m).getUTCDate()));
}

/**
 * The period to compare against. SAME_PERIOD_LAST_YEAR shifts start and end one year back;
 * PREVIOUS_PERIOD is the period of the same kind just before (a range: the same number of days
 * ending the day before start). A year to date and an as-of date have no shorter predecessor,
 * so their previous period is the same one a year earlier.
 */
export function shiftPeriod(period: Period, against: 'SAME_PERIOD_LAST_YEAR' | 'PREVIOUS_PERIOD'): Period {
  const { kind, start, end } = period;
  const calendar = kind !== 'AS_OF_DATE' && shapeCode(kind, start, end) !== null;
  const [y, m] = ymd(start);
  if (against === 'SAME_PERIOD_LAST_YEAR' || kind === 'YEAR_TO_DATE' || kind === 'AS_OF_DATE') {
    const [ey, em] = ymd(end);
    // A calendar period ends on the last day of a month, which may be 28 or 29 February a year earlier.
    return periodOf(kind, yearEarlier(start), calendar ? monthEnd(ey - 1, em) : yearEarlier(end));
  }
  if (calendar) {
    const months = kind === 'MONTH' ? 1 : kind === 'QUARTER' ? 3 : 12;
    return periodOf(kind, day(y, m - months, 1), new Date(start.getTime() - DAY_MS));
  }
  const length = end.getTime() - start.getTime();
  const previousEnd = start.getTime() - DAY_MS;
  return periodOf(kind, new Date(previousEnd - length), new Date(previousEnd));
}

/** True for kinds whose values accumulate from a start date (YEAR_TO_DATE, REPORTING_PERIOD) or are stocks at a date (AS_OF_DATE): such values must never be added up over time. */
export function isCumulative(kind: PeriodKind): boolean {
  return kind === 'YEAR_TO_DATE' || kind === 'REPORTING_PERIOD' || kind === 'AS_OF_DATE';
}

/** True when the two periods share at least one day (ends are inclusive). */
export function periodsOverlap(a: Period, b: Period): boolean {
  return a.start <= b.end && b.start <= a.end;
}

const MONTHS_IN: Partial<Record<PeriodKind, number>> = { MONTH: 1, QUARTER: 3, YEAR: 12 };

/**
 * The months or quarters that make up a calendar YEAR, QUARTER or MONTH, in order; a period split
 * into its own unit is itself. Throws PeriodError for anything else (quarters of a month, months of
 * a range or of a year to date), since those would not add up to the period.
 */
export function subPeriods(period: Period, unit: 'MONTH' | 'QUARTER'): Period[] {
  const { kind, start, end } = period;
  const span = MONTHS_IN[kind];
  const size = unit === 'MONTH' ? 1 : 3;
  if (span === undefined || span < size || shapeCode(kind, start, end) === null) {
    const [units, wholes] = unit === 'MONTH' ? ['months', 'year, quarter or month'] : ['quarters', 'year or quarter'];
    throw new PeriodError(`"${period.code}" cannot be split into ${units}: only a calendar ${wholes} is made of ${units}`);
  }
  const [y, m] = ymd(start);
  return Array.from({ length: span / size }, (_, i) => periodOf(unit, day(y, m + i * size, 1), monthEnd(y, m + i * size + size - 1)));
}

/**
 * The last day (YYYY-MM-DD) of a period code (2021, 2021-Q3, 2021-09, 2021-YTD-09, a range a/b,
 * a date), or null when the text is not a period: for a form that checks as it is typed.
 */
export function periodEnd(text: string): string | null {
  try {
    return formatDay(parsePeriod(text).end);
  } catch (error) {
    if (error instanceof PeriodError) return null;
    throw error;
  }
}

/** True for a valid calendar day written YYYY-MM-DD (2021-02-30 is not one). */
export function isDay(text: string): boolean {
  return dayOrNull(text) !== null;
}
