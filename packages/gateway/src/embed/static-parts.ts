import { formatValue } from '@chiso/charts/format-value.ts';
import { linearScale } from '@chiso/charts/linear-scale.ts';
import { palette } from '@chiso/charts/palette.ts';
import { stackShares } from '@chiso/charts/stack-shares.ts';
import { tableRows } from '@chiso/charts/table-rows.ts';
import type { WidgetData } from '@chiso/charts/widget-data.ts';
import { escapeXml, round, sourceLine, svgDocument, textWidth, wrap } from './static-image.ts';

interface Options {
  data: WidgetData;
  lang: 'vi' | 'en';
  theme: 'light' | 'dark';
  title?: string;
  /** The unit to highlight in a ranking. */
  highlight?: string;
  /** @default 640 */
  width?: number;
}

/**
 * Parts of a whole as <chiso-share> draws them (a stacked bar in percent, then one legend line per
 * part with its value), with the widgets' own stacking and formatting.
 */
export function renderShareSvg({ data, lang, theme: name, title, width = 640 }: Options): string {
  const t = name === 'dark' ? palette.dark : palette.light;
  const parts = data.parts ?? [];
  const stack = stackShares(parts.map((p) => ({ key: p.indicator.slug, value: p.value })));
  const heading = title ?? data.series[0]?.name ?? data.indicator.name;
  const total = Math.max(100, stack.segments.at(-1)?.end ?? 100);
  const inner = width - 32;
  let body = `<text x="16" y="32" font-size="16" font-weight="bold" fill="${t.text}">${escapeXml(heading)}</text>`;
  const period = parts.find((p) => p.period)?.period?.label;
  if (period) body += `<text x="16" y="54" font-size="13" fill="${t.muted}">${escapeXml(period)}</text>`;
  stack.segments.forEach((s, i) => {
    body += `<rect x="${16 + (s.start / total) * inner}" y="70" width="${Math.max(0, ((s.end - s.start) / total) * inner - 1)}" height="36" fill="${t.series[i % t.series.length]}"/>`;
  });
  let y = 134;
  stack.segments.forEach((s, i) => {
    const part = parts.find((p) => p.indicator.slug === s.key)!;
    body += `<rect x="16" y="${y - 11}" width="12" height="12" fill="${t.series[i % t.series.length]}"/>`;
    // Long indicator names wrap rather than run off the image.
    for (const line of wrap(`${part.indicator.name}: ${formatValue(s.value, part.indicator.format, lang)}`, width - 52, 13)) {
      body += `<text x="36" y="${y}" font-size="13" fill="${t.text}">${escapeXml(line)}</text>`;
      y += 18;
    }
    y += 4;
  });
  const source = sourceLine(data, lang);
  if (source) body += `<text x="16" y="${y + 14}" font-size="12" fill="${t.muted}">${escapeXml(source)}</text>`;
  return svgDocument(width, y + 32, heading, t.background, body);
}

/** Units ordered by value as <chiso-ranking> draws them, the highlighted unit in its colour and bold. */
export function renderRankingSvg({ data, lang, theme: name, title, highlight, width = 640 }: Options): string {
  const t = name === 'dark' ? palette.dark : palette.light;
  const rows = data.ranking ?? [];
  const heading = title ?? data.indicator.name;
  const scale = linearScale(rows.map((r) => r.value), [180, width - 140]);
  let body = `<text x="16" y="32" font-size="16" font-weight="bold" fill="${t.text}">${escapeXml(heading)}</text>`;
  const period = data.series[0]?.points[0]?.period.label;
  if (period) body += `<text x="16" y="54" font-size="13" fill="${t.muted}">${escapeXml(`${period} · ${data.indicator.displayUnit}`)}</text>`;
  let y = 76;
  for (const r of rows) {
    const mark = r.code === highlight;
    const x0 = scale(0);
    body += `<text x="16" y="${y + 13}" font-size="12" font-weight="${mark ? 'bold' : 'normal'}" fill="${t.text}">${escapeXml(`${r.rank ?? '–'}. ${r.name}`)}</text>`;
    if (r.value !== null) body += `<rect x="${x0}" y="${y + 2}" width="${Math.max(1, scale(r.value) - x0)}" height="14" fill="${mark ? t.highlight : t.series[0]}"/>`;
    body += `<text x="${(r.value === null ? x0 : scale(r.value)) + 4}" y="${y + 13}" font-size="11" fill="${t.muted}">${escapeXml(formatValue(r.value, data.indicator.format, lang))}</text>`;
    y += 20;
  }
  const source = sourceLine(data, lang);
  if (source) body += `<text x="16" y="${y + 18}" font-size="12" fill="${t.muted}">${escapeXml(source)}</text>`;
  return svgDocument(width, y + 36, heading, t.background, body);
}

