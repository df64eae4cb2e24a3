import DataLoader from 'dataloader';
import type { Observation, Prisma, PrismaClient } from './generated/prisma/client.ts';

export interface SeriesKey {
  indicatorId: number;
  regionCode: string;
  where: Prisma.ObservationWhereInput;
  /** The prisma plugin's include/select for the fields the client asked for. */
  query: object;
}

/** Per-request batch loaders for what the prisma plugin cannot fold into its parent's query. */
export interface Loaders {
  /** Observations of many indicators for one region and range: one SQL statement per distinct request shape. */
  series: { load(key: SeriesKey): Promise<Observation[]> };
}

export function createLoaders(prisma: PrismaClient): Loaders {
  const byShape = new Map<string, DataLoader<number, Observation[]>>();
  return {
    series: {
      load({ indicatorId, regionCode, where, query }) {
        const shape = JSON.stringify([regionCode, where, query]);
        let loader = byShape.get(shape);
        if (!loader) {
          loader = new DataLoader(async (indicatorIds: readonly number[]) => {
            const rows = await prisma.observation.findMany({
              ...query,
              where: { ...where, indicatorId: { in: [...indicatorIds] }, region: { code: regionCode } },
              orderBy: [{ periodStart: 'asc' }, { periodEnd: 'asc' }, { id: 'asc' }],
            });
            return indicatorIds.map((id) => rows.filter((row) => row.indicatorId === id));
          });
          byShape.set(shape, loader);
        }
        return loader.load(indicatorId);
      },
    },
  };
}
