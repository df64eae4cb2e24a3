import { timeSeries, type SeriesPoint } from '../analytics/time-series.ts';
import { builder } from '../builder.ts';
import { inputText } from './input-text.ts';
import { validOn } from '../db/validity.ts';
import { checkRange, ObservationRef } from './observation.ts';
import { PeriodRef } from './period.ts';
import { Region } from './region.ts';

const FrequencyEnum = builder.enumType('Frequency', {
  values: {
    AS_STORED: { description: 'The periods as stored.' },
    MONTH: { description: 'Calendar months.' },
    QUARTER: { description: 'Calendar quarters, rolled up from months by the rule.' },
    YEAR: { description: 'Calendar years, rolled up from months or quarters by the rule.' },
  },
});

const PointBasisEnum = builder.enumType('PointBasis', {
  values: {
    OBSERVED: { description: 'A value stored for this unit and period.' },
    COMPOSED: { description: "Made from the values of the unit's predecessors (or successors), by the rule." },
    ROLLED_UP: { description: 'Made from shorter periods inside this one, by the rule.' },
    BREAK: { description: 'No comparable value: a composite index across a boundary change, which cannot be composed.' },
  },
});

const SeriesPointRef = builder.objectRef<SeriesPoint>('SeriesPoint').implement({
  description: 'One point of a series that stays comparable across boundary changes.',
  fields: (t) => ({
    period: t.field({ type: PeriodRef, resolve: (p) => p.period }),
    value: t.float({ nullable: true, resolve: (p) => p.value?.toNumber() ?? null }),
    basis: t.field({ type: PointBasisEnum, resolve: (p) => p.basis }),
    complete: t.exposeBoolean('complete', { description: 'False when a part (a predecessor, a month) had no value.' }),
    composition: t.field({
      type: [Region],
      description: 'The units whose values make up the point.',
      resolve: (p, _a, ctx) => ctx.loaders.regions(p.unitIds),
    }),
    observation: t.field({
      type: ObservationRef,
      nullable: true,
      description: 'The stored observation, for OBSERVED points.',
      resolve: (p, _a, ctx) => (p.observationId ? ctx.loaders.observation.load(p.observationId) : null),
    }),
  }),
});

// prismaObjectFields, not prismaObjectField: the latter's typing refuses fields once the validation plugin is on.
builder.prismaObjectFields('Indicator', (t) => ({
  timeSeries: t.field({
    type: [SeriesPointRef],
    description:
      'A series for the territory of one unit, comparable across the 2025 reorganisation: the unit is the one with this code valid on `at`; before it ' +
      'existed its predecessors are combined by the rule (new Đà Nẵng 48 before 2025-07 is old Đà Nẵng + Quảng Nam), and composite indices break. With ' +
      '`followSuccessors`, an old unit continues with what it went into. With a frequency, months are rolled up to quarters or years.',
    args: {
      region: t.arg.string({ required: true, validate: inputText.regionCode }),
      at: t.arg({ type: 'Date', description: 'The day that identifies the unit. Default: `to`, else today.' }),
      from: t.arg({ type: 'Date' }),
      to: t.arg({ type: 'Date' }),
      frequency: t.arg({ type: FrequencyEnum, defaultValue: 'AS_STORED' }),
      followSuccessors: t.arg.boolean({ defaultValue: false }),
      asOf: t.arg({ type: 'DateTime', description: 'Use the values known at this instant.' }),
    },
    resolve: async (indicator, args, ctx) => {
      checkRange(args);
      const at = args.at ?? args.to ?? new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
      const unit = await ctx.prisma.region.findFirst({ where: { code: args.region, ...validOn(at) }, orderBy: { level: 'asc' } });
      if (!unit) return [];
      return timeSeries(ctx.prisma, {
        indicator,
        unit,
        from: args.from,
        to: args.to,
        frequency: args.frequency ?? 'AS_STORED',
        followSuccessors: args.followSuccessors ?? false,
        asOf: args.asOf,
      });
    },
  }),
}));
