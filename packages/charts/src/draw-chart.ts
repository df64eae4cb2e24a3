import { axisTicks } from './axis-ticks.ts';
import { barMarks } from './bar-marks.ts';
import { chartPeriods, shortValue, valued, type ChartFrame, type ChartType } from './chart-frame.ts';
import { chartLegend } from './chart-legend.ts';
import { endLabelWidth } from './end-labels.ts';
import { formatValue } from './format-value.ts';
import { linearScale } from './linear-scale.ts';
import { lineMarks } from './line-marks.ts';
import { seriesColour } from './paint.ts';
import type { Mark, Scene } from './scene.ts';
import { summarizeSeries } from './summarize-series.ts';
import { textWidth } from './text-width.ts';
import { typeScale } from './type-scale.ts';
import type { Lang, Point } from './types.ts';
import type { WidgetData } from './widget-data.ts';

export type { ChartType };
export const CHART_TYPES: readonly ChartType[] = ['line', 'column', 'bar', 'area'];
/** The height of a chart; a bar chart grows to give every bar room. */
export const CHART_HEIGHT = 260;
const NO_DATA: Record<Lang, string> = { vi: 'không có số liệu', en: 'no data' };

export interface DrawChartOptions {
  data: WidgetData;
  type: ChartType;
  width: number;
  lang: Lang;
  /** The chart's title, said first in its text alternative. */
  title: string;
}

/**
 * The drawing of a line, column, bar or area chart: grid, axes, marks, value labels, series names
 * and, for columns and bars of several series, a legend; a series without data is named in the
 * legend with "không có số liệu". Each point's mark has the key `p-<series>-<index>` and the text
 * its tooltip shows. Margins are measured from the labels, so none is cut.
 */
export function drawChart({ data, type, width, lang, title }: DrawChartOptions): Scene {
  const format = data.indicator.format;
  const series = data.series;
  const t = typeScale(width);
  const summary = summarizeSeries({ kind: type, title, series, format, lang, change: data.change });
  const horizontal = type === 'bar';
  const bars = type === 'column' || type === 'bar';
  const empty = series.map((s) => !s.points.some(valued));
  const marks: Mark[] = [];
  if (empty.every(Boolean)) {
    const text = NO_DATA[lang][0]!.toUpperCase() + NO_DATA[lang].slice(1);
    return {
      width,
      height: 120,
      title: summary,
      marks: [{ type: 'text', className: 'empty', x: width / 2, y: 64, text, anchor: 'middle', size: t.label + 3, fill: 'muted' }],
    };
  }
  // Legend: every series of a column or bar chart, and any series without data.
  const legendItems = series.map((s, index) => ({ name: s.name, index, empty: empty[index]! })).filter((item) => item.empty || (bars && series.length > 1));
  const legend = chartLegend(legendItems, width, t.label + 1, NO_DATA[lang]);
  if (legend.height) marks.push({ type: 'group', className: 'legend', marks: legend.marks });
  const periods = chartPeriods(data);
  const values = series.flatMap((s) => s.points.map((p) => p.value));
  const label = (p: Point) => shortValue(p, format, lang);
  const widestValue = Math.max(0, ...series.flatMap((s) => s.points.filter(valued).map((p) => textWidth(label(p), t.label))));
  // A line's end label: its name and last value side by side, or stacked where that takes over a third of the width.
  const lastLabel = (s: (typeof series)[number]) => {
    const p = s.points.findLast(valued);
    return p ? label(p) : '';
  };
  const ends = series.length > 1 && !bars ? series.map((s) => endLabelWidth(s.name, lastLabel(s), t.label)) : [];
  const endLabel = Math.max(0, ...ends.map((e) => e.beside)) + 8 <= width * 0.35 ? 'beside' : 'below';
  const nameWidth = ends.length === 0 ? 0 : Math.max(...ends.map((e) => e[endLabel])) + 8;
  // A bar's label column takes up to 45 % of the width; a longer label wraps onto two lines.
  const categoryWidth = horizontal ? Math.min(width * 0.45, Math.max(...periods.map((p) => textWidth(p.label, t.tick))) + 8) : 0;
  const top = legend.height + (horizontal ? 4 : t.label + 8);
  // A bar is about a line of text thick (per series), with a third of that between bars.
  const step = horizontal ? Math.max(t.tick * 2.4, series.length * (t.label + 10)) * 1.3 : 0;
  const height = horizontal ? Math.ceil(top + periods.length * step + t.tick + 20) : CHART_HEIGHT + legend.height;
  const bottom = height - t.tick - 12;
  // Bars and areas start at zero, or their lengths lie; a line is read by its shape, so its axis hugs the data.
  const zero = type !== 'line';
  const provisional = linearScale(values, [0, 1], { zero });
  const tickWidth = Math.max(...axisTicks(provisional, lang, format).map((tk) => textWidth(tk.label, t.tick)));
  const left = horizontal ? categoryWidth : tickWidth + 10;
  const right = width - Math.min(width * 0.35, Math.max(horizontal ? widestValue + 8 : 12, nameWidth));
  // Across a bar chart the tick labels sit side by side: as many as fit.
  const count = horizontal ? Math.max(2, Math.min(5, Math.floor((right - left) / (tickWidth + 16)))) : 5;
  const scale = linearScale(values, horizontal ? [left, right] : [bottom, top], { count, zero });
  const ticks = axisTicks(scale, lang, format, count);
  for (const tk of ticks) {
    marks.push(
      horizontal
        ? { type: 'line', className: 'gridline', x1: tk.position, x2: tk.position, y1: top, y2: bottom, stroke: 'grid', strokeWidth: 1 }
        : { type: 'line', className: 'gridline', x1: left, x2: right, y1: tk.position, y2: tk.position, stroke: 'grid', strokeWidth: 1 },
    );
    marks.push(
      horizontal
        ? { type: 'text', className: 'tick', x: tk.position, y: bottom + t.tick + 6, text: tk.label, anchor: 'middle', size: t.tick, fill: 'muted' }
        : { type: 'text', className: 'tick', x: left - 6, y: tk.position + t.tick * 0.35, text: tk.label, anchor: 'end', size: t.tick, fill: 'muted' },
    );
  }
  const tip = (s: number, p: Point) =>
    `${series.length > 1 ? `${series[s]!.name} · ` : ''}${p.period.label}: ${formatValue(p.value, format, lang, p.qualifier)}`;
  const labelFill = (s: number) => (series.length > 1 ? seriesColour(s) : 'text');
  const frame: ChartFrame = { series, periods, t, left, right, top, bottom, scale, label, tip, labelFill, endLabel };
  const drawn = bars ? barMarks(frame, horizontal, categoryWidth) : lineMarks(frame, type === 'area');
  marks.push(...drawn.marks);
  const labels = drawn.labels;
  marks.push({ type: 'group', className: 'value-labels', marks: labels });
  return { width, height, title: summary, marks };
}
