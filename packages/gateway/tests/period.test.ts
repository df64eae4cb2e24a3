import { describe, expect, it } from 'vitest';
import { parseDay, parsePeriod, subPeriods } from '../src/analytics/period.ts';

// The period language is tested where it lives (packages/charts/tests/period.test.ts); here what the
// gateway adds: a period a client wrote wrong is a BAD_USER_INPUT with the language's own message.
describe("the gateway's periods", () => {
  it('answers a text that is not a period as a bad user input that lists the accepted forms', () => {
    expect(() => parsePeriod('2021-13')).toThrow(
      expect.objectContaining({
        message:
          '"2021-13" is not a period: write a year (2021), a quarter (2021-Q3), a month (2021-09), a year to date (2021-YTD-09), a range (2020-12-15/2021-09-15) or a date (2021-10-10)',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', http: { status: 400 } }),
      }),
    );
  });

  it('answers a day that is not one, and a split that does not add up, the same way', () => {
    expect(() => parseDay('2021-02-30')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
    expect(() => subPeriods(parsePeriod('2021-09'), 'QUARTER')).toThrow(
      expect.objectContaining({
        message: '"2021-09" cannot be split into quarters: only a calendar year or quarter is made of quarters',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    );
  });

  it('reads a good period as the language does', () => {
    expect(parsePeriod('2021-Q3')).toMatchObject({ kind: 'QUARTER', code: '2021-Q3', end: new Date('2021-09-30T00:00:00Z') });
  });
});
