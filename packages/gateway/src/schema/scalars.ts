import { Kind } from 'graphql';
import { builder } from '../builder.ts';
import { formatDay } from '../analytics/period.ts';
import { badUserInput } from '../errors.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Years a date or an instant may have: four digits from 0001, what PostgreSQL stores and ISO 8601
 * writes without a sign (year 0000 and "+275760-…" are refused, not sent to the database).
 */
const FIRST_YEAR = 1;
const LAST_YEAR = 9999;

const inRange = (date: Date) => date.getUTCFullYear() >= FIRST_YEAR && date.getUTCFullYear() <= LAST_YEAR;
const shown = (value: unknown) => (typeof value === 'string' && value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value));

/** Parses `2021-09-15` to midnight UTC; rejects impossible dates such as 2021-02-30 and years outside 0001–9999. */
export function parseIsoDate(value: unknown): Date {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  const date = match ? new Date(`${value as string}T00:00:00.000Z`) : null;
  if (!match || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw badUserInput(`${shown(value)} is not a valid date: write an ISO date like "2021-09-15"`);
  }
  if (!inRange(date)) throw badUserInput(`${shown(value)} is out of range: years run from 0001 to 9999, e.g. "2021-09-15"`);
  return date;
}

/** Parses an ISO 8601 instant with a time zone; rejects years outside 0001–9999. */
function parseIsoDateTime(value: unknown): Date {
  const date = typeof value === 'string' && value.length <= 40 && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw badUserInput(`${shown(value)} is not a valid date-time: write e.g. "2021-10-10T00:00:00Z"`);
  }
  if (!inRange(date)) throw badUserInput(`${shown(value)} is out of range: years run from 0001 to 9999, e.g. "2021-10-10T00:00:00Z"`);
  return date;
}

export const formatIsoDate: (date: Date) => string = formatDay;

builder.scalarType('Date', {
  description: 'A calendar date in ISO 8601 form, e.g. `2021-09-15`.',
  serialize: (value) => formatIsoDate(value),
  parseValue: parseIsoDate,
  parseLiteral: (ast) => parseIsoDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('DateTime', {
  description: 'An instant in ISO 8601 form with time zone, e.g. `2021-10-10T00:00:00.000Z`.',
  serialize: (value) => value.toISOString(),
  parseValue: parseIsoDateTime,
  parseLiteral: (ast) => parseIsoDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const Lang = builder.enumType('Lang', {
  description: 'Language of names and descriptions.',
  values: { VI: { description: 'Vietnamese' }, EN: { description: 'English' } },
});

/** Picks the Vietnamese or English variant of a text. */
export const inLang = (lang: 'VI' | 'EN' | null | undefined, vi: string, en: string): string => (lang === 'EN' ? en : vi);
