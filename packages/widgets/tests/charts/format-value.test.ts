import { describe, expect, it } from 'vitest';
import { formatValue } from '../../src/charts/format-value.ts';
import type { ValueFormat } from '../../src/charts/types.ts';
import { vndBillions, usdMillions, dossiers, percent } from './formats.ts';

const wholePercent: ValueFormat = { ...percent, decimals: 0 };

describe('formatValue', () => {
  it('shows domestic capital as 4.927 tỷ đồng', () => {
    expect(formatValue(4_927_000_000_000, vndBillions, 'vi')).toBe('4.927 tỷ đồng');
  });

  it('shows domestic capital as 4,927 billion VND', () => {
    expect(formatValue(4_927_000_000_000, vndBillions, 'en')).toBe('4,927 billion VND');
  });

  it('shows FDI capital as 14,7 triệu USD', () => {
    expect(formatValue(14_700_000, usdMillions, 'vi')).toBe('14,7 triệu USD');
  });

  it('shows FDI capital as 14.7 million USD', () => {
    expect(formatValue(14_700_000, usdMillions, 'en')).toBe('14.7 million USD');
  });

  it('shows dossiers received as 54.913 hồ sơ', () => {
    expect(formatValue(54913, dossiers, 'vi')).toBe('54.913 hồ sơ');
  });

  it('shows dossiers received as 54,913 dossiers', () => {
    expect(formatValue(54913, dossiers, 'en')).toBe('54,913 dossiers');
  });

  it('shows the on-time rate as 99,8 % with a space in Vietnamese', () => {
    expect(formatValue(99.8, percent, 'vi')).toBe('99,8 %');
  });

  it('shows the on-time rate as 99.8% without a space in English', () => {
    expect(formatValue(99.8, percent, 'en')).toBe('99.8%');
  });

  it('says a lower bound as trên 90 %', () => {
    expect(formatValue(90, wholePercent, 'vi', 'MORE_THAN')).toBe('trên 90 %');
  });

  it('says a lower bound as more than 90%', () => {
    expect(formatValue(90, wholePercent, 'en', 'MORE_THAN')).toBe('more than 90%');
  });

  it('says an upper bound as dưới', () => {
    expect(formatValue(30, dossiers, 'vi', 'LESS_THAN')).toBe('dưới 30 hồ sơ');
  });

  it('says an estimate as about', () => {
    expect(formatValue(34_000_000, usdMillions, 'en', 'APPROXIMATELY')).toBe('about 34.0 million USD');
  });

  it('keeps the decimals of the format', () => {
    expect(formatValue(35, percent, 'vi')).toBe('35,0 %');
  });

  it('says a missing value as không có số liệu', () => {
    expect(formatValue(null, percent, 'vi')).toBe('không có số liệu');
  });

  it('says a missing value as no data', () => {
    expect(formatValue(null, dossiers, 'en', 'MORE_THAN')).toBe('no data');
  });

  it('never shows a negative zero', () => {
    expect(formatValue(-40_000, usdMillions, 'vi')).toBe('0,0 triệu USD');
  });

  it('leaves a value unscaled when its power of ten has no word', () => {
    expect(formatValue(54913, { ...dossiers, scaleExponent: 2 }, 'vi')).toBe('54.913 hồ sơ');
  });
});
