import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { chartSvg, CHART_HEIGHT, type ChartType } from '@chiso/widgets/render/chart-svg';
import { formatDate } from '@chiso/charts/format-date.ts';
import { formatValue } from '@chiso/charts/format-value.ts';
import { palette } from '@chiso/charts/palette.ts';
import { summarizeSeries } from '@chiso/charts/summarize-series.ts';
import type { Point, ValueFormat } from '@chiso/charts/types.ts';
import type { WidgetData } from '@chiso/charts/widget-data.ts';

// Where the routes and tests have always found the PNG step.
export { svgToPng, svgToPngAsync } from './png.ts';

export interface StaticChartOptions {
  /** The data as the widgets use it (the inline data shape). */
  data: WidgetData;
  /** `line`, `column`, `bar` or `area`; anything else is drawn as a line, as the element does. */
  type: ChartType;
  lang: 'vi' | 'en';
  theme: 'light' | 'dark';
  /** Width of the image in pixels (at least 280, the element's minimum). @default 640 */
  width?: number;
  /** @default the indicator name, + " – " + the region name when there is one series */
  title?: string;
}

type Theme = (typeof palette)['light'] | (typeof palette)['dark'];
interface Label {
  x: number;
  y: number;
  text: string;
  size: number;
  fill: string;
  anchor: 'start' | 'middle' | 'end';
  rotate?: boolean;
}

const TYPES: ChartType[] = ['line', 'column', 'bar', 'area'];
const FONT_FAMILY = 'DejaVu Sans, Arial, sans-serif';
const PAD = 16;
const LABEL_SIZE = 10;
/** Up to this many points per series every point of a line or area is labelled, beyond it only the last. */
const MAX_LABELLED_POINTS = 12;
const WORDS = {
  vi: { source: 'Nguồn' },
  en: { source: 'Source' },
} as const;

/**
 * A standalone SVG document of a chart, drawn by the element's own drawing (chartSvg through Lit
 * SSR) and framed as the element frames it: title, subtitle (period range · unit), the chart, value
 * labels and the source line. Colours are concrete and the classes are styled by an inner <style>,
 * so resvg and any image viewer, which see no custom properties or shadow CSS, draw it as a browser
 * draws the element. Bad or empty data never throws: the image says "Không có số liệu" / "No data".
 */
