import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prismaDir } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { applyMigrations } from '../src/db/migrations.ts';
import { seedDatabase } from '../src/db/seed/seed.ts';
import type { PrismaClient } from '../src/generated/prisma/client.ts';
import { importData, type ImportReport } from '../src/import/import-data.ts';
import { databaseKinds, openTestDatabase, postgresAvailable, type TestDatabase } from './helpers/databases.ts';
import { observationWhere } from './helpers/observations.ts';

/**
 * Import safety: an import killed with SIGKILL half-way leaves no trace (PostgreSQL and the
 * embedded database, killed while staging rows and while merging them into "Observation"), two
 * imports at once both land with the later vintage current, and a dry run next to a real import
 * neither hangs nor writes.
 */

const gatewayDir = fileURLToPath(new URL('..', import.meta.url));
const IMPORT_LOCK = 7_267_001; // src/import/import-data.ts
const SOURCE = 'nld-2021-10-10-quang-nam';
const INDICATOR = 'dossiers_received';

/** The 63 province codes valid until 2025-06-30. */
const provinceCodes: string[] = (
  JSON.parse(fs.readFileSync(path.join(prismaDir, 'data', 'regions.json'), 'utf8')) as {
    provinceSets: Array<{ validTo: string | null; provinces: Array<{ code: string }> }>;
  }
).provinceSets
  .find((s) => s.validTo === '2025-06-30')!
  .provinces.map((p) => p.code);

const month = (year: number, m: number) => `${year}-${String(m).padStart(2, '0')}`;

/** Own-format CSV rows of dossiers_received for every province and the given months. */
function csv(rows: Array<{ region: string; period: string; value: number }>): string {
  return `indicator,region,period,value,source\n${rows.map((r) => `${INDICATOR},${r.region},${r.period},${r.value},${SOURCE}\n`).join('')}`;
}
function grid(months: string[], value: (i: number) => number) {
  let i = 0;
  return months.flatMap((period) => provinceCodes.map((region) => ({ region, period, value: value(i++) })));
}
function monthsOf(from: number, to: number, months = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]): string[] {
  const out: string[] = [];
  for (let y = from; y <= to; y++) for (const m of months) if (y < 2025 || m <= 6) out.push(month(y, m));
  return out;
}

const memoryFile = (name: string, text: string) => ({ name, open: () => Readable.from([Buffer.from(text)]), size: Buffer.byteLength(text) });

/** Rejects when `promise` takes longer than `ms`: every wait in this file is bounded. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not done after ${ms} ms`)), ms))),
  ]);
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, intervalMs = 20): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

// ---------------------------------------------------------------------------------------------
// The command line as a child process

interface CliRun {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
  output(): { stdout: string; stderr: string };
  /** kill -9 of the whole process group: npx, the shell, tsx and the node process that imports. */
  kill9(): Promise<void>;
}
const running = new Set<CliRun>();

/**
 * `npx tsx src/cli/chiso.ts …` in a process group of its own. npx starts `sh -c tsx`, which starts
 * tsx's CLI, which starts the node process that runs the import: a SIGKILL to npx alone would
 * leave that one running with its connection and transaction open, so the group is killed.
 */
