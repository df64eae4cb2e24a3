/**
 * Serving benchmark: what readers' requests cost, against PostGraphile v4 and a bare node:http + pg
 * ceiling on the same tables, on a synthetic PostgreSQL database (63 provinces × 100 indicators ×
 * 10 years monthly, written once and reused). Prints figures; it is not a test. See
 * docs/benchmarks.md for what each line means.
 *   pnpm bench:serve -- --database-url postgresql://postgres@127.0.0.1:5432/chiso_bench_serve [--duration 7] [--connections 50] [--rounds 3] [--only uncached,postgraphileChart]
 * `--only` times just the named runs (the names printed per round), for quick comparisons while working.
 * The database is named explicitly (never the default one); it is created when missing. The
 * gateway runs built (dist/, as `pnpm start` runs it) in a child process, and so do PostGraphile
 * and the ceiling, so that autocannon, here, shares no event loop with a server under test.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadSeries } from '@chiso/widgets/data/load.ts';
import { createApiKey, revokeApiKey } from '../src/auth/keys.ts';
import { openDatabase } from '../src/db/database.ts';
import { applyMigrations } from '../src/db/migrations.ts';
import { isSeeded, seedDatabase } from '../src/db/seed/seed.ts';
import { generateSynthetic } from '../src/db/synthetic.ts';
import { postgresCpu, processCpuMs } from './bench-serve/cpu.ts';
import { median, run, summarize, type CpuSampler, type Figures, type Target } from './bench-serve/load.ts';
import { cacheEvidence, chartQuestion, MINIMAL_SERIES, postgraphileChart, postgraphileSeries } from './bench-serve/questions.ts';
import { wireBytes } from './bench-serve/wire.ts';

const usage = 'usage: pnpm bench:serve -- --database-url postgresql://… [--duration 7] [--connections 50] [--rounds 3] [--only name,name]';
class UsageError extends Error {}

const gatewayDir = fileURLToPath(new URL('..', import.meta.url));
const widgetsDist = path.join(gatewayDir, '..', 'widgets', 'dist');

function readOptions(argv: string[]) {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv.filter((a) => a !== '--'),
      options: Object.fromEntries(['database-url', 'duration', 'connections', 'rounds', 'only'].map((n) => [n, { type: 'string' }])) as Record<
        string,
        { type: 'string' }
      >,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}; ${usage}`);
  }
  const integer = (name: string, fallback: number, max: number): number => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max)
      throw new UsageError(`--${name} needs a whole number from 1 to ${max}, e.g. --${name} ${fallback} (got "${raw}")`);
    return Number(raw);
  };
  const databaseUrl = values['database-url'];
  if (!databaseUrl) throw new UsageError(`refusing to benchmark on the default database: name one with --database-url postgresql://…; ${usage}`);
  if (!/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new UsageError(`--database-url must start with postgresql://, e.g. postgresql://postgres@127.0.0.1:5432/chiso_bench_serve (got "${databaseUrl}")`);
  const only =
    values.only
      ?.split(',')
      .map((n) => n.trim())
      .filter(Boolean) ?? null;
  return { databaseUrl, duration: integer('duration', 7, 600), connections: integer('connections', 50, 1000), rounds: integer('rounds', 3, 20), only };
}

/** Creates the database when the server does not have it yet (connecting to its `postgres` database). */
async function ensureDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      console.log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

