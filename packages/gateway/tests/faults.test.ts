import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { startGateway, type Gateway } from '../src/start.ts';
import { openTestDatabase, postgresAvailable, serverUrl, type TestDatabase } from './helpers/databases.ts';
import { testKey } from './helpers/graphql.ts';
import { freePort, redisServerAvailable, startRedisServer, until } from './helpers/processes.ts';

const redisServer = await redisServerAvailable('the faults suite');
const SERIES = `query Series($indicator: String!, $region: String!) { indicator(slug: $indicator) { series(region: $region) { value } } }`;

/**
 * Faults, on loopback, with this test's own PostgreSQL database and redis-server: the database
 * goes away mid-run (its connections terminated by pg_terminate_backend, new ones refused with
 * ALLOW_CONNECTIONS false), then returns; Redis stops. The gateway is the one `pnpm start` runs
 * (startGateway) over real HTTP.
 */
describe.runIf(postgresAvailable && redisServer)('when PostgreSQL or Redis goes away', () => {
  let db: TestDatabase;
  let redis: Awaited<ReturnType<typeof startRedisServer>>;
  let gateway: Gateway;
  let base: string;
  let admin: pg.Client;
  let chart: string;
  let log: Array<Record<string, any>>;
  const name = () => new URL(db.url).pathname.slice(1);
  const series = (indicator: string, region = '49') =>
    fetch(`${base}/graphql?query=${encodeURIComponent(SERIES)}&variables=${encodeURIComponent(JSON.stringify({ indicator, region }))}`, {
      headers: { accept: 'application/graphql-response+json' },
    });
  const ready = async () => ({ status: (await fetch(`${base}/ready`)).status });
  const cutDatabase = async () => {
    await admin.query(`alter database "${name()}" with allow_connections false`);
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1`, [name()]);
  };
  const restoreDatabase = () => admin.query(`alter database "${name()}" with allow_connections true`);

  beforeAll(async () => {
    const redisPort = await freePort();
    redis = await startRedisServer(redisPort);
    db = await openTestDatabase('postgresql');
    admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    log = [];
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: db.url, REDIS_URL: `redis://127.0.0.1:${redisPort}`, METRICS: 'on' });
    gateway = await startGateway(config, { logger: pino({ level: 'info' }, { write: (line: string) => void log.push(JSON.parse(line)) }) });
    base = gateway.url.replace(/\/graphql$/, '');
    const { auth } = await testKey(db.prisma, { name: 'faults test' });
    const created = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ query: 'mutation { createChart(input: { element: KPI, indicators: ["dossiers_on_time_rate"], regions: ["49"] }) { id } }' }),
    });
    chart = ((await created.json()) as any).data.createChart.id;
    await until(async () => (await fetch(`${base}/ready`)).status === 200, 'the gateway to be ready with Redis');
  });
  afterAll(async () => {
    if (admin && db) await restoreDatabase().catch(() => {});
    await gateway?.stop();
    await admin?.end();
    await db?.dispose();
    await redis?.stop();
  });

  it('answers DATABASE_UNAVAILABLE with 503 at once, serves cached reads, says not ready, and recovers by itself', async () => {
    // Cached while the database answers: a GraphQL read and an embed page.
    expect((await series('dossiers_received')).headers.get('x-cache')).toBe('MISS');
    expect((await series('dossiers_received')).headers.get('x-cache')).toBe('HIT');
    expect((await fetch(`${base}/embed/${chart}`)).headers.get('x-cache')).toBe('MISS');

    await cutDatabase();

    // An answer not cached: a GraphQL error with a code and 503, in well under the time a hang would take.
    let started = performance.now();
    const failed = await series('dossiers_on_time_rate');
    const body = (await failed.json()) as any;
    const unavailableMs = performance.now() - started;
    expect(unavailableMs).toBeLessThan(3000);
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('5');
    expect(failed.headers.get('cache-control')).toBe('no-store');
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'The database is unavailable at the moment; try again in a few seconds.',
        extensions: { code: 'DATABASE_UNAVAILABLE' },
      }),
    ]);
    expect(JSON.stringify(body)).not.toMatch(/chiso_test_|prisma|57P01|55000/i);
    // The log has the original error on the request's line.
    const line = log.find((l) => l.requestId === failed.headers.get('x-request-id'))!;
    expect(line).toMatchObject({ level: 40, status: 503, errors: [{ code: 'DATABASE_UNAVAILABLE' }] });
    expect(JSON.stringify(line.err)).toMatch(/57P01|55000|not currently accepting connections|terminating connection/);

    // The same for a POST asking for plain application/json (older clients).
    const posted = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ indicators(first: 3) { totalCount } }' }),
    });
    expect(posted.status).toBe(503);
    expect(((await posted.json()) as any).errors[0].extensions.code).toBe('DATABASE_UNAVAILABLE');

    // An embed route not cached: the boundary's page, 503.
    started = performance.now();
    const csv = await fetch(`${base}/embed/${chart}/full.csv`, { headers: { accept: 'text/html' } });
    const page = await csv.text();
    expect(performance.now() - started).toBeLessThan(3000);
    expect([csv.status, csv.headers.get('content-type')]).toEqual([503, 'text/html; charset=utf-8']);
    expect(page).toContain('The database is unavailable at the moment');
    expect(page).toContain('DATABASE_UNAVAILABLE');
    expect(page).not.toMatch(/chiso_test_|prisma|\/work\//i);

    // Cached reads keep being served.
    const cached = await series('dossiers_received');
    expect([cached.status, cached.headers.get('x-cache')]).toEqual([200, 'HIT']);
    expect(((await cached.json()) as any).data.indicator.series.length).toBeGreaterThan(0);
    const embed = await fetch(`${base}/embed/${chart}`);
    expect([embed.status, embed.headers.get('x-cache')]).toEqual([200, 'HIT']);

    // Not ready (the load balancer stops sending), yet alive (nothing restarts it).
    const notReady = await fetch(`${base}/ready`);
    expect(notReady.status).toBe(503);
    expect(notReady.headers.get('cache-control')).toBe('no-store');
    expect(await notReady.json()).toEqual({ status: 'not ready', checks: { database: 'down', redis: 'up' } });
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/chiso_errors_total\{route="graphql",operation="Series",code="DATABASE_UNAVAILABLE"\} [1-9]/);

    // The database returns: no restart, no operator.
    await restoreDatabase();
    const restored = performance.now();
    await until(async () => (await ready()).status === 200, '/ready to say ready again', 20_000);
    console.log(
      `database away: DATABASE_UNAVAILABLE answered in ${unavailableMs.toFixed(0)} ms; ready again ${(performance.now() - restored).toFixed(0)} ms after the database returned`,
    );
    const back = await series('dossiers_on_time_rate');
    expect(back.status).toBe(200);
    expect(((await back.json()) as any).data.indicator.series.length).toBeGreaterThan(0);
    expect((await fetch(`${base}/embed/${chart}/full.csv`)).status).toBe(200);
  });

  it('says not ready while Redis is away, and keeps answering from memory', async () => {
    await redis.stop();
    await until(async () => (await ready()).status === 503, '/ready to notice Redis is away');
    expect(await (await fetch(`${base}/ready`)).json()).toEqual({ status: 'not ready', checks: { database: 'up', redis: 'down' } });
    const answer = await series('ddi_capital_registered');
    expect(answer.status).toBe(200);
    expect(['MISS', 'HIT']).toContain(answer.headers.get('x-cache'));
  });
});
