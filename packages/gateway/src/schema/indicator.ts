import { builder } from '../builder.ts';
import { connectionCursors, inputText } from './input-text.ts';
import { displayUnit } from '../domain/display-unit.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { AggregationRuleEnum, DirectionEnum, FrameworkEnum, IndicatorCategoryEnum } from './enums.ts';
import { observationRange } from './observation.ts';
import { inLang, Lang } from './scalars.ts';

export const IndicatorRef = builder.prismaNode('Indicator', {
  id: { field: 'id' },
  description: 'What is measured, in which unit, and what a rollup may do with it.',
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable identifier, e.g. `dossiers_on_time_rate`.' }),
    name: t.string({
      args: { lang: t.arg({ type: Lang, defaultValue: 'VI' }) },
      resolve: (i, { lang }) => inLang(lang, i.nameVi, i.nameEn),
    }),
    description: t.string({
      args: { lang: t.arg({ type: Lang, defaultValue: 'VI' }) },
      resolve: (i, { lang }) => inLang(lang, i.descriptionVi, i.descriptionEn),
    }),
    unit: t.relation('unit'),
    scaleExponent: t.exposeInt('scaleExponent', {
      description: 'Power of ten values are shown in: 6 for "triệu USD", 9 for "tỷ đồng". Values are stored in base units.',
    }),
    decimals: t.exposeInt('decimals', { description: 'Decimals shown after scaling.' }),
    displayUnit: t.string({
      description: 'The unit as written after a scaled value: "tỷ đồng" / "billion VND", "%".',
      args: { lang: t.arg({ type: Lang, defaultValue: 'VI' }) },
      select: { unit: true },
      resolve: (i, { lang }) => displayUnit(i.unit, i.scaleExponent, lang ?? 'VI'),
    }),
    category: t.expose('category', { type: IndicatorCategoryEnum }),
    direction: t.expose('direction', { type: DirectionEnum }),
    aggregation: t.expose('aggregation', { type: AggregationRuleEnum }),
    framework: t.expose('framework', { type: FrameworkEnum, nullable: true }),
    numerator: t.relation('numerator', { nullable: true, description: 'For RATIO indicators: the indicator summed above the line.' }),
    denominator: t.relation('denominator', { nullable: true, description: 'For RATIO indicators: the indicator summed below the line.' }),
    series: t.prismaField({
      type: ['Observation'],
      description:
        'Current values for a region code, oldest period first. The code is resolved to the unit valid in each period: "48" is old Đà Nẵng before ' +
        '2025-07-01 and the merged city after. Only periods within [from, to] are returned.',
      args: {
        region: t.arg.string({ required: true, description: 'Region code, e.g. "49".', validate: inputText.regionCode }),
        from: t.arg({ type: 'Date', description: 'Only periods starting on or after this day.' }),
        to: t.arg({ type: 'Date', description: 'Only periods ending on or before this day.' }),
        asOf: t.arg({ type: 'DateTime', description: 'The values known at this instant (earlier vintages), instead of the current ones.' }),
      },
      resolve: (query, indicator, args, ctx) =>
        ctx.loaders.series.load({ indicatorId: indicator.id, regionCode: args.region, where: observationRange(args), query }),
    }),
  }),
});

function catalogueFilter(args: { search?: string | null; category?: Prisma.IndicatorWhereInput['category'] | null }): Prisma.IndicatorWhereInput {
  const where: Prisma.IndicatorWhereInput = {};
  if (args.category) where.category = args.category;
  const search = args.search?.trim();
  if (search) {
    where.OR = (['slug', 'nameVi', 'nameEn', 'descriptionVi', 'descriptionEn'] as const).map((field) => ({
      [field]: { contains: search, mode: 'insensitive' as const },
    }));
  }
  return where;
}

builder.queryFields((t) => ({
  indicators: t.prismaConnection(
    {
      type: 'Indicator',
      cursor: 'slug',
      validate: connectionCursors('string'),
      description: 'The indicator catalogue, ordered by slug; `search` matches slug, names and descriptions in both languages.',
      args: {
        search: t.arg.string({ description: 'Words or part of a slug, up to 100 characters.', validate: inputText.search }),
        category: t.arg({ type: IndicatorCategoryEnum }),
      },
      totalCount: (_connection, args, ctx) => ctx.prisma.indicator.count({ where: catalogueFilter(args) }),
      resolve: (query, _root, args, ctx) => {
        return ctx.prisma.indicator.findMany({ ...query, where: catalogueFilter(args), orderBy: { slug: 'asc' } });
      },
    },
    { name: 'IndicatorConnection' },
    { name: 'IndicatorEdge' },
  ),
  indicator: t.prismaField({
    type: 'Indicator',
    nullable: true,
    description: 'The indicator with this slug, or null.',
    args: { slug: t.arg.string({ required: true, validate: inputText.slug }) },
    resolve: (query, _root, args, ctx) => ctx.prisma.indicator.findUnique({ ...query, where: { slug: args.slug } }),
  }),
}));
