/**
 * Start-up benchmark: time from running the README's start command (`pnpm start` at the root: the
 * up-to-date checks of both builds, then the gateway) to the first answered query, on the embedded
 * database. Cases:
 * - cold, builds up to date: a new data folder (made from the prepared image);
 * - warm: the same folder again;
 * - with `--from-scratch` (first run only): cold with no build at all (dist/ folders and the image
 *   cache removed first, as after a fresh clone): both builds, the image, then the start.
 * Besides wall time it prints the CPU time of the whole process tree (worker threads included),
 * which a busy machine disturbs much less than wall time.
 * Also prints the SQL statements of two representative operations.
 *   pnpm bench:startup [-- --runs 3] [-- --from-scratch] [-- --server-only]
 * `--server-only` runs `node dist/server.mjs` instead of `pnpm start` (no build checks).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { createApp } from '../src/app.ts';
import { repoRoot } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { defaultImageDir } from '../src/db/image.ts';
import { applyMigrations } from '../src/db/migrations.ts';
import { seedDatabase } from '../src/db/seed/seed.ts';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const fromScratch = process.argv.includes('--from-scratch');
const serverOnly = process.argv.includes('--server-only');
const gatewayDir = fileURLToPath(new URL('..', import.meta.url));
const query = `{ indicator(slug: "dossiers_on_time_rate") { series(region: "49", from: "2020-12-15", to: "2021-09-15") { value } } }`;

/** CPU seconds of every live process in group `pgid`, with the children each has waited for. */
function groupCpuMs(pgid: number): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      // Fields after the command's closing parenthesis: state ppid pgrp ... utime(14) stime(15) cutime(16) cstime(17).
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

async function timeToFirstAnswer(dataDir: string, port: number): Promise<{ wall: number; cpu: number }> {
  const started = performance.now();
  const [command, args, cwd] = serverOnly ? [process.execPath, ['dist/server.mjs'], gatewayDir] : ['pnpm', ['start'], repoRoot];
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CHISO_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' },
    stdio: 'ignore',
    detached: true, // its own process group, to stop pnpm and the server together
  });
  const deadline = started + 600_000;
  try {
    while (performance.now() < deadline) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        const body = (await res.json()) as any;
        if (body.data?.indicator?.series?.[0]?.value === 99.8) return { wall: performance.now() - started, cpu: groupCpuMs(child.pid!) };
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('no answer within 600 s');
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    // pnpm may leave before the server has closed the folder.
    await new Promise((r) => setTimeout(r, 500));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const scratch: { wall: number; cpu: number }[] = [];
const cold: { wall: number; cpu: number }[] = [];
const warm: { wall: number; cpu: number }[] = [];
for (let i = 0; i < runs; i++) {
  if (fromScratch && i === 0) {
    for (const dir of [path.join(repoRoot, 'packages/gateway/dist'), path.join(repoRoot, 'packages/widgets/dist'), defaultImageDir]) {
      await fs.rm(dir, { recursive: true, force: true });
    }
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'chiso-bench-'));
    scratch.push(await timeToFirstAnswer(dir, 4690));
    await fs.rm(dir, { recursive: true, force: true });
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'chiso-bench-'));
  cold.push(await timeToFirstAnswer(dir, 4700 + i));
  warm.push(await timeToFirstAnswer(dir, 4750 + i));
  await fs.rm(dir, { recursive: true, force: true });
}
const fmt = (xs: { wall: number; cpu: number }[]) =>
  `median ${Math.round(median(xs.map((x) => x.wall)))} ms wall, ${Math.round(median(xs.map((x) => x.cpu)))} ms CPU ` +
  `(runs: ${xs.map((x) => `${Math.round(x.wall)}/${Math.round(x.cpu)}`).join(', ')})`;
const how = serverOnly ? 'node dist/server.mjs' : 'pnpm start';
console.log(
  `load average at the end: ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${os.cpus().length} CPUs`,
);
if (scratch.length)
  console.log(`start-up to first answered query (${how}), embedded, cold with no build (both builds, the image, then start): ${fmt(scratch)}`);
console.log(`start-up to first answered query (${how}), embedded, cold (new folder), builds up to date: ${fmt(cold)}`);
console.log(`start-up to first answered query (${how}), embedded, warm (existing folder):              ${fmt(warm)}`);

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
  const res = await app.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: document }),
  });
  await res.json();
  console.log(`${name}: ${statements.length} SQL statements, ${Math.round(performance.now() - t0)} ms`);
}
await db.close();
process.exit(0);
