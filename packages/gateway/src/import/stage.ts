import type { Prisma } from '../generated/prisma/client.ts';

type Tx = Prisma.TransactionClient;

/**
 * The write path of an import, in set-based SQL: rows go in batches into a temporary table of the
 * import's transaction, duplicates and the outcome of every row (added, revised, unchanged) are
 * found in one statement each, and the merge is one UPDATE (superseding revised values) and one
 * INSERT. Nothing is visible to others before the transaction commits.
 */
export interface StagedRow {
  row: number;
  indicatorId: number;
  regionId: number;
  periodKind: string;
  periodStart: string;
  periodEnd: string;
  value: string;
  qualifier: string;
  status: string;
  changePercent: string | null;
  changeAbsolute: string | null;
  changeAgainst: string | null;
  sourceId: number;
  note: string | null;
}

/**
 * Rows sent to the database in one statement. 2,000 to 20,000 stage a million rows equally fast;
 * smaller batches keep less memory, as Prisma holds the parameters of its last 100 statements
 * (its debug history) whether or not debugging is on.
 */
export const STAGE_BATCH = 2_000;

/**
 * Rows planned and merged at a time while the file is still being read (see importInTransaction):
 * large enough that a chunk's statements cost little beside its rows, small enough that the reader
 * keeps the database busy from the first seconds.
 */
export const MERGE_CHUNK = 50_000;

export async function createStage(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe('DROP TABLE IF EXISTS chiso_import_stage');
  await tx.$executeRawUnsafe(`CREATE TEMP TABLE chiso_import_stage (
    row_no int NOT NULL, indicator_id int NOT NULL, region_id int NOT NULL, period_kind "PeriodKind" NOT NULL,
    period_start date NOT NULL, period_end date NOT NULL, value numeric(30, 8) NOT NULL, qualifier "Qualifier" NOT NULL,
    status "ObservationStatus" NOT NULL, change_percent numeric(12, 4), change_absolute numeric(30, 8),
    change_against "ChangeReference", source_id int NOT NULL, note text) ON COMMIT DROP`);
}

export async function dropStage(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe('DROP TABLE IF EXISTS chiso_import_plan');
  await tx.$executeRawUnsafe('DROP TABLE IF EXISTS chiso_import_stage');
}

/**
 * One statement per batch: each column travels as one array parameter, written here as a
 * PostgreSQL array literal ("{1,2,3}"). Handing Prisma 14 JavaScript arrays of thousands of
 * elements costs several times more than the database's own work; one string per column is
 * passed through as it is. A column that is empty in every row of the batch is sent as NULL
 * (unnest pads it with NULLs).
 */
export async function insertStaged(tx: Tx, rows: StagedRow[]): Promise<void> {
  if (!rows.length) return;
  const col = <K extends keyof StagedRow>(k: K, quote = false) => arrayLiteral(rows, k, quote);
  await tx.$executeRaw`
    INSERT INTO chiso_import_stage
    SELECT * FROM unnest(
      ${col('row')}::int[], ${col('indicatorId')}::int[], ${col('regionId')}::int[], ${col('periodKind')}::"PeriodKind"[],
      ${col('periodStart')}::date[], ${col('periodEnd')}::date[], ${col('value')}::numeric[], ${col('qualifier')}::"Qualifier"[],
      ${col('status')}::"ObservationStatus"[], ${col('changePercent')}::numeric[], ${col('changeAbsolute')}::numeric[],
      ${col('changeAgainst')}::"ChangeReference"[], ${col('sourceId')}::int[], ${col('note', true)}::text[])`;
}

