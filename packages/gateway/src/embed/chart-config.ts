import { z } from 'zod';
import { badUserInput } from '../errors.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { parsePeriod } from '../analytics/period.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'write an ISO date like 2021-09-15');

/** A saved chart's configuration, as stored in SavedChartVersion.config. */
export const chartConfig = z
  .object({
    element: z.enum(['CHART', 'KPI', 'SHARE', 'RANKING', 'TABLE', 'MAP']),
    type: z.enum(['line', 'column', 'bar', 'area', 'donut']).nullish(),
    indicators: z
      .array(z.string().regex(/^[a-z][a-z0-9_]*$/, 'an indicator slug, e.g. dossiers_received'))
      .min(1)
      .max(6),
    regions: z.array(z.string().regex(/^(\d{2,5}|VN)$/, 'a region code, e.g. 49')).max(20),
    period: z.string().max(40).nullish(),
    from: isoDate.nullish(),
    to: isoDate.nullish(),
    /** MAP: the day whose provinces are drawn. */
    at: isoDate.nullish(),
    title: z.string().max(200).nullish(),
    notes: z.string().max(2000).nullish(),
    lang: z.enum(['vi', 'en']).default('vi'),
    theme: z.enum(['light', 'dark', 'auto']).default('light'),
  })
  .superRefine((c, ctx) => {
    const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (c.element === 'RANKING' && !c.period) problem('period', 'a ranking needs a period, e.g. 2021-YTD-09');
    if (c.element === 'MAP' && !c.period) problem('period', 'a map needs a period, e.g. 2021');
    if (c.element === 'MAP' && c.regions.length > 1) problem('regions', 'a map outlines one region: give at most one code');
    if (c.at && c.element !== 'MAP') problem('at', '"at" (the day whose provinces are drawn) is for MAP only');
    if (c.element !== 'RANKING' && c.element !== 'MAP' && c.regions.length === 0) problem('regions', 'give at least one region code, e.g. ["49"]');
    if (c.element !== 'SHARE' && c.indicators.length > 1) problem('indicators', 'only a SHARE chart takes several indicators');
    if (c.type === 'donut' && c.element !== 'SHARE') problem('type', 'donut is a type of SHARE chart');
    if (c.type && c.type !== 'donut' && c.element !== 'CHART') problem('type', `${c.type} is a type of CHART`);
    if (c.from && c.to && c.from > c.to) problem('from', '"from" is after "to"');
  });

export type ChartConfig = z.infer<typeof chartConfig>;

/** Validates a configuration against the schema and the database (indicators and regions exist). */
export async function checkChartConfig(prisma: Pick<PrismaClient, 'indicator' | 'region'>, input: unknown): Promise<ChartConfig> {
  const parsed = chartConfig.safeParse(input);
  if (!parsed.success) {
    throw badUserInput(`the chart configuration is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const config = parsed.data;
  if (config.period) parsePeriod(config.period);
  const known = new Set((await prisma.indicator.findMany({ where: { slug: { in: config.indicators } }, select: { slug: true } })).map((i) => i.slug));
  const unknown = config.indicators.filter((s) => !known.has(s));
  if (unknown.length) throw badUserInput(`unknown indicator ${unknown.map((s) => `"${s}"`).join(', ')}: see the indicators query for slugs`);
  if (config.regions.length) {
    const codes = new Set((await prisma.region.findMany({ where: { code: { in: config.regions } }, select: { code: true } })).map((r) => r.code));
    const missing = config.regions.filter((c) => !codes.has(c));
    if (missing.length) throw badUserInput(`unknown region code ${missing.join(', ')}: see the regions query for codes`);
  }
  return config;
}
