import { randomBytes } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { recordAudit } from '../auth/audit.ts';
import { hasScope, requireScope, type Principal } from '../auth/principal.ts';
import { builder } from '../builder.ts';
import { inputText, textList } from './input-text.ts';
import { announcePublication, publishedWith } from '../cache/publication.ts';
import type { Context } from '../context.ts';
import { checkChartConfig, type ChartConfig } from '../embed/chart-config.ts';
import { embedCodes, type EmbedCodes } from '../embed/embed-snippets.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { Lang } from './scalars.ts';

const ChartElementEnum = builder.enumType('ChartElement', {
  description: 'The widget that draws a saved chart.',
  values: ['CHART', 'KPI', 'SHARE', 'RANKING', 'TABLE', 'MAP'] as const,
});

const ChartInput = builder.inputType('ChartInput', {
  description: 'What a saved chart shows.',
  fields: (t) => ({
    element: t.field({ type: ChartElementEnum, required: true }),
    type: t.string({ description: 'line, column, bar or area (CHART); bar or donut (SHARE).', validate: inputText.choice }),
    indicators: t.stringList({ required: true, description: 'Indicator slugs; several only for SHARE.', validate: textList(inputText.slug) }),
    regions: t.stringList({ required: true, description: 'Region codes.', validate: textList(inputText.regionCode) }),
    period: t.string({ description: 'A period: 2021, 2021-Q3, 2021-09, 2021-YTD-09, a range.', validate: inputText.period }),
    from: t.field({ type: 'Date' }),
    to: t.field({ type: 'Date' }),
    at: t.field({
      type: 'Date',
      description: "MAP: the day whose provinces are drawn (default: the period's last day); a flow of an earlier period is composed onto them.",
    }),
    title: t.string({ description: 'Up to 200 characters.', validate: inputText.title }),
    notes: t.string({ description: 'Up to 2,000 characters.', validate: inputText.notes }),
    lang: t.field({ type: Lang, defaultValue: 'VI' }),
    theme: t.string({ description: 'light, dark or auto.', defaultValue: 'light', validate: inputText.choice }),
  }),
});

interface ChartShape {
  id: string;
  version: number;
  createdAt: Date;
  config: ChartConfig;
  origin: string;
}

const ChartEmbed = builder.objectRef<EmbedCodes>('ChartEmbed').implement({
  description: 'Every way to put the chart in a page.',
  fields: (t) => ({
    url: t.exposeString('url', { description: 'The iframe page, following the chart live.' }),
    pinnedUrl: t.exposeString('pinnedUrl', { description: 'The iframe page of this version, with the data known when it was saved.' }),
    script: t.exposeString('script', { description: 'Script tag and element.' }),
    iframe: t.exposeString('iframe', { description: 'Responsive iframe and its loader script.' }),
    image: t.exposeString('image', { description: 'A static PNG image tag.' }),
    png: t.exposeString('png'),
    svg: t.exposeString('svg'),
    oembed: t.exposeString('oembed'),
    csv: t.exposeString('csv', { description: 'Exactly what the chart shows.' }),
    fullCsv: t.exposeString('fullCsv', { description: 'The full series with source, licence and a citation.' }),
  }),
});

