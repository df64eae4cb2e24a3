import DataLoader from 'dataloader';
import { Prisma, type Indicator, type Observation, type PrismaClient } from '../generated/prisma/client.ts';
import { computeChange, type ChangeResult } from './change.ts';
import { lookupValues, valueKey, type ValueKey } from './lookup.ts';
import { periodOf, shiftPeriod, type Period } from './period.ts';
import { loadTerritories, type Territory, type TerritoryOf } from './territory.ts';

export type ChangeReference = 'SAME_PERIOD_LAST_YEAR' | 'PREVIOUS_PERIOD';

export interface ChangeRequest {
  observation: Observation;
  against: ChangeReference;
  asOf?: Date | null;
}

export interface ChangeAnswer extends ChangeResult {
  against: ChangeReference;
  /** The comparison period. */
  period: Period;
  /** Units whose values make up the previous value (predecessors when the unit is newer). */
  previousUnitIds: number[];
}

/** What the change rule needs of an indicator. */
export type ChangeIndicator = Pick<Indicator, 'id' | 'aggregation' | 'unitCode' | 'numeratorId' | 'denominatorId' | 'ratioMultiplier'>;

/** The values a change needs: the comparison period, its territory, and the keys to sum (two groups for a composed ratio). */
export interface ChangePlan {
  period: Period;
  territory: Territory;
  keys: ValueKey[][];
}

/**
 * Which stored values make up the previous value of `observation`: the comparison period's value
 * of the unit, or, where the unit did not exist yet, of its predecessors (sums for SUM and
 * LAST_VALUE, numerator and denominator sums for RATIO, nothing for NONE).
 */
export function planChange(
  observation: Pick<Observation, 'indicatorId' | 'regionId' | 'periodKind' | 'periodStart' | 'periodEnd'>,
  indicator: ChangeIndicator,
  against: ChangeReference,
  territoryOf: TerritoryOf,
): ChangePlan {
  const o = observation;
  const period = shiftPeriod(periodOf(o.periodKind, o.periodStart, o.periodEnd), against);
  const territory = territoryOf(o.regionId, period.end);
  const key = (indicatorId: number, regionId: number): ValueKey => ({ indicatorId, regionId, start: period.start, end: period.end });
  let keys: ValueKey[][] = [territory.unitIds.map((id) => key(o.indicatorId, id))];
  if (territory.composed && indicator.aggregation === 'RATIO' && indicator.numeratorId && indicator.denominatorId) {
    keys = [territory.unitIds.map((id) => key(indicator.numeratorId!, id)), territory.unitIds.map((id) => key(indicator.denominatorId!, id))];
  }
  const composable = !territory.composed || indicator.aggregation !== 'NONE';
  return { period, territory, keys: composable ? keys : [] };
}

/** The change of `observation` by its plan, with `found` the stored values by `valueKey` (the rule: computeChange). */
export function answerChange(
  observation: Pick<Observation, 'value' | 'reportedChangeAgainst' | 'reportedChangePercent' | 'reportedChangeAbsolute'>,
  indicator: ChangeIndicator,
  against: ChangeReference,
  plan: ChangePlan,
  found: ReadonlyMap<string, Prisma.Decimal>,
): ChangeAnswer | null {
  const sum = (group: ValueKey[] | undefined): Prisma.Decimal | null => {
    if (!group || group.length === 0) return null;
    let total = new Prisma.Decimal(0);
    for (const k of group) {
      const v = found.get(valueKey(k));
      if (!v) return null; // a missing part makes the composed value unknown, not smaller
      total = total.plus(v);
    }
    return total;
  };
  let previous: Prisma.Decimal | null;
  if (plan.keys.length === 2) {
    const [num, den] = [sum(plan.keys[0]), sum(plan.keys[1])];
    previous = num && den && !den.isZero() ? num.div(den).times(indicator.ratioMultiplier) : null;
  } else {
    previous = sum(plan.keys[0]);
  }
  const o = observation;
  const reported = o.reportedChangeAgainst === against;
  const result = computeChange({
    value: o.value,
    previous,
    previousComposed: plan.territory.composed,
    reportedPercent: reported ? o.reportedChangePercent : null,
    reportedAbsolute: reported ? o.reportedChangeAbsolute : null,
    isRate: indicator.unitCode === 'percent',
  });
  return result && { ...result, against, period: plan.period, previousUnitIds: plan.territory.unitIds };
}

/** The key under which the change loader caches an answer (also used to prime it). */
export const changeCacheKey = (r: ChangeRequest) => `${r.observation.id}:${r.against}:${r.asOf?.toISOString() ?? ''}`;

/**
 * Changes of many observations against their comparison periods in a fixed number of statements:
 * indicators, succession links, and one lookup of every previous value. Paths that have already
 * fetched those values (the series window) prime it instead.
 */
export function createChangeLoader(prisma: PrismaClient) {
  return new DataLoader<ChangeRequest, ChangeAnswer | null, string>(
    async (requests) => {
      const indicatorIds = [...new Set(requests.map((r) => r.observation.indicatorId))];
      const indicators = new Map(
        (
          await prisma.indicator.findMany({
            where: { id: { in: indicatorIds } },
            select: { id: true, aggregation: true, unitCode: true, numeratorId: true, denominatorId: true, ratioMultiplier: true },
          })
        ).map((i) => [i.id, i]),
      );
      const territoryOf = await loadTerritories(
        prisma,
        requests.map((r) => r.observation.regionId),
      );
      const plans = requests.map((r) => planChange(r.observation, indicators.get(r.observation.indicatorId)!, r.against, territoryOf));

      // One lookup per vintage asked (normally one).
      const byAsOf = new Map<string, ValueKey[]>();
      requests.forEach((r, i) => {
        const tag = r.asOf?.toISOString() ?? '';
        byAsOf.set(tag, [...(byAsOf.get(tag) ?? []), ...plans[i]!.keys.flat()]);
      });
      const values = new Map<string, Map<string, Prisma.Decimal>>();
      for (const [tag, keys] of byAsOf) values.set(tag, await lookupValues(prisma, keys, tag ? new Date(tag) : null));

      return requests.map((r, i) =>
        answerChange(r.observation, indicators.get(r.observation.indicatorId)!, r.against, plans[i]!, values.get(r.asOf?.toISOString() ?? '')!),
      );
    },
    { cacheKeyFn: changeCacheKey },
  );
}