const ESCAPE = /["\\]/g;

/**
 * A column of the batch as an array literal, or null when every value is null. Numbers, dates,
 * decimals and enum names need no quotes; free text is quoted with `"` and `\` escaped.
 */
function arrayLiteral<K extends keyof StagedRow>(rows: StagedRow[], key: K, quote: boolean): string | null {
  const parts = new Array<string>(rows.length);
  let nulls = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i]![key] as string | number | null;
    if (v === null) {
      parts[i] = 'NULL';
      nulls++;
    } else parts[i] = quote ? `"${(v as string).replace(ESCAPE, '\\$&')}"` : String(v);
  }
  return nulls === rows.length ? null : `{${parts.join(',')}}`;
}

/** Rows that repeat an earlier row's indicator, region and period: [earlier row, repeated row]. */
export async function findDuplicates(tx: Tx, limit: number): Promise<Array<{ first: number; rows: number[] }>> {
  return tx.$queryRaw<Array<{ first: number; rows: number[] }>>`
    SELECT min(row_no) AS first, (array_agg(row_no ORDER BY row_no))[2:] AS rows
    FROM chiso_import_stage
    GROUP BY indicator_id, region_id, period_start, period_end
    HAVING count(*) > 1
    ORDER BY 1
    LIMIT ${limit}`;
}

export interface PlanCounts {
  added: number;
  revised: number;
  unchanged: number;
}

/**
 * Gathers the staged table's statistics: a fresh temporary table has none (and no autovacuum
 * comes by), so the planner would guess its size and spread for the checks and the plan.
 */
export async function analyzeStage(tx: Tx): Promise<void> {
  await tx.$executeRawUnsafe('ANALYZE chiso_import_stage');
}

/** The stored row `a` holds exactly the staged row `s`. */
const sameAs = (a: string) => `${a}.value = s.value AND ${a}.qualifier = s.qualifier AND ${a}.status = s.status AND ${a}."sourceId" = s.source_id
  AND ${a}."reportedChangePercent" IS NOT DISTINCT FROM s.change_percent AND ${a}."reportedChangeAbsolute" IS NOT DISTINCT FROM s.change_absolute
  AND ${a}."reportedChangeAgainst" IS NOT DISTINCT FROM s.change_against AND ${a}.note IS NOT DISTINCT FROM s.note`;

/** Staged rows by their row numbers, both included: the part of the file a plan and a merge handle. */
export interface RowRange {
  from: number;
  to: number;
}

/**
 * Classifies the staged rows of `range` against the current values: added, revised or unchanged.
 * With a stated vintage, a row whose very vintage is already stored with the same content is
 * unchanged even if a later revision has superseded it since: re-running the same dated data (the
 * bundled files at every seed) never undoes a revision made after it. A row that repeats an earlier
 * row of the file (in this range, or merged already by this import, `importId`) is "repeated": it is
 * neither counted nor written, and the import, which reports every repeated row, writes nothing.
 */
export async function planMerge(tx: Tx, statedVintage: Date | null, range: RowRange, importId: number | null): Promise<PlanCounts> {
  const params: unknown[] = [range.from, range.to];
  const param = (value: unknown, type: string) => `$${params.push(value)}::${type}`;
  const sameVintage = statedVintage
    ? `EXISTS (SELECT 1 FROM "Observation" v WHERE v."indicatorId" = s.indicator_id AND v."regionId" = s.region_id
        AND v."periodStart" = s.period_start AND v."periodEnd" = s.period_end AND v."periodKind" = s.period_kind
        AND v."recordedAt" = ${param(statedVintage, 'timestamptz')} AND ${sameAs('v')})`
    : 'false';
  const mergedAlready = importId === null ? 'false' : `o."importId" = ${param(importId, 'int')}`;
  await tx.$executeRawUnsafe('DROP TABLE IF EXISTS chiso_import_plan');
  await tx.$executeRawUnsafe(
    `CREATE TEMP TABLE chiso_import_plan ON COMMIT DROP AS
    SELECT s.*, o.id AS current_id, o."recordedAt" AS current_recorded_at, o.value AS current_value,
      CASE WHEN row_number() OVER (PARTITION BY s.indicator_id, s.region_id, s.period_kind, s.period_start, s.period_end ORDER BY s.row_no) > 1
          OR ${mergedAlready} THEN 'repeated'
        WHEN ${sameVintage} THEN 'unchanged'
        WHEN o.id IS NULL THEN 'added'
        WHEN ${sameAs('o')} THEN 'unchanged'
        ELSE 'revised' END AS outcome
    FROM chiso_import_stage s
    LEFT JOIN "Observation" o ON o."indicatorId" = s.indicator_id AND o."regionId" = s.region_id
      AND o."periodStart" = s.period_start AND o."periodEnd" - s.period_end = 0 AND o."periodKind" = s.period_kind
      AND o."supersededAt" IS NULL
    WHERE s.row_no BETWEEN $1::int AND $2::int`,
    ...params,
  );
  const counts = await tx.$queryRaw<Array<{ outcome: keyof PlanCounts | 'repeated'; n: number }>>`
    SELECT outcome, count(*)::int AS n FROM chiso_import_plan GROUP BY outcome`;
  const result: PlanCounts = { added: 0, revised: 0, unchanged: 0 };
  for (const c of counts) if (c.outcome !== 'repeated') result[c.outcome] = c.n;
  return result;
}

