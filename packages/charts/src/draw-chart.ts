import { areaPath } from './area-path.ts';
import { axisTicks } from './axis-ticks.ts';
import { barLayout } from './bar-layout.ts';
import { chartLegend } from './chart-legend.ts';
import { formatValue } from './format-value.ts';
import { linearScale } from './linear-scale.ts';
import { linePath } from './line-path.ts';
import { seriesColour } from './paint.ts';
import type { Mark, Scene } from './scene.ts';
import { summarizeSeries } from './summarize-series.ts';
import { textWidth, wrap } from './text-width.ts';
import { timeScale } from './time-scale.ts';
import type { Lang, PeriodInfo, Point, ValueFormat } from './types.ts';
import type { WidgetData } from './widget-data.ts';
import { typeScale } from './type-scale.ts';

export type ChartType = 'line' | 'column' | 'bar' | 'area';
export const CHART_TYPES: readonly ChartType[] = ['line', 'column', 'bar', 'area'];
/** The height of a chart; a bar chart grows to give every bar room. */
export const CHART_HEIGHT = 260;
/** Every point of a single line or area is labelled when there are at most this many, about 40 px apart; otherwise only the last of each series. */
const MAX_LABELLED_POINTS = 12;
const LABEL_SPACING = 40;
/** Marker shapes per series (relative to the point), so that colour is never the only cue. */
const SHAPES = ['m-4,0a4,4 0 1,0 8,0a4,4 0 1,0 -8,0', 'm-4,-4h8v8h-8z', 'm0,-5l5,9h-10z', 'm0,-5l5,5l-5,5l-5,-5z', 'm-4,-1h8v2h-8z', 'm-1,-4h2v8h-2z'];
const NO_DATA: Record<Lang, string> = { vi: 'không có số liệu', en: 'no data' };

export interface DrawChartOptions {
  data: WidgetData;
  type: ChartType;
  width: number;
  lang: Lang;
  /** The chart's title, said first in its text alternative. */
  title: string;
}

const valued = (p: Point | undefined): p is Point & { value: number } => !!p && p.value !== null && Number.isFinite(p.value);

/** A value label: the value without its unit's words, which the subtitle says once (as axis ticks do). */
export function shortValue(point: Point, format: ValueFormat, lang: Lang): string {
  return formatValue(point.value, { ...format, unit: { ...format.unit, nameVi: '', nameEn: '' } }, lang, point.qualifier);
}

/**
 * Which of n evenly spaced labels to write when about `room` fit side by side: every k-th from
 * the first; where fewer than two fit by that rule, the first and the last.
 */
function spacedLabels(n: number, room: number): number[] {
  const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(room))));
  const picked = Array.from({ length: n }, (_, i) => i).filter((i) => i % every === 0);
  return picked.length < 2 && n > 1 && room >= 1.6 ? [0, n - 1] : picked;
}

