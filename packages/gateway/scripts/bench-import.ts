/**
 * Import throughput benchmark: a deterministic CSV in chiso's own format (every row valid against
 * the seeded reference data) goes through `importData`, the code path of `pnpm chiso import`, in
 * this process. Prints wall time, rows per second, peak memory and the time of each phase for:
 * a smaller file (memory check), the full file into an empty catalogue, the same file again
 * (all unchanged) and the file with 1 % of the values changed (revisions).
 *   pnpm bench:import -- --database-url postgresql://postgres@127.0.0.1:5432/chiso_bench [--rows 1000000] [--runs 1]
 *   pnpm bench:import -- --data-dir /tmp/chiso-bench-import-pglite
 * The database must be named explicitly (--database-url URL or --data-dir DIR): benchmark figures
 * never go into the default database. Migrations are applied and the reference data seeded when
 * missing; earlier benchmark rows (source bench-synthetic) are deleted before each run.
 * The files are kept in the system's temporary folder and reused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type Database } from '../src/db/database.ts';
import { applyMigrations } from '../src/db/migrations.ts';
import { isSeeded, seedDatabase } from '../src/db/seed/seed.ts';
import { applyCatalogue, parseCatalogue } from '../src/import/catalogue.ts';
import { importData, type ImportProgress, type ImportReport } from '../src/import/import-data.ts';

const usage = 'usage: pnpm bench:import -- (--database-url postgresql://… | --data-dir DIR) [--rows 1000000] [--small-rows 200000] [--runs 1]';

class UsageError extends Error {}

const SOURCE = 'bench-synthetic';
/** Months 2012-01 … 2025-06: the 63 provinces of before 1 July 2025 are valid over all of them. */
const FIRST_YEAR = 2012;
const MONTHS = (2025 - FIRST_YEAR) * 12 + 6;

function readOptions(argv: string[]) {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv.filter((a) => a !== '--'),
      options: Object.fromEntries(['database-url', 'data-dir', 'rows', 'small-rows', 'runs'].map((n) => [n, { type: 'string' }])) as Record<
        string,
        { type: 'string' }
      >,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}; ${usage}`);
  }
  const integer = (name: string, fallback: number): number => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(`--${name} needs a positive whole number, e.g. --${name} ${fallback} (got "${raw}")`);
    return Number(raw);
  };
  const databaseUrl = values['database-url'];
  const dataDir = values['data-dir'];
  if (!databaseUrl && !dataDir) {
    throw new UsageError('refusing to benchmark on the default database: name one with --database-url postgresql://… or --data-dir DIR (a folder of its own)');
  }
  if (databaseUrl && dataDir) throw new UsageError('give either --database-url or --data-dir, not both');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new UsageError(
      `--database-url must start with postgresql://, e.g. --database-url postgresql://postgres@127.0.0.1:5432/chiso_bench (got "${databaseUrl}")`,
    );
  }
  if (dataDir && path.resolve(dataDir) === path.resolve(process.env.INIT_CWD ?? process.cwd(), '.data/pglite')) {
    throw new UsageError(`${dataDir} is the default embedded database: give a folder of its own`);
  }
  const rows = integer('rows', 1_000_000);
  const smallRows = integer('small-rows', Math.max(1, Math.round(rows / 5)));
  if (rows > 999 * 63 * MONTHS) throw new UsageError(`--rows can be at most ${999 * 63 * MONTHS}`);
  return {
    databaseUrl,
    dataDir: dataDir ? path.resolve(process.env.INIT_CWD ?? process.cwd(), dataDir) : undefined,
    rows,
    smallRows,
    runs: integer('runs', 1),
  };
}

