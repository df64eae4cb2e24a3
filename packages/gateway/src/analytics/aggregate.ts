import { GraphQLError } from 'graphql';
import { Prisma, type AggregationRule, type PrismaClient } from '../generated/prisma/client.ts';
import { badUserInput } from '../errors.ts';
import { formatDay, periodLabel, periodOf, type Period, type PeriodKind } from './period.ts';
import { vintageSql } from './vintage.ts';

export interface AggregatedIndicator {
  id: number;
  slug: string;
  aggregation: AggregationRule;
  numeratorId: number | null;
  denominatorId: number | null;
  ratioMultiplier: number;
}

/** One requested unit and the units whose values stand for it (itself, or its predecessors). */
export interface UnitTerritory {
  regionId: number;
  unitIds: number[];
}

export type TimeMethod = 'EXACT' | 'MONTHS' | 'QUARTERS' | 'NONE';

export interface UnitValue {
  regionId: number;
  composedOf: number[];
  value: Prisma.Decimal | null;
  complete: boolean;
  /** Periods whose values went in. */
  periods: Period[];
}

export interface AggregateValue {
  period: Period;
  rule: AggregationRule;
  method: TimeMethod;
  value: Prisma.Decimal | null;
  /** False when a unit or a sub-period had no value. */
  complete: boolean;
  numerator: Prisma.Decimal | null;
  denominator: Prisma.Decimal | null;
  units: UnitValue[];
}

interface Row {
  p: number; // index of the requested period
  i: number; // indicator id
  r: number; // stored unit id
  cls: 'EXACT' | 'MONTH' | 'QUARTER' | 'OTHER';
  n: number;
  total: Prisma.Decimal;
  last: Prisma.Decimal;
  lastEnd: Date;
  kinds: PeriodKind[];
  starts: Date[];
  ends: Date[];
}

/** Thrown for an indicator whose rule (NONE) forbids any rollup. */
export function notAggregatable(slug: string): GraphQLError {
  return new GraphQLError(
    `"${slug}" cannot be aggregated: its aggregation rule is NONE (a composite index or a rate without its counts), so it is never summed or averaged over units or periods. Ask for each unit's value with "compare" or "ranking".`,
    { extensions: { code: 'NOT_AGGREGATABLE', http: { status: 400 } } },
  );
}

/** Calendar months or quarters fully inside a period whose ends fall on month ends; null otherwise. */
function subPeriodCount(period: Period, months: 1 | 3): number | null {
  const s = period.start;
  const after = new Date(period.end.getTime() + 86_400_000);
  if (s.getUTCDate() !== 1 || after.getUTCDate() !== 1) return null;
  const span = (after.getUTCFullYear() - s.getUTCFullYear()) * 12 + after.getUTCMonth() - s.getUTCMonth();
  if (months === 3 && (s.getUTCMonth() % 3 !== 0 || span % 3 !== 0)) return null;
  return span / months;
}

/**
 * Rolls an indicator up over units and time for one or more periods, by its aggregation rule,
 * with the sums computed in SQL (one statement for all periods, units and, for ratios, the
 * numerator and denominator):
 * - time: a stored value for exactly the period is used as it is; otherwise disjoint months (or
 *   quarters) inside it are combined. Cumulative values (year to date, reporting periods, stocks)
 *   inside the period are never added up: asking for that is an error that says why.
 * - SUM adds; LAST_VALUE takes each unit's latest value in the period and adds over units (stocks);
 *   RATIO is multiplier × Σ numerator / Σ denominator, never an average of ratios; NONE is refused.
 */
