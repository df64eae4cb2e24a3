import { Prisma, type PrismaClient, type Region, type RegionLevel, type Source } from '../generated/prisma/client.ts';
import { indicatorFromJson, indicatorJsonSql, regionFromJson, sourceFromJson, type IndicatorWithUnit } from './json-rows.ts';
import type { Period } from './period.ts';
import { vintageSql } from './vintage.ts';

export interface RankingRequest {
  indicatorIds: number[];
  /** Or the indicator with this slug (rankIndicator). */
  slug?: string;
  level: RegionLevel;
  /** Units valid on this day take part. */
  at: Date;
  period: Period;
  asOf?: Date | null;
  /** Restrict to these units (compare); all units of the level otherwise. */
  regionIds?: number[];
}

export interface RankedUnit {
  indicatorId: number;
  regionId: number;
  regionCode: string;
  /** The stored value; null when there is none, or when a ratio was computed from its parts. */
  observationId: number | null;
  value: Prisma.Decimal | null;
  /** Sources of the value: the stored observation's, or those of a computed ratio's parts. */
  sourceIds: number[];
  /** 1 is best by the indicator's direction; equal values share a rank; null without data. */
  rank: number | null;
  /** The unit, loaded by the same statement. */
  region: Region;
  /** The sources of `sourceIds`, loaded by the same statement. */
  sources: Source[];
}

/** The ranking statement (rows of RankedUnit) for the indicators of `req`, as SQL to run or wrap. */
function rankingSql(req: RankingRequest): Prisma.Sql {
  const unitFilter = req.regionIds ? Prisma.sql`AND r.id = ANY(${req.regionIds}::int[])` : Prisma.empty;
  const chosen = req.slug ? Prisma.sql`SELECT id FROM "Indicator" WHERE slug = ${req.slug}` : Prisma.sql`SELECT unnest(${req.indicatorIds}::int[])`;
  return Prisma.sql`
    WITH chosen(id) AS (${chosen}),
    units AS (
      SELECT r.* FROM "Region" r
      WHERE r.level = ${req.level}::"RegionLevel"
        AND (r."validFrom" IS NULL OR r."validFrom" <= ${req.at}::date)
        AND (r."validTo" IS NULL OR r."validTo" >= ${req.at}::date)
        ${unitFilter}
    ),
    stored AS (
      SELECT DISTINCT ON (o."indicatorId", o."regionId") o."indicatorId", o."regionId", o.id, o.value, o."sourceId"
      FROM "Observation" o
      WHERE o."indicatorId" IN (SELECT id FROM chosen)
        AND o."periodStart" = ${req.period.start}::date AND o."periodEnd" = ${req.period.end}::date
        AND o."regionId" IN (SELECT id FROM units)
        AND ${vintageSql(req.asOf)}
      ORDER BY o."indicatorId", o."regionId", o."recordedAt" DESC, o.id DESC
    ),
    -- A RATIO indicator without a stored value for a unit is computed from its numerator and
    -- denominator for the same unit and period (never from other ratios).
    parts AS (
      SELECT i.id AS "indicatorId", o."regionId",
        sum(o.value) FILTER (WHERE o."indicatorId" = i."numeratorId") AS num,
        sum(o.value) FILTER (WHERE o."indicatorId" = i."denominatorId") AS den,
        array_agg(DISTINCT o."sourceId") AS "sourceIds"
      FROM "Indicator" i
      JOIN "Observation" o ON o."indicatorId" IN (i."numeratorId", i."denominatorId")
      WHERE i.id IN (SELECT id FROM chosen) AND i.aggregation = 'RATIO'
        AND o."periodStart" = ${req.period.start}::date AND o."periodEnd" = ${req.period.end}::date
        AND o."regionId" IN (SELECT id FROM units)
        AND ${vintageSql(req.asOf)}
      GROUP BY 1, 2
    ),
    vals AS (
      SELECT "indicatorId", "regionId", id, value, ARRAY["sourceId"] AS "sourceIds" FROM stored
      UNION ALL
      SELECT p."indicatorId", p."regionId", NULL::int, round(i."ratioMultiplier" * p.num / p.den, 8), p."sourceIds"
      FROM parts p JOIN "Indicator" i ON i.id = p."indicatorId"
      WHERE p.num IS NOT NULL AND p.den IS NOT NULL AND p.den <> 0
        AND NOT EXISTS (SELECT 1 FROM stored s WHERE s."indicatorId" = p."indicatorId" AND s."regionId" = p."regionId")
    )
    SELECT i.id AS "indicatorId", u.id AS "regionId", u.code AS "regionCode", v.id AS "observationId", v.value,
      coalesce(v."sourceIds", '{}') AS "sourceIds", to_jsonb(u) AS region,
      (SELECT coalesce(json_agg(to_jsonb(s) ORDER BY s.id), '[]') FROM "Source" s WHERE s.id = ANY(v."sourceIds")) AS sources,
      CASE WHEN v.value IS NULL THEN NULL ELSE RANK() OVER (
        PARTITION BY i.id
        ORDER BY v.value IS NULL,
          CASE WHEN i.direction = 'LOWER_IS_BETTER' THEN v.value END ASC,
          CASE WHEN i.direction <> 'LOWER_IS_BETTER' THEN v.value END DESC
      ) END AS rank
    FROM "Indicator" i
    CROSS JOIN units u
    LEFT JOIN vals v ON v."indicatorId" = i.id AND v."regionId" = u.id
    WHERE i.id IN (SELECT id FROM chosen)
    ORDER BY i.id, v.value IS NULL, rank, u.code`;
}

