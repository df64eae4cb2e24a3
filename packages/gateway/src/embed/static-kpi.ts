import { formatChange } from '@chiso/charts/format-change.ts';
import { formatValue } from '@chiso/charts/format-value.ts';
import { palette } from '@chiso/charts/palette.ts';
import type { WidgetData } from '@chiso/charts/widget-data.ts';
import { escapeXml, sourceLine, svgDocument } from './static-image.ts';

export interface StaticKpiOptions {
  data: WidgetData;
  lang: 'vi' | 'en';
  theme: 'light' | 'dark';
  /** The period shown (its code); default: the latest. */
  period?: string | null;
  title?: string;
  /** @default 480 */
  width?: number;
}

/**
 * A key figure as a standalone SVG, laid out as <chiso-kpi> shows it: title, period, the value,
 * its change against a year earlier (arrow, words and colour by the indicator's direction;
 * REPORTED and DERIVED labelled, with the widgets' own formatters) and the source line.
 */
export function renderKpiSvg({ data, lang, theme: themeName, period, title, width = 480 }: StaticKpiOptions): string {
  const theme = themeName === 'dark' ? palette.dark : palette.light;
  const points = data.series[0]?.points ?? [];
  const point = (period ? points.find((p) => p.period.code === period) : undefined) ?? points.at(-1);
  const change = point ? (data.changes?.[point.period.code] ?? (point === points.at(-1) ? data.change : null)) ?? null : null;
  const format = data.indicator.format;
  const heading = title ?? `${data.indicator.name}${data.series[0] ? ` – ${data.series[0].name}` : ''}`;
  const delta = change ? (change.percentagePoints ?? change.percent ?? change.absolute ?? 0) : 0;
  const good = data.indicator.direction === 'NEUTRAL' || delta === 0 ? theme.muted : (delta > 0) === (data.indicator.direction === 'HIGHER_IS_BETTER') ? theme.positive : theme.negative;
  const words = lang === 'vi' ? { up: 'tăng', down: 'giảm', same: 'không đổi', none: 'chưa có số liệu so sánh', derived: 'Cùng kỳ năm trước (ước tính từ mức thay đổi):' } : { up: 'up', down: 'down', same: 'unchanged', none: 'no comparison available', derived: 'A year earlier (derived from the reported change):' };
  const lines: string[] = [];
  let y = 32;
  const text = (content: string, size: number, fill: string, weight = 'normal') => {
    lines.push(`<text x="16" y="${y}" font-size="${size}" font-weight="${weight}" fill="${fill}">${escapeXml(content)}</text>`);
  };
  text(heading, 16, theme.text, 'bold');
  y += 22;
  if (point) text(point.period.label, 13, theme.muted);
  y += 52;
  text(formatValue(point?.value ?? null, format, lang, point?.qualifier), 40, theme.text, 'bold');
  y += 30;
  if (change) {
    const arrow = delta > 0 ? '▲' : delta < 0 ? '▼' : '■';
    text(`${arrow} ${delta > 0 ? words.up : delta < 0 ? words.down : words.same} ${formatChange(change, format, lang)}`, 15, good);
    if (change.previousValueBasis === 'DERIVED' && change.previousValue !== null) {
      y += 22;
      text(`${words.derived} ${formatValue(change.previousValue, format, lang, 'APPROXIMATELY')}`, 12, theme.muted);
    }
  } else if (point) {
    text(words.none, 14, theme.muted);
  }
  y += 34;
  const source = sourceLine(data, lang);
  if (source) text(source, 12, theme.muted);
  const height = y + 18;
  return svgDocument(width, height, heading, theme.background, lines.join(''));
}
