/**
 * Deterministic synthetic observations for tests and benchmarks (up to ~10 million rows). The rows
 * are generated inside the database by set-based SQL, one INSERT … SELECT per indicator and block
 * of years, never row by row in JavaScript. Every value is a function of (seed, indicator, region
 * code, period start) through PostgreSQL's `hashtextextended`, so the same options and seed give
 * the same rows on PGlite and on a PostgreSQL server.
 *
 * The data belongs to a source of kind SYNTHETIC (`synthetic-<seed>`) and to indicators
 * `syn_001`… of their own; nothing else in the database is touched.
 */
import type { AggregationRule, Direction, Framework, IndicatorCategory, PrismaClient } from '../generated/prisma/client.ts';

export interface SyntheticOptions {
  /** How many provinces to fill: the first N by code among those valid in each period (63 until 2025-06-30, 34 after), 0..63. */
  provinces: number;
  /** How many districts to fill: the first N by code, 0..705. Districts only get periods ending by 2025-06-30. */
  districts: number;
  /** How many synthetic indicators to create and fill (`syn_001`…), 1..999. */
  indicators: number;
  /** How many calendar years, ending with `lastYear`. */
  years: number;
  /** @default 2025 */
  lastYear?: number;
  frequency: 'MONTHLY' | 'QUARTERLY';
  /** Same options and seed give identical rows. @default 1 */
  seed?: number;
  /**
   * INSERT statements run at once. On a server they use several cores (about 1,8× on two); on the
   * embedded database they simply queue. Does not change the rows. @default 4
   */
  concurrency?: number;
  /**
   * Keep the rows already there when a complete earlier run wrote exactly this dataset (same
   * options and seed) and nothing has replaced them since; otherwise generate as usual. For
   * benchmarks that run many times on one database. @default false
   */
  reuse?: boolean;
}

export interface SyntheticResult {
  sourceId: number;
  /** Slugs of the indicators filled, in order. */
  indicators: string[];
  /** Rows inserted. */
  observations: number;
  /** Wall time of the whole generation, in milliseconds. */
  ms: number;
  /** True when `reuse` found the dataset complete and nothing was written. */
  reused: boolean;
}

/** Thrown for options that cannot work, or a database without the reference data; the message says what to change. */
export class SyntheticDataError extends Error {
  override name = 'SyntheticDataError';
}

/** The five roles repeat so that every aggregation rule is represented, with a ratio built from two counts. */
type Role = 'denominator' | 'numerator' | 'ratio' | 'stock' | 'index';

interface SyntheticIndicator {
  index: number;
  slug: string;
  role: Role;
  unitCode: 'dossier' | 'percent' | 'account';
  decimals: number;
  direction: Direction;
  aggregation: AggregationRule;
  framework: Framework | null;
  category: IndicatorCategory;
}

const categories: IndicatorCategory[] = ['ADMIN_REFORM_PUBLIC_SERVICES', 'DIGITAL_GOVERNMENT', 'INVESTMENT', 'ENTERPRISE'];
const roles: Role[] = ['index', 'denominator', 'numerator', 'ratio', 'stock']; // by index % 5
const pad = (i: number) => String(i).padStart(3, '0');

function indicatorDefinition(index: number): SyntheticIndicator {
  let role = roles[index % 5]!;
  // A ratio's numerator and denominator are the two indicators before it; without them it is a count.
  if (role === 'ratio' && index < 3) role = 'denominator';
  const common = { index, slug: `syn_${pad(index)}`, role, category: categories[(index - 1) % 4]!, framework: null };
  switch (role) {
    case 'denominator':
      return { ...common, unitCode: 'dossier', decimals: 0, direction: 'NEUTRAL', aggregation: 'SUM' };
    case 'numerator':
      return { ...common, unitCode: 'dossier', decimals: 0, direction: 'HIGHER_IS_BETTER', aggregation: 'SUM' };
    case 'ratio':
      return { ...common, unitCode: 'percent', decimals: 1, direction: 'HIGHER_IS_BETTER', aggregation: 'RATIO' };
    case 'stock':
      return { ...common, unitCode: 'account', decimals: 0, direction: 'HIGHER_IS_BETTER', aggregation: 'LAST_VALUE' };
    case 'index':
      return { ...common, unitCode: 'percent', decimals: 2, direction: 'HIGHER_IS_BETTER', aggregation: 'NONE', framework: 'PCI' };
  }
}