const Chart = builder.objectRef<ChartShape>('Chart').implement({
  description: 'A chart saved under a stable id; each save of a changed configuration is a new version.',
  fields: (t) => ({
    id: t.exposeString('id'),
    version: t.exposeInt('version', { description: 'The latest version number.' }),
    savedAt: t.field({ type: 'DateTime', resolve: (c) => c.createdAt }),
    element: t.field({ type: ChartElementEnum, resolve: (c) => c.config.element }),
    type: t.string({ nullable: true, resolve: (c) => c.config.type ?? null }),
    indicators: t.stringList({ resolve: (c) => c.config.indicators }),
    regions: t.stringList({ resolve: (c) => c.config.regions }),
    period: t.string({ nullable: true, resolve: (c) => c.config.period ?? null }),
    from: t.field({ type: 'Date', nullable: true, resolve: (c) => (c.config.from ? new Date(`${c.config.from}T00:00:00Z`) : null) }),
    to: t.field({ type: 'Date', nullable: true, resolve: (c) => (c.config.to ? new Date(`${c.config.to}T00:00:00Z`) : null) }),
    at: t.field({ type: 'Date', nullable: true, resolve: (c) => (c.config.at ? new Date(`${c.config.at}T00:00:00Z`) : null) }),
    title: t.string({ nullable: true, resolve: (c) => c.config.title ?? null }),
    notes: t.string({ nullable: true, resolve: (c) => c.config.notes ?? null }),
    lang: t.string({ resolve: (c) => c.config.lang }),
    theme: t.string({ resolve: (c) => c.config.theme }),
    embed: t.field({ type: ChartEmbed, resolve: (c) => embedCodes(c.origin, c.id, c.version, c.config) }),
  }),
});

const origin = (ctx: Context) => ctx.publicOrigin;

/**
 * Who may save a new version of a chart: the key that created it, or an ADMIN key. A page an
 * editor merely visits, with a publishing key of its own, must not rewrite a published chart.
 */
async function checkMayUpdate(ctx: Context, chartId: string, principal: Principal): Promise<void> {
  if (hasScope(principal, 'ADMIN')) return;
  const first = await ctx.prisma.savedChartVersion.findFirst({ where: { chartId }, orderBy: { number: 'asc' }, select: { keyId: true } });
  if (first && first.keyId !== principal.keyId) {
    throw new GraphQLError(
      `chart ${chartId} was created with another key: only that key or an ADMIN key may change it; save your version as a new chart (createChart)`,
      { extensions: { code: 'FORBIDDEN', http: { status: 403 } } },
    );
  }
}

/** Chart saves wait this long for the database (PGlite queues them on its one connection). */
const SAVE_WAIT_MS = 15_000;
/** And this long for their turn on the chart's row (PostgreSQL's lock_timeout: a held lock does not end a running statement). */
const LOCK_WAIT = '10s';

/**
 * Saves `config` as version 1 of a new chart, or as the next version of chart `id` unless it is
 * already the latest, with its audit entry. Saves of one chart queue on the chart's row
 * (`SELECT … FOR UPDATE`), so concurrent edits each land as a version, in order of arrival; a save
 * that cannot get its turn in time is a CONFLICT the client can send again.
 */
async function saveVersion(ctx: Context, principal: Principal, id: string, config: ChartConfig, isNew: boolean) {
  try {
    return await ctx.prisma.$transaction(
      async (tx) => {
        let number = 1;
        if (!isNew) {
          await tx.$executeRawUnsafe(`set local lock_timeout = '${LOCK_WAIT}'`);
          await tx.$queryRaw`select id from "SavedChart" where id = ${id} for update`;
          const latest = (await tx.savedChartVersion.findFirst({ where: { chartId: id }, orderBy: { number: 'desc' } }))!;
          if (sameConfig(latest.config as ChartConfig, config)) return { saved: latest, changed: false, publication: null };
          number = latest.number + 1;
        }
        const data = { number, element: config.element, config: config as Prisma.InputJsonValue, keyId: principal.keyId };
        const saved = isNew
          ? (await tx.savedChart.create({ data: { id, versions: { create: data } }, include: { versions: true } })).versions[0]!
          : await tx.savedChartVersion.create({ data: { chartId: id, ...data } });
        await recordAudit(tx, {
          action: isNew ? 'CHART_CREATED' : 'CHART_UPDATED',
          principal,
          subject: id,
          details: { version: number, element: config.element, indicators: config.indicators, regions: config.regions },
        });
        const publication = await announcePublication(tx, { indicators: [], charts: [id] });
        return { saved, changed: true, publication };
      },
      { maxWait: SAVE_WAIT_MS, timeout: SAVE_WAIT_MS },
    );
  } catch (error) {
    // 55P03: no turn on the row in time; P2028: no connection in time; P2034: write conflict or deadlock; P2002: a version number taken.
    const { code, meta } = error as { code?: string; meta?: { driverAdapterError?: { cause?: { code?: string } } } };
    const lockTimeout = code === 'P2010' && meta?.driverAdapterError?.cause?.code === '55P03';
    if (lockTimeout || code === 'P2028' || code === 'P2034' || code === 'P2002') {
      throw new GraphQLError(`chart ${id} is being changed by other requests right now and this save was not made: send it again`, {
        extensions: { code: 'CONFLICT', http: { status: 409 }, retryable: true },
      });
    }
    throw error;
  }
}

