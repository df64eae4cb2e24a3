import { parsePeriod, type Period } from '../analytics/period.ts';
import { rankIndicator, type RankedUnit } from '../analytics/ranking.ts';
import type { IndicatorWithUnit } from '../analytics/json-rows.ts';
import { queryFromInfo } from '@pothos/plugin-prisma';
import { asPrismaIndicator } from './preloaded.ts';
import { IndicatorRef } from './indicator.ts';
import { builder } from '../builder.ts';
import { inputText, textList } from './input-text.ts';
import { badUserInput } from '../errors.ts';
import type { RegionLevel } from '../generated/prisma/client.ts';
import { validOn } from '../db/validity.ts';
import { ChangeRef } from './change.ts';
import { ChangeReferenceEnum, RegionLevelEnum } from './enums.ts';
import { ObservationRef } from './observation.ts';
import { PeriodRef } from './period.ts';
import { Region } from './region.ts';
import { SourceRef } from './source.ts';

interface Entry extends RankedUnit {
  asOf?: Date | null;
}

const RankingEntry = builder.objectRef<Entry>('RankingEntry').implement({
  description: 'One unit in a ranking or comparison.',
  fields: (t) => ({
    rank: t.exposeInt('rank', {
      nullable: true,
      description: "1 is best by the indicator's direction; equal values share a rank; null when the unit has no value for the period.",
    }),
    region: t.field({ type: Region, resolve: (e) => e.region }),
    value: t.float({ nullable: true, resolve: (e) => e.value?.toNumber() ?? null }),
    observation: t.field({
      type: ObservationRef,
      nullable: true,
      description: 'The stored value with its source, qualifier and vintage.',
      resolve: (e, _a, ctx) => (e.observationId ? ctx.loaders.observation.load(e.observationId) : null),
    }),
    sources: t.field({
      type: [SourceRef],
      description: "Where the value comes from: the stored observation's source, or the sources of a computed ratio's numerator and denominator.",
      resolve: (e) => e.sources,
    }),
    change: t.field({
      type: ChangeRef,
      nullable: true,
      args: { against: t.arg({ type: ChangeReferenceEnum, defaultValue: 'SAME_PERIOD_LAST_YEAR' }) },
      resolve: async (e, args, ctx) => {
        if (!e.observationId) return null;
        const observation = await ctx.loaders.observation.load(e.observationId);
        return observation && ctx.loaders.change.load({ observation, against: args.against ?? 'SAME_PERIOD_LAST_YEAR', asOf: e.asOf });
      },
    }),
  }),
});

interface RankingShape {
  indicatorId: number;
  /** The indicator with its unit when the ranking's statement loaded it. */
  indicator?: IndicatorWithUnit;
  slug: string;
  period: Period;
  level: RegionLevel;
  at: Date;
  asOf?: Date | null;
  entries: Entry[];
}

const Ranking = builder.objectRef<RankingShape>('Ranking').implement({
  description: 'Units ordered by value for one indicator and period.',
  fields: (t) => ({
    indicator: t.field({
      type: IndicatorRef,
      resolve: (r, _a, ctx, info) =>
        r.indicator
          ? asPrismaIndicator(ctx, info, r.indicator)
          : ctx.prisma.indicator.findUniqueOrThrow({ ...queryFromInfo({ context: ctx, info }), where: { id: r.indicatorId } }),
    }),
    period: t.field({ type: PeriodRef, resolve: (r) => r.period }),
    level: t.field({ type: RegionLevelEnum, resolve: (r) => r.level }),
    at: t.field({ type: 'Date', description: 'The day the units are taken at.', resolve: (r) => r.at }),
    entries: t.field({ type: [RankingEntry], resolve: (r) => r.entries }),
  }),
});

// prismaObjectFields, not prismaObjectField: the latter's typing refuses fields once the validation plugin is on.
builder.prismaObjectFields('Indicator', (t) => ({
  ranking: t.field({
    type: [RankingEntry],
    description: 'Units of a level ordered by this indicator for one period (batched across indicators: one statement for a dashboard).',
    args: {
      period: t.arg.string({
        required: true,
        description: 'A period: 2021, 2021-Q3, 2021-09, 2021-YTD-09, 2020-12-15/2021-09-15.',
        validate: inputText.period,
      }),
      level: t.arg({ type: RegionLevelEnum, defaultValue: 'PROVINCE' }),
      at: t.arg({ type: 'Date', description: 'The day whose units are ranked. Default: the last day of the period.' }),
      asOf: t.arg({ type: 'DateTime', description: 'Rank the values known at this instant.' }),
    },
    resolve: async (indicator, args, ctx) => {
      const period = parsePeriod(args.period);
      const rows = await ctx.loaders.ranking.load({
        indicatorId: indicator.id,
        level: args.level ?? 'PROVINCE',
        at: args.at ?? period.end,
        period,
        asOf: args.asOf,
      });
      return rows.map((row) => ({ ...row, asOf: args.asOf }));
    },
  }),
}));

