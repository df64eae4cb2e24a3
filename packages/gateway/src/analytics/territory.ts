import type { PrismaClient } from '../generated/prisma/client.ts';

export interface Territory {
  /** The units that held the territory on the day asked: the unit itself, or its predecessors. */
  unitIds: number[];
  /** True when the unit did not exist yet and its predecessors stand in for it. */
  composed: boolean;
}

interface UnitLinks {
  id: number;
  validFrom: Date | null;
  predecessorIds: number[];
}

/** Answers "which units covered unit U's territory on day D" for the units it was loaded for. */
export type TerritoryOf = (unitId: number, day: Date) => Territory;

/**
 * Loads the succession links of `unitIds` and of their predecessors (one statement per generation,
 * two for the 2025 reorganisation), and returns a function that resolves a unit on a day: the unit
 * itself if it existed then, otherwise its predecessors, recursively (new Đà Nẵng 48 on 2021-01-01
 * is old Đà Nẵng 48 + Quảng Nam 49). A unit that had ended by that day stays itself: its successor
 * is a wider territory, which callers must ask for explicitly.
 */
export async function loadTerritories(prisma: PrismaClient, unitIds: number[]): Promise<TerritoryOf> {
  const links = new Map<number, UnitLinks>();
  let frontier = [...new Set(unitIds)];
  for (let generation = 0; frontier.length > 0 && generation < 4; generation++) {
    const rows = await prisma.region.findMany({
      where: { id: { in: frontier } },
      select: { id: true, validFrom: true, predecessorLinks: { select: { predecessorId: true } } },
    });
    for (const row of rows) links.set(row.id, { id: row.id, validFrom: row.validFrom, predecessorIds: row.predecessorLinks.map((l) => l.predecessorId) });
    frontier = rows
      .filter((row) => row.validFrom !== null)
      .flatMap((row) => row.predecessorLinks.map((l) => l.predecessorId))
      .filter((id) => !links.has(id));
  }
  const expand = (id: number, day: Date, depth: number): number[] => {
    const unit = links.get(id);
    if (!unit || !unit.validFrom || unit.validFrom <= day || unit.predecessorIds.length === 0 || depth > 3) return [id];
    return unit.predecessorIds.flatMap((p) => expand(p, day, depth + 1));
  };
  return (unitId, day) => {
    const ids = [...new Set(expand(unitId, day, 0))];
    return { unitIds: ids, composed: ids.length !== 1 || ids[0] !== unitId };
  };
}