const describeRole: Record<Role, [vi: string, en: string]> = {
  denominator: ['số đếm (cộng dồn được)', 'a count (summable)'],
  numerator: ['số đếm, tử số của chỉ số kế tiếp', 'a count, numerator of the next indicator'],
  ratio: ['tỷ lệ = 100 × chỉ số trước / chỉ số trước nữa', 'a share = 100 × previous indicator / the one before'],
  stock: ['số lượng tại thời điểm (lấy giá trị cuối)', 'a stock at a date (last value)'],
  index: ['chỉ số tổng hợp 0–100, không cộng dồn được', 'a composite index 0–100, not aggregable'],
};

function checkOptions(options: SyntheticOptions) {
  const { provinces, districts, indicators, years, lastYear = 2025, frequency, seed = 1, concurrency = 4 } = options;
  const problems: string[] = [];
  const int = (name: string, value: number, min: number, max: number) => {
    if (!Number.isInteger(value) || value < min || value > max) problems.push(`${name} must be an integer from ${min} to ${max} (got ${value})`);
  };
  int('provinces', provinces, 0, 63);
  int('districts', districts, 0, 705);
  int('indicators', indicators, 1, 999);
  int('years', years, 1, 100);
  int('lastYear', lastYear, 1990, 2100);
  int('seed', seed, 0, 2 ** 31 - 1);
  int('concurrency', concurrency, 1, 64);
  if (Number.isInteger(lastYear) && Number.isInteger(years) && lastYear - years + 1 < 1990)
    problems.push('the first year (lastYear - years + 1) must be 1990 or later');
  if (frequency !== 'MONTHLY' && frequency !== 'QUARTERLY') problems.push(`frequency must be MONTHLY or QUARTERLY (got ${String(frequency)})`);
  if (problems.length) throw new SyntheticDataError(`invalid synthetic data options: ${problems.join('; ')}`);
  return { provinces, districts, indicators, years, lastYear, firstYear: lastYear - years + 1, frequency, seed, concurrency };
}

type Checked = ReturnType<typeof checkOptions>;

/** Creates or refreshes the synthetic indicators; a ratio points at the two indicators before it. */
async function upsertIndicators(prisma: PrismaClient, count: number): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  for (let index = 1; index <= count; index++) {
    const { slug, role, unitCode, ...d } = indicatorDefinition(index);
    const [roleVi, roleEn] = describeRole[role];
    const data = {
      nameVi: `Chỉ số tổng hợp ${pad(index)}`,
      nameEn: `Synthetic indicator ${pad(index)}`,
      descriptionVi: `Dữ liệu tổng hợp để kiểm thử và đo hiệu năng, không phải số liệu thật: ${roleVi}.`,
      descriptionEn: `Synthetic data for tests and benchmarks, not real figures: ${roleEn}.`,
      unitCode,
      scaleExponent: 0,
      decimals: d.decimals,
      category: d.category,
      direction: d.direction,
      aggregation: d.aggregation,
      framework: d.framework,
      ratioMultiplier: 100,
      numeratorId: role === 'ratio' ? ids.get(index - 1)! : null,
      denominatorId: role === 'ratio' ? ids.get(index - 2)! : null,
    };
    const row = await prisma.indicator.upsert({ where: { slug }, create: { slug, ...data }, update: data, select: { id: true } });
    ids.set(index, row.id);
  }
  return ids;
}

/**
 * The SQL expressions of the values. `h(key)` is a uniform integer in 0..2^20-1 drawn from the key
 * and the seed; everything stays in bigint arithmetic (no floating point), so the values are the
 * same on every platform. Columns of `c`: hk (region code | period start), size (the region's
 * monthly activity: 2.000–20.000 for a province, 50–1.000 for a district), months (1 or 3), m
 * (months since 1990-01).
 */