type RankRow = Omit<RankedUnit, 'rank' | 'region' | 'sources'> & { rank: bigint | number | null; region: unknown; sources: unknown[] };
const ranked = (row: RankRow): RankedUnit => ({
  ...row,
  value: row.value === null ? null : new Prisma.Decimal(row.value),
  rank: row.rank === null ? null : Number(row.rank),
  region: regionFromJson(row.region),
  sources: row.sources.map(sourceFromJson),
});

/**
 * Ranks every unit of a level for one or more indicators and one period, in one SQL statement.
 * The direction decides the order (LOWER_IS_BETTER ascending, otherwise descending); ties share a
 * rank (RANK()); units without a value for the period are kept, with a null rank, after the others.
 * Observations match the period by their dates, whatever kind they were stored with. A RATIO
 * indicator's unit without a stored value gets multiplier × numerator / denominator of that unit
 * and period (`observationId` null: computed, not observed).
 */
export async function rankUnits(prisma: PrismaClient, req: RankingRequest): Promise<RankedUnit[]> {
  if (req.indicatorIds.length === 0 && !req.slug) return [];
  const rows = await prisma.$queryRaw<RankRow[]>(rankingSql(req));
  return rows.map(ranked);
}

/**
 * The ranking of the indicator with `slug`, with the indicator and its unit, in one statement;
 * null when no indicator has that slug.
 */
export async function rankIndicator(
  prisma: PrismaClient,
  slug: string,
  req: Omit<RankingRequest, 'indicatorIds' | 'slug'>,
): Promise<{ indicator: IndicatorWithUnit; entries: RankedUnit[] } | null> {
  const [row] = await prisma.$queryRaw<Array<{ indicator: unknown; entries: RankRow[] }>>`
    SELECT (SELECT ${indicatorJsonSql} FROM "Indicator" i JOIN "Unit" u ON u.code = i."unitCode" WHERE i.slug = ${slug}) AS indicator,
      (SELECT coalesce(json_agg(to_jsonb(x) || jsonb_build_object('value', x.value::text) ORDER BY x.value IS NULL, x.rank, x."regionCode"), '[]')
        FROM (${rankingSql({ ...req, indicatorIds: [], slug })}) x) AS entries`;
  if (!row?.indicator) return null;
  return { indicator: indicatorFromJson(row.indicator), entries: row.entries.map(ranked) };
}