const toConfig = (input: typeof ChartInput.$inferInput) => ({
  ...input,
  lang: (input.lang ?? 'VI').toLowerCase(),
  from: input.from?.toISOString().slice(0, 10) ?? null,
  to: input.to?.toISOString().slice(0, 10) ?? null,
  at: input.at?.toISOString().slice(0, 10) ?? null,
});

/** Same configuration, whatever the key order (jsonb does not keep it). */
const sameConfig = (a: ChartConfig, b: ChartConfig) => {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort() as Array<keyof ChartConfig>;
  return keys.every((k) => JSON.stringify(a[k] ?? null) === JSON.stringify(b[k] ?? null));
};

export async function loadChart(ctx: Pick<Context, 'prisma'>, id: string, version?: number) {
  return ctx.prisma.savedChartVersion.findFirst({ where: { chartId: id, ...(version ? { number: version } : {}) }, orderBy: { number: 'desc' } });
}

builder.queryField('chart', (t) =>
  t.field({
    type: Chart,
    nullable: true,
    args: { id: t.arg.string({ required: true, validate: inputText.chartId }) },
    resolve: async (_root, { id }, ctx) => {
      const latest = await loadChart(ctx, id);
      return latest && { id, version: latest.number, createdAt: latest.createdAt, config: latest.config as ChartConfig, origin: origin(ctx) };
    },
  }),
);

builder.mutationFields((t) => ({
  createChart: t.field({
    type: Chart,
    description: 'Saves a chart as version 1 under a new id. Needs a key with scope PUBLISH (`Authorization: Bearer <key>`).',
    args: { input: t.arg({ type: ChartInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const principal = requireScope(await ctx.principal(), 'PUBLISH');
      const config = await checkChartConfig(ctx.prisma, toConfig(input));
      const id = randomBytes(6).toString('base64url');
      const { saved } = await saveVersion(ctx, principal, id, config, true);
      return { id, version: 1, createdAt: saved.createdAt, config, origin: origin(ctx) };
    },
  }),
  updateChart: t.field({
    type: Chart,
    nullable: true,
    description:
      'Saves a changed configuration as the next version; an unchanged one keeps the version. Concurrent updates each become a version in order of ' +
      'arrival, or fail with CONFLICT (send again). Null for an unknown id. Needs the key that created the chart, or an ADMIN key.',
    args: { id: t.arg.string({ required: true, validate: inputText.chartId }), input: t.arg({ type: ChartInput, required: true }) },
    resolve: async (_root, { id, input }, ctx) => {
      const principal = requireScope(await ctx.principal(), 'PUBLISH');
      const config = await checkChartConfig(ctx.prisma, toConfig(input));
      const latest = await loadChart(ctx, id);
      if (!latest) return null;
      await checkMayUpdate(ctx, id, principal);
      const { saved, changed, publication } = await saveVersion(ctx, principal, id, config, false);
      if (changed) await publishedWith(ctx.prisma, { indicators: [], charts: [id], ...(publication ? { id: publication } : {}) });
      return { id, version: saved.number, createdAt: saved.createdAt, config, origin: origin(ctx) };
    },
  }),
}));
