import { describe, expect, it } from 'vitest';
import { formatNumber } from '../src/format-number.ts';

describe('formatNumber', () => {
  it('groups thousands with a dot in Vietnamese', () => {
    expect(formatNumber(54913, 'vi', 0)).toBe('54.913');
  });

  it('groups thousands with a comma in English', () => {
    expect(formatNumber(54913, 'en', 0)).toBe('54,913');
  });

  it('writes the decimal comma in Vietnamese', () => {
    expect(formatNumber(99.8, 'vi', 1)).toBe('99,8');
  });

  it('keeps exactly the decimals asked for', () => {
    expect(formatNumber(35, 'vi', 1)).toBe('35,0');
  });

  it('never writes a negative zero', () => {
    expect(formatNumber(-0.04, 'en', 1)).toBe('0.0');
  });
});
