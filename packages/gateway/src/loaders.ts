import DataLoader from 'dataloader';
import { createChangeLoader } from './analytics/change-loader.ts';
import type { Period } from './analytics/period.ts';
import { rankUnits, type RankedUnit } from './analytics/ranking.ts';
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
  const regionLoader = new DataLoader<number, Region | null>(async (ids) => {
    const rows = await prisma.region.findMany({ where: { id: { in: [...ids] } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
  return {
    series: shapeKeyed<SeriesKey, Observation[]>(
      (k) => [k.regionCode, k.where, k.query],
      (k) => k.indicatorId,
      async (sample, indicatorIds) => {
        const rows = await prisma.observation.findMany({
          ...sample.query,
          where: { ...sample.where, indicatorId: { in: indicatorIds }, region: { code: sample.regionCode } },
          orderBy: [{ periodStart: 'asc' }, { periodEnd: 'asc' }, { id: 'asc' }],
        });
        return indicatorIds.map((id) => rows.filter((row) => row.indicatorId === id));
      },
    ),
    /** Rankings of many indicators for one period and level: one statement. */
    ranking: shapeKeyed<RankingKey, RankedUnit[]>(
      (k) => [k.level, k.at, k.period.start, k.period.end, k.asOf ?? null],
      (k) => k.indicatorId,
      async (sample, indicatorIds) => {
        const rows = await rankUnits(prisma, { ...sample, indicatorIds });
        return indicatorIds.map((id) => rows.filter((row) => row.indicatorId === id));
      },
    ),
    observation: new DataLoader<number, Observation | null>(async (ids) => {
      const rows = await prisma.observation.findMany({ where: { id: { in: [...ids] } } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    region: regionLoader,
    /** Several units by id, in order, the unknown ones left out. */
    async regions(ids: number[]): Promise<Region[]> {
      return (await regionLoader.loadMany(ids)).filter((r): r is Region => r !== null && !(r instanceof Error));
    },
    change: createChangeLoader(prisma),
    /** Earlier vintages of many observations: one statement per selection shape. */
    revisions: shapeKeyedList<RevisionsKey, Observation[]>(
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

/** Like `shapeKeyed`, for keys that are whole objects: each batch gets the keys of one shape. */
function shapeKeyedList<K, V>(shapeOf: (key: K) => unknown[], loadMany: (sample: K, keys: K[]) => Promise<V[]>): { load(key: K): Promise<V> } {
  const byShape = new Map<string, DataLoader<K, V>>();
  return {
    load(key) {
      const shape = JSON.stringify(shapeOf(key));
      let loader = byShape.get(shape);
      if (!loader) {
        loader = new DataLoader((keys: readonly K[]) => loadMany(key, [...keys]), { cache: false });
        byShape.set(shape, loader);
      }
      return loader.load(key);
    },
  };
}

/**
 * A loader that batches keys differing only in one number (an indicator id) and shares one batch
 * per distinct rest of the key (its "shape"): one statement per shape.
 */
function shapeKeyed<K, V>(
  shapeOf: (key: K) => unknown[],
  idOf: (key: K) => number,
  loadMany: (sample: K, ids: number[]) => Promise<V[]>,
): { load(key: K): Promise<V> } {
  const byShape = new Map<string, DataLoader<number, V>>();
  return {
    load(key) {
      const shape = JSON.stringify(shapeOf(key));
      let loader = byShape.get(shape);
      if (!loader) {
        loader = new DataLoader((ids: readonly number[]) => loadMany(key, [...ids]));
        byShape.set(shape, loader);
      }
      return loader.load(idOf(key));
    },
  };
}
