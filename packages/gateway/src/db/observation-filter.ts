import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';

/**
 * Observations of some indicators (by slug) and regions (by code, every unit that ever held it), as
 * a filter on Observation's own columns: Observation keeps its references as plain ids (checked by
 * triggers, see the migration observation_set_based_references), so filters name ids, not relations.
 * An empty `regions` list means every region.
 */
export async function observationFilter(prisma: PrismaClient, { indicators, regions = [] }: { indicators: string[]; regions?: string[] }): Promise<Prisma.ObservationWhereInput> {
  const [indicatorRows, regionRows] = await Promise.all([
    prisma.indicator.findMany({ where: { slug: { in: indicators } }, select: { id: true } }),
    regions.length ? prisma.region.findMany({ where: { code: { in: regions } }, select: { id: true } }) : null,
  ]);
  return {
    indicatorId: { in: indicatorRows.map((r) => r.id) },
    ...(regionRows ? { regionId: { in: regionRows.map((r) => r.id) } } : {}),
  };
}
