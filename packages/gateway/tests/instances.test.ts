import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http, { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { openResponseCache } from '../src/cache/open-response-cache.ts';
import type { SharedCache } from '../src/cache/shared-cache.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { openTestDatabase, postgresAvailable, type TestDatabase } from './helpers/databases.ts';
import { testKey } from './helpers/graphql.ts';
import { canConnect, freePort, redisServerAvailable, until } from './helpers/processes.ts';

/**
 * Two gateway instances (createApp over node:http on loopback, each with its own Prisma client)
 * on one PostgreSQL database and one redis-server of this test's own: one cache, one
 * invalidation, and a memory fallback while Redis is away. PostgreSQL only: an embedded database
 * belongs to one process. Without redis-server the suite fails in CI and is reported elsewhere.
 */
const NLD = 'nld-2021-10-10-quang-nam';
const SERIES = `query Series($indicator: String!, $region: String!) { indicator(slug: $indicator) { series(region: $region) { exactValue period { code } } } }`;
const IMPORT = `mutation($file: File!) { importData(file: $file) { ok revised } }`;
const gatewayDir = path.resolve(import.meta.dirname, '..');
const redisServer = await redisServerAvailable('the two-instance suite');

interface Instance {
  name: string;
  db: Database;
  cache: SharedCache;
  server: Server;
  url: string;
  log: Array<{ level: number; msg: string }>;
  statements: string[];
  close(): Promise<void>;
}

describe.runIf(postgresAvailable && redisServer)('two gateway instances on one PostgreSQL and one Redis', () => {
  let db: TestDatabase;
  let redis: ChildProcess;
  let redisPort: number;
  let a: Instance;
  let b: Instance;
  let auth: { authorization: string };

  const startRedis = async () => {
    redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await until(() => canConnect(redisPort), 'redis-server to accept connections');
  };
  const stopRedis = async () => {
    const exited = new Promise((resolve) => redis.once('exit', resolve));
    redis.kill('SIGTERM');
    await exited;
  };
  const open = async (name: string): Promise<Instance> => {
    const statements: string[] = [];
    const log: Instance['log'] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void log.push(JSON.parse(line)) });
    const own = await openDatabase({ DATABASE_URL: db.url, CHISO_DATA_DIR: 'memory://' }, { onQuery: (sql) => statements.push(sql) });
    const responseCache = await openResponseCache({ redisUrl: `redis://127.0.0.1:${redisPort}`, databaseUrl: db.url, prisma: own.prisma, logger });
    const server = createServer(createApp({ prisma: own.prisma, logger, cache: responseCache.cache }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
      name,
      db: own,
      cache: responseCache.cache,
      server,
      url,
      log,
      statements,
      async close() {
        await new Promise((resolve) => server.close(resolve));
        server.closeAllConnections();
        await responseCache.close();
        await own.close();
      },
    };
  };
  const series = async (on: Instance, indicator: string, region: string) => {
    const res = await fetch(`${on.url}/graphql?query=${encodeURIComponent(SERIES)}&variables=${encodeURIComponent(JSON.stringify({ indicator, region }))}`);
    expect(res.status).toBe(200);
    const points = ((await res.json()) as any).data.indicator.series as Array<{ exactValue: string; period: { code: string } }>;
    return { cache: res.headers.get('x-cache'), last: points.at(-1)! };
  };
  const publish = async (on: Instance, row: string) => {
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: IMPORT, variables: { file: null } }));
    form.append('map', JSON.stringify({ 0: ['variables.file'] }));
    form.append('0', new File([`indicator,region,period,value,source\n${row}`], 'revision.csv'));
    const res = (await (await fetch(`${on.url}/graphql`, { method: 'POST', body: form, headers: { ...auth } })).json()) as any;
    expect(res.errors).toBeUndefined();
    expect(res.data.importData).toEqual({ ok: true, revised: 1 });
  };
  const said = (on: Instance, text: string) => on.log.filter((l) => l.msg.includes(text)).length;

  beforeAll(async () => {
    redisPort = await freePort();
    await startRedis();
    db = await openTestDatabase('postgresql');
    ({ auth } = await testKey(db.prisma, { name: 'instances test' }));
    [a, b] = [await open('A'), await open('B')];
    await until(() => a.cache.store === 'redis' && b.cache.store === 'redis', 'both instances to use Redis');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.dispose();
    if (redis && redis.exitCode === null) await stopRedis();
  });

  it('share one cache: an answer cached by A is a hit on B, which runs no SQL for it', async () => {
    expect((await series(a, 'dossiers_received', '49')).cache).toBe('MISS');
    b.statements.length = 0;
    expect((await series(b, 'dossiers_received', '49')).cache).toBe('HIT');
    expect(b.statements).toEqual([]);
  });

  it('share one invalidation: a revision published through A is read back at once through A and B', async () => {
    const before = await series(a, 'ddi_capital_registered', '49');
    expect((await series(b, 'ddi_capital_registered', '49')).cache).toBe('HIT');
    const revised = String(Number(before.last.exactValue) + 1);
    await publish(a, `ddi_capital_registered,49,${before.last.period.code},${revised},${NLD}`);
    const [onB, onA] = [await series(b, 'ddi_capital_registered', '49'), await series(a, 'ddi_capital_registered', '49')];
    expect([onB.cache, Number(onB.last.exactValue)]).toEqual(['MISS', Number(revised)]);
    expect([onA.cache, Number(onA.last.exactValue)]).toEqual(['HIT', Number(revised)]);
    // Another indicator's answer was not dropped.
    expect((await series(b, 'dossiers_received', '49')).cache).toBe('HIT');
  });

  it('hear an import made by the command line in another process', async () => {
    const before = await series(a, 'ddi_capital_registered', '49');
    expect((await series(b, 'ddi_capital_registered', '49')).cache).toBe('HIT');
    const revised = String(Number(before.last.exactValue) + 1);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-cli-'));
    const file = path.join(dir, 'revision.csv');
    fs.writeFileSync(file, `indicator,region,period,value,source\nddi_capital_registered,49,${before.last.period.code},${revised},${NLD}\n`);
    const { stdout } = await promisify(execFile)(path.join(gatewayDir, 'node_modules', '.bin', 'tsx'), ['src/cli/chiso.ts', 'import', file], {
      cwd: gatewayDir,
      // No REDIS_URL: the gateways hear it from PostgreSQL and drop the entries from Redis themselves.
      env: { ...process.env, DATABASE_URL: db.url, REDIS_URL: '' },
      timeout: 60_000,
    });
    expect(stdout).toMatch(/revised|1/);
    // The notification is delivered when the command's transaction commits: within moments.
    await until(async () => (await series(b, 'ddi_capital_registered', '49')).cache === 'MISS', 'B to drop the answer the command line revised');
    expect(Number((await series(a, 'ddi_capital_registered', '49')).last.exactValue)).toBe(Number(revised));
    fs.rmSync(dir, { recursive: true });
  }, 120_000);

  it('drop, when a gateway starts, what the command line published while every gateway was stopped', async () => {
    const before = await series(a, 'ddi_capital_registered', '49');
    expect((await series(b, 'ddi_capital_registered', '49')).cache).toBe('HIT');
    await a.close();
    await b.close();
    const revised = String(Number(before.last.exactValue) + 1);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-cli-'));
    const file = path.join(dir, 'revision.csv');
    fs.writeFileSync(file, `indicator,region,period,value,source\nddi_capital_registered,49,${before.last.period.code},${revised},${NLD}\n`);
    // Nobody listens: the notification reaches no one, and the answer stays in Redis.
    await promisify(execFile)(path.join(gatewayDir, 'node_modules', '.bin', 'tsx'), ['src/cli/chiso.ts', 'import', file], {
      cwd: gatewayDir,
      env: { ...process.env, DATABASE_URL: db.url, REDIS_URL: `redis://127.0.0.1:${redisPort}` },
      timeout: 60_000,
    });
    fs.rmSync(dir, { recursive: true });
    a = await open('A');
    await until(() => a.cache.store === 'redis', 'A to use Redis');
    const fresh = await series(a, 'ddi_capital_registered', '49');
    expect([fresh.cache, Number(fresh.last.exactValue)]).toEqual(['MISS', Number(revised)]);
    expect(said(a, 'dropped from the shared cache what 1 publish(es) made while no gateway listened changed')).toBe(1);
    // Only what the import changed was dropped.
    expect((await series(a, 'dossiers_received', '49')).cache).toBe('HIT');
    // A second instance starting later finds Redis caught up: nothing more to drop, and A's answer is a hit.
    b = await open('B');
    await until(() => b.cache.store === 'redis', 'B to use Redis');
    expect((await series(b, 'ddi_capital_registered', '49')).cache).toBe('HIT');
    expect(said(b, 'while no gateway listened')).toBe(0);
  }, 120_000);

  it('empty the shared cache, and only it, when Redis records publishes this database never made', async () => {
    await series(a, 'dossiers_received', '49');
    expect((await series(b, 'dossiers_received', '49')).cache).toBe('HIT');
    await a.close();
    await b.close();
    // Another application's key in the same Redis, and a record from another database's cache.
    const other = new Redis(redisPort, '127.0.0.1');
    await other.set('chiso:rate:someone', '3');
    await other.set('chiso:cache:publications:seen', '999999');
    a = await open('A');
    await until(() => a.cache.store === 'redis', 'A to use Redis');
    expect(said(a, 'emptied the shared cache (it was ahead of this database)')).toBe(1);
    expect((await series(a, 'dossiers_received', '49')).cache).toBe('MISS');
    expect(await other.get('chiso:rate:someone')).toBe('3');
    expect(Number(await other.get('chiso:cache:publications:seen'))).toBeLessThan(999999);
    other.disconnect();
    b = await open('B');
    await until(() => b.cache.store === 'redis', 'B to use Redis');
    expect((await series(b, 'dossiers_received', '49')).cache).toBe('HIT');
  });

  it('fall back to memory while Redis is away (said once), stay fresh, and share Redis again when it returns', async () => {
    await stopRedis();
    await until(() => a.cache.store === 'memory' && b.cache.store === 'memory', 'both instances to notice');
    // Each answers from its own memory now.
    expect((await series(a, 'dossiers_received', '49')).cache).toBe('MISS');
    expect((await series(a, 'dossiers_received', '49')).cache).toBe('HIT');
    expect((await series(b, 'dossiers_received', '49')).cache).toBe('MISS');
    expect((await series(b, 'dossiers_received', '49')).cache).toBe('HIT');
    // A publish still reaches the other instance's memory (through PostgreSQL: delivered when the
    // transaction commits, which may be a moment after A has answered).
    const before = await series(a, 'dossiers_received', '49');
    const revised = String(Number(before.last.exactValue) + 1);
    await publish(a, `dossiers_received,49,${before.last.period.code},${revised},${NLD}`);
    let onB = await series(b, 'dossiers_received', '49');
    await until(
      async () => onB.cache === 'MISS' || (onB = await series(b, 'dossiers_received', '49')).cache === 'MISS',
      'B to drop the answer A revised',
      5_000,
    );
    expect(Number(onB.last.exactValue)).toBe(Number(revised));
    // Reconnection attempts go on (every ≤ 2 s) without another line in the log.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect([said(a, 'Redis is unavailable'), said(b, 'Redis is unavailable')]).toEqual([1, 1]);

    await startRedis();
    await until(() => a.cache.store === 'redis' && b.cache.store === 'redis', 'both instances to use Redis again');
    expect([said(a, 'Redis is back'), said(b, 'Redis is back')]).toEqual([1, 1]);
    expect((await series(a, 'dossiers_received', '49')).cache).toBe('MISS');
    expect((await series(b, 'dossiers_received', '49')).cache).toBe('HIT');
  });

  it('treat a Redis that hangs like one that stopped: memory after a second, Redis again when it answers', async () => {
    const unavailable = said(a, 'Redis is unavailable');
    redis.kill('SIGSTOP');
    try {
      // The connection stays open; the command times out (1 s) and the answer comes from memory.
      const started = Date.now();
      const hung = await series(a, 'dossiers_received', '49');
      expect(hung.last).toBeDefined();
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(a.cache.store).toBe('memory');
      expect(said(a, 'Redis is unavailable')).toBe(unavailable + 1);
    } finally {
      redis.kill('SIGCONT');
    }
    await until(() => a.cache.store === 'redis', 'A to use Redis again');
    expect(said(a, 'Redis is back')).toBe(2);
  });

  it('serve a PNG cached by one instance from the other without drawing it (timing printed)', async () => {
    const res = (await (
      await fetch(`${a.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify({
          query: `mutation { createChart(input: { element: CHART, type: "column", indicators: ["ddi_capital_registered"], regions: ["49"] }) { id } }`,
        }),
      })
    ).json()) as any;
    const id = res.data.createChart.id as string;
    // Behind a load balancer every instance sees the public host: entries are keyed on the full URL.
    const png = (on: Instance) => get(`${on.url}/embed/${id}.png`, { host: 'charts.example' });
    const drawn = await png(a);
    expect(drawn.headers['x-cache']).toBe('MISS');
    const bytes = drawn.body;
    b.statements.length = 0;
    const cached = await png(b);
    expect(cached.headers['x-cache']).toBe('HIT');
    expect(cached.body.equals(bytes)).toBe(true);
    expect(b.statements).toEqual([]);
    // Figures for the report (indicative on a shared machine: the load average is printed with them).
    const times: number[] = [];
    const cpu = process.cpuUsage();
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      await png(b);
      times.push(performance.now() - t);
    }
    const { user, system } = process.cpuUsage(cpu);
    times.sort((x, y) => x - y);
    console.log(
      `cached PNG over HTTP from Redis (${bytes.length} bytes, sequential): median ${times[100]!.toFixed(2)} ms, p95 ${times[190]!.toFixed(2)} ms, ` +
        `CPU ${((user + system) / 200 / 1000).toFixed(2)} ms a request (client and server in this process), load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
  });
});

/** A GET with node:http (fetch does not send a Host header of its own choosing). */
function get(url: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}
