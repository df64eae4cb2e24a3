import { Prisma, type Indicator, type Observation, type Region, type Source, type Unit } from '../generated/prisma/client.ts';

/**
 * Rows that one statement returns as JSON (`to_jsonb(row)`), turned back into the shapes Prisma
 * returns. Decimal columns travel as text (a JSON number would round them), dates as ISO text.
 */
const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));
const decimal = (v: unknown): Prisma.Decimal | null => (v === null || v === undefined ? null : new Prisma.Decimal(v as string));

export { date as jsonDate };

export type IndicatorWithUnit = Indicator & { unit: Unit };

/** SQL for an indicator row `i` with its unit as JSON (join "Unit" u ON u.code = i."unitCode"). */
export const indicatorJsonSql = Prisma.sql`to_jsonb(i) || jsonb_build_object('unit', to_jsonb(u) || jsonb_build_object('minValue', u."minValue"::text, 'maxValue', u."maxValue"::text))`;

/** SQL for an observation row `o` as JSON, its decimals as text. */
export const observationJsonSql = Prisma.sql`to_jsonb(o) || jsonb_build_object('value', o.value::text, 'reportedChangePercent', o."reportedChangePercent"::text, 'reportedChangeAbsolute', o."reportedChangeAbsolute"::text)`;

export const unitFromJson = (u: any): Unit => ({ ...u, minValue: decimal(u.minValue), maxValue: decimal(u.maxValue) });
export const indicatorFromJson = (i: any): IndicatorWithUnit => ({ ...i, unit: unitFromJson(i.unit) });
export const regionFromJson = (r: any): Region => ({ ...r, validFrom: date(r.validFrom), validTo: date(r.validTo) });
export const sourceFromJson = (s: any): Source => ({ ...s, publishedAt: date(s.publishedAt) });
export const observationFromJson = (o: any): Observation => ({
  ...o,
  periodStart: date(o.periodStart)!,
  periodEnd: date(o.periodEnd)!,
  recordedAt: date(o.recordedAt)!,
  supersededAt: date(o.supersededAt),
  value: decimal(o.value)!,
  reportedChangePercent: decimal(o.reportedChangePercent),
  reportedChangeAbsolute: decimal(o.reportedChangeAbsolute),
});