function valueSql(seed: number, index: number, role: Role): string {
  const h = (key: string) => `(hashtextextended(${key}, ${seed}) & 1048575)`;
  const k = (i: number) => `(50 + ${h(`'k|${i}'`)} % 101)`; // an indicator's scale, 50..150 %
  const den = (i: number) => `(c.size * c.months * ${k(i)} * (800 + ${h(`'${i}|' || c.hk`)} % 401) / 100000)`;
  const num = (i: number) => `(${den(i - 1)} * (500 + ${h(`'${i}|' || c.hk`)} % 501) / 1000)`; // 50..100 % of the denominator
  switch (role) {
    case 'denominator':
      return den(index);
    case 'numerator':
      return num(index);
    case 'ratio':
      return `round(100 * ${num(index - 1)}::numeric / ${den(index - 2)}, 4)`;
    case 'stock': {
      // Accounts in use: 1.000–30.000 in a province in 1990, growing 0,2 % a month, with noise below 0,5 %.
      const base = `(c.size * ${k(index)} / 100)`;
      return `(${base} * (1000 + 2 * c.m) / 1000 + ${h(`'${index}|' || c.hk`)} % (${base} / 200 + 1))`;
    }
    case 'index':
      // A level per region (30–90) and a monthly wobble (0–10): always within 0..100.
      return `round((3000 + ${h(`'b|${index}|' || c.code`)} % 6001 + ${h(`'${index}|' || c.hk`)} % 1001)::numeric / 100, 2)`;
  }
}

/** INSERT … SELECT of one indicator over the periods of the years `from`..`to`. */
function insertSql(o: Checked, sourceId: number, indicatorId: number, index: number, from: number, to: number): string {
  const { role } = indicatorDefinition(index);
  const months = o.frequency === 'MONTHLY' ? 1 : 3;
  const kind = o.frequency === 'MONTHLY' ? 'MONTH' : 'QUARTER';
  const size = (key: string) => `(hashtextextended(${key}, ${o.seed}) & 1048575)`;
  return `
INSERT INTO "Observation" ("indicatorId", "regionId", "periodStart", "periodEnd", "periodKind", "value", "qualifier", "status", "sourceId", "recordedAt")
WITH periods AS (
  SELECT d::date AS ps, (d + interval '${months} month' - interval '1 day')::date AS pe
  FROM generate_series(timestamp '${from}-01-01', timestamp '${to}-12-01', interval '${months} month') AS d
), cells AS (
  SELECT r.id, r.code, r.level, p.ps, p.pe,
         row_number() OVER (PARTITION BY p.ps, r.level ORDER BY r.code) AS rn
  FROM periods p
  JOIN "Region" r ON r.level IN ('PROVINCE', 'DISTRICT')
    AND (r."validFrom" IS NULL OR r."validFrom" <= p.ps)
    AND (r."validTo" IS NULL OR r."validTo" >= p.pe)
), c AS (
  SELECT id, code, ps, pe,
         code || '|' || to_char(ps, 'YYYY-MM-DD') AS hk,
         CASE WHEN level = 'PROVINCE' THEN 2000 + ${size(`'size|' || code`)} % 18001
              ELSE 50 + ${size(`'size|' || code`)} % 951 END AS size,
         ${months}::bigint AS months,
         ((extract(year FROM ps)::int - 1990) * 12 + extract(month FROM ps)::int - 1)::bigint AS m
  FROM cells
  WHERE (level = 'PROVINCE' AND rn <= ${o.provinces}) OR (level = 'DISTRICT' AND rn <= ${o.districts})
)
SELECT ${indicatorId}, c.id, c.ps, c.pe, '${kind}'::"PeriodKind", ${valueSql(o.seed, index, role)},
       'EXACT'::"Qualifier", 'FINAL'::"ObservationStatus", ${sourceId},
       (c.pe + 20)::timestamp AT TIME ZONE 'UTC'
FROM c`;
}

/** A synthetic source's note: its rows are all there (COMPLETE) or a run is writing or took them. */
const COMPLETE = 'generated; not real figures';
const INCOMPLETE = 'being generated, or replaced by another run; not real figures';

/** Rows per statement stay near this bound: whole years per statement, at least one. */
const rowsPerStatement = 100_000;

