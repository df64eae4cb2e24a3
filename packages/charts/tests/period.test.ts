import { describe, expect, it } from 'vitest';
import {
  formatDay,
  isCumulative,
  isDay,
  parseDay,
  parsePeriod,
  PeriodError,
  periodEnd,
  periodLabel,
  periodOf,
  periodsOverlap,
  shiftPeriod,
  subPeriods,
  type PeriodKind,
} from '../src/period.ts';

const utc = (day: string) => new Date(`${day}T00:00:00.000Z`);
const days = (text: string) => {
  const { kind, start, end, code } = parsePeriod(text);
  return { kind, start: formatDay(start), end: formatDay(end), code };
};
const notAPeriod = (text: string) =>
  `"${text}" is not a period: write a year (2021), a quarter (2021-Q3), a month (2021-09), a year to date (2021-YTD-09), a range (2020-12-15/2021-09-15) or a date (2021-10-10)`;
/** The error `fn` throws, so its kind and message can be checked together. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PeriodError);
    return error;
  }
  throw new Error('expected an error, got none');
}

describe('parsePeriod', () => {
  it('reads a year', () => {
    expect(days('2021')).toEqual({ kind: 'YEAR', start: '2021-01-01', end: '2021-12-31', code: '2021' });
  });

  it('reads a quarter', () => {
    expect(days('2021-Q3')).toEqual({ kind: 'QUARTER', start: '2021-07-01', end: '2021-09-30', code: '2021-Q3' });
  });

  it('reads a quarter written with a lower-case q and gives the canonical code', () => {
    expect(days('2021-q1')).toEqual({ kind: 'QUARTER', start: '2021-01-01', end: '2021-03-31', code: '2021-Q1' });
  });

  it('reads a month', () => {
    expect(days('2021-09')).toEqual({ kind: 'MONTH', start: '2021-09-01', end: '2021-09-30', code: '2021-09' });
  });

  it('ends February 2024 on the leap day', () => {
    expect(days('2024-02')).toEqual({ kind: 'MONTH', start: '2024-02-01', end: '2024-02-29', code: '2024-02' });
  });

  it('reads a year to date', () => {
    expect(days('2021-YTD-09')).toEqual({ kind: 'YEAR_TO_DATE', start: '2021-01-01', end: '2021-09-30', code: '2021-YTD-09' });
  });

  it('reads the reporting range of the Quảng Nam dossiers, both ends inclusive', () => {
    expect(days('2020-12-15/2021-09-15')).toEqual({
      kind: 'REPORTING_PERIOD',
      start: '2020-12-15',
      end: '2021-09-15',
      code: '2020-12-15/2021-09-15',
    });
  });

  it('reads a one-day range as a reporting period', () => {
    expect(days('2021-09-15/2021-09-15')).toEqual({ kind: 'REPORTING_PERIOD', start: '2021-09-15', end: '2021-09-15', code: '2021-09-15/2021-09-15' });
  });

  it('reads an as-of date as a single day', () => {
    expect(days('2021-10-10')).toEqual({ kind: 'AS_OF_DATE', start: '2021-10-10', end: '2021-10-10', code: '2021-10-10' });
  });

  it('gives dates at midnight UTC', () => {
    expect(parsePeriod('2021-09').start.toISOString()).toBe('2021-09-01T00:00:00.000Z');
  });

  it('ignores surrounding whitespace', () => {
    expect(parsePeriod('  2021-Q3\n').code).toBe('2021-Q3');
  });

  it.each([
    '',
    'Q3 2021',
    '2021-9',
    '21-09',
    '2021-02-30',
    '2023-02-29',
    '2021-13',
    '2021-00',
    '2021-Q5',
    '2021-Q0',
    '2021-YTD-13',
    '2021-YTD-00',
    '2021-ytd-09',
    '1899',
    '2201',
    '2021 - 09',
    '2020-12-15 / 2021-09-15',
    '2020-12-15/2021-02-30',
    '2021-09-15/',
  ])('rejects %j with a PeriodError listing the accepted forms', (text) => {
    expect(thrown(() => parsePeriod(text))).toMatchObject({ message: notAPeriod(text), name: 'PeriodError' });
  });

  it('rejects a range that starts after it ends, saying so', () => {
    expect(thrown(() => parsePeriod('2021-09-15/2020-12-15'))).toMatchObject({
      message: '"2021-09-15/2020-12-15" is not a period: the range starts on 2021-09-15, after it ends on 2020-12-15; write the earlier day first',
      name: 'PeriodError',
    });
  });
});

describe('periodOf', () => {
  it.each(['2021', '2021-Q3', '2021-09', '2021-YTD-09', '2021-YTD-12', '2020-12-15/2021-09-15', '2021-10-10'])(
    'gives back the code %s from the kind and dates parsePeriod gives',
    (code) => {
      const period = parsePeriod(code);
      expect(periodOf(period.kind, period.start, period.end)).toEqual(period);
    },
  );

  it('gives the month code to a stored calendar month', () => {
    expect(periodOf('MONTH', utc('2021-09-01'), utc('2021-09-30')).code).toBe('2021-09');
  });

  it('gives the range code to a year to date cut off on the 15th and keeps its kind', () => {
    expect(periodOf('YEAR_TO_DATE', utc('2021-01-01'), utc('2021-09-15'))).toMatchObject({ kind: 'YEAR_TO_DATE', code: '2021-01-01/2021-09-15' });
  });

  it('gives the range code to a reporting period even when it spans a calendar year', () => {
    expect(periodOf('REPORTING_PERIOD', utc('2021-01-01'), utc('2021-12-31')).code).toBe('2021-01-01/2021-12-31');
  });

  it('refuses stored dates that end before they start', () => {
    expect(() => periodOf('MONTH', utc('2021-09-30'), utc('2021-09-01'))).toThrow(RangeError);
  });
});

describe('periodLabel', () => {
  it.each([
    ['2021', 'Năm 2021', '2021'],
    ['2021-Q3', 'Quý III/2021', 'Q3 2021'],
    ['2021-Q4', 'Quý IV/2021', 'Q4 2021'],
    ['2021-09', 'Tháng 9/2021', 'September 2021'],
    ['2021-YTD-09', '9 tháng 2021', '9 months of 2021'],
    ['2021-YTD-01', 'Tháng 1/2021', 'January 2021'],
    ['2021-YTD-12', 'Năm 2021', '2021'],
    ['2020-12-15/2021-09-15', '15/12/2020 – 15/9/2021', '15 Dec 2020 – 15 Sep 2021'],
    ['2021-10-10', 'Ngày 10/10/2021', 'As of 10 Oct 2021'],
  ])('labels %s as "%s" in Vietnamese and "%s" in English', (code, vi, en) => {
    const period = parsePeriod(code);
    expect([periodLabel(period, 'VI'), periodLabel(period, 'EN')]).toEqual([vi, en]);
  });

  it('labels a year to date cut off on the 15th by its dates', () => {
    const period = periodOf('YEAR_TO_DATE', utc('2021-01-01'), utc('2021-09-15'));
    expect([periodLabel(period, 'VI'), periodLabel(period, 'EN')]).toEqual(['1/1/2021 – 15/9/2021', '1 Jan 2021 – 15 Sep 2021']);
  });
});

describe('shiftPeriod', () => {
  const shift = (code: string, against: 'SAME_PERIOD_LAST_YEAR' | 'PREVIOUS_PERIOD') => {
    const { kind, start, end, code: shifted } = shiftPeriod(parsePeriod(code), against);
    return { kind, start: formatDay(start), end: formatDay(end), code: shifted };
  };

  it('compares 9 months of 2021 with 9 months of 2020', () => {
    expect(shift('2021-YTD-09', 'SAME_PERIOD_LAST_YEAR')).toEqual({ kind: 'YEAR_TO_DATE', start: '2020-01-01', end: '2020-09-30', code: '2020-YTD-09' });
  });

  it('compares a reporting range with the same days a year earlier', () => {
    expect(shift('2020-12-15/2021-09-15', 'SAME_PERIOD_LAST_YEAR').code).toBe('2019-12-15/2020-09-15');
  });

  it('compares the leap day with 28 February a year earlier', () => {
    expect(shift('2024-02-29', 'SAME_PERIOD_LAST_YEAR')).toEqual({ kind: 'AS_OF_DATE', start: '2023-02-28', end: '2023-02-28', code: '2023-02-28' });
  });

  it('compares February 2025 with the whole of February 2024, leap day included', () => {
    expect(shift('2025-02', 'SAME_PERIOD_LAST_YEAR')).toEqual({ kind: 'MONTH', start: '2024-02-01', end: '2024-02-29', code: '2024-02' });
  });

  it('puts August before September', () => {
    expect(shift('2021-09', 'PREVIOUS_PERIOD').code).toBe('2021-08');
  });

  it('puts December of the previous year before January', () => {
    expect(shift('2021-01', 'PREVIOUS_PERIOD')).toEqual({ kind: 'MONTH', start: '2020-12-01', end: '2020-12-31', code: '2020-12' });
  });

  it('puts the fourth quarter of 2020 before the first of 2021', () => {
    expect(shift('2021-Q1', 'PREVIOUS_PERIOD')).toEqual({ kind: 'QUARTER', start: '2020-10-01', end: '2020-12-31', code: '2020-Q4' });
  });

  it('puts 2020 before 2021', () => {
    expect(shift('2021', 'PREVIOUS_PERIOD').code).toBe('2020');
  });

  it('puts before a range the 275 days that end the day before it starts', () => {
    expect(shift('2020-12-15/2021-09-15', 'PREVIOUS_PERIOD')).toEqual({
      kind: 'REPORTING_PERIOD',
      start: '2020-03-15',
      end: '2020-12-14',
      code: '2020-03-15/2020-12-14',
    });
  });

  it('puts the same year to date of the previous year before a year to date', () => {
    expect(shift('2021-YTD-09', 'PREVIOUS_PERIOD').code).toBe('2020-YTD-09');
  });

  it('puts the same date a year earlier before an as-of date', () => {
    expect(shift('2021-10-10', 'PREVIOUS_PERIOD').code).toBe('2020-10-10');
  });
});

describe('isCumulative', () => {
  it.each<[PeriodKind, boolean]>([
    ['YEAR_TO_DATE', true],
    ['REPORTING_PERIOD', true],
    ['AS_OF_DATE', true],
    ['MONTH', false],
    ['QUARTER', false],
    ['YEAR', false],
  ])('says %s is cumulative: %s', (kind, cumulative) => {
    expect(isCumulative(kind)).toBe(cumulative);
  });
});

describe('periodsOverlap', () => {
  it('sees 9 months of 2021 overlap 6 months of 2021, so they must not be summed', () => {
    expect(periodsOverlap(parsePeriod('2021-YTD-09'), parsePeriod('2021-YTD-06'))).toBe(true);
  });

  it('sees the first and second quarters of 2021 as disjoint', () => {
    expect(periodsOverlap(parsePeriod('2021-Q1'), parsePeriod('2021-Q2'))).toBe(false);
  });

  it('counts a shared last day as overlap, since ends are inclusive', () => {
    expect(periodsOverlap(parsePeriod('2020-12-15/2021-09-15'), parsePeriod('2021-09-15'))).toBe(true);
  });

  it('sees the day after a range as outside it', () => {
    expect(periodsOverlap(parsePeriod('2020-12-15/2021-09-15'), parsePeriod('2021-09-16'))).toBe(false);
  });
});

describe('subPeriods', () => {
  const codes = (code: string, unit: 'MONTH' | 'QUARTER') => subPeriods(parsePeriod(code), unit).map((p) => p.code);

  it('splits 2021 into its 12 months', () => {
    expect(codes('2021', 'MONTH')).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2021-${m}`));
  });

  it('splits 2021 into its 4 quarters', () => {
    expect(codes('2021', 'QUARTER')).toEqual(['2021-Q1', '2021-Q2', '2021-Q3', '2021-Q4']);
  });

  it('splits the third quarter of 2021 into July, August and September', () => {
    expect(subPeriods(parsePeriod('2021-Q3'), 'MONTH').map((p) => [p.kind, p.code, formatDay(p.start), formatDay(p.end)])).toEqual([
      ['MONTH', '2021-07', '2021-07-01', '2021-07-31'],
      ['MONTH', '2021-08', '2021-08-01', '2021-08-31'],
      ['MONTH', '2021-09', '2021-09-01', '2021-09-30'],
    ]);
  });

  it('splits a month into months as itself', () => {
    expect(codes('2021-09', 'MONTH')).toEqual(['2021-09']);
  });

  it('refuses to split a month into quarters', () => {
    expect(thrown(() => subPeriods(parsePeriod('2021-09'), 'QUARTER'))).toMatchObject({
      message: '"2021-09" cannot be split into quarters: only a calendar year or quarter is made of quarters',
      name: 'PeriodError',
    });
  });

  it('refuses to split a reporting range into months', () => {
    expect(thrown(() => subPeriods(parsePeriod('2020-12-15/2021-09-15'), 'MONTH'))).toMatchObject({
      message: '"2020-12-15/2021-09-15" cannot be split into months: only a calendar year, quarter or month is made of months',
      name: 'PeriodError',
    });
  });

  it('refuses to split a year to date, whose value is cumulative, into months', () => {
    expect(thrown(() => subPeriods(parsePeriod('2021-YTD-09'), 'MONTH'))).toMatchObject({ name: 'PeriodError' });
  });
});

describe('parseDay and formatDay', () => {
  it('parses a day to midnight UTC', () => {
    expect(parseDay('2021-09-15').toISOString()).toBe('2021-09-15T00:00:00.000Z');
  });

  it('accepts the leap day of a leap year', () => {
    expect(formatDay(parseDay('2024-02-29'))).toBe('2024-02-29');
  });

  it.each(['2021-02-30', '2023-02-29', '2021-9-15', '2021-09-15T00:00:00Z', ' 2021-09-15', '0021-09-15'])('rejects %j', (text) => {
    expect(thrown(() => parseDay(text))).toMatchObject({
      message: `"${text}" is not a day: write YYYY-MM-DD (2021-10-10), with a year from 1900 to 2200`,
      name: 'PeriodError',
    });
  });

  it('formats a day as YYYY-MM-DD in UTC', () => {
    expect(formatDay(utc('2020-12-15'))).toBe('2020-12-15');
  });

  it('gives each day its own text however often it is asked, and refuses an invalid Date every time', () => {
    const days = Array.from({ length: 12_000 }, (_, i) => new Date(Date.UTC(2000, 0, 1 + i)));
    for (const round of [1, 2]) for (const date of days) expect(formatDay(date), `round ${round}`).toBe(date.toISOString().slice(0, 10));
    expect(formatDay(new Date(Date.UTC(2021, 8, 15, 23, 59)))).toBe('2021-09-15');
    for (const round of [1, 2]) expect(() => formatDay(new Date(Number.NaN)), `round ${round}`).toThrow(RangeError);
  });
});

// What a form in the browser uses on its own: the end of a typed period, whether a text is a day.
describe('periodEnd', () => {
  it.each([
    ['2021', '2021-12-31'],
    ['2021-Q3', '2021-09-30'],
    ['2024-q1', '2024-03-31'],
    ['2021-09', '2021-09-30'],
    ['2024-02', '2024-02-29'],
    ['2021-YTD-09', '2021-09-30'],
    ['2020-12-15/2021-09-15', '2021-09-15'],
    ['2021-10-10', '2021-10-10'],
    [' 2021 ', '2021-12-31'],
  ])('the last day of %s is %s', (code, end) => {
    expect(periodEnd(code)).toBe(end);
  });

  it.each(['', '21', '2021-Q5', '2021-13', '2021-YTD-00', '2021-02-30', '2021-09-15/2020-12-15', 'năm 2021'])('"%s" is not a period', (code) => {
    expect(periodEnd(code)).toBeNull();
  });
});

describe('isDay', () => {
  it('takes real calendar days only', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2023-02-29')).toBe(false);
    expect(isDay('2023-2-1')).toBe(false);
  });
});
