import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { startGateway, type Gateway } from '../src/start.ts';

const TOKEN = 'metrics-token-0123456789';
const QUERY = `query Received { indicator(slug: "dossiers_received") { series(region: "49") { value } } }`;

/** The operator's side of a running gateway (what `pnpm start` runs, over real HTTP): probes and metrics. */
describe('probes and metrics', () => {
  let gateway: Gateway;
  let base: string;
  const metrics = async () => (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
  /** The value of one series in the exposition text, 0 when absent. */
  const value = (text: string, series: string) =>
    Number(
      text
        .split('\n')
        .find((l) => l.startsWith(`${series} `))
        ?.split(' ')[1] ?? 0,
    );

  beforeAll(async () => {
    gateway = await startGateway(loadConfig({ PORT: '0', HOST: '127.0.0.1', CHISO_DATA_DIR: 'memory://', METRICS: 'on', METRICS_TOKEN: TOKEN }), {
      logger: pino({ level: 'silent' }),
    });
    base = gateway.url.replace(/\/graphql$/, '');
  });
  afterAll(() => gateway?.stop());

  it('says the process lives at /health and the database answers at /ready, as JSON never cached', async () => {
    const health = await fetch(`${base}/health`);
    expect([health.status, health.headers.get('content-type'), health.headers.get('cache-control')]).toEqual([
      200,
      'application/json; charset=utf-8',
      'no-store',
    ]);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const ready = await fetch(`${base}/ready`);
    expect([ready.status, ready.headers.get('cache-control')]).toEqual([200, 'no-store']);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'up', redis: 'not configured' } });
  });

  it('keeps /metrics for the holder of METRICS_TOKEN', async () => {
    const anonymous = await fetch(`${base}/metrics`);
    expect([anonymous.status, anonymous.headers.get('www-authenticate')]).toEqual([401, 'Bearer']);
    expect(await anonymous.text()).toContain('METRICS_TOKEN');
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
  });

  it('counts requests, errors, latency by route and operation, cache results, SQL statements, the pool and the event loop', async () => {
    const before = await metrics();
    const get = () => fetch(`${base}/graphql?query=${encodeURIComponent(QUERY)}`);
    expect((await get()).headers.get('x-cache')).toBe('MISS');
    expect((await get()).headers.get('x-cache')).toBe('HIT');
    await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Bad { regions(at: "nope") { totalCount } }' }),
    });
    await fetch(`${base}/embed/nochart.svg`);
    const after = await metrics();
    const delta = (series: string) => value(after, series) - value(before, series);
    expect(delta('chiso_http_requests_total{route="graphql",operation="Received",status="200"}')).toBe(2);
    expect(delta('chiso_errors_total{route="graphql",operation="Bad",code="BAD_USER_INPUT"}')).toBe(1);
    expect(delta('chiso_http_requests_total{route="embed-svg",operation="",status="404"}')).toBe(1);
    expect(delta('chiso_cache_requests_total{cache="graphql",result="MISS"}')).toBe(2); // the GET, and the POST that failed
    expect(delta('chiso_cache_requests_total{cache="graphql",result="HIT"}')).toBe(1);
    expect(delta('chiso_http_request_duration_seconds_count{route="graphql",operation="Received"}')).toBe(2);
    expect(delta('chiso_sql_statement_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(value(after, 'chiso_db_pool_max_connections')).toBe(1); // the embedded database's one connection
    expect(value(after, 'chiso_db_pool_connections')).toBe(1);
    expect(after).toMatch(/^chiso_nodejs_eventloop_lag_p99_seconds \d/m);
    expect(after).toMatch(/^chiso_process_resident_memory_bytes \d/m);
  });
});
