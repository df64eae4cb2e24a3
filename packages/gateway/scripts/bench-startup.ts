/**
 * Start-up benchmark: time from launching `src/server.ts` to the first answered query, on the
 * embedded database, cold (new data folder: create, migrate, seed) and warm (existing folder).
 * Also prints the SQL statements of two representative operations.
 *   pnpm --filter @chiso/gateway build && pnpm --filter @chiso/gateway bench:startup [-- --runs 3] [-- --tsx]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { createApp } from '../src/app.ts';
import { openDatabase } from '../src/db/database.ts';
import { applyMigrations } from '../src/db/migrations.ts';
import { seedDatabase } from '../src/db/seed/seed.ts';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
/** The built server (what `pnpm start` runs); `--tsx` measures the development path instead. */
const viaTsx = process.argv.includes('--tsx');
const command = viaTsx ? ['--import', 'tsx', 'src/server.ts'] : ['dist/server.mjs'];
const gatewayDir = fileURLToPath(new URL('..', import.meta.url));
const query = `{ indicator(slug: "dossiers_on_time_rate") { series(region: "49", from: "2020-12-15", to: "2021-09-15") { value } } }`;

async function timeToFirstAnswer(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, command, {
    cwd: gatewayDir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CHISO_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' },
    stdio: 'ignore',
  });
  const deadline = started + 120_000;
  try {
    while (performance.now() < deadline) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        const body = (await res.json()) as any;
        if (body.data?.indicator?.series?.[0]?.value === 99.8) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('no answer within 120 s');
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cold: number[] = [];
const warm: number[] = [];
for (let i = 0; i < runs; i++) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'chiso-bench-'));
  cold.push(await timeToFirstAnswer(dir, 4700 + i));
  warm.push(await timeToFirstAnswer(dir, 4750 + i));
  await fs.rm(dir, { recursive: true, force: true });
}
const fmt = (xs: number[]) => `median ${Math.round(median(xs))} ms (runs: ${xs.map(Math.round).join(', ')})`;
const how = viaTsx ? 'tsx src/server.ts' : 'node dist/server.mjs';
console.log(`start-up to first answered query (${how}), embedded, cold (new folder: migrate + seed): ${fmt(cold)}`);
console.log(`start-up to first answered query (${how}), embedded, warm (existing folder):            ${fmt(warm)}`);

// SQL statements per operation, on the embedded database.
const statements: string[] = [];
const db = await openDatabase({ CHISO_DATA_DIR: 'memory://', DATABASE_URL: undefined }, { onQuery: (sql) => statements.push(sql) });
await applyMigrations(db.url);
await seedDatabase(db.prisma);
const app = createApp({ prisma: db.prisma, logger: pino({ level: 'silent' }) });
const operations: Record<string, string> = {
  'all 63 provinces of 2021 with observations, indicator, unit, source, succession':
    '{ regions(level: PROVINCE, at: "2021-01-01", first: 63) { edges { node { code name observations { value indicator { slug unit { code } } source { title } } successors { code } } } } }',
  'all 24 indicators with their Quảng Nam series, region and source':
    '{ indicators(first: 24) { edges { node { slug series(region: "49") { value region { name } source { publisher } } } } } }',
};
for (const [name, document] of Object.entries(operations)) {
  statements.length = 0;
  const t0 = performance.now();
  const res = await app.fetch('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: document }) });
  await res.json();
  console.log(`${name}: ${statements.length} SQL statements, ${Math.round(performance.now() - t0)} ms`);
}
await db.close();
process.exit(0);
