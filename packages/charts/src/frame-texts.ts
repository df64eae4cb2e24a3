import { kpiPoint } from './draw-kpi.ts';
import { formatDate } from './format-date.ts';
import type { Lang } from './types.ts';
import type { WidgetData } from './widget-data.ts';

/** The five elements, by the names the saved charts use. */
export type ElementKind = 'chart' | 'kpi' | 'share' | 'ranking' | 'table' | 'map';

/**
 * An element's default title: the indicator's name, with the region's when there is one series
 * ("Hồ sơ tiếp nhận – Quảng Nam"); a share is titled by its region.
 */
export function elementTitle(kind: ElementKind, data: WidgetData): string {
  if (kind === 'share') return data.series[0]?.name ?? data.indicator.name;
  const one = data.series.length === 1 && kind !== 'ranking' && kind !== 'map' ? ` – ${data.series[0]!.name}` : '';
  return `${data.indicator.name}${one}`;
}

/** The line under the title: the period (a chart's first – last) and the unit, as each element says it. */
export function elementSubtitle(kind: ElementKind, data: WidgetData, period?: string | null): string {
  const unit = data.indicator.displayUnit;
  switch (kind) {
    case 'kpi':
      return kpiPoint(data, period).point?.period.label ?? '';
    case 'share':
      return data.parts?.find((p) => p.period)?.period?.label ?? '';
    case 'table':
      return unit;
    case 'ranking':
    case 'map':
      return [data.series[0]?.points[0]?.period.label ?? '', unit].filter(Boolean).join(' · ');
    case 'chart': {
      const points = data.series.flatMap((s) => s.points).sort((a, b) => a.period.start.localeCompare(b.period.start));
      const range = points.length === 0 ? '' : points.length === 1 ? points[0]!.period.label : `${points[0]!.period.label} – ${points.at(-1)!.period.label}`;
      return [range, unit].filter(Boolean).join(' · ');
    }
  }
}

/**
 * "Nguồn: Người Lao Động (10/10/2021)"; "" without sources. A publisher is named once, however many
 * of its publications the data comes from (a yearly index: one source a year), with its date only
 * when there is just one.
 */
export function sourceLine(data: WidgetData, lang: Lang): string {
  if (data.sources.length === 0) return '';
  const byPublisher = new Map<string, Array<string | null | undefined>>();
  for (const s of data.sources) byPublisher.set(s.publisher, [...(byPublisher.get(s.publisher) ?? []), s.publishedAt]);
  const parts = [...byPublisher].map(([publisher, dates]) => `${publisher}${dates.length === 1 && dates[0] ? ` (${formatDate(dates[0], lang)})` : ''}`);
  return `${lang === 'vi' ? 'Nguồn' : 'Source'}: ${parts.join('; ')}`;
}
