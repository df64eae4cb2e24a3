import type { ChartValues, Indicator } from '../src/model/chart.ts';

/** A line chart of Quảng Nam's and Quảng Ninh's PCI, as a new builder starts. */
export const values = (over: Partial<ChartValues> = {}): ChartValues => ({
  element: 'CHART',
  type: 'line',
  indicators: ['pci_score'],
  regions: ['49', '22'],
  period: '',
  from: '2017-01-01',
  to: '2022-12-31',
  at: '',
  title: '',
  notes: '',
  lang: 'VI',
  theme: 'light',
  ...over,
});

export const indicator = (slug: string): Indicator => ({ slug, name: slug, nameEn: '' });
