import { formatValue } from './format-value.ts';
import type { Scene } from './scene.ts';
import type { typeScale } from './type-scale.ts';
import type { Lang, PeriodInfo, Point, Series, ValueFormat, ValueScale } from './types.ts';
import type { WidgetData } from './widget-data.ts';

export type ChartType = 'line' | 'column' | 'bar' | 'area';

/** What the marks of a chart are drawn in: the plot's edges, its value scale, and the texts of its points. */
export interface ChartFrame {
  series: Series[];
  periods: PeriodInfo[];
  /** Type sizes (typeScale). */
  t: ReturnType<typeof typeScale>;
  left: number;
  right: number;
  top: number;
  bottom: number;
  scale: ValueScale;
  /** A point's value label (shortValue). */
  label: (p: Point) => string;
  /** A point's tooltip: "Quảng Nam · Tháng 1/2021: 5.200 hồ sơ". */
  tip: (series: number, p: Point) => string;
  /** The colour of series i's value labels: the series' own where there are several. */
  labelFill: (series: number) => string;
  /** Lines of several series end in a label of the series' name and last value: beside each other, or the value under the name where the chart is too narrow. */
  endLabel: 'beside' | 'below';
}

/** The marks of one kind of chart, and the value labels drawn above every mark. */
export type ChartMarks = { marks: Scene['marks']; labels: Scene['marks'] };

export const valued = (p: Point | undefined): p is Point & { value: number } => !!p && p.value !== null && Number.isFinite(p.value);

/** A value label: the value without its unit's words, which the subtitle says once (as axis ticks do). */
export function shortValue(point: Point, format: ValueFormat, lang: Lang): string {
  return formatValue(point.value, { ...format, unit: { ...format.unit, nameVi: '', nameEn: '' } }, lang, point.qualifier);
}

/** The periods of every series, oldest first, once each. */
export function chartPeriods(data: WidgetData): PeriodInfo[] {
  return [...new Map(data.series.flatMap((s) => s.points.map((p) => [p.period.code, p.period] as const))).values()].sort((a, b) =>
    a.start.localeCompare(b.start),
  );
}
