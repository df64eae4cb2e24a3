import { aggregate, type AggregateValue, type UnitValue } from '../analytics/aggregate.ts';
import { parsePeriod } from '../analytics/period.ts';
import { loadTerritories } from '../analytics/territory.ts';
import { builder } from '../builder.ts';
import { inputText, textList } from './input-text.ts';
import { validOn } from '../db/validity.ts';
import { badUserInput } from '../errors.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { AggregationRuleEnum, RegionLevelEnum } from './enums.ts';
import { PeriodRef } from './period.ts';
import { Region } from './region.ts';

const TimeMethodEnum = builder.enumType('TimeMethod', {
  description: 'How the period was covered.',
  values: {
    EXACT: { description: 'Values stored for exactly this period.' },
    MONTHS: { description: 'Disjoint monthly values inside the period, combined by the rule.' },
    QUARTERS: { description: 'Disjoint quarterly values inside the period, combined by the rule.' },
    NONE: { description: 'No value was found.' },
  },
});

const AggregateUnit = builder.objectRef<UnitValue>('AggregateUnit').implement({
  description: 'One unit that went into a rollup.',
  fields: (t) => ({
    region: t.field({ type: Region, resolve: async (u, _a, ctx) => (await ctx.loaders.region.load(u.regionId))! }),
    composedOf: t.field({
      type: [Region],
      description: 'The units whose stored values stand for it: itself, or its predecessors for periods before it existed.',
      resolve: (u, _a, ctx) => ctx.loaders.regions(u.composedOf),
    }),
    value: t.float({ nullable: true, resolve: (u) => u.value?.toNumber() ?? null }),
    complete: t.exposeBoolean('complete', { description: 'False when a part or a sub-period had no value.' }),
    periods: t.field({ type: [PeriodRef], description: 'The stored periods that went in.', resolve: (u) => u.periods }),
  }),
});

const Aggregate = builder.objectRef<AggregateValue & { indicatorId: number }>('Aggregate').implement({
  description: "A rollup over units and time that follows the indicator's aggregation rule.",
  fields: (t) => ({
    indicator: t.prismaField({
      type: 'Indicator',
      resolve: (query, a, _args, ctx) => ctx.prisma.indicator.findUniqueOrThrow({ ...query, where: { id: a.indicatorId } }),
    }),
    period: t.field({ type: PeriodRef, resolve: (a) => a.period }),
    rule: t.field({ type: AggregationRuleEnum, resolve: (a) => a.rule }),
    method: t.field({ type: TimeMethodEnum, resolve: (a) => a.method }),
    value: t.float({ nullable: true, resolve: (a) => a.value?.toNumber() ?? null }),
    complete: t.exposeBoolean('complete', { description: 'False when any unit or sub-period was missing: the value then covers less than asked.' }),
    numerator: t.float({ nullable: true, description: 'For RATIO: the summed numerator.', resolve: (a) => a.numerator?.toNumber() ?? null }),
    denominator: t.float({ nullable: true, description: 'For RATIO: the summed denominator.', resolve: (a) => a.denominator?.toNumber() ?? null }),
    units: t.field({ type: [AggregateUnit], resolve: (a) => a.units }),
  }),
});

builder.queryFields((t) => ({
  aggregate: t.field({
    type: Aggregate,
    nullable: true,
    description:
      'Rolls an indicator up over units (given codes, every unit of a level, or the children of a parent) and over time (months to quarters and years) by ' +
      'its aggregation rule: sums for counts and money, ratios recomputed from summed numerator and denominator, the latest value for stocks; indicators ' +
      'with rule NONE are refused (NOT_AGGREGATABLE). Units that did not exist in the period are composed from their predecessors. Null for an unknown ' +
      'indicator.',
    args: {
      indicator: t.arg.string({ required: true, validate: inputText.slug }),
      period: t.arg.string({ required: true, validate: inputText.period }),
      regions: t.arg.stringList({ description: 'Region codes, resolved on `at`.', validate: textList(inputText.regionCode) }),
      level: t.arg({ type: RegionLevelEnum, description: 'Every unit of this level valid on `at`.' }),
      parent: t.arg.string({ description: 'The units directly under this region code, valid on `at`.', validate: inputText.regionCode }),
      at: t.arg({ type: 'Date', description: 'The day the units are taken at. Default: the last day of the period.' }),
      asOf: t.arg({ type: 'DateTime', description: 'Use the values known at this instant.' }),
    },
    resolve: async (_root, args, ctx) => {
      const chosen = [args.regions, args.level, args.parent].filter((x) => x != null).length;
      if (chosen !== 1) throw badUserInput('give exactly one of "regions", "level" or "parent" to say which units to roll up');
      const period = parsePeriod(args.period);
      const indicator = await ctx.prisma.indicator.findUnique({ where: { slug: args.indicator } });
      if (!indicator) return null;
      const at = args.at ?? period.end;
      let where: Prisma.RegionWhereInput;
      if (args.regions) where = { code: { in: args.regions } };
      else if (args.level) where = { level: args.level };
      else {
        const parent = await ctx.prisma.region.findFirst({ where: { code: args.parent!, ...validOn(at) }, select: { id: true } });
        if (!parent) return { ...emptyAggregate(period, indicator.aggregation), indicatorId: indicator.id };
        where = { parentId: parent.id };
      }
      const units = await ctx.prisma.region.findMany({ where: { ...where, ...validOn(at) }, select: { id: true }, orderBy: { code: 'asc' } });
      const territoryOf = await loadTerritories(
        ctx.prisma,
        units.map((u) => u.id),
      );
      const territories = units.map((u) => ({ regionId: u.id, unitIds: territoryOf(u.id, period.end).unitIds }));
      const [result] = await aggregate(ctx.prisma, indicator, territories, [period], args.asOf);
      return { ...result!, indicatorId: indicator.id };
    },
  }),
}));

const emptyAggregate = (period: ReturnType<typeof parsePeriod>, rule: AggregateValue['rule']): AggregateValue => ({
  period,
  rule,
  method: 'NONE',
  value: null,
  complete: false,
  numerator: null,
  denominator: null,
  units: [],
});
