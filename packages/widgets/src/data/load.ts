import type { ChangeInfo, Point } from '../charts/types.ts';
import { fetchOperation } from './client.ts';
import { RANKING_QUERY, SERIES_QUERY } from './queries.ts';
import type { IndicatorMeta, Lang, SourceInfo, WidgetData } from './types.ts';

interface GqlIndicator {
  slug: string;
  name: string;
  displayUnit: string;
  scaleExponent: number;
  decimals: number;
  direction: IndicatorMeta['direction'];
  unit: { code: string; symbol: string | null; nameVi: string; nameEn: string };
}
interface GqlPeriod {
  code: string;
  start: string;
  end: string;
  label: string;
}
interface GqlObservation {
  value: number;
  qualifier: Point['qualifier'];
  period: GqlPeriod;
  region: { code: string; name: string };
  source: SourceInfo;
  change: ChangeInfo | null;
}

const meta = (i: GqlIndicator): IndicatorMeta => ({
  slug: i.slug,
  name: i.name,
  displayUnit: i.displayUnit,
  direction: i.direction,
  format: { unit: i.unit, scaleExponent: i.scaleExponent, decimals: i.decimals },
});

function uniqueSources(sources: SourceInfo[]): SourceInfo[] {
  const seen = new Map<string, SourceInfo>();
  for (const s of sources) seen.set(`${s.publisher}|${s.title}|${s.publishedAt}`, s);
  return [...seen.values()];
}

export interface SeriesRequest {
  api: string;
  /** Values known at this instant (a pinned embed), ISO date-time. */
  asOf?: string | null;
  fetch?: typeof fetch;
  indicator: string;
  regions: string[];
  from?: string | null;
  to?: string | null;
  lang: Lang;
  fresh?: boolean;
}

/** One series per region (one shared GET each); null when the indicator does not exist. */
export async function loadSeries(req: SeriesRequest): Promise<WidgetData | null> {
  const answers = await Promise.all(
    req.regions.map((region) =>
      fetchOperation<{ indicator: (GqlIndicator & { series: GqlObservation[] }) | null }>(
        req.api,
        SERIES_QUERY,
        { indicator: req.indicator, region, from: req.from ?? null, to: req.to ?? null, lang: req.lang.toUpperCase(), asOf: req.asOf ?? null },
        { fresh: req.fresh, fetch: req.fetch },
      ),
    ),
  );
  const first = answers.find((a) => a.indicator)?.indicator;
  if (!first) return null;
  const series = answers.map((a, index) => {
    const rows = a.indicator?.series ?? [];
    return {
      key: req.regions[index]!,
      name: rows[0]?.region.name ?? req.regions[index]!,
      points: rows.map((o) => ({ period: o.period, value: o.value, qualifier: o.qualifier })),
    };
  });
  const all = answers.flatMap((a) => a.indicator?.series ?? []);
  const latest = answers[0]?.indicator?.series.at(-1);
  const changes = Object.fromEntries((answers[0]?.indicator?.series ?? []).map((o) => [o.period.code, o.change]));
  return { indicator: meta(first), series, sources: uniqueSources(all.map((o) => o.source)), change: latest?.change ?? null, changes };
}

export interface RankingRequest {
  api: string;
  asOf?: string | null;
  fetch?: typeof fetch;
  indicator: string;
  period: string;
  level?: string;
  lang: Lang;
  fresh?: boolean;
}

/** Units of a level ordered by value; null when the indicator does not exist. */
export async function loadRanking(req: RankingRequest): Promise<WidgetData | null> {
  const answer = await fetchOperation<{
    indicator: GqlIndicator | null;
    ranking: { period: GqlPeriod; entries: Array<{ rank: number | null; value: number | null; region: { code: string; name: string }; sources: SourceInfo[] }> } | null;
  }>(req.api, RANKING_QUERY, { indicator: req.indicator, period: req.period, level: req.level ?? 'PROVINCE', lang: req.lang.toUpperCase(), asOf: req.asOf ?? null }, { fresh: req.fresh, fetch: req.fetch });
  if (!answer.indicator || !answer.ranking) return null;
  const entries = answer.ranking.entries;
  return {
    indicator: meta(answer.indicator),
    series: [
      {
        key: req.indicator,
        name: answer.indicator.name,
        points: entries.filter((e) => e.value !== null).map((e) => ({ period: answer.ranking!.period, value: e.value })),
      },
    ],
    sources: uniqueSources(entries.flatMap((e) => e.sources)),
    ranking: entries.map((e) => ({ rank: e.rank, value: e.value, code: e.region.code, name: e.region.name })),
  };
}

/** Several indicators of one unit (parts of a whole): the value of each for `period`, or its latest. */
export async function loadParts(req: Omit<SeriesRequest, 'indicator' | 'regions'> & { indicators: string[]; region: string; period?: string | null }): Promise<WidgetData | null> {
  const each = await Promise.all(req.indicators.map((indicator) => loadSeries({ ...req, indicator, regions: [req.region] })));
  const found = each.filter((d): d is WidgetData => d !== null);
  if (found.length === 0) return null;
  const parts = found.map((d) => {
    const points = d.series[0]?.points ?? [];
    const point = (req.period ? points.find((p) => p.period.code === req.period) : points.at(-1)) ?? null;
    return { indicator: d.indicator, value: point?.value ?? null, period: point?.period ?? null };
  });
  return { indicator: found[0]!.indicator, series: found.flatMap((d) => d.series), sources: uniqueSources(found.flatMap((d) => d.sources)), parts };
}