export async function renderChartSvg(options: StaticChartOptions): Promise<string> {
  const { data } = options;
  const type = TYPES.includes(options.type) ? options.type : 'line';
  const lang = options.lang === 'en' ? 'en' : 'vi';
  const theme: Theme = options.theme === 'dark' ? palette.dark : palette.light;
  const width = Math.max(280, Math.round(Number.isFinite(options.width) ? options.width! : 640));
  const format = data.indicator.format;
  const series = data.series ?? [];
  const title = options.title ?? defaultTitle(data);
  const subtitle = subtitleOf(data);
  const summary = summarizeSeries({ kind: type, title, series, format, lang, change: data.change });
  const contentWidth = width - 2 * PAD;
  const seriesColor = (i: number) => theme.series[i % theme.series.length]!;

  const parts: string[] = [];
  let y = PAD;
  for (const line of wrap(title, contentWidth, 16, true)) {
    parts.push(`<text class="title" x="${PAD}" y="${y + 16}">${escapeXml(line)}</text>`);
    y += 21;
  }
  if (subtitle) {
    for (const line of wrap(subtitle, contentWidth, 12.5)) {
      parts.push(`<text class="subtitle" x="${PAD}" y="${y + 15}">${escapeXml(line)}</text>`);
      y += 17;
    }
  }

  const hasValues = series.some((s) => s.points.some((p) => p.value !== null && Number.isFinite(p.value)));
  // Lines and areas name their series at their ends; columns and bars need a legend.
  if (hasValues && series.length > 1 && (type === 'column' || type === 'bar')) {
    const legend = legendSvg(series.map((s) => s.name), contentWidth, seriesColor);
    parts.push(`<g class="legend" transform="translate(${PAD},${y + 6})">${legend.markup}</g>`);
    y += 6 + legend.height;
  }
  if (hasValues) {
    const short = (p: Point) => shortValue(p, format, lang);
    const widest = Math.max(0, ...series.flatMap((s) => s.points.map((p) => textWidth(short(p), LABEL_SIZE))));
    // Room on the right for what is written past the plot: bar value labels, series names.
    const names = series.length > 1 && (type === 'line' || type === 'area') ? Math.max(...series.map((s) => textWidth(s.name, 11, true))) : 0;
    const reserve = Math.min(contentWidth * 0.35, type === 'bar' ? widest + 6 : names);
    const chartWidth = Math.round(contentWidth - reserve);
    const template = chartSvg({ data: { ...data, series }, type, width: chartWidth, lang, summary, color: seriesColor });
    const chart = stripLit(await collectResult(render(template)));
    const labels = valueLabels(chart, data, type, lang, series.length > 1 ? seriesColor : () => theme.text);
    // Labels written upright above the highest column or point need a little room under the subtitle.
    const headroom = Math.max(10, ...labels.filter((l) => l.rotate).map((l) => textWidth(l.text, l.size) - 4));
    y += headroom;
    parts.push(chart.replace(/^<svg\b/, `<svg x="${PAD}" y="${y}" overflow="visible"`));
    parts.push(`<g class="value-labels" transform="translate(${PAD},${y})">${labels.map((l) => labelSvg(l, PAD, width)).join('')}</g>`);
    y += CHART_HEIGHT;
  } else {
    const empty = formatValue(null, format, lang);
    parts.push(`<text class="empty" x="${width / 2}" y="${y + 70}" text-anchor="middle">${escapeXml(empty[0]!.toUpperCase() + empty.slice(1))}</text>`);
    y += 120;
  }

  const source = sourceLine(data, lang);
  if (source) {
    y += 6;
    for (const line of wrap(source, contentWidth, 12)) {
      parts.push(`<text class="source" x="${PAD}" y="${y + 13}">${escapeXml(line)}</text>`);
      y += 16;
    }
  }
  const height = Math.ceil(y + PAD);

  const document = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" xml:lang="${lang}" font-family="${FONT_FAMILY}" font-size="12" color="${theme.text}">
<title>${escapeXml(title)}</title>
<desc>${escapeXml(summary)}</desc>
<style>${styleSheet(theme)}</style>
<rect class="background" width="${width}" height="${height}" fill="${theme.background}"/>
${parts.join('\n')}
</svg>
`;
  return concreteColors(document, theme);
}

/** The element's title rule (ChisoElement.chartTitle). */
function defaultTitle(data: WidgetData): string {
  const one = data.series?.length === 1 ? ` – ${data.series[0]!.name}` : '';
  return `${data.indicator.name}${one}`;
}

/** The element's subtitle rule (ChisoChart.subtitle): first – last period · unit. */
function subtitleOf(data: WidgetData): string {
  const points = (data.series ?? []).flatMap((s) => s.points).sort((a, b) => a.period.start.localeCompare(b.period.start));
  const range = points.length === 0 ? '' : points.length === 1 ? points[0]!.period.label : `${points[0]!.period.label} – ${points.at(-1)!.period.label}`;
  return [range, data.indicator.displayUnit].filter(Boolean).join(' · ');
}

/** The element's source line (ChisoElement.sourceLine): "Nguồn: Người Lao Động (10/10/2021)". */
export function sourceLine(data: WidgetData, lang: 'vi' | 'en'): string {
  const sources = data.sources ?? [];
  if (sources.length === 0) return '';
  const parts = sources.map((s) => `${s.publisher}${s.publishedAt ? ` (${formatDate(s.publishedAt, lang)})` : ''}`);
  return `${WORDS[lang].source}: ${parts.join('; ')}`;
}

/**
 * A value label: formatValue without the unit's words, which the subtitle says once (as the axis
 * ticks do), so labels fit over a column; the scale word, "%" and qualifiers ("trên 90 %") stay.
 */
function shortValue(point: Point, format: ValueFormat, lang: 'vi' | 'en'): string {
  return formatValue(point.value, { ...format, unit: { ...format.unit, nameVi: '', nameEn: '' } }, lang, point.qualifier);
}

/**
 * Lit SSR output as plain SVG: the hydration comments (`<!--lit-part …-->`, `<!--/lit-part-->`,
 * `<!--lit-node n-->`) and template markers (`<?lit$…$>`) go, and so would any `@event` binding
 * left in a tag (SSR already drops them); whitespace between tags is collapsed.
 */
function stripLit(markup: string): string {
  return markup
    .replace(/<!--\/?lit-[^>]*?-->/g, '')
    .replace(/<!--\??lit\$[^>]*?-->|<\?lit\$[^>]*>/g, '')
    .replace(/<[a-zA-Z][^>]*>/g, (tag) => tag.replace(/\s@[\w:.-]+=(?:"[^"]*"|'[^']*'|[^\s>]+)/g, ''))
    .replace(/>\s+</g, '><')
    .trim();
}

/**
 * Where each value goes, read from the drawn marks themselves (marker `translate`s, bar `rect`s) so
 * that a label sits exactly on the mark the shared drawing placed. Marks come in the drawing's
 * order: line and area per series, one marker per point with a value; columns and bars per series,
 * then per period. If the counts disagree (the drawing changed), no label is written rather than a
 * wrong one.
 */
function valueLabels(chart: string, data: WidgetData, type: ChartType, lang: 'vi' | 'en', fill: (i: number) => string): Label[] {
  const format = data.indicator.format;
  const valued = (p: Point | undefined): p is Point & { value: number } => !!p && p.value !== null && Number.isFinite(p.value);
  const labels: Label[] = [];
  if (type === 'line' || type === 'area') {
    const groups = chart.split('<g class="series">').slice(1);
    if (groups.length !== data.series.length) return [];
    // At each period the highest series is labelled above its point, the others below.
    const top = new Map<string, number>();
    for (const s of data.series) for (const p of s.points) if (valued(p)) top.set(p.period.code, Math.max(top.get(p.period.code) ?? -Infinity, p.value));
    data.series.forEach((s, si) => {
      const marks = [...groups[si]!.matchAll(/<path\b[^>]*class="marker\b[^>]*>/g)].map((m) => translate(m[0]));
      const points = s.points.filter(valued);
      if (marks.length !== points.length) return;
      points.forEach((p, i) => {
        if (points.length > MAX_LABELLED_POINTS && i !== points.length - 1) return;
        const { x, y } = marks[i]!;
        const above = data.series.length === 1 || p.value >= top.get(p.period.code)!;
        labels.push({ x, y: above ? y - 8 : y + 8 + LABEL_SIZE, text: shortValue(p, format, lang), size: LABEL_SIZE, fill: fill(si), anchor: 'middle' });
      });
    });
    return labels;
  }
  const rects = [...chart.matchAll(/<rect\b[^>]*class="bar\b[^>]*>/g)].map((m) => box(m[0]));
  const periods = [...new Map(data.series.flatMap((s) => s.points.map((p) => [p.period.code, p.period] as const))).values()].sort((a, b) => a.start.localeCompare(b.start));
  const bars = data.series.flatMap((s, si) => periods.map((period) => ({ si, point: s.points.find((p) => p.period.code === period.code) })).filter((b) => valued(b.point)));
  if (bars.length !== rects.length) return [];
  bars.forEach(({ si, point }, i) => {
    const r = rects[i]!;
    const text = shortValue(point!, format, lang);
    const negative = point!.value! < 0;
    if (type === 'bar') {
      const size = Math.max(7, Math.min(LABEL_SIZE, r.h + 1));
      labels.push({ x: negative ? r.x - 4 : r.x + r.w + 4, y: r.y + r.h / 2 + size * 0.35, text, size, fill: fill(si), anchor: negative ? 'end' : 'start' });
      return;
    }
    // Over a narrow column the text shrinks to 8 px, and is set upright when even that is too wide.
    const room = r.w + 2;
    const size = Math.max(8, Math.min(LABEL_SIZE, (LABEL_SIZE * room) / textWidth(text, LABEL_SIZE)));
    const rotate = textWidth(text, size) > room;
    const x = r.x + r.w / 2;
    labels.push({ x, y: negative ? r.y + r.h + 4 + (rotate ? 0 : size) : r.y - 4, text, size, fill: fill(si), anchor: rotate ? (negative ? 'end' : 'start') : 'middle', rotate });
  });
  return labels;
}

/**
 * One swatch and name per series, wrapped to the width; the swatch is filled as the drawing fills
 * that series' bars (the first solid, the others with its hatch pattern).
 */
function legendSvg(names: string[], max: number, color: (i: number) => string): { markup: string; height: number } {
  const items: string[] = [];
  let x = 0;
  let y = 0;
  names.forEach((name, i) => {
    const w = 18 + textWidth(name, 12);
    if (x > 0 && x + w > max) {
      x = 0;
      y += 18;
    }
    const fill = i === 0 ? color(i) : `url(#hatch-${i})`;
    items.push(`<rect x="${x}" y="${y + 2}" width="12" height="12" fill="${fill}" stroke="${color(i)}"/><text class="legend-label" x="${round(x + 17)}" y="${y + 12.5}">${escapeXml(name)}</text>`);
    x += w + 14;
  });
  return { markup: items.join(''), height: y + 18 };
}

