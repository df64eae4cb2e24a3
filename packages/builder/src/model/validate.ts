import { isDay, periodEnd } from '@chiso/charts/period';
import { ALL_PROVINCES, type ChartValues } from './chart.ts';

/** The first thing that keeps a chart from being saved, and the id of the control where it is fixed. */
export interface Problem {
  message: string;
  field: 'search' | 'period' | 'from' | 'region-filter';
}

const PERIOD_FORMS = 'viết 2021, 2021-Q3, 2021-09, 2021-YTD-09 hoặc 2020-12-15/2021-09-15';

/** What the period field says under it: '' when the text is empty or a period. */
export function periodMessage(period: string): string {
  return period && !periodEnd(period) ? `"${period}" không phải là một kỳ (not a period).` : '';
}

/** The first problem that would make the chart unsaveable; null when it can be saved. */
export function problem(v: ChartValues): Problem | null {
  if (v.indicators.length === 0) return { message: 'Chọn ít nhất một chỉ số (choose an indicator).', field: 'search' };
  if (v.period && !periodEnd(v.period)) return { message: `"${v.period}" không phải là một kỳ (not a period): ${PERIOD_FORMS}.`, field: 'period' };
  if (v.element === 'RANKING' && !v.period) return { message: 'Xếp hạng cần một kỳ, ví dụ 2021 (a ranking needs a period).', field: 'period' };
  if (v.element === 'MAP' && !v.period) return { message: 'Bản đồ cần một kỳ, ví dụ 2021 (a map needs a period).', field: 'period' };
  if (v.from && v.to && v.from > v.to) return { message: '"Từ ngày" sau "Đến ngày" ("from" is after "to").', field: 'from' };
  if (!ALL_PROVINCES.has(v.element) && v.regions.length === 0) return { message: 'Chọn ít nhất một tỉnh/thành (choose a region).', field: 'region-filter' };
  return null;
}

/**
 * The date whose provinces are listed: the end of the period, else "to". With neither (or a period
 * half typed) the list stays as it is (`current`), so clearing a field for a moment does not drop a
 * province that exists only before the 2025 reorganisation; the very first list is `today`'s.
 */
export function regionsDate(v: Pick<ChartValues, 'period' | 'to'>, current: string | null, today: string): string {
  return (v.period && periodEnd(v.period)) || (v.to && isDay(v.to) ? v.to : null) || current || today;
}