/** At most this many rows go into a table image (the latest periods); the CSV has them all. */
export const TABLE_IMAGE_ROWS = 36;

/**
 * The data as <chiso-table> shows it: one row per period, one column per series, values
 * right-aligned in the widgets' own formats, with alternate rows shaded. A long series shows its
 * latest periods and says how many of how many.
 */
export function renderTableSvg({ data, lang, theme: name, title, width = 640 }: Options): string {
  const t = name === 'dark' ? palette.dark : palette.light;
  const all = tableRows(data.series);
  const rows = all.slice(-TABLE_IMAGE_ROWS);
  const heading = title ?? data.indicator.name;
  const cell = (point: (typeof rows)[number]['cells'][number]) => (point ? formatValue(point.value, data.indicator.format, lang, point.qualifier) : '–');
  // Columns are at least as wide as their longest text, and a table with many regions makes the
  // image wider rather than overlap its figures.
  const periodWidth = Math.max(...rows.map((r) => textWidth(r.label, 13) + 24), 120);
  const longest = Math.max(...data.series.flatMap((s, i) => [textWidth(s.name, 13, true), ...rows.map((r) => textWidth(cell(r.cells[i]), 13))]), 1);
  const column = Math.max((width - 32 - periodWidth) / Math.max(1, data.series.length), longest + 20);
  width = Math.max(width, Math.ceil(32 + periodWidth + column * data.series.length));
  const right = (i: number) => round(16 + periodWidth + column * (i + 1) - 8);
  const text = (x: number, y: number, value: string, extra = '') => `<text x="${x}" y="${y}" font-size="13"${extra}>${escapeXml(value)}</text>`;
  let body = `<text x="16" y="32" font-size="16" font-weight="bold" fill="${t.text}">${escapeXml(heading)}</text>`;
  body += `<text x="16" y="54" font-size="13" fill="${t.muted}">${escapeXml(data.indicator.displayUnit)}</text>`;
  let y = 86;
  body += text(24, y, lang === 'vi' ? 'Kỳ' : 'Period', ` font-weight="bold" fill="${t.text}"`);
  data.series.forEach((s, i) => (body += text(right(i), y, s.name, ` font-weight="bold" fill="${t.text}" text-anchor="end"`)));
  body += `<rect x="16" y="${y + 8}" width="${width - 32}" height="1.5" fill="${t.muted}"/>`;
  y += 10;
  rows.forEach((row, r) => {
    if (r % 2 === 1) body += `<rect x="16" y="${y}" width="${width - 32}" height="24" fill="${t.grid}" fill-opacity="0.35"/>`;
    body += text(24, y + 17, row.label, ` fill="${t.text}"`);
    row.cells.forEach((point, i) => {
      body += text(right(i), y + 17, cell(point), ` fill="${t.text}" text-anchor="end"`);
    });
    y += 24;
  });
  if (rows.length < all.length) {
    const note = lang === 'vi' ? `${rows.length} kỳ gần nhất trong ${all.length} kỳ; tệp CSV có đủ số liệu.` : `Latest ${rows.length} of ${all.length} periods; the CSV has them all.`;
    y += 18;
    body += `<text x="16" y="${y}" font-size="12" fill="${t.muted}">${escapeXml(note)}</text>`;
  }
  const source = sourceLine(data, lang);
  if (source) body += `<text x="16" y="${y + 22}" font-size="12" fill="${t.muted}">${escapeXml(source)}</text>`;
  return svgDocument(width, y + 40, heading, t.background, body);
}
