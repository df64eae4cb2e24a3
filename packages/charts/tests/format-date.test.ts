import { describe, expect, it } from 'vitest';
import { formatDate } from '../src/format-date.ts';

describe('formatDate', () => {
  it('writes the publication date as 10/10/2021 in Vietnamese', () => {
    expect(formatDate('2021-10-10', 'vi')).toBe('10/10/2021');
  });

  it('writes the publication date as 10 Oct 2021 in English', () => {
    expect(formatDate('2021-10-10', 'en')).toBe('10 Oct 2021');
  });

  it('drops leading zeros in Vietnamese', () => {
    expect(formatDate('2021-09-05', 'vi')).toBe('5/9/2021');
  });

  it('drops the leading zero of the day in English', () => {
    expect(formatDate('2020-12-05', 'en')).toBe('5 Dec 2020');
  });

  it('ignores a time part, so the date never moves with the time zone', () => {
    expect(formatDate('2021-09-15T23:30:00-07:00', 'vi')).toBe('15/9/2021');
  });

  it('returns text that is not a date unchanged', () => {
    expect(formatDate('9 tháng 2021', 'vi')).toBe('9 tháng 2021');
  });
});
