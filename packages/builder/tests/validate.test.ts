import { describe, expect, it } from 'vitest';
import { elementOf, typeOf } from '../src/model/chart.ts';
import { periodMessage, problem, regionsDate } from '../src/model/validate.ts';
import { values } from './fixtures.ts';

describe('problem', () => {
  it('passes the chart a new builder starts with', () => {
    expect(problem(values())).toBeNull();
  });
  it('asks for an indicator, at the search field', () => {
    expect(problem(values({ indicators: [] }))).toEqual({ message: 'Chọn ít nhất một chỉ số (choose an indicator).', field: 'search' });
  });
  it('says how to write a period that is not one', () => {
    expect(problem(values({ period: '2021-13' }))).toEqual({
      message: '"2021-13" không phải là một kỳ (not a period): viết 2021, 2021-Q3, 2021-09, 2021-YTD-09 hoặc 2020-12-15/2021-09-15.',
      field: 'period',
    });
  });
  it('asks a ranking and a map for a period, but not for a province', () => {
    expect(problem(values({ element: 'RANKING', regions: [] }))?.message).toBe('Xếp hạng cần một kỳ, ví dụ 2021 (a ranking needs a period).');
    expect(problem(values({ element: 'MAP', regions: [] }))?.message).toBe('Bản đồ cần một kỳ, ví dụ 2021 (a map needs a period).');
    expect(problem(values({ element: 'MAP', regions: [], period: '2022' }))).toBeNull();
  });
  it('refuses dates in the wrong order, at "from"', () => {
    expect(problem(values({ from: '2022-01-01', to: '2021-01-01' }))?.field).toBe('from');
  });
  it('asks a chart for a province', () => {
    expect(problem(values({ regions: [] }))).toEqual({ message: 'Chọn ít nhất một tỉnh/thành (choose a region).', field: 'region-filter' });
  });
});

describe('periodMessage', () => {
  it('is silent for an empty field and a period, and quotes what is not one', () => {
    expect(periodMessage('')).toBe('');
    expect(periodMessage('2021-Q3')).toBe('');
    expect(periodMessage('Q3')).toBe('"Q3" không phải là một kỳ (not a period).');
  });
});

describe('regionsDate', () => {
  const today = '2026-12-02';
  it("lists the provinces of the period's last day", () => {
    expect(regionsDate({ period: '2021-Q3', to: '2022-12-31' }, null, today)).toBe('2021-09-30');
    expect(regionsDate({ period: '2020-12-15/2021-09-15', to: '' }, null, today)).toBe('2021-09-15');
  });
  it('else of "to", else keeps the list it has, else today\'s', () => {
    expect(regionsDate({ period: '', to: '2022-12-31' }, null, today)).toBe('2022-12-31');
    expect(regionsDate({ period: '2021-Q', to: '2022-02-30' }, '2024-12-31', today)).toBe('2024-12-31');
    expect(regionsDate({ period: '', to: '' }, null, today)).toBe(today);
  });
});

describe('elementOf and typeOf', () => {
  it('reads an element, and takes anything else for a KPI', () => {
    expect(elementOf('MAP')).toBe('MAP');
    expect(elementOf('PIE')).toBe('KPI');
  });
  it("keeps a chart type the element has, else the element's first, and none for an element without types", () => {
    expect(typeOf('CHART', 'area')).toBe('area');
    expect(typeOf('SHARE', 'area')).toBe('bar');
    expect(typeOf('KPI', 'line')).toBeNull();
  });
});
