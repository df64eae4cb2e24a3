import { describe, expect, it } from 'vitest';
import { MAX_INDICATORS, MAX_REGIONS } from '../src/model/chart.ts';
import { chooseIndicator, chooseRegion, fitToElement } from '../src/model/choices.ts';
import { indicator } from './fixtures.ts';

const slugs = (list: Array<{ slug: string }>) => list.map((i) => i.slug);

describe('chooseIndicator', () => {
  it('replaces the indicator where the element draws one', () => {
    expect(slugs(chooseIndicator([indicator('pci_score')], indicator('papi_score'), true, 'CHART').list)).toEqual(['papi_score']);
  });
  it('adds parts to a share, in the order chosen, and removes an unticked one', () => {
    const two = chooseIndicator([indicator('a')], indicator('b'), true, 'SHARE').list;
    expect(slugs(two)).toEqual(['a', 'b']);
    expect(slugs(chooseIndicator(two, indicator('a'), false, 'SHARE').list)).toEqual(['b']);
  });
  it('refuses a seventh part and says the limit', () => {
    const six = Array.from({ length: MAX_INDICATORS }, (_, i) => indicator(`s${i}`));
    const result = chooseIndicator(six, indicator('s6'), true, 'SHARE');
    expect(result.list).toHaveLength(6);
    expect(result.refused).toBe('Tối đa 6 chỉ số (at most 6 indicators).');
  });
});

describe('chooseRegion', () => {
  it('adds provinces side by side on a chart', () => {
    expect(chooseRegion(['49'], '22', true, 'CHART').list).toEqual(['49', '22']);
    expect(chooseRegion(['49', '22'], '49', false, 'CHART').list).toEqual(['22']);
  });
  it('keeps one province for a KPI, and none at all for a ranking that highlights nothing', () => {
    expect(chooseRegion(['49'], '48', true, 'KPI').list).toEqual(['48']);
    expect(chooseRegion(['49'], '', true, 'RANKING').list).toEqual([]);
  });
  it('refuses a 21st province', () => {
    const twenty = Array.from({ length: MAX_REGIONS }, (_, i) => String(i + 1));
    expect(chooseRegion(twenty, '99', true, 'TABLE')).toEqual({ list: twenty, refused: 'Tối đa 20 tỉnh (at most 20 regions).' });
  });
});

describe('fitToElement', () => {
  it('keeps the first indicator and province when the element draws only one', () => {
    expect(fitToElement(['a', 'b'], ['49', '22'], 'KPI')).toEqual({ indicators: ['a'], regions: ['49'] });
  });
  it('keeps every part of a share and every province of a chart', () => {
    expect(fitToElement(['a', 'b'], ['49'], 'SHARE')).toEqual({ indicators: ['a', 'b'], regions: ['49'] });
    expect(fitToElement(['a'], ['49', '22'], 'TABLE')).toEqual({ indicators: ['a'], regions: ['49', '22'] });
  });
});