function labelSvg(l: Label, offset: number, width: number): string {
  const attrs = `class="value-label" font-size="${l.size}" fill="${l.fill}"`;
  if (l.rotate) {
    const x = round(l.x + l.size * 0.36);
    return `<text ${attrs} x="${x}" y="${round(l.y)}" text-anchor="${l.anchor}" transform="rotate(-90 ${x} ${round(l.y)})">${escapeXml(l.text)}</text>`;
  }
  // Keep the text inside the image: a label near an edge is set flush to it.
  const w = textWidth(l.text, l.size);
  const start = l.anchor === 'middle' ? l.x - w / 2 : l.anchor === 'end' ? l.x - w : l.x;
  const left = 4 - offset;
  const right = width - 4 - offset;
  let x = l.x;
  if (start < left) x += left - start;
  else if (start + w > right) x -= start + w - right;
  return `<text ${attrs} x="${round(x)}" y="${round(l.y)}" text-anchor="${l.anchor}">${escapeXml(l.text)}</text>`;
}

function attr(tag: string, name: string): string {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? '';
}

function translate(tag: string): { x: number; y: number } {
  const m = /translate\(\s*([-\d.e]+)[\s,]+([-\d.e]+)\s*\)/.exec(attr(tag, 'transform'));
  return { x: Number(m?.[1]), y: Number(m?.[2]) };
}

