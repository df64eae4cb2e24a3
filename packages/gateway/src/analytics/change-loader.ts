import DataLoader from 'dataloader';
import { Prisma, type Observation, type PrismaClient } from '../generated/prisma/client.ts';
import { computeChange, type ChangeResult } from './change.ts';
import { lookupValues, valueKey, type ValueKey } from './lookup.ts';
import { periodOf, shiftPeriod, type Period } from './period.ts';
import { loadTerritories } from './territory.ts';

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

/**
 * Changes of many observations against their comparison periods in a fixed number of statements:
 * indicators, succession links, and one lookup of every previous value (composed from predecessors
 * where the unit did not exist yet: sums for SUM and LAST_VALUE, numerator and denominator sums for
 * RATIO, nothing for NONE).
 */
export function createChangeLoader(prisma: PrismaClient) {
  return new DataLoader<ChangeRequest, ChangeAnswer | null, string>(
    async (requests) => {
      const indicatorIds = [...new Set(requests.map((r) => r.observation.indicatorId))];
      const indicators = new Map(
        (await prisma.indicator.findMany({
          where: { id: { in: indicatorIds } },
          select: { id: true, aggregation: true, unitCode: true, numeratorId: true, denominatorId: true, ratioMultiplier: true },
        })).map((i) => [i.id, i]),
      );
      const territoryOf = await loadTerritories(prisma, requests.map((r) => r.observation.regionId));

      const plans = requests.map((r) => {
        const o = r.observation;
        const indicator = indicators.get(o.indicatorId)!;
        const period = shiftPeriod(periodOf(o.periodKind, o.periodStart, o.periodEnd), r.against);
        const territory = territoryOf(o.regionId, period.end);
        const key = (indicatorId: number, regionId: number): ValueKey => ({ indicatorId, regionId, start: period.start, end: period.end });
        let keys: ValueKey[][] = [territory.unitIds.map((id) => key(o.indicatorId, id))];
        if (territory.composed && indicator.aggregation === 'RATIO' && indicator.numeratorId && indicator.denominatorId) {
          keys = [territory.unitIds.map((id) => key(indicator.numeratorId!, id)), territory.unitIds.map((id) => key(indicator.denominatorId!, id))];
        }
        const composable = !territory.composed || indicator.aggregation !== 'NONE';
        return { request: r, indicator, period, territory, keys: composable ? keys : [] };
      });

      // One lookup per vintage asked (normally one).
      const byAsOf = new Map<string, ValueKey[]>();
      for (const p of plans) {
        const tag = p.request.asOf?.toISOString() ?? '';
        byAsOf.set(tag, [...(byAsOf.get(tag) ?? []), ...p.keys.flat()]);
      }
      const values = new Map<string, Map<string, Prisma.Decimal>>();
      for (const [tag, keys] of byAsOf) values.set(tag, await lookupValues(prisma, keys, tag ? new Date(tag) : null));

      return plans.map(({ request, indicator, period, territory, keys }) => {
        const found = values.get(request.asOf?.toISOString() ?? '')!;
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
        if (keys.length === 2) {
          const [num, den] = [sum(keys[0]), sum(keys[1])];
          previous = num && den && !den.isZero() ? num.div(den).times(indicator.ratioMultiplier) : null;
        } else {
          previous = sum(keys[0]);
        }
        const o = request.observation;
        const reported = o.reportedChangeAgainst === request.against;
        const result = computeChange({
          value: o.value,
          previous,
          previousComposed: territory.composed,
          reportedPercent: reported ? o.reportedChangePercent : null,
          reportedAbsolute: reported ? o.reportedChangeAbsolute : null,
          isRate: indicator.unitCode === 'percent',
        });
        return result && { ...result, against: request.against, period, previousUnitIds: territory.unitIds };
      });
    },
    { cacheKeyFn: (r) => `${r.observation.id}:${r.against}:${r.asOf?.toISOString() ?? ''}` },
  );
}