/** The periods of every series, oldest first, once each. */
export function chartPeriods(data: WidgetData): PeriodInfo[] {
  return [...new Map(data.series.flatMap((s) => s.points.map((p) => [p.period.code, p.period] as const))).values()].sort((a, b) => a.start.localeCompare(b.start));
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
    return { width, height: 120, title: summary, marks: [{ type: 'text', className: 'empty', x: width / 2, y: 64, text, anchor: 'middle', size: t.label + 3, fill: 'muted' }] };
  }
  // Legend: every series of a column or bar chart, and any series without data.
  const legendItems = series.map((s, index) => ({ name: s.name, index, empty: empty[index]! })).filter((item) => item.empty || (bars && series.length > 1));
  const legend = chartLegend(legendItems, width, t.label + 1, NO_DATA[lang]);
  if (legend.height) marks.push({ type: 'group', className: 'legend', marks: legend.marks });
  const periods = chartPeriods(data);
  const values = series.flatMap((s) => s.points.map((p) => p.value));
  const label = (p: Point) => shortValue(p, format, lang);
  const widestValue = Math.max(0, ...series.flatMap((s) => s.points.filter(valued).map((p) => textWidth(label(p), t.label))));
  const named = series.length > 1 && !bars;
  const nameWidth = named ? Math.max(...series.map((s) => textWidth(s.name, t.label, true))) + 8 : 0;
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
    marks.push(horizontal ? { type: 'line', className: 'gridline', x1: tk.position, x2: tk.position, y1: top, y2: bottom, stroke: 'grid', strokeWidth: 1 } : { type: 'line', className: 'gridline', x1: left, x2: right, y1: tk.position, y2: tk.position, stroke: 'grid', strokeWidth: 1 });
    marks.push(horizontal ? { type: 'text', className: 'tick', x: tk.position, y: bottom + t.tick + 6, text: tk.label, anchor: 'middle', size: t.tick, fill: 'muted' } : { type: 'text', className: 'tick', x: left - 6, y: tk.position + t.tick * 0.35, text: tk.label, anchor: 'end', size: t.tick, fill: 'muted' });
  }
  const tip = (s: number, p: Point) => `${series.length > 1 ? `${series[s]!.name} · ` : ''}${p.period.label}: ${formatValue(p.value, format, lang, p.qualifier)}`;
  const labelFill = (s: number) => (series.length > 1 ? seriesColour(s) : 'text');
  const labels: Mark[] = [];
  if (!bars) {
    const x = timeScale(series.flatMap((s) => s.points), [left, right]);
    const ends: Array<{ x: number; y: number; text: string; fill: string; group: Mark[] }> = [];
    const highest = new Map<string, number>();
    for (const s of series) for (const p of s.points) if (valued(p)) highest.set(p.period.code, Math.max(highest.get(p.period.code) ?? -Infinity, p.value));
    series.forEach((s, si) => {
      const colour = seriesColour(si);
      const xy = s.points.map((p) => ({ x: x(p), y: valued(p) ? scale(p.value) : null }));
      const group: Mark[] = [];
      if (type === 'area') group.push({ type: 'path', className: 'area', d: areaPath(xy, scale(Math.max(0, scale.domain()[0]!))), fill: colour, opacity: 0.25 });
      group.push({ type: 'path', className: 'line', d: linePath(xy), stroke: colour, strokeWidth: 2.5 });
      const shown = s.points.filter(valued);
      s.points.forEach((p, i) => {
        if (!valued(p)) return;
        const at = xy[i]!;
        group.push({ type: 'path', className: 'marker', key: `p-${si}-${i}`, tip: tip(si, p), d: `M${at.x},${at.y}${SHAPES[si % SHAPES.length]}`, fill: colour, stroke: 'background', strokeWidth: 1.5 });
        const every = series.length === 1 && shown.length <= MAX_LABELLED_POINTS && (right - left) / shown.length >= LABEL_SPACING;
        if (!every && p !== shown.at(-1)) return;
        const above = series.length === 1 || p.value >= highest.get(p.period.code)!;
        labels.push({ type: 'text', className: 'value-label', x: at.x, y: above ? at.y! - 8 : at.y! + 8 + t.label, text: label(p), anchor: 'middle', size: t.label, fill: labelFill(si), halo: true });
      });
      const last = xy.findLast((p) => p.y !== null);
      if (named && last) ends.push({ x: last.x + 8, y: last.y! + 4, text: s.name, fill: colour, group });
      marks.push({ type: 'group', className: 'series', marks: group });
    });
    // Names at the ends of the lines, moved apart where lines end close together.
    ends.sort((a, b) => a.y - b.y);
    ends.forEach((end, i) => {
      if (i > 0) end.y = Math.max(end.y, ends[i - 1]!.y + t.label + 2);
      end.group.push({ type: 'text', className: 'series-label', x: end.x, y: end.y, text: end.text, size: t.label, weight: 'bold', fill: end.fill });
    });
    const shown = spacedLabels(periods.length, (right - left) / (Math.max(...periods.map((p) => textWidth(p.label, t.tick))) + 12));
    for (const i of shown) {
      // The first and last of a sparse axis are set flush with their point, so neither leaves the chart.
      const anchor = shown.length === 2 && shown[1] === periods.length - 1 && periods.length > 2 ? (i === 0 ? 'start' : 'end') : 'middle';
      const at = x({ period: periods[i]!, value: null });
      marks.push({ type: 'text', className: 'category', x: anchor === 'start' ? Math.max(0, at - 10) : anchor === 'end' ? at + 10 : at, y: bottom + t.tick + 6, text: periods[i]!.label, anchor, size: t.tick, fill: 'muted' });
    }
  } else {
    const length = horizontal ? bottom - top : right - left;
    const groups = barLayout(periods.map(() => 0), { length, thickness: 0, scale });
    const base = scale(Math.max(scale.domain()[0]!, 0));
    const labelRoom = horizontal ? categoryWidth - 8 : Infinity;
    series.forEach((s, si) => {
      const group: Mark[] = [];
      periods.forEach((period, pi) => {
        const band = groups[pi]!;
        const index = s.points.findIndex((p) => p.period.code === period.code);
        const point = s.points[index];
        if (!valued(point)) return;
        const size = band.size / series.length;
        const offset = (horizontal ? top : left) + band.offset + si * size;
        const end = scale(point.value);
        const [x, y, w, h] = horizontal ? [Math.min(base, end), offset, Math.abs(end - base), size - 1] : [offset, Math.min(base, end), size - 1, Math.abs(end - base)];
        group.push({ type: 'rect', className: 'bar', key: `p-${si}-${index}`, tip: tip(si, point), x, y, width: Math.max(w, 1), height: Math.max(h, 1), fill: seriesColour(si), hatch: si > 0 });
        const text = label(point);
        const negative = point.value < 0;
        if (horizontal) {
          labels.push({ type: 'text', className: 'value-label', x: negative ? x - 4 : x + w + 4, y: y + h / 2 + t.label * 0.35, text, anchor: negative ? 'end' : 'start', size: t.label, fill: labelFill(si), halo: true });
        } else if (textWidth(text, t.label * 0.8) <= size + 2) {
          // Over a narrow column the text shrinks to 80 %; where even that is too wide, the tooltip and the table say it.
          const fit = Math.min(t.label, (t.label * (size + 2)) / textWidth(text, t.label));
          labels.push({ type: 'text', className: 'value-label', x: x + w / 2, y: negative ? y + h + 4 + fit : y - 4, text, anchor: 'middle', size: Math.round(fit * 10) / 10, fill: labelFill(si), halo: true });
        }
      });
      marks.push({ type: 'group', className: 'series', marks: group });
    });
    const room = horizontal ? (bottom - top) / (t.tick * 1.3) : (right - left) / (Math.max(...periods.map((p) => textWidth(p.label, t.tick))) + 12);
    const every = Math.max(1, Math.ceil(periods.length / Math.max(1, Math.floor(room))));
    periods.forEach((p, pi) => {
      if (pi % every !== 0) return;
      const band = groups[pi]!;
      const mid = (horizontal ? top : left) + band.offset + band.size / 2;
      if (!horizontal) return marks.push({ type: 'text', className: 'category', x: mid, y: bottom + t.tick + 6, text: p.label, anchor: 'middle', size: t.tick, fill: 'muted' });
      const lines = wrap(p.label, labelRoom, t.tick).slice(0, 2);
      lines.forEach((line, li) => marks.push({ type: 'text', className: 'category', x: left - 6, y: mid + t.tick * 0.35 + (li - (lines.length - 1) / 2) * t.tick * 1.15, text: line, anchor: 'end', size: t.tick, fill: 'muted' }));
    });
  }
  marks.push({ type: 'group', className: 'value-labels', marks: labels });
  return { width, height, title: summary, marks };
}
