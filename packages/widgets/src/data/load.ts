import type { Point } from '@chiso/charts/types';
import { fetchOperation } from './client.ts';
import { RANKING_QUERY, SERIES_QUERY, VALUES_QUERY } from './queries.ts';
import type { ChisoIndicatorFragment, ChisoPointFragment, ChisoValuesQuery, Lang as GqlLang, RegionLevel } from './generated/graphql.ts';
import type { IndicatorMeta, Lang, SourceInfo, WidgetData } from '@chiso/charts/widget-data';

/** The answers' parts, as graphql-codegen typed them from the documents (src/data/generated). */
type GqlIndicator = ChisoIndicatorFragment;
type GqlObservation = ChisoPointFragment;
type GqlValue = ChisoValuesQuery['indicatorValues'][number];

const upper = (lang: Lang) => lang.toUpperCase() as GqlLang;

const point = (o: GqlObservation): Point => ({ period: o.period, value: o.value, qualifier: o.qualifier });

export const meta = (i: GqlIndicator): IndicatorMeta => ({
  slug: i.slug,
  name: i.name,
  displayUnit: i.displayUnit,
  direction: i.direction,
  format: { unit: i.unit, scaleExponent: i.scaleExponent, decimals: i.decimals },
});

export function uniqueSources(sources: SourceInfo[]): SourceInfo[] {
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

/**
 * One series per region, in one request; null when the indicator does not exist. `change` (the
 * latest value's change of the first region, for the chart's summary) is asked only when wanted.
 */
export async function loadSeries(req: SeriesRequest & { change?: boolean }): Promise<WidgetData | null> {
  const answer = await fetchOperation(
    req.api,
    SERIES_QUERY,
    {
      indicator: req.indicator,
      regions: req.regions,
      from: req.from ?? null,
      to: req.to ?? null,
      lang: upper(req.lang),
      asOf: req.asOf ?? null,
      change: req.change ?? true,
    },
    { fresh: req.fresh, fetch: req.fetch },
  );
  const found = answer.indicatorSeries;
  if (!found) return null;
  const series = found.series.map((s) => ({ key: s.code, name: s.region?.name ?? s.code, points: s.observations.map(point) }));
  return { indicator: meta(found.indicator), series, sources: uniqueSources(found.sources), change: found.series[0]?.latest?.change ?? null };
}

export interface RankingRequest {
  api: string;
  asOf?: string | null;
  fetch?: typeof fetch;
  indicator: string;
  period: string;
  /** A page's `level` attribute, sent as written: the gateway answers a level it does not know with a clear error. */
  level?: string;
  lang: Lang;
  fresh?: boolean;
}

/** Units of a level ordered by value; null when the indicator does not exist. */
export async function loadRanking(req: RankingRequest): Promise<WidgetData | null> {
  const answer = await fetchOperation(
    req.api,
    RANKING_QUERY,
    { indicator: req.indicator, period: req.period, level: (req.level ?? 'PROVINCE') as RegionLevel, lang: upper(req.lang), asOf: req.asOf ?? null },
    { fresh: req.fresh, fetch: req.fetch },
  );
  const ranking = answer.ranking;
  if (!ranking) return null;
  const entries = ranking.entries;
  return {
    indicator: meta(ranking.indicator),
    series: [
      {
        key: req.indicator,
        name: ranking.indicator.name,
        points: entries.filter((e) => e.value !== null).map((e) => ({ period: ranking.period, value: e.value })),
      },
    ],
    sources: uniqueSources(entries.flatMap((e) => e.sources)),
    ranking: entries.map((e) => ({ rank: e.rank, value: e.value, code: e.region.code, name: e.region.name })),
  };
}

export interface ValuesRequest extends Omit<SeriesRequest, 'indicator' | 'regions'> {
  indicators: string[];
  region: string;
  /** The period shown; the latest within [from, to] without it. */
  period?: string | null;
  /** Ask for each value's change (a KPI shows it, a share does not). */
  change: boolean;
}

async function loadValues(req: ValuesRequest): Promise<GqlValue[]> {
  const answer = await fetchOperation(
    req.api,
    VALUES_QUERY,
    {
      indicators: req.indicators,
      region: req.region,
      period: req.period ?? null,
      from: req.from ?? null,
      to: req.to ?? null,
      lang: upper(req.lang),
      asOf: req.asOf ?? null,
      change: req.change,
    },
    { fresh: req.fresh, fetch: req.fetch },
  );
  return answer.indicatorValues;
}

const valueSeries = (region: string, v: GqlValue) => ({ key: region, name: v.region?.name ?? region, points: v.observation ? [point(v.observation)] : [] });

/** Several indicators of one unit (parts of a whole), in one request: the value of each for `period`, or its latest. */
export async function loadParts(req: Omit<ValuesRequest, 'change'>): Promise<WidgetData | null> {
  const values = await loadValues({ ...req, change: false });
  if (values.length === 0) return null;
  return {
    indicator: meta(values[0]!.indicator),
    series: values.map((v) => valueSeries(req.region, v)),
    sources: uniqueSources(values.flatMap((v) => (v.observation ? [v.observation.source] : []))),
    parts: values.map((v) => ({ indicator: meta(v.indicator), value: v.observation?.value ?? null, period: v.observation?.period ?? null })),
  };
}

/** One figure (KPI): the value of `period`, or the latest, with its change; one request. Null when the indicator does not exist. */
export async function loadKpi(req: Omit<ValuesRequest, 'change' | 'indicators'> & { indicator: string }): Promise<WidgetData | null> {
  const [value] = await loadValues({ ...req, indicators: [req.indicator], change: true });
  if (!value) return null;
  const change = value.observation?.change ?? null;
  return {
    indicator: meta(value.indicator),
    series: [valueSeries(req.region, value)],
    sources: value.observation ? [value.observation.source] : [],
    change,
    changes: value.observation ? { [value.observation.period.code]: change } : {},
  };
}
