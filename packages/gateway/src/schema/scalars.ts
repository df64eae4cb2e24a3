import { Kind } from 'graphql';
import { builder } from '../builder.ts';
import { badUserInput } from '../errors.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `2021-09-15` to midnight UTC; rejects impossible dates such as 2021-02-30. */
export function parseIsoDate(value: unknown): Date {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  const date = match ? new Date(`${value as string}T00:00:00.000Z`) : null;
  if (!match || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw badUserInput(`${JSON.stringify(value)} is not a valid date: write an ISO date like "2021-09-15"`);
  }
  return date;
}

export const formatIsoDate = (date: Date): string => date.toISOString().slice(0, 10);

builder.scalarType('Date', {
  description: 'A calendar date in ISO 8601 form, e.g. `2021-09-15`.',
  serialize: (value) => formatIsoDate(value),
  parseValue: parseIsoDate,
  parseLiteral: (ast) => parseIsoDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('DateTime', {
  description: 'An instant in ISO 8601 form with time zone, e.g. `2021-10-10T00:00:00.000Z`.',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = typeof value === 'string' && /\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime())) {
      throw badUserInput(`${JSON.stringify(value)} is not a valid date-time: write e.g. "2021-10-10T00:00:00Z"`);
    }
    return date;
  },
});

export const Lang = builder.enumType('Lang', {
  description: 'Language of names and descriptions.',
  values: { VI: { description: 'Vietnamese' }, EN: { description: 'English' } },
});

/** Picks the Vietnamese or English variant of a text. */
export const inLang = (lang: 'VI' | 'EN' | null | undefined, vi: string, en: string): string => (lang === 'EN' ? en : vi);
