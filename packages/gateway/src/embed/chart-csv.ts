import { stringify } from 'csv-stringify/sync';
import type { WidgetData } from '@chiso/charts/widget-data';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { observationFilter, withReferences } from '../db/observation-filter.ts';
import type { ChartConfig } from './chart-config.ts';

/** Exactly what the chart shows: one row per drawn value, in base units, with its unit and source. */
export function shownCsv(data: WidgetData | null): string {
  const rows: unknown[][] = [];
  const source = data?.sources.map((s) => `${s.publisher}${s.publishedAt ? ` (${s.publishedAt})` : ''}`).join('; ') ?? '';
  if (data?.ranking) {
    const period = data.series[0]?.points[0]?.period.code ?? '';
    for (const r of data.ranking)
      rows.push([data.indicator.slug, r.code, r.name, period, r.rank ?? '', r.value ?? '', data.indicator.format.unit.code, source]);
    return stringify([['indicator', 'region_code', 'region', 'period', 'rank', 'value', 'unit', 'source'], ...rows]);
  }
  if (data?.parts) {
    for (const p of data.parts)
      rows.push([
        p.indicator.slug,
        data.series[0]?.key ?? '',
        data.series[0]?.name ?? '',
        p.period?.code ?? '',
        p.value ?? '',
        p.indicator.format.unit.code,
        source,
      ]);
  } else {
    for (const s of data?.series ?? []) {
      for (const p of s.points) rows.push([data!.indicator.slug, s.key, s.name, p.period.code, p.value ?? '', data!.indicator.format.unit.code, source]);
    }
  }
  return stringify([['indicator', 'region_code', 'region', 'period', 'value', 'unit', 'source'], ...rows]);
}

/** The full series of the chart's indicators and regions, with source, licence and a citation line. */
export async function fullCsv(prisma: PrismaClient, config: ChartConfig, chartUrl: string): Promise<string> {
  const rows = await withReferences(
    prisma,
    await prisma.observation.findMany({
      where: { supersededAt: null, ...(await observationFilter(prisma, { indicators: config.indicators, regions: config.regions })) },
      orderBy: [{ indicatorId: 'asc' }, { periodStart: 'asc' }, { regionId: 'asc' }],
    }),
  );
  const today = new Date().toISOString().slice(0, 10);
  const citation = (title: string, publisher: string, published: string) =>
    `${title ? `"${title}". ` : ''}chiso, ${chartUrl} (accessed ${today}). Data: ${publisher}${published ? `, ${published}` : ''}.`;
  return stringify([
    [
      'indicator',
      'region_code',
      'region',
      'period_kind',
      'period_start',
      'period_end',
      'value',
      'unit',
      'qualifier',
      'status',
      'recorded_at',
      'source_publisher',
      'source_title',
      'source_url',
      'source_published',
      'licence',
      'citation',
    ],
    ...rows.map((o) => {
      const published = o.source.publishedAt?.toISOString().slice(0, 10) ?? '';
      return [
        o.indicator.slug,
        o.region.code,
        config.lang === 'en' ? o.region.nameEn : o.region.nameVi,
        o.periodKind,
        o.periodStart.toISOString().slice(0, 10),
        o.periodEnd.toISOString().slice(0, 10),
        o.value.toString(),
        o.indicator.unitCode,
        o.qualifier,
        o.status,
        o.recordedAt.toISOString(),
        o.source.publisher,
        o.source.title,
        o.source.url ?? '',
        published,
        o.source.licence ?? '',
        citation(config.title ?? '', o.source.publisher, published),
      ];
    }),
  ]);
}
