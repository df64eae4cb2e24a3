import { describe, expect, it } from 'vitest';
import { formatValue } from '../src/format-value.ts';
import type { ValueFormat } from '../src/types.ts';
import { vndBillions, usdMillions, dossiers, percent } from './formats.ts';

const wholePercent: ValueFormat = { ...percent, decimals: 0 };

describe('formatValue', () => {
  it('shows domestic capital as 4.927 tỷ đồng', () => {
    expect(formatValue(4_927_000_000_000, vndBillions, 'vi')).toBe('4.927\u00a0tỷ\u00a0đồng');
  });

  it('shows domestic capital as 4,927 billion VND', () => {
    expect(formatValue(4_927_000_000_000, vndBillions, 'en')).toBe('4,927\u00a0billion\u00a0VND');
  });

  it('shows FDI capital as 14,7 triệu USD', () => {
    expect(formatValue(14_700_000, usdMillions, 'vi')).toBe('14,7\u00a0triệu\u00a0USD');
  });

  it('shows FDI capital as 14.7 million USD', () => {
    expect(formatValue(14_700_000, usdMillions, 'en')).toBe('14.7\u00a0million\u00a0USD');
  });

  it('shows dossiers received as 54.913 hồ sơ', () => {
    expect(formatValue(54913, dossiers, 'vi')).toBe('54.913\u00a0hồ\u00a0sơ');
  });

  it('shows dossiers received as 54,913 dossiers', () => {
    expect(formatValue(54913, dossiers, 'en')).toBe('54,913\u00a0dossiers');
  });

  it('shows the on-time rate as 99,8 % with a space in Vietnamese', () => {
    expect(formatValue(99.8, percent, 'vi')).toBe('99,8\u00a0%');
  });

  it('shows the on-time rate as 99.8% without a space in English', () => {
    expect(formatValue(99.8, percent, 'en')).toBe('99.8%');
  });

  it('says a lower bound as trên 90 %', () => {
    expect(formatValue(90, wholePercent, 'vi', 'MORE_THAN')).toBe('trên\u00a090\u00a0%');
  });

  it('says a lower bound as more than 90%', () => {
    expect(formatValue(90, wholePercent, 'en', 'MORE_THAN')).toBe('more than\u00a090%');
  });

  it('says an upper bound as dưới', () => {
    expect(formatValue(30, dossiers, 'vi', 'LESS_THAN')).toBe('dưới\u00a030\u00a0hồ\u00a0sơ');
  });

  it('says an estimate as about', () => {
    expect(formatValue(34_000_000, usdMillions, 'en', 'APPROXIMATELY')).toBe('about\u00a034.0\u00a0million\u00a0USD');
  });

  it('keeps the decimals of the format', () => {
    expect(formatValue(35, percent, 'vi')).toBe('35,0\u00a0%');
  });

  it('says a missing value as không có số liệu', () => {
    expect(formatValue(null, percent, 'vi')).toBe('không có số liệu');
  });

  it('says a missing value as no data', () => {
    expect(formatValue(null, dossiers, 'en', 'MORE_THAN')).toBe('no data');
  });

  it('never shows a negative zero', () => {
    expect(formatValue(-40_000, usdMillions, 'vi')).toBe('0,0\u00a0triệu\u00a0USD');
  });

  it('leaves a value unscaled when its power of ten has no word', () => {
    expect(formatValue(54913, { ...dossiers, scaleExponent: 2 }, 'vi')).toBe('54.913\u00a0hồ\u00a0sơ');
  });
});
