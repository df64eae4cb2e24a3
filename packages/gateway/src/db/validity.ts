import type { Prisma } from '../generated/prisma/client.ts';

/** Prisma filter for units valid on `date` (validFrom and validTo are inclusive; null is open). */
export function validOn(date: Date): Prisma.RegionWhereInput {
  return {
    AND: [{ OR: [{ validFrom: null }, { validFrom: { lte: date } }] }, { OR: [{ validTo: null }, { validTo: { gte: date } }] }],
  };
}
