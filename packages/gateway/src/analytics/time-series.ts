import { Prisma, type Indicator, type PrismaClient, type Region } from '../generated/prisma/client.ts';
import { aggregate, type AggregateValue } from './aggregate.ts';
import { formatDay, periodOf, subPeriods, parsePeriod, type Period } from './period.ts';
import { loadTerritories } from './territory.ts';
import { vintageSql } from './vintage.ts';

export type Frequency = 'AS_STORED' | 'MONTH' | 'QUARTER' | 'YEAR';
export type PointBasis = 'OBSERVED' | 'COMPOSED' | 'ROLLED_UP' | 'BREAK';

export interface SeriesPoint {
  period: Period;
  value: Prisma.Decimal | null;
  basis: PointBasis;
  complete: boolean;
  /** Units whose values make up the point. */
  unitIds: number[];
  observationId: number | null;
}

export interface TimeSeriesRequest {
  indicator: Pick<Indicator, 'id' | 'slug' | 'aggregation' | 'numeratorId' | 'denominatorId' | 'ratioMultiplier'>;
  unit: Pick<Region, 'id' | 'validFrom' | 'validTo'>;
  from?: Date | null;
  to?: Date | null;
  frequency: Frequency;
  /** After the unit ended, continue with the unit(s) it went into. */
  followSuccessors: boolean;
  asOf?: Date | null;
}

const EPOCH = new Date('1900-01-01T00:00:00Z');

/**
 * A series for one unit's territory across boundary changes. Before the unit existed, its
 * predecessors stand in (sums and ratios of sums: COMPOSED; composite indices: a BREAK with no
 * value); after it ended, its successors if asked. With a frequency, stored months or quarters
 * are ROLLED_UP by the indicator's rule. Statements: succession links, the stored values, and one
 * rollup per territory (normally one or two).
 */
export async function timeSeries(prisma: PrismaClient, req: TimeSeriesRequest): Promise<SeriesPoint[]> {
  const { indicator, unit } = req;
  const territoryOf = await loadTerritories(prisma, [unit.id]);
  const successors =
    req.followSuccessors && unit.validTo
      ? (await prisma.regionSuccession.findMany({ where: { predecessorId: unit.id }, select: { successorId: true } })).map((s) => s.successorId)
      : [];
  const territoryFor = (period: Period): number[] =>
    successors.length && unit.validTo && period.start > unit.validTo ? successors : territoryOf(unit.id, period.end).unitIds;
  const candidates = [...new Set([...territoryOf(unit.id, EPOCH).unitIds, unit.id, ...successors])];

  const stored = await prisma.$queryRaw<
    Array<{ id: number; regionId: number; periodStart: Date; periodEnd: Date; periodKind: Period['kind']; value: Prisma.Decimal }>
  >`
    SELECT DISTINCT ON (o."regionId", o."periodStart", o."periodEnd") o.id, o."regionId", o."periodStart", o."periodEnd", o."periodKind", o.value
    FROM "Observation" o
    WHERE o."indicatorId" = ${indicator.id} AND o."regionId" = ANY(${candidates}::int[])
      ${req.from ? Prisma.sql`AND o."periodStart" >= ${formatDay(req.from)}::date` : Prisma.empty}
      ${req.to ? Prisma.sql`AND o."periodEnd" <= ${formatDay(req.to)}::date` : Prisma.empty}
      AND ${vintageSql(req.asOf)}
    ORDER BY o."regionId", o."periodStart", o."periodEnd", o."recordedAt" DESC, o.id DESC`;

  let periods: Period[];
  if (req.frequency === 'AS_STORED') {
    const seen = new Map<string, Period>();
    for (const row of stored) {
      const p = periodOf(row.periodKind, row.periodStart, row.periodEnd);
      seen.set(p.code, p);
    }
    periods = [...seen.values()];
  } else {
    periods = calendarBuckets(req.frequency, req.from ?? minStart(stored), req.to ?? maxEnd(stored));
  }
  periods.sort((a, b) => a.start.getTime() - b.start.getTime() || a.end.getTime() - b.end.getTime());

  const points = new Map<string, SeriesPoint>();
  const toCompose = new Map<string, { unitIds: number[]; periods: Period[] }>();
  for (const period of periods) {
    const unitIds = territoryFor(period);
    const single = unitIds.length === 1;
    const exact = single
      ? stored.find((r) => r.regionId === unitIds[0] && r.periodStart.getTime() === period.start.getTime() && r.periodEnd.getTime() === period.end.getTime())
      : undefined;
    if (exact) {
      // The unit's own value, or its successor's when following it (a different territory).
      const basis = unitIds[0] === unit.id ? 'OBSERVED' : 'COMPOSED';
      points.set(period.code, { period, value: exact.value, basis, complete: true, unitIds, observationId: exact.id });
    } else if (indicator.aggregation === 'NONE') {
      // A composite index cannot be added up over predecessors or periods: the series breaks here.
      if (!single || req.frequency !== 'AS_STORED')
        points.set(period.code, { period, value: null, basis: 'BREAK', complete: false, unitIds, observationId: null });
    } else {
      const key = unitIds.join(',');
      const group = toCompose.get(key) ?? { unitIds, periods: [] };
      group.periods.push(period);
      toCompose.set(key, group);
    }
  }
  for (const group of toCompose.values()) {
    const results: AggregateValue[] = await aggregate(prisma, indicator, [{ regionId: unit.id, unitIds: group.unitIds }], group.periods, req.asOf);
    for (const r of results) {
      if (r.method === 'NONE' && r.value === null && req.frequency === 'AS_STORED') continue;
      const composed = group.unitIds.length > 1 || group.unitIds[0] !== unit.id;
      points.set(r.period.code, {
        period: r.period,
        value: r.value,
        basis: r.method === 'EXACT' && composed ? 'COMPOSED' : 'ROLLED_UP',
        complete: r.complete,
        unitIds: group.unitIds,
        observationId: null,
      });
    }
  }
  return [...points.values()].sort((a, b) => a.period.start.getTime() - b.period.start.getTime() || a.period.end.getTime() - b.period.end.getTime());
}

function calendarBuckets(frequency: Exclude<Frequency, 'AS_STORED'>, from: Date | null, to: Date | null): Period[] {
  if (!from || !to) return [];
  const buckets: Period[] = [];
  for (let year = from.getUTCFullYear(); year <= to.getUTCFullYear(); year++) {
    const whole = parsePeriod(String(year));
    const parts = frequency === 'YEAR' ? [whole] : subPeriods(whole, frequency);
    for (const p of parts) if (p.start >= from && p.end <= to) buckets.push(p);
  }
  return buckets;
}

const minStart = (rows: Array<{ periodStart: Date }>) => (rows.length ? new Date(Math.min(...rows.map((r) => r.periodStart.getTime()))) : null);
const maxEnd = (rows: Array<{ periodEnd: Date }>) => (rows.length ? new Date(Math.max(...rows.map((r) => r.periodEnd.getTime()))) : null);
