import { pino } from 'pino';
import { loadConfig } from '../src/config.ts';
import { publicOriginResolver } from '../src/http/public-origin.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { classify } from '../src/errors.ts';
import { openTestDatabase, type TestDatabase } from './helpers/databases.ts';
import { testKey } from './helpers/graphql.ts';

/**
 * The error boundary: every route answers a failure with a clear message, a code and a status that
 * fits, never a stack, SQL, database name or file path; the log has one line per request with its
 * id and the original error. Before it, a failing embed route answered `500 text/plain` with the
 * Prisma error, its stack and absolute paths, and the request log had no line for it.
 */
describe('one error boundary for every route', () => {
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let auth: { authorization: string };
  let log: Array<Record<string, any>>;
  let chart: string;
  const origin = 'http://chiso.test';
  const get = (path: string, accept = '*/*') => app.fetch(`${origin}${path}`, { headers: { accept } });
  const gql = async (query: string, headers: Record<string, string> = {}) =>
    app.fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body: JSON.stringify({ query }),
    });
  const linesOf = (requestId: string | null) => log.filter((l) => l.requestId === requestId);
  /** What a client must never read: a stack frame, a file path, SQL, Prisma's invocation text or the database's name. */
  const leaks = (text: string) =>
    [/\bat .+:\d+:\d+/, /\/work\/|\/src\/|node_modules/, /\bselect\b|\bfrom "|Invalid `/i, /prisma/i, /chiso_test_/].filter((re) => re.test(text));

  beforeAll(async () => {
    db = await openTestDatabase('embedded');
    log = [];
    // The gateway's public origin is the one the test's URLs use (oEmbed answers only for its own charts).
    const publicOrigin = publicOriginResolver(loadConfig({ PUBLIC_URL: origin }), () => 'http://127.0.0.1:1');
    app = createApp({ prisma: db.prisma, logger: pino({ level: 'debug' }, { write: (line: string) => void log.push(JSON.parse(line)) }), publicOrigin });
    ({ auth } = await testKey(db.prisma, { name: 'errors test' }));
    const res = (await (
      await gql(`mutation { createChart(input: { element: KPI, indicators: ["dossiers_on_time_rate"], regions: ["49"] }) { id } }`, auth)
    ).json()) as any;
    chart = res.data.createChart.id;
    // A saved configuration the embed code cannot read (as a bad hand edit or a failed migration would leave it).
    await db.prisma.$executeRaw`update "SavedChartVersion" set config = '{"element": "KPI", "indicators": 7}'::jsonb where "chartId" = ${chart}`;
  });
  afterAll(() => db?.dispose());

  it('answers a failing embed page with a page of its own, code and request id, and status 500', async () => {
    log.length = 0;
    const response = await get(`/embed/${chart}`, 'text/html,application/xhtml+xml');
    const body = await response.text();
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const id = response.headers.get('x-request-id');
    expect(body).toContain('Unexpected error.');
    expect(body).toContain('INTERNAL_SERVER_ERROR');
    expect(body).toContain(id);
    expect(leaks(body)).toEqual([]);
    // One line for the request, at level error, with the original error and its stack.
    const lines = linesOf(id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, msg: 'request', status: 500, path: `/embed/${chart}`, errors: [{ code: 'INTERNAL_SERVER_ERROR' }] });
    expect(lines[0]!.err.stack).toMatch(/\n\s+at /);
  });

  it("logs an embed image as one line: the route's own GraphQL request is a debug line, and a client cannot pass for it", async () => {
    const res = (await (
      await gql(`mutation { createChart(input: { element: KPI, indicators: ["dossiers_on_time_rate"], regions: ["49"] }) { id } }`, auth)
    ).json()) as any;
    log.length = 0;
    const response = await get(`/embed/${res.data.createChart.id}.svg`);
    expect(response.status).toBe(200);
    const shown = log.filter((l) => l.level >= 30);
    expect(shown).toEqual([
      expect.objectContaining({ level: 30, path: `/embed/${res.data.createChart.id}.svg`, status: 200, requestId: response.headers.get('x-request-id') }),
    ]);
    expect(log.filter((l) => l.level === 20 && l.path === '/graphql').length).toBeGreaterThan(0);
    log.length = 0;
    await gql('{ indicators(first: 1) { totalCount } }', { 'x-chiso-inner': 'a-guess' });
    expect(log).toEqual([expect.objectContaining({ level: 30, path: '/graphql', status: 200 })]);
  });

  it('answers the same failure of an image or CSV as text, and of oEmbed as JSON', async () => {
    for (const suffix of ['.svg', '.png', '.csv', '/full.csv']) {
      const response = await get(`/embed/${chart}${suffix}`);
      const body = await response.text();
      expect([suffix, response.status, response.headers.get('content-type')]).toEqual([suffix, 500, 'text/plain; charset=utf-8']);
      expect(body).toMatch(/^Unexpected error\. \(INTERNAL_SERVER_ERROR, request [0-9a-f-]{36}\)\n$/);
    }
    const oembed = await get(`/oembed?url=${encodeURIComponent(`${origin}/embed/${chart}`)}`);
    expect(oembed.status).toBe(500);
    expect(await oembed.json()).toEqual({
      error: { message: 'Unexpected error.', code: 'INTERNAL_SERVER_ERROR', requestId: oembed.headers.get('x-request-id') },
    });
  });

  it('logs a client mistake once, at info, with its code and message and no stack', async () => {
    log.length = 0;
    const response = await gql(`{ regions(at: "yesterday") { totalCount } }`);
    expect(response.status).toBe(400);
    const lines = linesOf(response.headers.get('x-request-id'));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.level).toBe(30);
    expect(lines[0]!.errors).toEqual([{ code: 'BAD_USER_INPUT', message: expect.stringContaining('"yesterday" is not a valid date') }]);
    expect(lines[0]!.err).toBeUndefined();
    expect(JSON.stringify(lines[0])).not.toMatch(/\n\s+at /);
    expect(log).toHaveLength(1);
  });

  it('keeps a client request id that is safe to log, and makes one for any other', async () => {
    log.length = 0;
    const kept = await app.fetch(`${origin}/health`, { headers: { 'x-request-id': 'lb-7f3a.42' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-7f3a.42');
    // A probe's success is a debug line: probes every few seconds do not fill the info log.
    expect(linesOf('lb-7f3a.42')).toEqual([expect.objectContaining({ level: 20, path: '/health', status: 200 })]);
    const replaced = await app.fetch(`${origin}/health`, { headers: { 'x-request-id': 'a\nforged line' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('has no /metrics unless METRICS is on', async () => {
    expect((await get('/metrics')).status).toBe(404);
  });

  it('classifies in one place: client codes, an unreachable database, anything else', () => {
    const prismaUnreachable = Object.assign(
      new Error("Invalid `prisma.indicator.count()` invocation in /src/x.ts: Can't reach database server at 127.0.0.1:5432"),
      {
        name: 'PrismaClientKnownRequestError',
        code: 'P1001',
        meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { kind: 'DatabaseNotReachable' } } },
      },
    );
    const terminated = Object.assign(new Error('Database error. Code: `57P01`'), {
      code: 'P2039',
      meta: { driverAdapterError: { cause: { kind: 'postgres', code: '57P01', severity: 'FATAL' } } },
    });
    const uniqueViolation = Object.assign(new Error('Unique constraint failed'), {
      code: 'P2002',
      meta: { driverAdapterError: { cause: { kind: 'UniqueConstraintViolation' } } },
    });
    expect(classify(prismaUnreachable)).toMatchObject({ code: 'DATABASE_UNAVAILABLE', status: 503, client: false, retryAfter: 5 });
    expect(classify(terminated).code).toBe('DATABASE_UNAVAILABLE');
    expect(classify(new Error('Connection terminated unexpectedly')).code).toBe('DATABASE_UNAVAILABLE');
    // An embed route's in-process request that the gateway answered DATABASE_UNAVAILABLE (WidgetFetchError).
    expect(classify(Object.assign(new Error('The database is unavailable'), { kind: 'graphql', status: 503, code: 'DATABASE_UNAVAILABLE' })).status).toBe(503);
    expect(classify(uniqueViolation)).toEqual({ code: 'INTERNAL_SERVER_ERROR', status: 500, message: 'Unexpected error.', client: false });
    expect(classify(prismaUnreachable).message).not.toMatch(/127\.0\.0\.1|prisma|\/src\//);
  });
});
