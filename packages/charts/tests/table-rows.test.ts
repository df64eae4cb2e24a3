import { describe, expect, it } from 'vitest';
import { tableRows } from '../src/table-rows.ts';
import type { Series } from '../src/types.ts';

const period = (code: string, start: string, label: string) => ({ code, start, end: start, label });
const Q1 = period('2021-Q1', '2021-01-01', 'Quý 1/2021');
const Q2 = period('2021-Q2', '2021-04-01', 'Quý 2/2021');
const Q3 = period('2021-Q3', '2021-07-01', 'Quý 3/2021');

describe('tableRows', () => {
  it('gives one row per period of any series, oldest first, with a cell per series', () => {
    const series: Series[] = [
      {
        key: '49',
        name: 'Quảng Nam',
        points: [
          { period: Q3, value: 30 },
          { period: Q1, value: 10 },
        ],
      },
      {
        key: '48',
        name: 'Đà Nẵng',
        points: [
          { period: Q2, value: 25 },
          { period: Q1, value: 12 },
        ],
      },
    ];
    const rows = tableRows(series);
    expect(rows.map((r) => r.label)).toEqual(['Quý 1/2021', 'Quý 2/2021', 'Quý 3/2021']);
    expect(rows.map((r) => r.cells.map((c) => c?.value))).toEqual([
      [10, 12],
      [undefined, 25],
      [30, undefined],
    ]);
  });

  it('orders by period start, not by code or label', () => {
    const ytd = period('2021-YTD-09', '2021-01-01', '9 tháng 2021');
    const month = period('2020-12', '2020-12-01', 'Tháng 12/2020');
    const rows = tableRows([
      {
        key: '49',
        name: 'Quảng Nam',
        points: [
          { period: ytd, value: 2 },
          { period: month, value: 1 },
        ],
      },
    ]);
    expect(rows.map((r) => r.code)).toEqual(['2020-12', '2021-YTD-09']);
  });

  it('has no rows when no series has points', () => {
    expect(tableRows([])).toEqual([]);
    expect(tableRows([{ key: '49', name: 'Quảng Nam', points: [] }])).toEqual([]);
  });
});