const slug = (i: number) => `bench_${String(i + 1).padStart(3, '0')}`;
const month = (m: number) => `${FIRST_YEAR + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
const indicatorsFor = (rows: number, provinces: number) => Math.ceil(rows / (provinces * MONTHS));

/** The catalogue of the benchmark: its indicators (dossier counts, summed) and its source. */
function catalogueText(indicators: number): string {
  return JSON.stringify(
    {
      units: [],
      indicators: Array.from({ length: indicators }, (_, i) => ({
        slug: slug(i),
        nameVi: `Chỉ tiêu thử tải ${i + 1}`,
        nameEn: `Benchmark indicator ${i + 1}`,
        descriptionVi: 'Số liệu tổng hợp để đo tốc độ nhập dữ liệu; không phải số liệu thật.',
        descriptionEn: 'Synthetic figures for the import benchmark; not real data.',
        unit: 'dossier',
        scaleExponent: 0,
        decimals: 0,
        category: 'ADMIN_REFORM_PUBLIC_SERVICES',
        direction: 'NEUTRAL',
        aggregation: 'SUM',
        framework: null,
        numerator: null,
        denominator: null,
        ratioMultiplier: 100,
      })),
      sources: [
        {
          key: SOURCE,
          kind: 'SYNTHETIC',
          publisher: 'chiso',
          title: 'Import benchmark (synthetic)',
          url: null,
          publishedAt: null,
          author: null,
          licence: 'CC0-1.0',
          originator: null,
          note: 'Written by packages/gateway/scripts/bench-import.ts',
        },
      ],
    },
    null,
    2,
  );
}

/**
 * Writes (or reuses) the CSV of `rows` rows: indicator by indicator, month by month, every province.
 * With `revised`, every 100th row's value is one more (1 % of the values change).
 */
function writeCsv(rows: number, provinces: string[], revised: boolean): string {
  const dir = path.join(os.tmpdir(), 'chiso-bench-import');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `chiso-bench-${rows}${revised ? '-revised' : ''}-${provinces.length}p.csv`);
  if (fs.existsSync(file)) return file;
  const fd = fs.openSync(`${file}.tmp`, 'w');
  let chunk = 'indicator,region,period,value,status,source\n';
  let n = 0;
  outer: for (let i = 0; ; i++) {
    for (let m = 0; m < MONTHS; m++) {
      for (let p = 0; p < provinces.length; p++) {
        if (n === rows) break outer;
        // Deterministic values from 0 to 99 999.
        let value = (Math.imul(i + 1, 7919) + Math.imul(m + 1, 104_729) + Math.imul(p + 1, 1_299_709)) % 100_000;
        if (revised && n % 100 === 0) value++;
        chunk += `${slug(i)},${provinces[p]},${month(m)},${value},FINAL,${SOURCE}\n`;
        n++;
        if (chunk.length > 1 << 20) {
          fs.writeSync(fd, chunk);
          chunk = '';
        }
      }
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  fs.renameSync(`${file}.tmp`, file);
  return file;
}

interface Measure {
  name: string;
  rows: number;
  bytes: number;
  report: ImportReport;
  seconds: number;
  /**
   * Seconds: reading the file while its rows are staged, planned and merged a chunk at a time (until
   * the last row); when the first rows were written (from the start); the checks of the whole file
   * after the last row (repeated rows) and the import's record.
   */
  phases: { reading: number; firstWrite: number | null; final: number };
  peakRss: number;
  peakHeap: number;
  maxRss: number;
  /** CPU seconds of this process, and of the PostgreSQL server's backends when they can be read. */
  nodeCpu: number;
  dbCpu: number | null;
}

/**
 * CPU seconds used so far by the backends of the benchmark database, read from /proc: only for a
 * PostgreSQL server on this machine (null otherwise). On a shared machine CPU time is steadier
 * than wall time.
 */
async function backendCpu(db: Database): Promise<Map<number, number> | null> {
  if (db.kind !== 'postgresql') return null;
  const pids = await db.prisma.$queryRaw<Array<{ pid: number }>>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`;
  const cpu = new Map<number, number>();
  for (const { pid } of pids) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      return null;
    }
  }
  return cpu;
}