/**
 * Generates the synthetic dataset. The reference data (regions with districts, units) must be
 * seeded. Running again replaces the synthetic observations of these indicators: all of them
 * (from any SYNTHETIC source) are deleted first, then written anew, so a re-run never duplicates
 * rows and a run with other options leaves exactly the dataset those options describe.
 */
export async function generateSynthetic(prisma: PrismaClient, options: SyntheticOptions): Promise<SyntheticResult> {
  const started = performance.now();
  const o = checkOptions(options);

  const [provinces, districts, units] = await Promise.all([
    prisma.region.count({ where: { level: 'PROVINCE' } }),
    prisma.region.count({ where: { level: 'DISTRICT' } }),
    prisma.unit.count({ where: { code: { in: ['dossier', 'percent', 'account'] } } }),
  ]);
  if (provinces === 0 || units < 3 || (o.districts > 0 && districts === 0)) {
    throw new SyntheticDataError('the reference data (regions with districts, units) is missing: seed the database first (pnpm db:seed)');
  }

  const title =
    `Synthetic observations: ${o.provinces} provinces, ${o.districts} districts, ${o.indicators} indicators, ` +
    `${o.years} years ${o.firstYear}–${o.lastYear}, ${o.frequency.toLowerCase()}, seed ${o.seed}`;
  const slugs = Array.from({ length: o.indicators }, (_, i) => `syn_${pad(i + 1)}`);
  if (options.reuse) {
    const earlier = await prisma.source.findUnique({ where: { key: `synthetic-${o.seed}` } });
    if (earlier?.title === title && earlier.note === COMPLETE) {
      const observations = await prisma.observation.count({ where: { sourceId: earlier.id } });
      if (observations > 0) return { sourceId: earlier.id, indicators: slugs, observations, ms: performance.now() - started, reused: true };
    }
  }

  // The DELETE below may take rows of any synthetic source: none is complete until this run ends.
  await prisma.source.updateMany({ where: { kind: 'SYNTHETIC' }, data: { note: INCOMPLETE } });
  const sourceData = { kind: 'SYNTHETIC' as const, publisher: 'chiso synthetic data', title, licence: 'CC0', note: INCOMPLETE };
  const source = await prisma.source.upsert({
    where: { key: `synthetic-${o.seed}` },
    create: { key: `synthetic-${o.seed}`, ...sourceData },
    update: sourceData,
  });

  const ids = await upsertIndicators(prisma, o.indicators);
  const idList = [...ids.values()].join(', ');
  await prisma.$executeRawUnsafe(
    `DELETE FROM "Observation" WHERE "indicatorId" IN (${idList}) AND "sourceId" IN (SELECT id FROM "Source" WHERE kind = 'SYNTHETIC')`,
  );

  const periodsPerYear = o.frequency === 'MONTHLY' ? 12 : 4;
  const yearsPerStatement = Math.max(1, Math.floor(rowsPerStatement / (periodsPerYear * Math.max(1, o.provinces + o.districts))));
  const statements: string[] = [];
  for (const [index, indicatorId] of ids) {
    for (let from = o.firstYear; from <= o.lastYear; from += yearsPerStatement) {
      statements.push(insertSql(o, source.id, indicatorId, index, from, Math.min(o.lastYear, from + yearsPerStatement - 1)));
    }
  }
  // Every statement computes its values from keys alone (a ratio recomputes its counts), so they
  // are independent and may run in any order, side by side.
  let observations = 0;
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < statements.length) {
      const sql = statements[next++]!;
      try {
        const rows = await prisma.$executeRawUnsafe(sql);
        observations += rows; // not `+= await`: that would read the total before the wait
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, statements.length) }, worker));
  // Fresh planner statistics and a set visibility map, so that queries right after a large load
  // use the indexes and index-only scans skip the heap, as on a database autovacuum has visited.
  await prisma.$executeRawUnsafe('VACUUM (ANALYZE) "Observation"');
  await prisma.source.update({ where: { id: source.id }, data: { note: COMPLETE } });

  return { sourceId: source.id, indicators: [...ids.keys()].map((i) => `syn_${pad(i)}`), observations, ms: performance.now() - started, reused: false };
}
