import { parsePeriod, periodOf } from '../analytics/period.ts';
import type { SeriesWindow, WindowIndicator, WindowObservation } from '../analytics/series-window.ts';
import { builder } from '../builder.ts';
import { inputText, textList } from './input-text.ts';
import { badUserInput } from '../errors.ts';
import { checkRange, ObservationRef } from './observation.ts';
import { asPrismaIndicator } from './preloaded.ts';
import { IndicatorRef } from './indicator.ts';
import { Region } from './region.ts';
import { SourceRef } from './source.ts';

const MAX_CODES = 100;

interface RegionSeriesShape {
  code: string;
  observations: WindowObservation[];
}

const RegionSeries = builder.objectRef<RegionSeriesShape>('RegionSeries').implement({
  description: "One region code's values of an indicator, oldest period first; the code resolves to the unit valid in each period.",
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The region code asked for.' }),
    region: t.field({
      type: Region,
      nullable: true,
      description:
        'The unit of the latest value (the code may name other units in other periods); without values, the unit that holds the code today, or last held it.',
      resolve: (s, _a, ctx) => s.observations.at(-1)?.region ?? ctx.loaders.regionOfCode(s.code),
    }),
    observations: t.field({
      type: [ObservationRef],
      resolve: (s) => s.observations,
    }),
    latest: t.field({
      type: ObservationRef,
      nullable: true,
      description: 'The value of the latest period (the last of `observations`), e.g. with its `change` for a key figure.',
      resolve: (s) => s.observations.at(-1) ?? null,
    }),
  }),
});

interface IndicatorSeriesShape {
  indicator: WindowIndicator;
  series: RegionSeriesShape[];
}

const IndicatorSeries = builder.objectRef<IndicatorSeriesShape>('IndicatorSeries').implement({
  description: 'An indicator with its series for several region codes (a chart or table comparing regions).',
  fields: (t) => ({
    indicator: t.field({ type: IndicatorRef, resolve: (s, _a, ctx, info) => asPrismaIndicator(ctx, info, s.indicator) }),
    series: t.field({ type: [RegionSeries], description: 'One series per region code, in the order asked.', resolve: (s) => s.series }),
    sources: t.field({
      type: [SourceRef],
      description:
        "The sources of every series' values, each once, in the order they first appear (series by series, oldest period first): a chart's " +
        'source line, without asking for the source of each value.',
      resolve: (s) => [...new Map(s.series.flatMap((r) => r.observations.map((o) => [o.source.id, o.source] as const))).values()],
    }),
  }),
});

interface IndicatorValueShape {
  indicator: WindowIndicator;
  /** The region code asked for. */
  code: string;
  observation: WindowObservation | null;
}

const IndicatorValue = builder.objectRef<IndicatorValueShape>('IndicatorValue').implement({
  description: "An indicator's value for one region: the value of the period asked, or the latest.",
  fields: (t) => ({
    indicator: t.field({ type: IndicatorRef, resolve: (s, _a, ctx, info) => asPrismaIndicator(ctx, info, s.indicator) }),
    region: t.field({
      type: Region,
      nullable: true,
      description: "The value's unit; without a value, the unit that holds the code today, or last held it.",
      resolve: (v, _a, ctx) => v.observation?.region ?? ctx.loaders.regionOfCode(v.code),
    }),
    observation: t.field({
      type: ObservationRef,
      nullable: true,
      description: 'The stored value with its period, source and `change`; null when there is none.',
      resolve: (v) => v.observation ?? null,
    }),
  }),
});

function checkList(name: string, values: string[], max: number): string[] {
  const list = [...new Set(values.map((v) => v.trim()))];
  if (list.length === 0 || list.length > max || list.some((v) => !v)) throw badUserInput(`"${name}" takes 1 to ${max} non-empty values, got ${values.length}`);
  return list;
}

const seriesOf = (window: SeriesWindow, indicatorId: number, code: string) =>
  window.observations.filter((o) => o.indicatorId === indicatorId && o.region.code === code);

builder.queryFields((t) => ({
  indicatorSeries: t.field({
    type: IndicatorSeries,
    nullable: true,
    description:
      'An indicator and its current values for several region codes, in one statement: what a chart or table comparing regions shows. Each code resolves ' +
      'to the unit valid in each period ("48" is old Đà Nẵng before 2025-07-01 and the merged city after); `change` on any observation is answered from ' +
      'the same statement. Null for an unknown indicator.',
    args: {
      indicator: t.arg.string({ required: true, description: 'Indicator slug.', validate: inputText.slug }),
      regions: t.arg.stringList({
        required: true,
        description: `Region codes, 1 to ${MAX_CODES}, e.g. ["48", "49"].`,
        validate: textList(inputText.regionCode),
      }),
      from: t.arg({ type: 'Date', description: 'Only periods starting on or after this day.' }),
      to: t.arg({ type: 'Date', description: 'Only periods ending on or before this day.' }),
      asOf: t.arg({ type: 'DateTime', description: 'The values known at this instant (earlier vintages), instead of the current ones.' }),
    },
    resolve: async (_root, args, ctx) => {
      checkRange(args);
      const codes = checkList('regions', args.regions, MAX_CODES);
      const window = await ctx.loaders.window.load({ slugs: [args.indicator], codes, from: args.from, to: args.to, asOf: args.asOf });
      const indicator = window.indicators.get(args.indicator);
      if (!indicator) return null;
      return { indicator, series: codes.map((code) => ({ code, observations: seriesOf(window, indicator.id, code) })) };
    },
  }),
  indicatorValues: t.field({
    type: [IndicatorValue],
    description:
      "Several indicators' values for one region, in one statement: the value of `period` when given, else the latest within [from, to] (parts of a whole, " +
      'key figures). Indicators in the order asked; unknown slugs are left out.',
    args: {
      indicators: t.arg.stringList({ required: true, description: 'Indicator slugs, 1 to 50.', validate: textList(inputText.slug) }),
      region: t.arg.string({ required: true, description: 'Region code, e.g. "49".', validate: inputText.regionCode }),
      period: t.arg.string({
        description: 'A period: 2021, 2021-Q3, 2021-09, 2021-YTD-09, 2020-12-15/2021-09-15. Default: the latest.',
        validate: inputText.period,
      }),
      from: t.arg({ type: 'Date', description: 'Only periods starting on or after this day.' }),
      to: t.arg({ type: 'Date', description: 'Only periods ending on or before this day.' }),
      asOf: t.arg({ type: 'DateTime', description: 'The values known at this instant.' }),
    },
    resolve: async (_root, args, ctx) => {
      checkRange(args);
      const slugs = checkList('indicators', args.indicators, 50);
      const code = args.region.trim();
      const period = args.period ? parsePeriod(args.period) : null;
      const window = await ctx.loaders.window.load({
        slugs,
        codes: [code],
        from: period?.start ?? args.from,
        to: period?.end ?? args.to,
        asOf: args.asOf,
      });
      return slugs.flatMap((slug) => {
        const indicator = window.indicators.get(slug);
        if (!indicator) return [];
        const rows = seriesOf(window, indicator.id, code);
        const observation = period ? rows.find((o) => periodOf(o.periodKind, o.periodStart, o.periodEnd).code === period.code) : rows.at(-1);
        return [{ indicator, code, observation: observation ?? null }];
      });
    },
  }),
}));
