import type { Indicator, Observation, Prisma, PrismaClient, Region, Source } from '../generated/prisma/client.ts';

/**
 * Observations of some indicators (by slug) and regions (by code, every unit that ever held it), as
 * a filter on Observation's own columns: Observation keeps its references as plain ids (checked by
 * triggers, see the migration observation_set_based_references), so filters name ids, not relations.
 * An empty `regions` list means every region.
 */
export async function observationFilter(
  prisma: PrismaClient,
  { indicators, regions = [] }: { indicators: string[]; regions?: string[] },
): Promise<Prisma.ObservationWhereInput> {
  const [indicatorRows, regionRows] = await Promise.all([
    prisma.indicator.findMany({ where: { slug: { in: indicators } }, select: { id: true } }),
    regions.length ? prisma.region.findMany({ where: { code: { in: regions } }, select: { id: true } }) : null,
  ]);
  return {
    indicatorId: { in: indicatorRows.map((r) => r.id) },
    ...(regionRows ? { regionId: { in: regionRows.map((r) => r.id) } } : {}),
  };
}

export type ObservationWithReferences = Observation & { indicator: Indicator; region: Region; source: Source };

/** Observations with their indicator, region and source rows: one statement for each kind. */
export async function withReferences(prisma: PrismaClient, rows: Observation[]): Promise<ObservationWithReferences[]> {
  const ids = (key: 'indicatorId' | 'regionId' | 'sourceId') => [...new Set(rows.map((r) => r[key]))];
  const [indicators, regions, sources] = await Promise.all([
    prisma.indicator.findMany({ where: { id: { in: ids('indicatorId') } } }),
    prisma.region.findMany({ where: { id: { in: ids('regionId') } } }),
    prisma.source.findMany({ where: { id: { in: ids('sourceId') } } }),
  ]);
  const byId = <T extends { id: number }>(list: T[]) => new Map(list.map((r) => [r.id, r]));
  const [i, r, s] = [byId(indicators), byId(regions), byId(sources)];
  return rows.map((o) => ({ ...o, indicator: i.get(o.indicatorId)!, region: r.get(o.regionId)!, source: s.get(o.sourceId)! }));
}