function box(tag: string): { x: number; y: number; w: number; h: number } {
  return { x: Number(attr(tag, 'x')), y: Number(attr(tag, 'y')), w: Number(attr(tag, 'width')), h: Number(attr(tag, 'height')) };
}

/**
 * About how wide a text is in DejaVu Sans (a wide face: digits 0.64 em, lower case about 0.6 em),
 * for wrapping and placing labels; erring wide keeps text apart.
 */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += /[\s.,:;'()|!iIl]/.test(ch) ? 0.33 : /[A-ZĐ%mwMW]/.test(ch) ? 0.78 : 0.62;
  return em * size * (bold ? 1.1 : 1);
}

/** Greedy word wrap to `max` pixels; a word longer than a line keeps a line of its own. */
export function wrap(text: string, max: number, size: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size, bold) > max) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The element's shadow CSS (chiso-chart.styles.ts, shared.styles.ts) with the theme's colours. */
function styleSheet(t: Theme): string {
  return [
    `.grid line{stroke:${t.grid};stroke-width:1}`,
    `.axis text{fill:${t.muted};font-size:11px}`,
    `.line{fill:none;stroke-width:2.5}`,
    `.area{opacity:0.25}`,
    `.marker{stroke:${t.background};stroke-width:1.5}`,
    `.marker.active,.bar.active{stroke:${t.text};stroke-width:2}`,
    `.series-label{font-size:11px;font-weight:600}`,
    `.title{fill:${t.text};font-size:16px;font-weight:600}`,
    `.subtitle{fill:${t.muted};font-size:12.5px}`,
    `.source{fill:${t.muted};font-size:12px}`,
    `.empty{fill:${t.muted};font-size:14px}`,
    `.legend-label{fill:${t.text};font-size:12px}`,
    // A halo in the background colour keeps a label legible where it crosses a line or grid.
    `.value-label{paint-order:stroke;stroke:${t.background};stroke-width:3px;stroke-linejoin:round}`,
  ].join('');
}

/**
 * Every `var(--chiso-…)` left by the drawing (the hatch patterns' background) becomes the theme's
 * colour, named as in shared.styles.ts; an unknown property takes its fallback, or the text colour.
 */
function concreteColors(svg: string, t: Theme): string {
  const tokens: Record<string, string> = {
    background: t.background,
    text: t.text,
    muted: t.muted,
    grid: t.grid,
    positive: t.positive,
    negative: t.negative,
    highlight: t.highlight,
    focus: t.series[0],
    ...Object.fromEntries(t.series.map((c, i) => [`series-${i + 1}`, c])),
  };
  return svg.replace(/var\(\s*--([\w-]+)\s*(?:,([^()]*))?\)/g, (_, name: string, fallback?: string) => (name.startsWith('chiso-') ? tokens[name.slice(6)] : undefined) ?? fallback?.trim() ?? t.text);
}

/** A standalone SVG document of text and shapes on the theme's background, titled for screen readers. */
export function svgDocument(width: number, height: number, title: string, background: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="${FONT_FAMILY}"><title>${escapeXml(title)}</title><rect width="100%" height="100%" fill="${background}"/>${body}</svg>`;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export function round(n: number): number {
  return Math.round(n * 10) / 10;
}
