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

/**
 * An observation's columns in the order `observationArraySql` sends them and `observationFromArray`
 * reads them: one list, so that the two cannot disagree. Decimals as text, like everywhere here.
 */
const OBSERVATION_COLUMNS = [
  ['id'],
  ['indicatorId'],
  ['regionId'],
  ['periodStart', 'date'],
  ['periodEnd', 'date'],
  ['periodKind'],
  ['value', 'decimal'],
  ['qualifier'],
  ['status'],
  ['reportedChangePercent', 'decimal'],
  ['reportedChangeAbsolute', 'decimal'],
  ['reportedChangeAgainst'],
  ['sourceId'],
  ['recordedAt', 'date'],
  ['supersededAt', 'date'],
  ['note'],
  ['importId'],
] as const satisfies ReadonlyArray<readonly [keyof Observation, ('date' | 'decimal')?]>;

/**
 * SQL for an observation row `o` as a JSON array of its columns: far cheaper for PostgreSQL to build
 * than an object (`to_jsonb(o) || …` cost the widget's statement a third of its time).
 */
export const observationArraySql = Prisma.raw(
  `json_build_array(${OBSERVATION_COLUMNS.map(([name, kind]) => (kind === 'decimal' ? `o."${name}"::text` : `o."${name}"`)).join(', ')})`,
);

/** An observation from `observationArraySql`'s array. */
export function observationFromArray(row: unknown[]): Observation {
  const o: Record<string, unknown> = {};
  OBSERVATION_COLUMNS.forEach(([name, kind], i) => {
    const v = row[i];
    o[name] = kind === 'date' ? date(v) : kind === 'decimal' ? decimal(v) : v;
  });
  return o as unknown as Observation;
}

export const unitFromJson = (u: any): Unit => ({ ...u, minValue: decimal(u.minValue), maxValue: decimal(u.maxValue) });
export const indicatorFromJson = (i: any): IndicatorWithUnit => ({ ...i, unit: unitFromJson(i.unit) });
export const regionFromJson = (r: any): Region => ({ ...r, validFrom: date(r.validFrom), validTo: date(r.validTo) });
export const sourceFromJson = (s: any): Source => ({ ...s, publishedAt: date(s.publishedAt) });
