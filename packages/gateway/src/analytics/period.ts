import {
  parseDay as parseDayOrThrow,
  parsePeriod as parsePeriodOrThrow,
  PeriodError,
  subPeriods as subPeriodsOrThrow,
  type Period,
} from '@chiso/charts/period';
import { badUserInput } from '../errors.ts';

// The period language lives in @chiso/charts (the builder in the browser reads periods with the same
// rules). Here its PeriodError becomes what a client is told: BAD_USER_INPUT with the same message.
export { formatDay, isCumulative, periodLabel, periodOf, periodsOverlap, shiftPeriod, type Period, type PeriodKind } from '@chiso/charts/period';

function asUserInput<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    try {
      return fn(...args);
    } catch (error) {
      throw error instanceof PeriodError ? badUserInput(error.message) : error;
    }
  };
}

/** Parses `YYYY-MM-DD` strictly to midnight UTC; throws badUserInput saying how to write a day. */
export const parseDay: (text: string) => Date = asUserInput(parseDayOrThrow);
/** Parses the period language; throws badUserInput that quotes the input and lists the accepted forms. */
export const parsePeriod: (text: string) => Period = asUserInput(parsePeriodOrThrow);
/** The months or quarters of a calendar period; throws badUserInput for a period not made of them. */
export const subPeriods: (period: Period, unit: 'MONTH' | 'QUARTER') => Period[] = asUserInput(subPeriodsOrThrow);
