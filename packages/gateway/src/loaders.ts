import DataLoader from 'dataloader';
import { createChangeLoader, type ChangeAnswer, type ChangeRequest } from './analytics/change-loader.ts';
import type { Period } from './analytics/period.ts';
import { rankUnits, type RankedUnit } from './analytics/ranking.ts';
import { loadSeriesWindow, type SeriesWindow, type WindowObservation, type WindowRequest } from './analytics/series-window.ts';
import type { Observation, Prisma, PrismaClient, Region, RegionLevel } from './generated/prisma/client.ts';

export interface SeriesKey {
  indicatorId: number;
  regionCode: string;
  where: Prisma.ObservationWhereInput;
  /** The prisma plugin's include/select for the fields the client asked for. */
  query: object;
}

export interface RankingKey {
  indicatorId: number;
  level: RegionLevel;
  at: Date;
  period: Period;
  asOf?: Date | null;
}

/** Per-request batch loaders for what the prisma plugin cannot fold into its parent's query. */
export function createLoaders(prisma: PrismaClient) {
  const regionLoader = byId((ids) => prisma.region.findMany({ where: { id: { in: ids } } }));
  // Every unit that ever held a code (a code names one unit at a time, but history keeps the older
  // ones), the one holding it today first, else the last to hold it: one statement per batch.
  const regionsByCode = new DataLoader<string, Region[]>(async (codes) => {
    const rows = await prisma.region.findMany({ where: { code: { in: [...codes] } }, orderBy: [{ validTo: { sort: 'desc', nulls: 'first' } }, { id: 'asc' }] });
    return codes.map((code) => rows.filter((r) => r.code === code));
  });
  const regionIdsOf = async (code: string) => (await regionsByCode.load(code)).map((r) => r.id);
  const indicatorIdBySlug = new DataLoader<string, number | null>(async (slugs) => {
    const rows = await prisma.indicator.findMany({ where: { slug: { in: [...slugs] } }, select: { id: true, slug: true } });
    return slugs.map((slug) => rows.find((r) => r.slug === slug)?.id ?? null);
  });
  const changeLoader = createChangeLoader(prisma);
  // Observations a window loaded: their changes come from the window's rows, without a statement.
  const windowed = new Map<number, { window: SeriesWindow; asOf: string }>();
  return {
    /**
     * Indicators, series and the values their changes need for some region codes: one statement
     * per batch (keys with the same codes, range and vintage share it, whatever their indicators).
     */
    window: shapeKeyed<WindowRequest, SeriesWindow>(
      (k) => [k.codes, k.from ?? null, k.to ?? null, k.asOf ?? null],
      async (sample, keys) => {
        const window = await loadSeriesWindow(prisma, { ...sample, slugs: [...new Set(keys.flatMap((k) => k.slugs))] });
        for (const o of window.observations) windowed.set(o.id, { window, asOf: sample.asOf?.toISOString() ?? '' });
        return keys.map(() => window);
      },
    ),
    series: shapeKeyed<SeriesKey, Observation[]>(
      (k) => [k.regionCode, k.where, k.query],
      async (sample, keys) => {
        const indicatorIds = keys.map((k) => k.indicatorId);
        const rows = await prisma.observation.findMany({
          ...sample.query,
          where: { ...sample.where, indicatorId: { in: indicatorIds }, regionId: { in: await regionIdsOf(sample.regionCode) } },
          orderBy: [{ periodStart: 'asc' }, { periodEnd: 'asc' }, { id: 'asc' }],
        });
        return indicatorIds.map((id) => rows.filter((row) => row.indicatorId === id));
      },
      (k) => k.indicatorId,
    ),
    /** Observations of many regions (Region.observations): one statement per filter and selection. */
    regionObservations: shapeKeyed<{ regionId: number; where: Prisma.ObservationWhereInput; query: object }, Observation[]>(
      (k) => [k.where, k.query],
      async (sample, keys) => {
        const regionIds = keys.map((k) => k.regionId);
        const rows = await prisma.observation.findMany({
          ...sample.query,
          where: { ...sample.where, regionId: { in: regionIds } },
          orderBy: [{ indicatorId: 'asc' }, { periodStart: 'asc' }, { periodEnd: 'asc' }],
        });
        return regionIds.map((id) => rows.filter((row) => row.regionId === id));
      },
      (k) => k.regionId,
    ),
    /** Rankings of many indicators for one period and level: one statement. */
    ranking: shapeKeyed<RankingKey, RankedUnit[]>(
      (k) => [k.level, k.at, k.period.start, k.period.end, k.asOf ?? null],
      async (sample, keys) => {
        const indicatorIds = keys.map((k) => k.indicatorId);
        const rows = await rankUnits(prisma, { ...sample, indicatorIds });
        return indicatorIds.map((id) => rows.filter((row) => row.indicatorId === id));
      },
      (k) => k.indicatorId,
    ),
    observation: byId((ids) => prisma.observation.findMany({ where: { id: { in: ids } } })),
    source: byId((ids) => prisma.source.findMany({ where: { id: { in: ids } } })),
    /** Indicators with their unit, as most selections of an indicator ask for it. */
    indicator: byId((ids) => prisma.indicator.findMany({ where: { id: { in: ids } }, include: { unit: true } })),
    /** An indicator's id by slug, null for an unknown slug: one statement per batch. */
    indicatorIdOf: (slug: string) => indicatorIdBySlug.load(slug),
    /** Who recorded an import's values: the name of its key, else its actor. */
    recordedBy: byId((ids) => prisma.importBatch.findMany({ where: { id: { in: ids } }, select: { id: true, actor: true, key: { select: { name: true } } } })),
    region: regionLoader,
    /** The unit that holds a region code today (or last held it), null for an unknown code: one statement per batch. */
    regionOfCode: async (code: string) => (await regionsByCode.load(code))[0] ?? null,
    /** Several units by id, in order, the unknown ones left out. */
    async regions(ids: number[]): Promise<Region[]> {
      return (await regionLoader.loadMany(ids)).filter((r): r is Region => r !== null && !(r instanceof Error));
    },
    /** The change of an observation: from its window when it came with one, else batched (change-loader.ts). */
    change: {
      load(request: ChangeRequest): Promise<ChangeAnswer | null> {
        const hit = windowed.get(request.observation.id);
        if (hit && hit.asOf === (request.asOf?.toISOString() ?? '')) {
          const answer = hit.window.changeOf(request.observation as WindowObservation, request.against);
          if (answer !== undefined) return Promise.resolve(answer);
        }
        return changeLoader.load(request);
      },
    },
    /** Earlier vintages of many observations: one statement per selection shape. */
    revisions: shapeKeyed<RevisionsKey, Observation[]>(
      (k) => [k.query],
      async (sample, keys) => {
        const rows = await prisma.observation.findMany({
          ...sample.query,
          where: { OR: keys.map((k) => ({ ...k.key, recordedAt: { lt: k.before } })) },
          orderBy: [{ recordedAt: 'desc' }, { id: 'desc' }],
        });
        return keys.map((k) =>
          rows.filter(
            (r) =>
              r.indicatorId === k.key.indicatorId &&
              r.regionId === k.key.regionId &&
              r.periodKind === k.key.periodKind &&
              r.periodStart.getTime() === k.key.periodStart.getTime() &&
              r.periodEnd.getTime() === k.key.periodEnd.getTime() &&
              r.recordedAt < k.before,
          ),
        );
      },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export interface RevisionsKey {
  key: Pick<Observation, 'indicatorId' | 'regionId' | 'periodKind' | 'periodStart' | 'periodEnd'>;
  before: Date;
  query: object;
}

/** Rows by id, in the order asked, null for an unknown id: one statement per batch. */
function byId<T extends { id: number }>(find: (ids: number[]) => Promise<T[]>): DataLoader<number, T | null> {
  return new DataLoader(async (ids) => {
    const rows = new Map((await find([...ids])).map((r) => [r.id, r]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}

/**
 * A loader whose batches hold keys of one "shape" (what `shapeOf` returns: the key without the part
 * that varies, such as an indicator id), so that each batch is one statement. With `cacheKey`, keys
 * with the same cache key are loaded once per request; without it, nothing is cached.
 */
function shapeKeyed<K, V>(
  shapeOf: (key: K) => unknown[],
  loadMany: (sample: K, keys: K[]) => Promise<V[]>,
  cacheKey?: (key: K) => unknown,
): { load(key: K): Promise<V> } {
  const byShape = new Map<string, DataLoader<K, V, unknown>>();
  return {
    load(key) {
      const shape = JSON.stringify(shapeOf(key));
      let loader = byShape.get(shape);
      if (!loader) {
        loader = new DataLoader<K, V, unknown>((keys) => loadMany(key, [...keys]), cacheKey ? { cacheKeyFn: cacheKey } : { cache: false });
        byShape.set(shape, loader);
      }
      return loader.load(key);
    },
  };
}