export interface Revision {
  row: number;
  indicator: string;
  region: string;
  periodKind: string;
  periodStart: Date;
  periodEnd: Date;
  before: Prisma.Decimal;
  after: Prisma.Decimal;
  beforeRecordedAt: Date;
}

/** The first revised rows of the plan, with the value they replace. */
export async function listRevisions(tx: Tx, limit: number): Promise<Revision[]> {
  return tx.$queryRaw<Revision[]>`
    SELECT p.row_no AS row, i.slug AS indicator, r.code AS region, p.period_kind::text AS "periodKind",
      p.period_start AS "periodStart", p.period_end AS "periodEnd", p.current_value AS before, p.value AS after,
      p.current_recorded_at AS "beforeRecordedAt"
    FROM chiso_import_plan p JOIN "Indicator" i ON i.id = p.indicator_id JOIN "Region" r ON r.id = p.region_id
    WHERE p.outcome = 'revised' ORDER BY p.row_no LIMIT ${limit}`;
}

/** Revised rows whose current value is not older than this import's vintage (only with an explicit vintage). */
export async function findStaleRevisions(tx: Tx, recordedAt: Date, limit: number): Promise<Array<{ row: number; recordedAt: Date }>> {
  return tx.$queryRaw<Array<{ row: number; recordedAt: Date }>>`
    SELECT row_no AS row, current_recorded_at AS "recordedAt" FROM chiso_import_plan
    WHERE outcome = 'revised' AND current_recorded_at >= ${recordedAt}::timestamptz ORDER BY row_no LIMIT ${limit}`;
}

/**
 * Supersedes the revised values and inserts the new ones as the vintage `recordedAt`, in the order
 * of the Observation indexes that lead with indicator and region, so that each index page is
 * written once rather than visited again for every row (a sixth less work for a million rows).
 */
export async function mergePlan(tx: Tx, recordedAt: Date, importId: number): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Observation" o SET "supersededAt" = ${recordedAt}::timestamptz
    FROM chiso_import_plan p WHERE p.outcome = 'revised' AND o.id = p.current_id`;
  await tx.$executeRaw`
    INSERT INTO "Observation" ("indicatorId", "regionId", "periodKind", "periodStart", "periodEnd", value, qualifier, status,
      "reportedChangePercent", "reportedChangeAbsolute", "reportedChangeAgainst", "sourceId", "recordedAt", note, "importId")
    SELECT indicator_id, region_id, period_kind, period_start, period_end, value, qualifier, status,
      change_percent, change_absolute, change_against, source_id, ${recordedAt}::timestamptz, note, ${importId}
    FROM chiso_import_plan WHERE outcome IN ('added', 'revised')
    ORDER BY indicator_id, region_id, period_kind, period_start, period_end`;
}