/** One import of `file` through importData, with memory sampled every 100 ms. */
async function measure(db: Database, name: string, file: string): Promise<Measure> {
  const bytes = fs.statSync(file).size;
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 100);
  const at: Partial<Record<ImportProgress['phase'], number>> = {};
  const dbCpu0 = await backendCpu(db);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    const report = await importData(db.prisma, {
      file: { name: path.basename(file), open: () => fs.createReadStream(file), size: bytes },
      actor: 'bench',
      onProgress: (p) => {
        at[p.phase] ??= performance.now();
      },
    });
    const t1 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    sample();
    const dbCpu1 = dbCpu0 && (await backendCpu(db));
    const dbCpu = dbCpu0 && dbCpu1 ? [...dbCpu1].reduce((sum, [pid, s]) => sum + s - (dbCpu0.get(pid) ?? 0), 0) : null;
    if (!report.ok) {
      const lines = report.problems.slice(0, 10).map((p) => `  row ${p.row} ${p.column ?? ''} "${p.value ?? ''}": expected ${p.expected}`);
      throw new Error(`${name}: ${report.problemCount} problem(s), nothing written:\n${lines.join('\n')}`);
    }
    const checking = at.checking ?? t1;
    return {
      name,
      rows: report.rows,
      bytes,
      report,
      seconds: (t1 - t0) / 1000,
      phases: { reading: (checking - t0) / 1000, firstWrite: at.writing === undefined ? null : (at.writing - t0) / 1000, final: (t1 - checking) / 1000 },
      peakRss,
      peakHeap,
      maxRss: process.resourceUsage().maxRSS * 1024,
      nodeCpu: (cpu.user + cpu.system) / 1e6,
      dbCpu,
    };
  } finally {
    clearInterval(timer);
  }
}

/** Deletes what earlier runs wrote, so each run imports into the same state. */
async function cleanUp(db: Database): Promise<void> {
  const source = await db.prisma.source.findUnique({ where: { key: SOURCE }, select: { id: true } });
  if (!source) return;
  await db.prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`DELETE FROM "Observation" WHERE "sourceId" = ${source.id}`;
      await tx.$executeRaw`DELETE FROM "ImportBatch" WHERE "fileName" LIKE 'chiso-bench-%' AND NOT EXISTS (SELECT 1 FROM "Observation" o WHERE o."importId" = "ImportBatch".id)`;
    },
    { timeout: 30 * 60_000 },
  );
  await db.prisma.$executeRawUnsafe('VACUUM ANALYZE "Observation"');
}

const mb = (n: number) => (n / 2 ** 20).toFixed(0);
const s = (n: number) => n.toFixed(1);