export async function aggregate(
  prisma: PrismaClient,
  indicator: AggregatedIndicator,
  territories: UnitTerritory[],
  periods: Period[],
  asOf?: Date | null,
): Promise<AggregateValue[]> {
  if (indicator.aggregation === 'NONE') throw notAggregatable(indicator.slug);
  const ratio = indicator.aggregation === 'RATIO';
  if (ratio && (!indicator.numeratorId || !indicator.denominatorId)) throw notAggregatable(indicator.slug);
  const parts = ratio ? [indicator.numeratorId!, indicator.denominatorId!] : [indicator.id];
  const unitIds = [...new Set(territories.flatMap((t) => t.unitIds))];

  const rows =
    periods.length && unitIds.length
      ? await prisma.$queryRaw<Row[]>`
      SELECT p.idx::int AS p, o."indicatorId" AS i, o."regionId" AS r,
        CASE WHEN o."periodStart" = p.s AND o."periodEnd" = p.e THEN 'EXACT'
             WHEN o."periodKind" = 'MONTH' THEN 'MONTH'
             WHEN o."periodKind" = 'QUARTER' THEN 'QUARTER'
             ELSE 'OTHER' END AS cls,
        count(*)::int AS n,
        sum(o.value) AS total,
        (array_agg(o.value ORDER BY o."periodEnd" DESC, o."recordedAt" DESC))[1] AS last,
        max(o."periodEnd") AS "lastEnd",
        array_agg(o."periodKind"::text ORDER BY o."periodStart") AS kinds,
        array_agg(o."periodStart" ORDER BY o."periodStart") AS starts,
        array_agg(o."periodEnd" ORDER BY o."periodStart") AS ends
      FROM unnest(${periods.map((p) => formatDay(p.start))}::date[], ${periods.map((p) => formatDay(p.end))}::date[])
           WITH ORDINALITY AS p(s, e, idx)
      JOIN "Observation" o ON o."periodStart" >= p.s AND o."periodEnd" <= p.e
      WHERE o."indicatorId" = ANY(${parts}::int[]) AND o."regionId" = ANY(${unitIds}::int[]) AND ${vintageSql(asOf)}
      GROUP BY 1, 2, 3, 4`
      : [];

  return periods.map((period, index) => {
    const mine = rows.filter((row) => row.p === index + 1);
    const method = chooseMethod(mine, period, indicator.slug);
    const expected = method === 'MONTHS' ? subPeriodCount(period, 1)! : method === 'QUARTERS' ? subPeriodCount(period, 3)! : 1;
    const cls = method === 'MONTHS' ? 'MONTH' : method === 'QUARTERS' ? 'QUARTER' : 'EXACT';
    const pick = (indicatorId: number, unitId: number) => mine.find((row) => row.i === indicatorId && row.r === unitId && row.cls === cls);

    /** A unit's value of one stored indicator over its territory, or null if any part is missing. */
    const unitPart = (indicatorId: number, t: UnitTerritory) => {
      let total = new Prisma.Decimal(0);
      let complete = true;
      let any = false;
      const used: Period[] = [];
      for (const id of t.unitIds) {
        const row = pick(indicatorId, id);
        if (!row) {
          complete = false;
          continue;
        }
        any = true;
        const lastValue = indicator.aggregation === 'LAST_VALUE';
        total = total.plus(lastValue ? row.last : row.total);
        if (lastValue ? row.lastEnd.getTime() !== period.end.getTime() : row.n !== expected) complete = false;
        row.starts.forEach((s, k) => {
          used.push(periodOf(row.kinds[k]!, s, row.ends[k]!));
        });
      }
      return { value: any ? total : null, complete: complete && any, used };
    };

    let numerator: Prisma.Decimal | null = null;
    let denominator: Prisma.Decimal | null = null;
    let total: Prisma.Decimal | null = null;
    let complete = territories.length > 0;
    const units: UnitValue[] = territories.map((t) => {
      if (ratio) {
        const num = unitPart(parts[0]!, t);
        const den = unitPart(parts[1]!, t);
        const both = num.value !== null && den.value !== null;
        if (both) {
          numerator = (numerator ?? new Prisma.Decimal(0)).plus(num.value!);
          denominator = (denominator ?? new Prisma.Decimal(0)).plus(den.value!);
        }
        const unitComplete = both && num.complete && den.complete;
        complete &&= unitComplete;
        const value = both && !den.value!.isZero() ? num.value!.div(den.value!).times(indicator.ratioMultiplier) : null;
        return { regionId: t.regionId, composedOf: t.unitIds, value, complete: unitComplete, periods: uniquePeriods([...num.used, ...den.used]) };
      }
      const part = unitPart(parts[0]!, t);
      if (part.value !== null) total = (total ?? new Prisma.Decimal(0)).plus(part.value);
      complete &&= part.complete;
      return { regionId: t.regionId, composedOf: t.unitIds, value: part.value, complete: part.complete, periods: uniquePeriods(part.used) };
    });
    if (ratio) {
      const n = numerator as Prisma.Decimal | null;
      const d = denominator as Prisma.Decimal | null;
      total = n && d && !d.isZero() ? n.div(d).times(indicator.ratioMultiplier) : null;
    }
    return { period, rule: indicator.aggregation, method, value: total, complete: complete && total !== null, numerator, denominator, units };
  });
}

function chooseMethod(rows: Row[], period: Period, slug: string): TimeMethod {
  if (rows.some((r) => r.cls === 'EXACT')) return 'EXACT';
  if (rows.some((r) => r.cls === 'MONTH') && subPeriodCount(period, 1) !== null) return 'MONTHS';
  if (rows.some((r) => r.cls === 'QUARTER') && subPeriodCount(period, 3) !== null) return 'QUARTERS';
  const cumulative = rows.filter((r) => r.cls === 'OTHER');
  if (cumulative.length) {
    const stored = uniquePeriods(cumulative.flatMap((r) => r.starts.map((s, k) => periodOf(r.kinds[k]!, s, r.ends[k]!))));
    throw badUserInput(
      `"${slug}" for ${periodLabel(period, 'EN')} (${period.code}) cannot be built from the values stored inside it ` +
        `(${stored
          .slice(0, 4)
          .map((p) => p.code)
          .join(', ')}${stored.length > 4 ? ', …' : ''}): they are cumulative or overlapping, ` +
        `and adding them would count the same days twice. Ask for one of those periods instead.`,
      { storedPeriods: stored.map((p) => p.code) },
    );
  }
  return 'NONE';
}

function uniquePeriods(periods: Period[]): Period[] {
  const seen = new Map<string, Period>();
  for (const p of periods) seen.set(p.code, p);
  return [...seen.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
}
