import type { ProvinceValue } from '@chiso/charts/map/map-input';
import { fetchOperation } from './client.ts';
import { meta, uniqueSources } from './load.ts';
import type { Lang as GqlLang } from './generated/graphql.ts';
import { MAP_COMPOSED_QUERY, MAP_QUERY } from './queries.ts';
import type { Lang, WidgetData } from '@chiso/charts/widget-data';

export interface MapRequest {
  api: string;
  asOf?: string | null;
  fetch?: typeof fetch;
  indicator: string;
  period: string;
  /** The day whose provinces are drawn (ISO); the period's last day without it. */
  at?: string | null;
  lang: Lang;
  fresh?: boolean;
}

/**
 * The values of one indicator for every province of a period, on the provinces of the map's day.
 * One request; a second only for a flow drawn on the provinces of a later day, which the gateway
 * composes from their predecessors (`aggregate`: sums, ratios of sums). A composite index (rule
 * NONE) is never combined: a province with one predecessor (the same territory) keeps its value, a
 * merged one is a break. Null when the indicator does not exist.
 */
export async function loadMap(req: MapRequest): Promise<WidgetData | null> {
  const common = { fresh: req.fresh, fetch: req.fetch };
  const answer = await fetchOperation(
    req.api,
    MAP_QUERY,
    { indicator: req.indicator, period: req.period, at: req.at ?? null, otherDay: !!req.at, lang: req.lang.toUpperCase() as GqlLang, asOf: req.asOf ?? null },
    common,
  );
  const ranking = answer.ranking;
  if (!ranking) return null;
  const own = new Set(ranking.entries.map((e) => e.region.id));
  const layer = answer.layer?.edges.map((e) => e.node) ?? [];
  const sameUnits = layer.length === 0 || (layer.length === own.size && layer.every((u) => own.has(u.id)));
  let provinces: ProvinceValue[];
  if (sameUnits) {
    provinces = ranking.entries.map((e) => ({ code: e.region.code, name: e.region.name, value: e.value }));
  } else if (ranking.indicator.aggregation === 'NONE') {
    const byCode = new Map(ranking.entries.map((e) => [e.region.code, e.value]));
    provinces = layer.map((u) => {
      const names = u.predecessors.map((p) => p.name);
      const single = u.predecessors.length === 1;
      return { code: u.code, name: u.name, value: single ? (byCode.get(u.predecessors[0]!.code) ?? null) : null, break: !single, composedOf: names };
    });
  } else {
    const composed = await fetchOperation(
      req.api,
      MAP_COMPOSED_QUERY,
      { indicator: req.indicator, period: req.period, at: req.at!, asOf: req.asOf ?? null },
      common,
    );
    const byCode = new Map((composed.aggregate?.units ?? []).map((u) => [u.region.code, u.value]));
    provinces = layer.map((u) => ({ code: u.code, name: u.name, value: byCode.get(u.code) ?? null, composedOf: u.predecessors.map((p) => p.name) }));
  }
  return {
    indicator: meta(ranking.indicator),
    series: [
      {
        key: req.indicator,
        name: ranking.indicator.name,
        points: provinces.filter((p) => p.value !== null).map((p) => ({ period: ranking.period, value: p.value })),
      },
    ],
    sources: uniqueSources(ranking.entries.flatMap((e) => e.sources)),
    ranking: provinces.map((p) => ({ rank: null, code: p.code, name: p.name, value: p.value })),
    map: { at: req.at ?? ranking.at, provinces, composed: !sameUnits, rule: ranking.indicator.aggregation },
  };
}
