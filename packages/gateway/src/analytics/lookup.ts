import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { formatDay } from './period.ts';
import { vintageSql } from './vintage.ts';

export interface ValueKey {
  indicatorId: number;
  regionId: number;
  start: Date;
  end: Date;
}

export const valueKey = (k: ValueKey) => `${k.indicatorId}:${k.regionId}:${formatDay(k.start)}:${formatDay(k.end)}`;

/**
 * Values for many (indicator, unit, period) keys in one SQL statement; the current vintage, or
 * the one known at `asOf`. Keys without a stored value are absent from the map.
 */
export async function lookupValues(prisma: PrismaClient, keys: ValueKey[], asOf?: Date | null): Promise<Map<string, Prisma.Decimal>> {
  const found = new Map<string, Prisma.Decimal>();
  if (keys.length === 0) return found;
  const rows = await prisma.$queryRaw<Array<{ i: number; r: number; s: Date; e: Date; value: Prisma.Decimal }>>`
    SELECT DISTINCT ON (k.i, k.r, k.s, k.e) k.i, k.r, k.s, k.e, o.value
    FROM unnest(${keys.map((k) => k.indicatorId)}::int[], ${keys.map((k) => k.regionId)}::int[],
                ${keys.map((k) => formatDay(k.start))}::date[], ${keys.map((k) => formatDay(k.end))}::date[]) AS k(i, r, s, e)
    JOIN "Observation" o ON o."indicatorId" = k.i AND o."regionId" = k.r AND o."periodStart" = k.s AND o."periodEnd" = k.e
    WHERE ${vintageSql(asOf)}
    ORDER BY k.i, k.r, k.s, k.e, o."recordedAt" DESC, o.id DESC`;
  for (const row of rows) found.set(valueKey({ indicatorId: row.i, regionId: row.r, start: row.s, end: row.e }), row.value);
  return found;
}
