import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';

export interface Territory {
  /** The units that held the territory on the day asked: the unit itself, or its predecessors. */
  unitIds: number[];
  /** True when the unit did not exist yet and its predecessors stand in for it. */
  composed: boolean;
}

/** A unit with what `territoriesFrom` needs to know of its succession. */
export interface UnitLinks {
  id: number;
  validFrom: Date | null;
  predecessorIds: number[];
}

/** Answers "which units covered unit U's territory on day D" for the units it was loaded for. */
export type TerritoryOf = (unitId: number, day: Date) => Territory;

/** How many generations of predecessors are followed (the 2025 reorganisation needs one or two). */
const GENERATIONS = 4;

/**
 * SQL for the units to resolve and their predecessors, generation by generation (a CTE named
 * `territory_units(id, depth)`, to be put after `WITH RECURSIVE`): predecessors are followed only
 * from units with a start date, since a unit that existed before the data's horizon stands for
 * itself. `seed` selects the unit ids to start from.
 */
export function territoryUnitsCte(seed: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`territory_units(id, depth) AS (
      SELECT seed.id, 0 FROM (${seed}) AS seed(id)
      UNION
      SELECT s."predecessorId", t.depth + 1
      FROM territory_units t
      JOIN "Region" r ON r.id = t.id AND r."validFrom" IS NOT NULL
      JOIN "RegionSuccession" s ON s."successorId" = t.id
      WHERE t.depth < ${GENERATIONS}
    )`;
}

/** SQL for the rows of `territoriesFrom` (id, validFrom, predecessorIds) of every unit in `territory_units`. */
export const territoryLinksSql = Prisma.sql`
  SELECT r.id, r."validFrom",
    coalesce((SELECT array_agg(s."predecessorId" ORDER BY s."predecessorId") FROM "RegionSuccession" s WHERE s."successorId" = r.id), '{}') AS "predecessorIds"
  FROM "Region" r WHERE r.id IN (SELECT id FROM territory_units)`;

/**
 * Resolves a unit on a day: the unit itself if it existed then, otherwise its predecessors,
 * recursively (new Đà Nẵng 48 on 2021-01-01 is old Đà Nẵng 48 + Quảng Nam 49). A unit that had
 * ended by that day stays itself: its successor is a wider territory, which callers must ask for
 * explicitly. Pure: the links come from `loadTerritories` or from a statement that folds
 * `territoryUnitsCte` into a larger query.
 */
export function territoriesFrom(units: Iterable<UnitLinks>): TerritoryOf {
  const links = new Map<number, UnitLinks>();
  for (const unit of units) links.set(unit.id, unit);
  const expand = (id: number, day: Date, depth: number): number[] => {
    const unit = links.get(id);
    if (!unit?.validFrom || unit.validFrom <= day || unit.predecessorIds.length === 0 || depth >= GENERATIONS) return [id];
    return unit.predecessorIds.flatMap((p) => expand(p, day, depth + 1));
  };
  return (unitId, day) => {
    const ids = [...new Set(expand(unitId, day, 0))];
    return { unitIds: ids, composed: ids.length !== 1 || ids[0] !== unitId };
  };
}

/** Loads the succession links of `unitIds` and of their predecessors in one statement; see `territoriesFrom`. */
export async function loadTerritories(prisma: PrismaClient, unitIds: number[]): Promise<TerritoryOf> {
  const ids = [...new Set(unitIds)];
  if (ids.length === 0) return territoriesFrom([]);
  const rows = await prisma.$queryRaw<UnitLinks[]>`
    WITH RECURSIVE ${territoryUnitsCte(Prisma.sql`SELECT unnest(${ids}::int[])`)}
    ${territoryLinksSql}`;
  return territoriesFrom(rows);
}