builder.queryFields((t) => ({
  ranking: t.field({
    type: Ranking,
    nullable: true,
    description:
      "Every unit of a level ordered by an indicator for a period. The indicator's direction decides what is better; ties share a rank; units without data " +
      'are listed last with a null rank. Null for an unknown indicator.',
    args: {
      indicator: t.arg.string({ required: true, validate: inputText.slug }),
      period: t.arg.string({
        required: true,
        description: 'A period: 2021, 2021-Q3, 2021-09, 2021-YTD-09, 2020-12-15/2021-09-15.',
        validate: inputText.period,
      }),
      level: t.arg({ type: RegionLevelEnum, defaultValue: 'PROVINCE' }),
      at: t.arg({ type: 'Date', description: 'The day whose units are ranked. Default: the last day of the period.' }),
      asOf: t.arg({ type: 'DateTime', description: 'Rank the values known at this instant.' }),
    },
    resolve: async (_root, args, ctx) => {
      const period = parsePeriod(args.period);
      const level = args.level ?? 'PROVINCE';
      const at = args.at ?? period.end;
      // One statement: the indicator, its unit, the ranked units and their sources.
      const ranking = await rankIndicator(ctx.prisma, args.indicator, { level, at, period, asOf: args.asOf });
      if (!ranking) return null;
      const { indicator, entries } = ranking;
      return {
        indicatorId: indicator.id,
        indicator,
        slug: indicator.slug,
        period,
        level,
        at,
        asOf: args.asOf,
        entries: entries.map((r) => ({ ...r, asOf: args.asOf })),
      };
    },
  }),
  compare: t.field({
    type: Ranking,
    nullable: true,
    description: 'Several units side by side for one indicator and period, in the order asked, ranked among themselves.',
    args: {
      indicator: t.arg.string({ required: true, validate: inputText.slug }),
      regions: t.arg.stringList({ required: true, description: 'Region codes, resolved on `at`.', validate: textList(inputText.regionCode) }),
      period: t.arg.string({ required: true, validate: inputText.period }),
      at: t.arg({ type: 'Date', description: 'The day the codes are resolved on. Default: the last day of the period.' }),
      asOf: t.arg({ type: 'DateTime' }),
    },
    resolve: async (_root, args, ctx) => {
      const period = parsePeriod(args.period);
      if (args.regions.length === 0 || args.regions.length > 100) throw badUserInput('"regions" takes 1 to 100 region codes');
      const indicator = await ctx.prisma.indicator.findUnique({ where: { slug: args.indicator }, select: { id: true, slug: true } });
      if (!indicator) return null;
      const at = args.at ?? period.end;
      const units = await ctx.prisma.region.findMany({ where: { code: { in: args.regions }, ...validOn(at) } });
      const levels = new Set(units.map((u) => u.level));
      if (levels.size > 1)
        throw badUserInput(`the regions ${args.regions.join(', ')} are of different levels on ${at.toISOString().slice(0, 10)}: compare units of one level`);
      const level = units[0]?.level ?? 'PROVINCE';
      const rows = units.length ? await ctx.loaders.ranking.load({ indicatorId: indicator.id, level, at, period, asOf: args.asOf }) : [];
      const byCode = new Map(rows.map((r) => [r.regionCode, r]));
      const chosen = args.regions.map((code) => byCode.get(code)).filter((r): r is RankedUnit => r !== undefined);
      // Ranks among the compared units only (the ranking's order is kept, so ties stay ties).
      const entries = chosen.map((r) => ({
        ...r,
        asOf: args.asOf,
        rank: r.value === null || r.rank === null ? null : 1 + chosen.filter((o) => o.rank !== null && o.rank < r.rank!).length,
      }));
      return { indicatorId: indicator.id, slug: indicator.slug, period, level, at, asOf: args.asOf, entries };
    },
  }),
}));
