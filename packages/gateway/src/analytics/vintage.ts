import { Prisma } from '../generated/prisma/client.ts';

/**
 * Which vintage of each observation to use. Without `asOf`, the current one; with it, the value
 * that was known at that instant: recorded by then and not yet superseded.
 */
export function vintageWhere(asOf?: Date | null): Prisma.ObservationWhereInput {
  if (!asOf) return { supersededAt: null };
  return { recordedAt: { lte: asOf }, OR: [{ supersededAt: null }, { supersededAt: { gt: asOf } }] };
}

/** The same condition as SQL on an observation aliased `o`. */
export function vintageSql(asOf?: Date | null): Prisma.Sql {
  if (!asOf) return Prisma.sql`o."supersededAt" IS NULL`;
  return Prisma.sql`o."recordedAt" <= ${asOf} AND (o."supersededAt" IS NULL OR o."supersededAt" > ${asOf})`;
}