function runCli(args: string[], env: Record<string, string | undefined>): CliRun {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
  delete childEnv.DATABASE_URL;
  delete childEnv.CHISO_DATA_DIR;
  for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v;
  const child = spawn('npx', ['tsx', 'src/cli/chiso.ts', ...args], { cwd: gatewayDir, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  let done = false;
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    }),
  );
  const groupAlive = () => {
    try {
      process.kill(-child.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  const run: CliRun = {
    child,
    exited,
    hasExited: () => done,
    output: () => ({ stdout, stderr }),
    async kill9() {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      await within(exited, 10_000, 'the killed CLI to exit');
      // Every process of the group is gone (not only npx): nothing holds the database any more.
      await waitFor('every process of the killed import to be gone', () => !groupAlive(), 10_000);
      running.delete(run);
    },
  };
  running.add(run);
  void exited.then(() => !groupAlive() && running.delete(run));
  return run;
}

// ---------------------------------------------------------------------------------------------
// What a database holds

interface Snapshot {
  observations: number;
  current: number;
  valueSum: string;
  /** md5 over every observation's id, value, vintage and supersession, in id order. */
  checksum: string;
  batches: number;
  audits: number;
}

async function snapshot(prisma: PrismaClient): Promise<Snapshot> {
  const [row] = await prisma.$queryRaw<[Snapshot]>`
    SELECT (SELECT count(*)::int FROM "Observation") AS observations,
      (SELECT count(*)::int FROM "Observation" WHERE "supersededAt" IS NULL) AS current,
      (SELECT coalesce(sum(value), 0)::text FROM "Observation") AS "valueSum",
      (SELECT coalesce(md5(string_agg(id || ':' || value || ':' || "recordedAt" || ':' || coalesce("supersededAt"::text, '-'), ',' ORDER BY id)), '') FROM "Observation") AS checksum,
      (SELECT count(*)::int FROM "ImportBatch") AS batches,
      (SELECT count(*)::int FROM "AuditEvent") AS audits`;
  return row;
}

async function duplicateCurrentRows(prisma: PrismaClient): Promise<unknown[]> {
  return prisma.$queryRaw`
    SELECT "indicatorId", "regionId", "periodStart", "periodEnd", count(*)::int AS n FROM "Observation"
    WHERE "supersededAt" IS NULL GROUP BY 1, 2, 3, 4 HAVING count(*) > 1`;
}

async function importTablesLeft(prisma: PrismaClient): Promise<string[]> {
  const rows = await prisma.$queryRaw<Array<{ relname: string }>>`SELECT relname FROM pg_class WHERE relname LIKE 'chiso_import_%'`;
  return rows.map((r) => r.relname);
}

/** A small import that must work after the kill: within 60 s, or the lock was not released. */
async function smallImportWorks(prisma: PrismaClient): Promise<ImportReport> {
  const rows = [1, 2, 3].map((m) => ({ region: '49', period: month(1900, m), value: 10 + m }));
  const report = await within(importData(prisma, { file: memoryFile('after-kill.csv', csv(rows)), actor: 'test' }), 60_000, 'an import after the kill');
  expect(report.problems).toEqual([]);
  expect(report).toMatchObject({ ok: true, added: 3, revised: 0 });
  expect(report.importId).not.toBeNull();
  return report;
}

// ---------------------------------------------------------------------------------------------
// 1. kill -9 half-way

type KillPoint = 'staging' | 'merging';

describe('an import killed with SIGKILL half-way leaves no trace', () => {
  let tmp: string;
  let bigFile: string;
  let _bigRows: number;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-import-safety-'));
    // Every month the 63 provinces existed that a period can name (1900-01 … 2025-06): 94,878
    // rows, 5.7 MB, nothing that bundled data holds. Importing it takes ~10 s on either database.
    const rows = grid(monthsOf(1900, 2025), (i) => 1000 + (i % 100_000));
    _bigRows = rows.length;
    bigFile = path.join(tmp, 'big.csv');
    fs.writeFileSync(bigFile, csv(rows));
  });
  afterAll(async () => {
    for (const run of running) await run.kill9().catch(() => {});
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe.skipIf(!postgresAvailable)('on PostgreSQL', () => {
    let db: TestDatabase;
    let monitor: pg.Client;
    // biome-ignore lint/suspicious/noDuplicateTestHooks: a hook of the nested describe.skipIf block, not a second one of the outer block
    beforeAll(async () => {
      db = await openTestDatabase('postgresql');
      monitor = new pg.Client({ connectionString: db.url });
      await monitor.connect();
    });
    // biome-ignore lint/suspicious/noDuplicateTestHooks: as above
    afterAll(async () => {
      await monitor?.end().catch(() => {});
      await db?.dispose();
    });

    /** The import's backend: it holds the import lock and its last statement matches `statement`. */
    async function importBackend(statement: string, active: boolean): Promise<number | null> {
      const { rows } = await monitor.query<{ pid: number }>(
        `SELECT a.pid FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid
         WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
           AND l.locktype = 'advisory' AND l.objid = $1 AND l.granted
           AND position($2 in a.query) > 0 AND ($3::boolean IS FALSE OR a.state = 'active')`,
        [IMPORT_LOCK, statement, active],
      );
      return rows[0]?.pid ?? null;
    }

    it.each<[KillPoint, string, boolean]>([
      // Staging: rows are going into the transaction's temporary table, batch after batch.
      ['staging', 'INSERT INTO chiso_import_stage', false],
      // Merging: the INSERT of the new rows into "Observation" is running.
      ['merging', 'INSERT INTO "Observation"', true],
    ])(
      'while %s: counts, values, import batches and audit unchanged; lock released; a new import works',
      async (point, statement, active) => {
        const started = Date.now();
        const before = await snapshot(db.prisma);
        const run = runCli(['import', bigFile], { DATABASE_URL: db.url });
        let pid: number | null = null;
        const waited = await waitFor(
          `the import to be ${point} (${statement} in pg_stat_activity, import lock held)`,
          async () => {
            if (run.hasExited()) throw new Error(`the import ended before it could be killed ${point}: ${JSON.stringify(run.output())}`);
            pid = await importBackend(statement, active);
            return pid !== null;
          },
          150_000,
        );
        await run.kill9();
        expect((await run.exited).signal).toBe('SIGKILL');
        expect(run.output().stdout).not.toMatch(/added|recorded/);

        // The server rolls the killed client's transaction back and ends its backend.
        // A backend in the middle of a statement notices the lost client only when the statement ends.
        const backendEnded = await waitFor(
          "the killed import's backend to end",
          async () => (await monitor.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount === 0,
          60_000,
        );
        // (Advisory locks are per database: other databases on the server may be importing.)
        const lockHeld = await monitor.query(
          `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          [IMPORT_LOCK],
        );
        expect(lockHeld.rowCount).toBe(0);

        expect(await snapshot(db.prisma)).toEqual(before);
        // VACUUM reads every page and index of the table, with the killed transaction's rows.
        await db.prisma.$executeRawUnsafe('VACUUM "Observation"');
        expect(await snapshot(db.prisma)).toEqual(before);
        expect(await db.prisma.importBatch.count({ where: { fileName: 'big.csv' } })).toBe(0);
        expect(await db.prisma.observation.count({ where: { periodStart: { lt: new Date('1990-01-01') } } })).toBe(0);
        expect(await importTablesLeft(db.prisma)).toEqual([]);

        const after = await smallImportWorks(db.prisma);
        expect(await snapshot(db.prisma)).toMatchObject({ observations: before.observations + 3, batches: before.batches + 1, audits: before.audits + 1 });
        // Leave the database as it was for the next kill point.
        await db.prisma.observation.deleteMany({ where: { importId: after.importId! } });
        await db.prisma.importBatch.delete({ where: { id: after.importId! } });
        console.info(
          `import-safety: PostgreSQL, killed while ${point} after ${waited} ms of the CLI; its backend ended ${backendEnded} ms after the kill; case took ${Date.now() - started} ms`,
        );
      },
      240_000,
    );
  });

  describe('on the embedded database (PGlite in a folder)', () => {
    let dataDir: string;
    let observationFile: string;
    let before: Snapshot;
    beforeAll(async () => {
      dataDir = path.join(tmp, 'pglite');
      const db = await openDatabase({ CHISO_DATA_DIR: dataDir });
      try {
        await applyMigrations(db.url);
        await seedDatabase(db.prisma);
        const [{ file }] = await db.prisma.$queryRaw<[{ file: string }]>`SELECT pg_relation_filepath('"Observation"') AS file`;
        observationFile = path.join(dataDir, file);
      } finally {
        await db.close();
      }
    });

    /** Temporary relation files (t<backend>_<relfilenode>) in the folder: they exist only while an import's transaction is open. */
    function tempRelationFiles(): Array<{ name: string; size: number }> {
      const base = path.join(dataDir, 'base');
      return fs.readdirSync(base).flatMap((db) => {
        const dir = path.join(base, db);
        if (!fs.statSync(dir).isDirectory()) return [];
        return fs
          .readdirSync(dir)
          .filter((f) => /^t\d+_\d+$/.test(f))
          .map((f) => {
            try {
              return { name: `base/${db}/${f}`, size: fs.statSync(path.join(dir, f)).size };
            } catch {
              return { name: `base/${db}/${f}`, size: 0 };
            }
          });
      });
    }
    const sizeOf = (file: string) => {
      try {
        return fs.statSync(file).size;
      } catch {
        return 0;
      }
    };

    async function reopen<T>(use: (db: Database) => Promise<T>): Promise<T> {
      const db = await openDatabase({ CHISO_DATA_DIR: dataDir });
      try {
        return await use(db);
      } finally {
        await db.close();
      }
    }

    it.each<[KillPoint]>([['staging'], ['merging']])(
      'while %s: after reopening the folder, counts, values, import batches and audit unchanged; a new import works',
      async (point) => {
        const started = Date.now();
        before = await reopen((db) => snapshot(db.prisma));
        // Temporary relation files left by an earlier killed case (PGlite does not remove them: see below).
        const leftBefore = new Set(tempRelationFiles().map((f) => f.name));
        const observationBytes = sizeOf(observationFile);

        const run = runCli(['import', bigFile], { CHISO_DATA_DIR: dataDir });
        // The PGlite backend runs inside the CLI's process, so no second connection can look at it.
        // Evidence from its files instead:
        // - staging: the temporary stage table's file exists and has grown past 256 KB (rows of
        //   several batches are staged; the file exists only inside the import's transaction);
        // - merging: the "Observation" heap file has grown by more than 1 MB (the uncommitted
        //   INSERT of the new rows is extending it).
        const waited = await waitFor(
          `the embedded import to be ${point}`,
          () => {
            if (run.hasExited()) throw new Error(`the import ended before it could be killed ${point}: ${JSON.stringify(run.output())}`);
            return point === 'staging' ? tempRelationFiles().some((f) => f.size > 256 * 1024) : sizeOf(observationFile) > observationBytes + 1024 * 1024;
          },
          200_000,
        );
        const leftAtKill = tempRelationFiles().filter((f) => !leftBefore.has(f.name));
        await run.kill9();
        expect((await run.exited).signal).toBe('SIGKILL');
        expect(run.output().stdout).not.toMatch(/added|recorded/);
        expect(leftAtKill.length).toBeGreaterThan(0);

        const reopened = Date.now();
        await reopen(async (db) => {
          expect(await snapshot(db.prisma)).toEqual(before);
          // VACUUM reads every page and index of the table, with what the killed transaction wrote.
          await db.prisma.$executeRawUnsafe('VACUUM "Observation"');
          expect(await snapshot(db.prisma)).toEqual(before);
          expect(await db.prisma.importBatch.count({ where: { fileName: 'big.csv' } })).toBe(0);
          expect(await db.prisma.observation.count({ where: { periodStart: { lt: new Date('1990-01-01') } } })).toBe(0);
          expect(await importTablesLeft(db.prisma)).toEqual([]);
          expect(await duplicateCurrentRows(db.prisma)).toEqual([]);
          const after = await smallImportWorks(db.prisma);
          expect(await snapshot(db.prisma)).toMatchObject({ observations: before.observations + 3, batches: before.batches + 1, audits: before.audits + 1 });
          await db.prisma.observation.deleteMany({ where: { importId: after.importId! } });
          await db.prisma.importBatch.delete({ where: { id: after.importId! } });
        });
        const reopenMs = Date.now() - reopened;
        // The files of the killed transaction's temporary tables. PostgreSQL removes such files when
        // it starts after a crash (RemovePgTempFiles); PGlite 0.5.14 does not, so chiso removes them
        // when it opens the folder (embedded.ts), or every killed import would keep its disk.
        const leftAfter = tempRelationFiles().filter((f) => !leftBefore.has(f.name));
        expect(leftAtKill.length, 'the killed import had temporary files').toBeGreaterThan(0);
        expect(leftAfter, 'temporary files of the killed import left after reopening').toEqual([]);
        console.info(
          `import-safety: embedded, killed while ${point} after ${waited} ms of the CLI (temp files at kill: ${leftAtKill.map((f) => `${f.name} ${f.size} B`).join(', ')}); ` +
            `reopen + checks + new import ${reopenMs} ms; temp files left after reopening: ${leftAfter.length ? leftAfter.map((f) => `${f.name} ${f.size} B`).join(', ') : 'none'}; case took ${Date.now() - started} ms`,
        );
      },
      300_000,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Two imports at once; 3. a dry run next to a real import

interface PairFiles {
  a: string;
  b: string;
  shared: string[];
  onlyA: string[];
  onlyB: string[];
  valueA: Map<string, number>;
  valueB: Map<string, number>;
}

/** A and B give different values for the same months of `year` (all 63 provinces); A alone has Jan-Jun of year + 1, B alone Jul-Dec. */
function pairFiles(year: number): PairFiles {
  const shared = monthsOf(year, year);
  const onlyA = monthsOf(year + 1, year + 1, [1, 2, 3, 4, 5, 6]);
  const onlyB = monthsOf(year + 1, year + 1, [7, 8, 9, 10, 11, 12]);
  const rowsA = [...grid(shared, (i) => 100_000 + i), ...grid(onlyA, (i) => 300_000 + i)];
  const rowsB = [...grid(shared, (i) => 200_000 + i), ...grid(onlyB, (i) => 400_000 + i)];
  const key = (r: { region: string; period: string }) => `${r.region}|${r.period}`;
  return {
    a: csv(rowsA),
    b: csv(rowsB),
    shared,
    onlyA,
    onlyB,
    valueA: new Map(rowsA.map((r) => [key(r), r.value])),
    valueB: new Map(rowsB.map((r) => [key(r), r.value])),
  };
}

/** A connection that takes the import lock in a transaction; `waiting` counts the transactions queued behind it. */
async function holdImportLock(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
  return {
    async waiting(): Promise<number> {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted
           AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        [IMPORT_LOCK],
      );
      return rows[0]!.n;
    },
    async release(): Promise<void> {
      await client.query('COMMIT').catch(() => {});
      await client.end().catch(() => {});
    },
  };
}

interface StoredRow {
  key: string;
  value: number;
  recordedAt: Date;
  supersededAt: Date | null;
  importId: number | null;
}

/** Every stored row (all vintages) of dossiers_received for monthly periods of the given years. */
async function storedRows(prisma: PrismaClient, fromYear: number, toYear: number): Promise<StoredRow[]> {
  return prisma.$queryRaw<StoredRow[]>`
    SELECT r.code || '|' || to_char(o."periodStart", 'YYYY-MM') AS key, o.value::float8 AS value, o."recordedAt", o."supersededAt", o."importId"
    FROM "Observation" o JOIN "Region" r ON r.id = o."regionId" JOIN "Indicator" i ON i.id = o."indicatorId"
    WHERE i.slug = ${INDICATOR} AND o."periodKind" = 'MONTH'
      AND o."periodStart" >= make_date(${fromYear}::int, 1, 1) AND o."periodStart" < make_date(${toYear + 1}::int, 1, 1)`;
}

describe.each(databaseKinds)('imports at the same time on %s', (kind) => {
  let db: TestDatabase;
  let second: Database | null = null;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    // On PostgreSQL a second client on the same database, so that the two imports really race.
    if (kind === 'postgresql') second = await openDatabase({ DATABASE_URL: db.url, CHISO_DATA_DIR: 'memory://' });
  });
  afterAll(async () => {
    await second?.close();
    await db?.dispose();
  });

  let nextYear = 1950;
  const cases: Array<[string, 'A' | 'B', boolean]> = [
    ['A started first, one client', 'A', false],
    ['B started first, one client', 'B', false],
    ...(kind === 'postgresql'
      ? ([
          ['A started first, two clients', 'A', true],
          ['B started first, two clients', 'B', true],
        ] as Array<[string, 'A' | 'B', boolean]>)
      : []),
  ];

  it.each(cases)(
    'two imports of different values for the same figures (%s): both land, the later vintage is current, the other kept as its revision',
    async (_name, first, twoClients) => {
      const started = Date.now();
      const year = nextYear;
      nextYear += 2;
      const files = pairFiles(year);
      const before = await snapshot(db.prisma);
      const clientA = db.prisma;
      const clientB = twoClients ? second!.prisma : db.prisma;
      const runA = () => importData(clientA, { file: memoryFile('a.csv', files.a), actor: 'test-a' });
      const runB = () => importData(clientB, { file: memoryFile('b.csv', files.b), actor: 'test-b' });
      // With two clients on PostgreSQL, a third connection holds the import lock until both imports
      // are provably waiting for it (pg_locks), then lets them go: they race for it.
      const gate = twoClients ? await holdImportLock(db.url) : null;
      const both = first === 'A' ? Promise.all([runA(), runB()]) : Promise.all([runB(), runA()]).then(([b, a]) => [a, b] as const);
      both.catch(() => {});
      if (gate) {
        try {
          await waitFor('both imports to wait for the import lock', async () => (await gate.waiting()) === 2, 60_000);
        } finally {
          await gate.release();
        }
      }
      const [reportA, reportB] = await within(both, 120_000, 'two concurrent imports');
      for (const r of [reportA, reportB]) {
        expect(r.problems).toEqual([]);
        expect(r.ok).toBe(true);
        expect(r.importId).not.toBeNull();
      }
      expect(reportA.recordedAt!.getTime()).not.toBe(reportB.recordedAt!.getTime());
      const aLater = reportA.recordedAt! > reportB.recordedAt!;
      const [later, earlier] = aLater ? [reportA, reportB] : [reportB, reportA];
      const [laterValues, earlierValues] = aLater ? [files.valueA, files.valueB] : [files.valueB, files.valueA];
      const perMonth = provinceCodes.length;
      const sharedRows = files.shared.length * perMonth;
      const onlyRows = files.onlyA.length * perMonth;

      // The one that took the lock first saw none of the other's rows; the later one revised the shared ones.
      expect(earlier).toMatchObject({ added: sharedRows + onlyRows, revised: 0, unchanged: 0 });
      expect(later).toMatchObject({ added: onlyRows, revised: sharedRows, unchanged: 0 });

      // The ImportBatch written second has the later vintage.
      const batches = await db.prisma.importBatch.findMany({ where: { id: { in: [reportA.importId!, reportB.importId!] } }, orderBy: { id: 'asc' } });
      expect(batches.map((b) => b.id)).toEqual([earlier.importId, later.importId]);
      expect(batches[1]!.recordedAt.getTime()).toBeGreaterThan(batches[0]!.recordedAt.getTime());
      expect(batches.map((b) => b.recordedAt.getTime())).toEqual([earlier.recordedAt!.getTime(), later.recordedAt!.getTime()]);

      const rows = await storedRows(db.prisma, year, year + 1);
      const current = new Map(rows.filter((r) => r.supersededAt === null).map((r) => [r.key, r]));
      const superseded = rows.filter((r) => r.supersededAt !== null);
      expect(current.size).toBe(sharedRows + 2 * onlyRows);
      expect(rows.filter((r) => r.supersededAt === null)).toHaveLength(current.size);
      // Shared figures: the later vintage's value is current, the earlier one's kept as superseded.
      for (const period of files.shared) {
        for (const code of provinceCodes) {
          const key = `${code}|${period}`;
          expect(current.get(key)).toMatchObject({ value: laterValues.get(key), importId: later.importId, recordedAt: later.recordedAt });
        }
      }
      expect(superseded).toHaveLength(sharedRows);
      for (const old of superseded) {
        expect(old).toMatchObject({
          value: earlierValues.get(old.key),
          importId: earlier.importId,
          recordedAt: earlier.recordedAt,
          supersededAt: later.recordedAt,
        });
      }
      // Figures only one file had are all there, with that file's value.
      for (const [months, values, report] of [
        [files.onlyA, files.valueA, reportA],
        [files.onlyB, files.valueB, reportB],
      ] as const) {
        for (const period of months) {
          for (const code of provinceCodes) {
            expect(current.get(`${code}|${period}`)).toMatchObject({ value: values.get(`${code}|${period}`), importId: report.importId });
          }
        }
      }
      expect(await duplicateCurrentRows(db.prisma)).toEqual([]);
      expect(await snapshot(db.prisma)).toMatchObject({
        observations: before.observations + 2 * sharedRows + 2 * onlyRows,
        current: before.current + sharedRows + 2 * onlyRows,
        batches: before.batches + 2,
        audits: before.audits + 2,
      });
      // The API answers the same: Observation.revisions of a shared figure lists the earlier value.
      const sample = `${provinceCodes[0]}|${files.shared[0]}`;
      const currentRow = await db.prisma.observation.findFirstOrThrow({
        where: await observationWhere(db.prisma, {
          indicator: INDICATOR,
          region: provinceCodes[0],
          periodKind: 'MONTH',
          periodStart: new Date(`${files.shared[0]}-01`),
          supersededAt: null,
        }),
      });
      expect(currentRow.value.toNumber()).toBe(laterValues.get(sample));
      console.info(`import-safety: ${kind}, two imports (${_name}): ${aLater ? 'A' : 'B'} got the later vintage; ${Date.now() - started} ms`);
    },
    180_000,
  );

  const dryCases: Array<[string, 'real' | 'dry', boolean]> = [
    ['real import started first', 'real', false],
    ['dry run started first', 'dry', false],
    ...(kind === 'postgresql'
      ? ([
          ['real import started first, two clients', 'real', true],
          ['dry run started first, two clients', 'dry', true],
        ] as Array<[string, 'real' | 'dry', boolean]>)
      : []),
  ];

  it.each(dryCases)(
    'a dry run next to a real import (%s) finishes and writes nothing itself',
    async (_name, first, twoClients) => {
      const started = Date.now();
      const year = nextYear;
      nextYear += 2;
      // The real import writes `year`; the dry run would revise those figures and add `year + 1`.
      const realRows = grid(monthsOf(year, year), (i) => 500_000 + i);
      const dryRows = [...grid(monthsOf(year, year), (i) => 600_000 + i), ...grid(monthsOf(year + 1, year + 1), (i) => 700_000 + i)];
      const before = await snapshot(db.prisma);
      const real = () => importData(db.prisma, { file: memoryFile('real.csv', csv(realRows)), actor: 'test-real' });
      const dry = () => importData(twoClients ? second!.prisma : db.prisma, { file: memoryFile('dry.csv', csv(dryRows)), actor: 'test-dry', dryRun: true });
      const [realReport, dryReport] = await within(
        first === 'real' ? Promise.all([real(), dry()]) : Promise.all([dry(), real()]).then(([d, r]) => [r, d] as const),
        120_000,
        'a dry run and a real import at the same time',
      );
      expect(realReport).toMatchObject({ ok: true, dryRun: false, added: realRows.length, revised: 0 });
      expect(realReport.importId).not.toBeNull();
      expect(dryReport).toMatchObject({ ok: true, dryRun: true, importId: null, recordedAt: null });
      // The dry run counted against whatever was committed when it took the lock: before the real import or after it.
      const yearRows = realRows.length;
      expect([
        { added: yearRows * 2, revised: 0 },
        { added: yearRows, revised: yearRows },
      ]).toContainEqual({ added: dryReport.added, revised: dryReport.revised });

      const rows = await storedRows(db.prisma, year, year + 1);
      expect(rows).toHaveLength(realRows.length);
      expect(rows.every((r) => r.supersededAt === null && r.importId === realReport.importId && r.value >= 500_000 && r.value < 600_000)).toBe(true);
      expect(await snapshot(db.prisma)).toMatchObject({
        observations: before.observations + realRows.length,
        batches: before.batches + 1,
        audits: before.audits + 1,
      });
      expect(await db.prisma.importBatch.count({ where: { fileName: 'dry.csv' } })).toBe(0);
      expect(await importTablesLeft(db.prisma)).toEqual([]);
      console.info(
        `import-safety: ${kind}, dry run + import (${_name}): dry run saw ${dryReport.revised ? 'the real import' : 'nothing yet'}; ${Date.now() - started} ms`,
      );
    },
    180_000,
  );
});
