import { describe, expect, it } from 'vitest';
import { isDay, parsePeriod, PeriodError, periodEnd } from '../src/period.ts';

// The whole language is tested where the gateway answers with it (packages/gateway/tests/period.test.ts);
// here what the browser uses on its own: the end of a typed period, and the error a bad one throws.
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

describe('PeriodError', () => {
  it('says what to write', () => {
    expect(() => parsePeriod('2021-13')).toThrow(PeriodError);
    expect(() => parsePeriod('2021-13')).toThrow('"2021-13" is not a period: write a year (2021), a quarter (2021-Q3)');
  });
});

describe('isDay', () => {
  it('takes real calendar days only', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2023-02-29')).toBe(false);
    expect(isDay('2023-2-1')).toBe(false);
  });
});
