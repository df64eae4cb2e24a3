import { builder } from '../builder.ts';
import { connectionCursors, inputText } from './input-text.ts';
import type { Prisma, RegionLevel } from '../generated/prisma/client.ts';
import { validOn } from '../db/validity.ts';
import { observationRange } from './observation.ts';
import { RegionLevelEnum, SuccessionKindEnum } from './enums.ts';
import { inLang, Lang } from './scalars.ts';

export const Region = builder.prismaNode('Region', {
  id: { field: 'id' },
  description:
    'An administrative unit. Codes are reused across reorganisations, so a unit is its code and its validity interval: Đà Nẵng 48 before 2025-07-01 and after are two units.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Official code (General Statistics Office), e.g. "49".' }),
    name: t.string({
      args: { lang: t.arg({ type: Lang, defaultValue: 'VI' }) },
      resolve: (region, { lang }) => inLang(lang, region.nameVi, region.nameEn),
    }),
    officialName: t.exposeString('fullNameVi', { description: 'Full Vietnamese name with the unit type, e.g. "Tỉnh Quảng Nam".' }),
    level: t.expose('level', { type: RegionLevelEnum }),
    validFrom: t.expose('validFrom', { type: 'Date', nullable: true, description: 'First day of validity; null if before the data horizon.' }),
    validTo: t.expose('validTo', { type: 'Date', nullable: true, description: 'Last day of validity (inclusive); null while the unit exists.' }),
    parent: t.relation('parent', { nullable: true }),
    predecessorChanges: t.relation('predecessorLinks', { description: 'How this unit was formed, with dates and legal basis.' }),
    successorChanges: t.relation('successorLinks', { description: 'What became of this unit, with dates and legal basis.' }),
    observations: t.prismaField({
      type: ['Observation'],
      description: 'Current values recorded for this unit, optionally for one indicator and a date range.',
      args: {
        indicator: t.arg.string({ description: 'Indicator slug.', validate: inputText.slug }),
        from: t.arg({ type: 'Date', description: 'Only periods starting on or after this day.' }),
        to: t.arg({ type: 'Date', description: 'Only periods ending on or before this day.' }),
        asOf: t.arg({ type: 'DateTime', description: 'The values known at this instant, instead of the current ones.' }),
      },
      resolve: async (query, region, args, ctx) =>
        ctx.loaders.regionObservations.load({
          regionId: region.id,
          where: { ...observationRange(args), ...(args.indicator ? { indicatorId: (await ctx.loaders.indicatorIdOf(args.indicator)) ?? -1 } : {}) },
          query,
        }),
    }),
  }),
});

builder.prismaObjectFields(Region, (t) => ({
  predecessors: t.field({
    type: [Region],
    description: 'Units whose territory went into this one when it was created.',
    select: { predecessorLinks: { select: { predecessor: true } } },
    resolve: (region) => region.predecessorLinks.map((link) => link.predecessor),
  }),
  successors: t.field({
    type: [Region],
    description: 'Units this one went into when it ceased to exist.',
    select: { successorLinks: { select: { successor: true } } },
    resolve: (region) => region.successorLinks.map((link) => link.successor),
  }),
}));

builder.prismaObject('RegionSuccession', {
  name: 'RegionChange',
  description: 'A link from a unit to the unit its territory went into.',
  fields: (t) => ({
    predecessor: t.relation('predecessor'),
    successor: t.relation('successor'),
    effectiveFrom: t.expose('effectiveFrom', { type: 'Date', description: 'First day on which the successor holds the territory.' }),
    kind: t.expose('kind', { type: SuccessionKindEnum }),
    legalBasis: t.exposeString('legalBasis', { description: 'The legal act, e.g. "Nghị quyết 202/2025/QH15".' }),
  }),
});

const regionFilter = (args: { level?: RegionLevel | null; at?: Date | null }): Prisma.RegionWhereInput => ({
  ...(args.level ? { level: args.level } : {}),
  ...validOn(args.at ?? today()),
});

const today = () => new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);

builder.queryFields((t) => ({
  regions: t.prismaConnection(
    {
      type: 'Region',
      cursor: 'id',
      validate: connectionCursors('number'),
      description: 'Units valid on a date (default: today), ordered by code. `regions(level: PROVINCE, at: "2021-01-01")` lists the 63 provinces of 2021.',
      args: {
        level: t.arg({ type: RegionLevelEnum }),
        at: t.arg({ type: 'Date', description: 'The date the units must be valid on. Default: today.' }),
      },
      totalCount: (_connection, args, ctx) => ctx.prisma.region.count({ where: regionFilter(args) }),
      resolve: (query, _root, args, ctx) => {
        return ctx.prisma.region.findMany({ ...query, where: regionFilter(args), orderBy: [{ code: 'asc' }, { id: 'asc' }] });
      },
    },
    { name: 'RegionConnection' },
    { name: 'RegionEdge' },
  ),
  region: t.prismaField({
    type: 'Region',
    nullable: true,
    description: 'The unit with this code valid on a date (default: today); null if there is none.',
    args: {
      code: t.arg.string({ required: true, validate: inputText.regionCode }),
      at: t.arg({ type: 'Date' }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.region.findFirst({ ...query, where: { code: args.code, ...validOn(args.at ?? today()) }, orderBy: { level: 'asc' } }),
  }),
}));