function table(measures: Measure[]): string[] {
  const head = [
    'import',
    'rows',
    'file MiB',
    'wall s',
    'rows/s',
    'read+merge s',
    'first write at s',
    'final checks s',
    'node CPU s',
    'db CPU s',
    'peak RSS MiB',
    'peak heap MiB',
    'maxRSS MiB',
    'added/revised/unchanged',
  ];
  const body = measures.map((m) => [
    m.name,
    m.rows.toLocaleString('en'),
    mb(m.bytes),
    s(m.seconds),
    Math.round(m.rows / m.seconds).toLocaleString('en'),
    s(m.phases.reading),
    m.phases.firstWrite === null ? '-' : s(m.phases.firstWrite),
    s(m.phases.final),
    s(m.nodeCpu),
    m.dbCpu === null ? '-' : s(m.dbCpu),
    mb(m.peakRss),
    mb(m.peakHeap),
    mb(m.maxRss),
    `${m.report.added}/${m.report.revised}/${m.report.unchanged}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...body.map(line)];
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const db = await openDatabase({ DATABASE_URL: options.databaseUrl, CHISO_DATA_DIR: options.dataDir ?? 'memory://' });
  try {
    await applyMigrations(db.url);
    if (!(await isSeeded(db.prisma))) {
      const seeded = await seedDatabase(db.prisma);
      console.log(`seeded reference data: ${seeded.regions} regions, ${seeded.indicators} indicators`);
    }
    // The 63 provinces valid over every month of the file.
    const provinces = (
      await db.prisma.$queryRaw<Array<{ code: string }>>`
        SELECT code FROM "Region" WHERE level = 'PROVINCE'
          AND ("validFrom" IS NULL OR "validFrom" <= ${`${FIRST_YEAR}-01-01`}::date) AND "validTo" >= '2025-06-30'::date
        ORDER BY code`
    ).map((r) => r.code);
    if (!provinces.length) throw new Error('no provinces valid from 2012 to June 2025 in the reference data');

    const indicators = indicatorsFor(options.rows, provinces.length);
    const catalogue = catalogueText(Math.max(indicators, indicatorsFor(options.smallRows, provinces.length)));
    const parsed = await parseCatalogue('bench-catalogue.json', catalogue);
    await db.prisma.$transaction((tx) => applyCatalogue(tx, 'bench-catalogue.json', parsed));

    const t0 = performance.now();
    const small = writeCsv(options.smallRows, provinces, false);
    const full = writeCsv(options.rows, provinces, false);
    const revised = writeCsv(options.rows, provinces, true);
    console.log(
      `files in ${path.dirname(full)} (${Math.round(performance.now() - t0)} ms to write or find): ` +
        `${options.rows.toLocaleString('en')} rows (${indicators} indicators × ${provinces.length} provinces × up to ${MONTHS} months) = ${mb(fs.statSync(full).size)} MiB; ` +
        `${options.smallRows.toLocaleString('en')} rows = ${mb(fs.statSync(small).size)} MiB`,
    );
    console.log(
      `database: ${db.kind} (${db.location}); node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}; ` +
        `RSS before the first import ${mb(process.memoryUsage().rss)} MiB`,
    );

    const runs: Measure[][] = [];
    for (let run = 1; run <= options.runs; run++) {
      const measures: Measure[] = [];
      runs.push(measures);
      await cleanUp(db);
      measures.push(await measure(db, `memory check: ${options.smallRows.toLocaleString('en')} new`, small));
      await cleanUp(db);
      measures.push(await measure(db, 'new rows', full));
      // A million new rows: PostgreSQL's autovacuum would analyse the table now (the embedded
      // database has none; the benchmark does it on both, outside the timings).
      await db.prisma.$executeRawUnsafe('ANALYZE "Observation"');
      measures.push(await measure(db, 'same file again', full));
      measures.push(await measure(db, '1 % revised', revised));
      if (options.runs > 1) console.log(`\nrun ${run} of ${options.runs}`);
      for (const line of table(measures)) console.log(line);
    }
    if (options.runs > 1) {
      // On a shared machine other work slows some runs down: the fastest run of each import says
      // what the code does.
      console.log(`\nbest of ${options.runs} runs (the fastest of each import)`);
      const best = runs[0]!.map((_, i) => runs.map((r) => r[i]!).reduce((a, b) => (b.seconds < a.seconds ? b : a)));
      for (const line of table(best)) console.log(line);
    }
    console.log(
      "\npeak RSS and heap: sampled every 100 ms during that import; maxRSS: the process's peak so far (process.resourceUsage); " +
        'node CPU: this process (for the embedded database, the database too); db CPU: the PostgreSQL backends of the database' +
        (db.kind === 'embedded' ? '; the embedded database runs in this process, so its memory is included' : ''),
    );
    await cleanUp(db);
  } finally {
    await db.close();
  }
}

main().then(
  // The schema engine leaves a timer running: exit explicitly.
  () => process.exit(0),
  (error: Error) => {
    console.error(`error: ${error.message}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
