import { builder } from '../builder.ts';
import { badUserInput } from '../errors.ts';
import type { Indicator, Prisma, Region as RegionRow, Source } from '../generated/prisma/client.ts';

/** References a statement loaded with an observation row. */
type Preloaded = { region?: RegionRow; indicator?: Indicator; source?: Source };
import { ChangeReferenceEnum, ObservationStatusEnum, PeriodKindEnum, QualifierEnum } from './enums.ts';
import { formatIsoDate } from './scalars.ts';
import { vintageWhere } from '../analytics/vintage.ts';
import { periodOf } from '../analytics/period.ts';
import { ChangeRef } from './change.ts';
import { PeriodRef } from './period.ts';
import { IndicatorRef } from './indicator.ts';
import { asPrismaIndicator } from './preloaded.ts';
import { Region } from './region.ts';
import { SourceRef } from './source.ts';

/** A `from` after `to` is an error the client can fix. */
export function checkRange(args: { from?: Date | null; to?: Date | null }): void {
  if (args.from && args.to && args.from > args.to) {
    throw badUserInput(`"from" (${formatIsoDate(args.from)}) is after "to" (${formatIsoDate(args.to)}): swap them or widen the range`);
  }
}

/**
 * Current observations whose period lies within [from, to]. A `from` after `to` is an error
 * the client can fix.
 */
export function observationRange(args: { from?: Date | null; to?: Date | null; asOf?: Date | null }): Prisma.ObservationWhereInput {
  checkRange(args);
  return {
    ...vintageWhere(args.asOf),
    ...(args.from ? { periodStart: { gte: args.from } } : {}),
    ...(args.to ? { periodEnd: { lte: args.to } } : {}),
  };
}

interface ReportedChangeShape {
  percent: number | null;
  absolute: number | null;
  against: 'SAME_PERIOD_LAST_YEAR' | 'PREVIOUS_PERIOD';
}

const ReportedChange = builder.objectRef<ReportedChangeShape>('ReportedChange').implement({
  description: 'A change the source itself reported ("so với cùng kỳ"), as data: the earlier value is not reported and is not invented here.',
  fields: (t) => ({
    percent: t.exposeFloat('percent', { nullable: true, description: 'Change in percent: −56.8 means −56,8 %.' }),
    absolute: t.exposeFloat('absolute', { nullable: true, description: "Change in the indicator's unit: −1 means one fewer." }),
    against: t.expose('against', { type: ChangeReferenceEnum, description: 'The period compared against.' }),
  }),
});

export const ObservationRef = builder.prismaNode('Observation', {
  id: { field: 'id' },
  description: 'One value of an indicator for a unit and a period, as one source gave it.',
  fields: (t) => ({
    periodStart: t.expose('periodStart', { type: 'Date', description: 'First day of the period (inclusive).' }),
    periodEnd: t.expose('periodEnd', { type: 'Date', description: 'Last day of the period (inclusive).' }),
    periodKind: t.expose('periodKind', { type: PeriodKindEnum }),
    value: t.float({
      description: "The value in the indicator unit's base: 14700000 USD, 99.8 %. See `displayUnit` and `scaleExponent` on the indicator.",
      resolve: (o) => o.value.toNumber(),
    }),
    exactValue: t.string({
      description: 'The stored decimal as a string, for clients that must not round through floating point.',
      resolve: (o) => o.value.toString(),
    }),
    qualifier: t.expose('qualifier', { type: QualifierEnum }),
    status: t.expose('status', { type: ObservationStatusEnum }),
    reportedChange: t.field({
      type: ReportedChange,
      nullable: true,
      description: 'The change against an earlier period as the source reported it; null when it reported none.',
      resolve: (o) =>
        o.reportedChangeAgainst
          ? {
              percent: o.reportedChangePercent?.toNumber() ?? null,
              absolute: o.reportedChangeAbsolute?.toNumber() ?? null,
              against: o.reportedChangeAgainst,
            }
          : null,
    }),
    period: t.field({
      type: PeriodRef,
      description: 'The period as one object, with its code and label.',
      resolve: (o) => periodOf(o.periodKind, o.periodStart, o.periodEnd),
    }),
    change: t.field({
      type: ChangeRef,
      nullable: true,
      description:
        'The change against the same period a year earlier (default) or the previous period: COMPUTED from stored values (composed from predecessors ' +
        'across a merger), else REPORTED by the source with a DERIVED previous value; null when neither exists.',
      args: {
        against: t.arg({ type: ChangeReferenceEnum, defaultValue: 'SAME_PERIOD_LAST_YEAR' }),
        asOf: t.arg({ type: 'DateTime', description: 'Use the previous value known at this instant.' }),
      },
      resolve: (o, args, ctx) => ctx.loaders.change.load({ observation: o, against: args.against ?? 'SAME_PERIOD_LAST_YEAR', asOf: args.asOf }),
    }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime', description: 'When this value became known (its vintage).' }),
    supersededAt: t.expose('supersededAt', { type: 'DateTime', nullable: true, description: 'When a revision replaced it; null for the current value.' }),
    revisions: t.prismaField({
      type: ['Observation'],
      description: 'Earlier values of the same indicator, unit and period, newest first, each with when it was recorded and its source.',
      resolve: (query, o, _args, ctx) =>
        ctx.loaders.revisions.load({
          key: { indicatorId: o.indicatorId, regionId: o.regionId, periodKind: o.periodKind, periodStart: o.periodStart, periodEnd: o.periodEnd },
          before: o.recordedAt,
          query,
        }),
    }),
    note: t.exposeString('note', { nullable: true }),
    recordedBy: t.string({
      nullable: true,
      description:
        "Who recorded this value: the name of the key its import was sent with, else the import's actor (`cli`, `seed`); null for values loaded before imports were recorded.",
      resolve: async (o, _args, ctx) => {
        const batch = o.importId === null ? null : await ctx.loaders.recordedBy.load(o.importId);
        return batch ? (batch.key?.name ?? batch.actor) : null;
      },
    }),
    // Observation keeps its references as ids (checked by triggers). A hand-written statement may have
    // loaded them with the row (the series window does); else each is loaded in one batch per request.
    region: t.field({ type: Region, resolve: async (o, _args, ctx) => (o as Preloaded).region ?? (await ctx.loaders.region.load(o.regionId))! }),
    indicator: t.field({
      type: IndicatorRef,
      resolve: async (o, _args, ctx, info) => asPrismaIndicator(ctx, info, (o as Preloaded).indicator ?? (await ctx.loaders.indicator.load(o.indicatorId))!),
    }),
    source: t.field({ type: SourceRef, resolve: async (o, _args, ctx) => (o as Preloaded).source ?? (await ctx.loaders.source.load(o.sourceId))! }),
  }),
});
