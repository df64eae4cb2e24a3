import type { Prisma } from '../generated/prisma/client.ts';
import { formatDay } from '../analytics/period.ts';
import { nameAliases, normaliseName } from './names.ts';

type Tx = Prisma.TransactionClient;

export interface IndicatorRule {
  id: number;
  slug: string;
  unitCode: string;
  /** The unit's bounds as plain decimal strings ("0", "100"). */
  min: string | null;
  max: string | null;
  integer: boolean;
}

interface RegionRow {
  id: number;
  code: string;
  level: string;
  nameVi: string;
  validFrom: Date | null;
  validTo: Date | null;
}

/** What rows are checked against: the catalogue and the reference list, read once per import. */
export interface Lookups {
  indicators: Map<string, IndicatorRule>;
  sources: Map<string, number>;
  /** The unit a code meant over a whole period, or why none did. */
  region(code: string, start: Date, end: Date): { id: number; code: string } | { problem: string };
  /** Province codes a name may mean (normalised name, aliases and the mapping's own names). */
  codesForName(name: string, extra?: Record<string, string>): string[];
}

export async function loadLookups(tx: Tx): Promise<Lookups> {
  const [indicators, sources, regions] = await Promise.all([
    tx.indicator.findMany({ select: { id: true, slug: true, unitCode: true, unit: { select: { minValue: true, maxValue: true, integer: true } } } }),
    tx.source.findMany({ select: { id: true, key: true } }),
    tx.region.findMany({
      select: { id: true, code: true, level: true, nameVi: true, validFrom: true, validTo: true },
      orderBy: { validFrom: { sort: 'asc', nulls: 'first' } },
    }),
  ]);
  const byCode = new Map<string, RegionRow[]>();
  const byName = new Map<string, Set<string>>();
  for (const r of regions) {
    byCode.set(r.code, [...(byCode.get(r.code) ?? []), r]);
    if (r.level !== 'PROVINCE') continue;
    const key = normaliseName(r.nameVi);
    byName.set(key, (byName.get(key) ?? new Set()).add(r.code));
  }
  const cache = new Map<string, { id: number; code: string } | { problem: string }>();
  return {
    indicators: new Map(
      indicators.map((i) => [
        i.slug,
        {
          id: i.id,
          slug: i.slug,
          unitCode: i.unitCode,
          min: i.unit.minValue?.toFixed() ?? null,
          max: i.unit.maxValue?.toFixed() ?? null,
          integer: i.unit.integer,
        },
      ]),
    ),
    sources: new Map(sources.map((s) => [s.key, s.id])),
    region(code, start, end) {
      const key = `${code}|${start.getTime()}|${end.getTime()}`;
      let found = cache.get(key);
      if (!found) {
        found = resolveRegion(byCode.get(code) ?? [], code, start, end);
        if (cache.size < 100_000) cache.set(key, found);
      }
      return found;
    },
    codesForName(name, extra) {
      const n = normaliseName(name);
      const codes = new Set(byName.get(n) ?? []);
      const alias = nameAliases[n];
      if (alias) codes.add(alias);
      if (extra) for (const [k, v] of Object.entries(extra)) if (normaliseName(k) === n) codes.add(v);
      return [...codes];
    },
  };
}

const span = (r: RegionRow) =>
  `${r.validFrom ? `from ${formatDay(r.validFrom)}` : ''}${r.validFrom && r.validTo ? ' ' : ''}${r.validTo ? `until ${formatDay(r.validTo)}` : ''}`;

function resolveRegion(candidates: RegionRow[], code: string, start: Date, end: Date): { id: number; code: string } | { problem: string } {
  const level = code === 'VN' ? 'COUNTRY' : code.length === 3 ? 'DISTRICT' : 'PROVINCE';
  const units = candidates.filter((r) => r.level === level);
  const fits = units.find((r) => (!r.validFrom || r.validFrom <= start) && (!r.validTo || r.validTo >= end));
  if (fits) return { id: fits.id, code };
  if (!units.length) {
    return { problem: 'a region code from the reference list: two digits for a province (49 Quảng Nam), three for a district, VN for the country' };
  }
  const when = `${formatDay(start)} to ${formatDay(end)}`;
  const meant = units.map((r) => `${r.nameVi} (${span(r) || 'always'})`).join(' and ');
  return { problem: `a region that existed for the whole period (${when}); code ${code} was ${meant}` };
}
