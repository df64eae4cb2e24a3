import { describe, expect, it } from 'vitest';
import { chartInput, previewAttributes } from '../src/model/chart-input.ts';
import { values } from './fixtures.ts';

describe('chartInput', () => {
  it('sends blank fields as null and keeps the rest as typed', () => {
    expect(chartInput(values({ title: 'PCI của Quảng Nam', period: '' }))).toEqual({
      element: 'CHART',
      type: 'line',
      indicators: ['pci_score'],
      regions: ['49', '22'],
      period: null,
      from: '2017-01-01',
      to: '2022-12-31',
      at: null,
      title: 'PCI của Quảng Nam',
      notes: null,
      lang: 'VI',
      theme: 'light',
    });
  });
});

describe('previewAttributes', () => {
  it("gives the preview element the chart's attributes in the cell's language and theme", () => {
    const attributes = previewAttributes(values({ element: 'KPI', type: null, regions: ['49'], period: '2021', title: 'Điểm PCI' }), 'en', 'dark', '/graphql');
    expect(attributes).toEqual({
      indicator: 'pci_score',
      region: '49',
      period: '2021',
      from: '2017-01-01',
      to: '2022-12-31',
      at: '',
      type: '',
      heading: 'Điểm PCI',
      lang: 'en',
      theme: 'dark',
      api: '/graphql',
    });
  });
  it('leaves out a period still being typed, so the preview keeps its figure', () => {
    expect(previewAttributes(values({ period: '2021-Q' }), 'vi', 'light', '/graphql').period).toBe('');
  });
});