interface Child {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts a server in a child process and waits for the line that says where it listens. */
function startChild(name: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<Child> {
  const child: ChildProcess = spawn(process.execPath, args, { cwd: gatewayDir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => void stop().then(() => reject(new Error(`${name} did not start within 60 s:\n${output.slice(-2000)}`))), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (!match) return;
      clearTimeout(timer);
      // Keep draining the pipes so that a chatty server never blocks on a full one.
      child.stdout!.off('data', onData).resume();
      resolve({ url: match[1]!.startsWith('http') ? match[1]! : `http://127.0.0.1:${match[1]}`, pid: child.pid!, stop });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it was ready:\n${output.slice(-2000)}`));
    });
  });
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const ms = (n: number) => (n < 10 ? n.toFixed(1) : Math.round(n).toString());
const rate = ms; // requests per second, likewise: a decimal below 10
const cpuMs = (n: number) => (Number.isNaN(n) ? '–' : n.toFixed(2));

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const started = performance.now();
  const children: Child[] = [];
  const closers: Array<() => Promise<void>> = [];
  await ensureDatabase(options.databaseUrl);
  const db = await openDatabase({ DATABASE_URL: options.databaseUrl, CHISO_DATA_DIR: 'memory://' });
  let keyPrefix: string | undefined;
  try {
    await applyMigrations(db.url);
    if (!(await isSeeded(db.prisma))) await seedDatabase(db.prisma);
    const synthetic = await generateSynthetic(db.prisma, {
      provinces: 63,
      districts: 0,
      indicators: 100,
      years: 10,
      frequency: 'MONTHLY',
      seed: 1,
      reuse: true,
    });
    console.log(
      synthetic.reused
        ? `synthetic data: ${synthetic.observations} observations, kept from an earlier run`
        : `synthetic data: wrote ${synthetic.observations} observations in ${(synthetic.ms / 1000).toFixed(1)} s`,
    );

    console.log('building the gateway (dist/) as `pnpm start` runs it');
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: gatewayDir, stdio: 'inherit' });
    if (!fs.existsSync(path.join(widgetsDist, 'chiso-widgets.js'))) {
      console.log('building the widgets (the bundle is measured)');
      execFileSync('pnpm', ['--filter', '@chiso/widgets', 'build'], { cwd: gatewayDir, stdio: 'ignore' });
    }

    const dbEnv = { DATABASE_URL: options.databaseUrl };
    const [gateway, postgraphile, ceiling] = await Promise.all([
      freePort().then((port) =>
        startChild(
          'the gateway',
          ['dist/server.mjs'],
          { ...dbEnv, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT: 'off' },
          /GraphQL and GraphiQL at (http:\/\/\S+?)\/graphql/,
        ),
      ),
      startChild('PostGraphile', ['--import', 'tsx', 'scripts/bench-serve/postgraphile-server.ts'], dbEnv, /listening (\d+)/),
      startChild('the ceiling', ['--import', 'tsx', 'scripts/bench-serve/ceiling-server.ts'], dbEnv, /listening (\d+)/),
    ]);
    children.push(gateway, postgraphile, ceiling);

    // The questions, each checked to get the same answer from every server before it is timed.
    const question = await chartQuestion(db.prisma, `${gateway.url}/graphql`, loadSeries);
    const { key, record } = await createApiKey(db.prisma, { name: 'bench:serve', scopes: ['PUBLISH'], regions: [] }, { actor: 'bench:serve' });
    keyPrefix = record.prefix;

    const c = options.connections;
    const targets: Record<string, Target> = {
      uncached: { ...question.request, url: gateway.url, pid: gateway.pid, vary: question.vary },
      cached: { ...question.request, url: gateway.url, pid: gateway.pid },
      revalidated: {
        ...question.request,
        url: gateway.url,
        pid: gateway.pid,
        headers: { ...question.request.headers, 'if-none-match': question.etag ?? '' },
        expect: 304,
      },
      postgraphileChart: { url: postgraphile.url, pid: postgraphile.pid, ...postgraphileChart(question) },
      ceilingChart: { url: ceiling.url, pid: ceiling.pid, method: 'GET', path: `/chart?${question.ceilingQuery}` },
      minimal: { ...MINIMAL_SERIES.chiso(question), url: gateway.url, pid: gateway.pid, vary: question.vary },
      postgraphileMinimal: { url: postgraphile.url, pid: postgraphile.pid, ...postgraphileSeries(question) },
      ceilingMinimal: { url: ceiling.url, pid: ceiling.pid, method: 'GET', path: `/series?${MINIMAL_SERIES.ceilingQuery()}` },
    };
    await question.checkAnswers(targets);

    const charts = await question.saveCharts(gateway.url, key, 3 + options.rounds * 2);
    targets.png = { url: gateway.url, pid: gateway.pid, method: 'GET', path: `/embed/${charts[0]}.png` };
    targets.svg = { url: gateway.url, pid: gateway.pid, method: 'GET', path: `/embed/${charts[0]}.svg` };
    // Images: a repeated request against the first of another chart (one never asked for before).
    const unseen = charts.splice(1, 2);
    const imageCache = await cacheEvidence(
      () => fetch(`${gateway.url}/embed/${charts[0]}.png`),
      async () => fetch(`${gateway.url}/embed/${unseen.shift() ?? charts[0]}.png`),
      2,
    );

    const available: Record<string, string | null> = {
      cached: question.cache ? null : 'not available: no response cache seen (no hit said, and a repeated request is not 3 times faster)',
      revalidated: question.etag
        ? question.notModified
          ? null
          : 'not available: an ETag, but If-None-Match is answered 200'
        : 'not available: the response has no ETag',
    };
    const unknown = options.only?.filter((name) => !targets[name]) ?? [];
    if (unknown.length) throw new UsageError(`--only: no run named ${unknown.join(', ')}; the runs are ${Object.keys(targets).join(', ')}`);
    const names = Object.keys(targets).filter((name) => !available[name] && (!options.only || options.only.includes(name)));
    const database = postgresCpu(options.databaseUrl);
    closers.push(() => database.close());
    const cpu: CpuSampler = { process: processCpuMs, database: () => database.start() };
    console.log(`\n${options.rounds} round(s) of ${names.length} runs, ${options.duration} s each, ${c} connections, after a 2 s warm-up of each`);
    for (const name of names) await run(targets[name]!, { connections: c, duration: 2 });

    const figures: Record<string, Figures[]> = Object.fromEntries(names.map((n) => [n, []]));
    const firsts: { png: number[]; svg: number[] } = { png: [], svg: [] };
    for (let round = 0; round < options.rounds; round++) {
      for (const kind of ['png', 'svg'] as const) {
        const t0 = performance.now();
        const res = await fetch(`${gateway.url}/embed/${charts[1 + round * 2 + (kind === 'png' ? 0 : 1)]}.${kind}`);
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`/embed/….${kind} answered ${res.status}`);
        firsts[kind].push(performance.now() - t0);
      }
      for (const name of names) {
        const f = await run(targets[name]!, { connections: c, duration: options.duration, cpu });
        figures[name]!.push(f);
        process.stdout.write(`  round ${round + 1} ${name}: ${rate(f.rps)} req/s${f.problems ? ` (${f.problems})` : ''}\n`);
      }
    }

    const med = Object.fromEntries(names.map((n) => [n, summarize(figures[n]!)]));
    const ratio = (a: string, b: string) => (med[a] && med[b] ? (med[a]!.rps / med[b]!.rps).toFixed(2) : '–');
    const rows: string[][] = [];
    const line = (label: string, name: string, ceilingOf?: string, postgraphileOf?: string) => {
      const m = med[name];
      if (!m) return rows.push([label, available[name] ?? 'not run']);
      rows.push([
        label,
        rate(m.rps),
        ms(m.p50),
        ms(m.p99),
        ceilingOf ? ratio(name, ceilingOf) : '',
        postgraphileOf ? ratio(name, postgraphileOf) : '',
        cpuMs(m.serverCpu),
        cpuMs(m.databaseCpu),
        m.problems,
      ]);
    };
    line('chart widget, uncached (nonce variable)', 'uncached', 'ceilingChart', 'postgraphileChart');
    line(`chart widget, cached (same URL${question.cache ? `; ${question.cache}` : ''})`, 'cached', 'ceilingChart', 'postgraphileChart');
    line('chart widget, 304 (If-None-Match)', 'revalidated', 'ceilingChart', 'postgraphileChart');
    line('chart, PostGraphile v4', 'postgraphileChart', 'ceilingChart');
    line('chart, node:http + pg ceiling', 'ceilingChart');
    line('minimal series, chiso (nonce variable)', 'minimal', 'ceilingMinimal', 'postgraphileMinimal');
    line('minimal series, PostGraphile v4', 'postgraphileMinimal', 'ceilingMinimal');
    line('minimal series, node:http + pg ceiling', 'ceilingMinimal');
    line(`/embed/<id>.png repeated (${imageCache ?? 'no cache seen'})`, 'png');
    line('/embed/<id>.svg repeated', 'svg');

    console.log(
      `\nmedians of ${options.rounds} interleaved rounds (${options.duration} s, ${c} connections each); ratios are of throughput; CPU is per answered request`,
    );
    const header = ['request', 'req/s', 'p50 ms', 'p99 ms', '× ceiling', '× PostGraphile', 'server CPU ms/req', 'PostgreSQL CPU ms/req', 'errors'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.filter((r) => r.length > 2 || i === 0).map((r) => (r[i] ?? '').length)));
    for (const r of [header, ...rows]) {
      console.log(
        r.length === 2
          ? `${r[0]!.padEnd(widths[0]!)}  ${r[1]}`
          : r
              .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
              .join('  ')
              .trimEnd(),
      );
    }
    console.log(`/embed/<id>.png first request: ${ms(median(firsts.png))} ms (median of ${options.rounds}, a new chart each)`);
    console.log(`/embed/<id>.svg first request: ${ms(median(firsts.svg))} ms`);

    console.log('\nbytes on the wire (body as sent for each Accept-Encoding)');
    for (const [label, url, accept] of [
      ['widget bundle /widgets/chiso-widgets.js', `${gateway.url}/widgets/chiso-widgets.js`, {}],
      ["one chart's data (the widget's GET)", `${gateway.url}${question.request.path}`, question.request.headers],
    ] as const) {
      console.log(`  ${label}: ${(await wireBytes(url, accept)).join(', ')}`);
    }
    console.log(`\ndone in ${Math.round((performance.now() - started) / 1000)} s`);
  } finally {
    await Promise.all([...children.map((child) => child.stop()), ...closers.map((close) => close().catch(() => undefined))]);
    if (keyPrefix) await revokeApiKey(db.prisma, keyPrefix, { actor: 'bench:serve' }).catch(() => undefined);
    await db.close();
  }
}

main().then(
  // The schema engine leaves a timer running: exit explicitly.
  () => process.exit(0),
  (error: Error) => {
    console.error(error instanceof UsageError ? `error: ${error.message}` : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
