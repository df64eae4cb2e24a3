import type { Indicator, Observation, Prisma, PrismaClient, Region, Source } from '../../src/generated/prisma/client.ts';

/**
 * Observation keeps its references as ids (no Prisma relations: triggers check them set-based), so
 * tests that pick observations by indicator slug, region code or fields, or source key resolve those
 * to ids here, and `withReferences` attaches the referenced rows.
 */
export async function observationWhere(
  prisma: PrismaClient,
  { indicator, region, source, ...rest }: { indicator?: string; region?: string | Prisma.RegionWhereInput; source?: string } & Prisma.ObservationWhereInput,
): Promise<Prisma.ObservationWhereInput> {
  const where: Prisma.ObservationWhereInput = { ...rest };
  if (indicator !== undefined) where.indicatorId = (await prisma.indicator.findUniqueOrThrow({ where: { slug: indicator } })).id;
  if (source !== undefined) where.sourceId = (await prisma.source.findUniqueOrThrow({ where: { key: source } })).id;
  if (region !== undefined) {
    const regions = await prisma.region.findMany({ where: typeof region === 'string' ? { code: region } : region, select: { id: true } });
    where.regionId = { in: regions.map((r) => r.id) };
  }
  return where;
}

export type ObservationWithReferences = Observation & { indicator: Indicator; region: Region; source: Source };

/** The observations with their indicator, region and source rows. */
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
