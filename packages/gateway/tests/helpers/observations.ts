import type { Prisma, PrismaClient } from '../../src/generated/prisma/client.ts';

/**
 * Observation keeps its references as ids (no Prisma relations: triggers check them set-based), so
 * tests that pick observations by indicator slug, region code or fields, or source key resolve those
 * to ids here, and `withReferences` (the gateway's own) attaches the referenced rows.
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

export { withReferences, type ObservationWithReferences } from '../../src/db/observation-filter.ts';
