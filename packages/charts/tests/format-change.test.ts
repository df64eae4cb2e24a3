import { describe, expect, it } from 'vitest';
import { formatChange } from '../src/format-change.ts';
import type { ChangeInfo } from '../src/types.ts';
import { usdMillions, dossiers, percent } from './formats.ts';

function change(fields: Partial<ChangeInfo>): ChangeInfo {
  return {
    basis: 'COMPUTED',
    percent: null,
    percentagePoints: null,
    absolute: null,
    previousValue: null,
    previousValueBasis: null,
    ...fields,
  };
}

describe('formatChange', () => {
  it('gives a rate its change in percentage points in Vietnamese', () => {
    expect(formatChange(change({ percentagePoints: 2.6, percent: 2.7 }), percent, 'vi')).toBe('+2,6\u00a0điểm\u00a0%');
  });

  it('gives a rate its change in pp in English', () => {
    expect(formatChange(change({ percentagePoints: 2.6 }), percent, 'en')).toBe('+2.6\u00a0pp');
  });

  it('writes a fall with a true minus sign', () => {
    expect(formatChange(change({ percent: -56.8 }), usdMillions, 'vi')).toBe('\u221256,8\u00a0%');
  });

  it('writes a percent change without a space in English', () => {
    expect(formatChange(change({ percent: -56.8 }), usdMillions, 'en')).toBe('\u221256.8%');
  });

  it('drops a zero decimal from a whole percent change', () => {
    expect(formatChange(change({ percent: -43 }), dossiers, 'vi')).toBe('\u221243\u00a0%');
  });

  it('gives no sign to no change', () => {
    expect(formatChange(change({ percent: 0 }), dossiers, 'vi')).toBe('0\u00a0%');
  });

  it('gives no sign to a change that rounds to zero', () => {
    expect(formatChange(change({ percent: -0.02 }), dossiers, 'en')).toBe('0%');
  });

  it('leaves the sign out for a text that says the direction in words: giảm 56,8 %', () => {
    expect(formatChange(change({ percent: -56.8 }), usdMillions, 'vi', { signed: false })).toBe('56,8\u00a0%');
    expect(formatChange(change({ percentagePoints: 2.6 }), percent, 'en', { signed: false })).toBe('2.6\u00a0pp');
    expect(formatChange(change({ absolute: -1200 }), dossiers, 'vi', { signed: false })).toBe('1.200\u00a0hồ\u00a0sơ');
  });

  it('keeps a number and its unit on one line (non-breaking spaces)', () => {
    expect(formatChange(change({ percent: -56.8 }), usdMillions, 'vi')).not.toMatch(/\d %/);
  });

  it('marks a change the source reported in Vietnamese', () => {
    expect(formatChange(change({ basis: 'REPORTED', percent: -56.8 }), usdMillions, 'vi')).toBe('\u221256,8\u00a0% (theo nguồn)');
  });

  it('marks a change the source reported in English', () => {
    expect(formatChange(change({ basis: 'REPORTED', percent: 44 }), dossiers, 'en')).toBe('+44% (reported)');
  });

  it('falls back to the signed amount when there is no percent', () => {
    expect(formatChange(change({ absolute: 1200 }), dossiers, 'vi')).toBe('+1.200\u00a0hồ\u00a0sơ');
  });

  it('writes a fall in amount with a true minus sign and the scale word', () => {
    expect(formatChange(change({ absolute: -19_300_000 }), usdMillions, 'en')).toBe('\u221219.3\u00a0million\u00a0USD');
  });

  it('reads the difference of two rates as points, not percent', () => {
    expect(formatChange(change({ absolute: -1.5 }), percent, 'vi')).toBe('\u22121,5\u00a0điểm\u00a0%');
  });

  it('says nothing when there is nothing to compare with', () => {
    expect(formatChange(null, dossiers, 'vi')).toBe('');
  });

  it('says nothing for a change without numbers', () => {
    expect(formatChange(change({ basis: 'REPORTED' }), dossiers, 'vi')).toBe('');
  });
});
