import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationUrl, type PersistedDocument } from '@chiso/widgets/data/client.ts';
import { RANKING_QUERY, SERIES_QUERY } from '@chiso/widgets/data/queries.ts';
import { createApp } from '../src/app.ts';
import { loadConfig, repoRoot } from '../src/config.ts';
import { listeningOrigin, publicOriginResolver } from '../src/http/public-origin.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from './helpers/databases.ts';
import { testKey } from './helpers/graphql.ts';

/** A response as it crossed the wire: node:http does not decompress, so `body` is the bytes sent. */
interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One HTTP request with exactly these headers (`Host` included, which fetch would not let a test set). */
function send(base: string, pathname: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Raw> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, path: pathname, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The body as the client reads it, whatever its coding. */
function decoded(res: Raw): string {
  const coding = res.headers['content-encoding'];
  const bytes = coding === 'br' ? zlib.brotliDecompressSync(res.body) : coding === 'gzip' ? zlib.gunzipSync(res.body) : res.body;
  return bytes.toString('utf8');
}

const widgetsDir = path.join(repoRoot, 'packages', 'widgets', 'dist');
const bundleBuilt = await fs.stat(path.join(widgetsDir, 'chiso-widgets.js')).then(
  () => true,
  () => false,
);
if (!bundleBuilt && process.env.CI === 'true') throw new Error('the widget bundle is not built: run pnpm --filter @chiso/widgets build before the tests');

describe.each(databaseKinds)('HTTP caching, compression and public URLs (%s)', (kind) => {
  let db: TestDatabase;
  let auth: { authorization: string };
  const servers: http.Server[] = [];

  /** The app over real HTTP on a free loopback port, with the public origin these settings give. */
  async function serve(env: Record<string, string> = {}, widgets = widgetsDir): Promise<string> {
    const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', ...env });
    let port = 0;
    const publicOrigin = publicOriginResolver(config, () => listeningOrigin(config.HOST, port));
    const server = http.createServer(createApp({ prisma: db.prisma, logger: pino({ level: 'silent' }), publicOrigin, widgetsDir: widgets }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    servers.push(server);
    return `http://127.0.0.1:${port}`;
  }
  const json = { 'content-type': 'application/json' };
  async function createChart(base: string, input: string) {
    const res = await send(
      base,
      '/graphql',
      { ...json, ...auth },
      'POST',
      JSON.stringify({ query: `mutation { createChart(input: ${input}) { id version embed { url pinnedUrl script iframe oembed } } }` }),
    );
    const parsed = JSON.parse(decoded(res));
    expect(parsed.errors).toBeUndefined();
    return parsed.data.createChart as { id: string; version: number; embed: Record<string, string> };
  }

  let base: string;
  let chart: { id: string; version: number; embed: Record<string, string> };
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    ({ auth } = await testKey(db.prisma, { name: 'http cache test' }));
    base = await serve();
    chart = await createChart(
      base,
      `{ element: CHART, type: "column", indicators: ["ddi_capital_registered"], regions: ["49"], title: "Vốn đầu tư trong nước" }`,
    );
  });
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
    await db?.dispose();
  });

  /** The GET a widget sends (its own document and URL), as a path. */
  const widgetRequest = <V>(document: PersistedDocument<unknown, V>, variables: V) => {
    const url = new URL(operationUrl(`${base}/graphql`, document, variables));
    return url.pathname + url.search;
  };
  const seriesPath = () => widgetRequest(SERIES_QUERY, { indicator: 'enterprises_new', regions: ['49'], lang: 'VI', change: true });
  const rankingPath = () => widgetRequest(RANKING_QUERY, { indicator: 'enterprises_new', period: '2021-YTD-09', lang: 'VI' });

  it('answers every kind of cacheable response with an ETag, and 304 without a body when it is sent back', async () => {
    const routes: Array<[string, string, string]> = [
      ['GraphQL GET', seriesPath(), 'public, max-age=60, stale-while-revalidate=600'],
      ['embed page', `/embed/${chart.id}`, 'public, max-age=60, stale-while-revalidate=600'],
      ['pinned embed page', `/embed/${chart.id}/v/1`, 'public, max-age=31536000, immutable'],
      ['SVG', `/embed/${chart.id}.svg`, 'public, max-age=60, stale-while-revalidate=600'],
      ['pinned PNG', `/embed/${chart.id}/v/1.png`, 'public, max-age=31536000, immutable'],
      ['PNG', `/embed/${chart.id}.png`, 'public, max-age=60, stale-while-revalidate=600'],
      ['CSV', `/embed/${chart.id}.csv`, 'public, max-age=60, stale-while-revalidate=600'],
      ['full CSV', `/embed/${chart.id}/full.csv`, 'public, max-age=60, stale-while-revalidate=600'],
      ['oEmbed', `/oembed?url=${encodeURIComponent(chart.embed.url!)}`, 'public, max-age=60, stale-while-revalidate=600'],
      ['pinned oEmbed', `/oembed?url=${encodeURIComponent(chart.embed.pinnedUrl!)}`, 'public, max-age=31536000, immutable'],
      ['loader script', '/embed/loader.js', 'public, max-age=300, stale-while-revalidate=3600'],
      ...(bundleBuilt ? [['widget bundle', '/widgets/chiso-widgets.js', 'public, max-age=300, stale-while-revalidate=3600'] as [string, string, string]] : []),
    ];
    for (const [name, route, policy] of routes) {
      for (const coding of ['br', 'gzip', 'identity']) {
        const first = await send(base, route, { 'accept-encoding': coding });
        expect(first.status, name).toBe(200);
        expect(first.headers['cache-control'], name).toBe(policy);
        const tag = first.headers.etag!;
        expect(tag, name).toMatch(/^W\/"[0-9a-f]+-[A-Za-z0-9+/]+"$/);
        const again = await send(base, route, { 'accept-encoding': coding, 'if-none-match': tag });
        expect(again.status, `${name} (${coding})`).toBe(304);
        expect(again.body.length, name).toBe(0);
        expect(again.headers.etag, name).toBe(tag);
        expect(again.headers['cache-control'], name).toBe(policy);
        // A tag from before a change does not match.
        expect((await send(base, route, { 'accept-encoding': coding, 'if-none-match': 'W/"0-old"' })).status, name).toBe(200);
      }
      // One tag for every coding of the same answer: a cache revalidates what it holds whichever it holds.
      const [br, plain] = [await send(base, route, { 'accept-encoding': 'br' }), await send(base, route)];
      expect(br.headers.etag, name).toBe(plain.headers.etag);
    }
  });

  it('revalidates a pinned image with one lookup of the version, without drawing it again', async () => {
    const first = await send(base, `/embed/${chart.id}/v/1.png`);
    expect([...first.body.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    db.resetStatements();
    const again = await send(base, `/embed/${chart.id}/v/1.png`, { 'if-none-match': first.headers.etag! });
    expect(again.status).toBe(304);
    // At most the lookup of the version (none when the response cache holds the image), never a drawing.
    expect(db.statements.length).toBeLessThanOrEqual(1);
    // The live image may have been revised: its tag is the drawn bytes' (kept by the response cache until a publish).
    const live = await send(base, `/embed/${chart.id}.png`);
    expect((await send(base, `/embed/${chart.id}.png`, { 'if-none-match': live.headers.etag! })).status).toBe(304);
    // The pinned page's 304 keeps what lets other sites frame it, or a cache would update it to DENY.
    const page = await send(base, `/embed/${chart.id}/v/1`);
    const pageAgain = await send(base, `/embed/${chart.id}/v/1`, { 'if-none-match': page.headers.etag! });
    expect(pageAgain.status).toBe(304);
    expect(pageAgain.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(pageAgain.headers['x-frame-options']).toBeUndefined();
    expect(pageAgain.headers.vary).toBe('Accept-Encoding');
  });

  it('says what an answer depends on in Vary, and keeps errors and answers for a key out of caches', async () => {
    const query = await send(base, seriesPath(), { 'accept-encoding': 'gzip' });
    expect(query.headers.vary).toBe('Accept, Authorization, Accept-Encoding');
    const page = await send(base, `/embed/${chart.id}`);
    expect(page.headers.vary).toBe('Accept-Encoding');
    expect((await send(base, `/embed/${chart.id}.png`)).headers.vary).toBeUndefined(); // PNG is not recompressed

    const withKey = await send(base, seriesPath(), auth);
    expect(withKey.status).toBe(200);
    expect(withKey.headers['cache-control']).toBe('private, no-store');
    expect(withKey.headers.etag).toBeUndefined();
    expect((await send(base, `/embed/${chart.id}.svg`, auth)).headers['cache-control']).toBe('private, no-store');

    const failed = await send(base, `/graphql?query=${encodeURIComponent('{ regions(at: "nope") { totalCount } }')}`);
    expect(JSON.parse(decoded(failed)).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(failed.headers['cache-control']).toBe('no-store');
    expect(failed.headers.etag).toBeUndefined();
    const missing = await send(base, '/embed/NoSuchChart');
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).toBe('no-store');
    expect((await send(base, '/widgets/no-such-file.js')).headers['cache-control']).toBe('no-store');
    const post = await send(base, '/graphql', json, 'POST', JSON.stringify({ query: '{ indicator(slug: "dossiers_received") { slug } }' }));
    expect(post.headers['cache-control']).toBeUndefined();
    expect(post.headers.etag).toBeUndefined();
  });

  it.runIf(bundleBuilt)('sends the widget bundle compressed: br and gzip bytes on the wire under their bounds', async () => {
    const plain = await send(base, '/widgets/chiso-widgets.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    // Bounds for the bundle as shipped, the map element included (its budget without maps is
    // widgets' scripts/size.mjs): about a third of its plain size.
    for (const [coding, bound] of [
      ['br', 25_000],
      ['gzip', 28_500],
    ] as const) {
      const res = await send(base, '/widgets/chiso-widgets.js', { 'accept-encoding': `${coding}` });
      expect(res.headers['content-encoding']).toBe(coding);
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      expect(res.body.length, `${coding} bytes of a ${plain.body.length}-byte bundle`).toBeLessThan(bound);
      expect(decoded(res)).toBe(plain.body.toString('utf8'));
    }
    // A browser's header: br preferred, whatever the order written.
    expect((await send(base, '/widgets/chiso-widgets.js', { 'accept-encoding': 'gzip, deflate, br, zstd' })).headers['content-encoding']).toBe('br');
    expect((await send(base, '/widgets/chiso-widgets.js', { 'accept-encoding': 'br;q=0, gzip' })).headers['content-encoding']).toBe('gzip');
  });

  it("compresses a chart's GraphQL answer, and the embed page, SVG, CSV and oEmbed", async () => {
    // A ranking chart's request: 63 provinces.
    const plain = await send(base, rankingPath());
    expect(JSON.parse(plain.body.toString('utf8')).data.ranking.entries).toHaveLength(63);
    const br = await send(base, rankingPath(), { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(decoded(br)).toBe(plain.body.toString('utf8'));
    expect(br.body.length, `br ${br.body.length} of ${plain.body.length} bytes`).toBeLessThan(plain.body.length / 4);
    const gzip = await send(base, rankingPath(), { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(decoded(gzip)).toBe(plain.body.toString('utf8'));
    // Asked again (a cache hit), the answer comes compressed as before, whole, in either coding.
    for (const [coding, first] of [
      ['br', br],
      ['gzip', gzip],
    ] as const) {
      const again = await send(base, rankingPath(), { 'accept-encoding': coding });
      expect(again.headers['content-encoding']).toBe(coding);
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(decoded(again)).toBe(plain.body.toString('utf8'));
    }
    // A line chart's request: one province's series.
    const series = await send(base, seriesPath(), { 'accept-encoding': 'br' });
    expect(series.headers['content-encoding']).toBe('br');
    expect(JSON.parse(decoded(series)).data.indicatorSeries.series[0].observations.length).toBeGreaterThan(3);
    // Each compressible answer of 1 KiB or more; below that the headers would cost more than is saved.
    for (const route of [
      `/embed/${chart.id}`,
      `/embed/${chart.id}.svg`,
      `/embed/${chart.id}/full.csv`,
      `/embed/${chart.id}.csv`,
      `/oembed?url=${encodeURIComponent(chart.embed.url!)}`,
    ]) {
      const identity = await send(base, route);
      const res = await send(base, route, { 'accept-encoding': 'gzip, br' });
      expect(res.headers['content-encoding'], `${route}: ${identity.body.length} bytes`).toBe(identity.body.length >= 1024 ? 'br' : undefined);
      expect(decoded(res), route).toBe(identity.body.toString('utf8'));
      expect(res.headers.vary, route).toBe('Accept-Encoding');
    }
    expect((await send(base, `/embed/${chart.id}`, { 'accept-encoding': 'br' })).headers['content-encoding']).toBe('br');
    expect((await send(base, `/embed/${chart.id}.svg`, { 'accept-encoding': 'br' })).headers['content-encoding']).toBe('br');
    // PNG is compressed already.
    expect((await send(base, `/embed/${chart.id}.png`, { 'accept-encoding': 'br' })).headers['content-encoding']).toBeUndefined();
  });

  it('serves a static file changed on disk at once, with a new tag', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'chiso-static-'));
    try {
      const file = path.join(dir, 'chiso-widgets.js');
      await fs.writeFile(file, `export const version = 1; // ${'padding '.repeat(300)}`);
      const local = await serve({}, dir);
      const first = await send(local, '/widgets/chiso-widgets.js', { 'accept-encoding': 'br' });
      expect(decoded(first)).toContain('version = 1');
      await fs.writeFile(file, `export const version = 22; // ${'padding '.repeat(300)}`);
      const second = await send(local, '/widgets/chiso-widgets.js', { 'accept-encoding': 'br', 'if-none-match': first.headers.etag! });
      expect(second.status).toBe(200);
      expect(decoded(second)).toContain('version = 22');
      expect(second.headers.etag).not.toBe(first.headers.etag);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('never lets a Host header choose the URLs others are served', async () => {
    const evil = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
    const page = await send(base, `/embed/${chart.id}`, evil);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=600');
    expect(decoded(page)).not.toContain('evil.example');
    expect(decoded(page)).toContain(`<script type="module" src="${base}/widgets/chiso-widgets.js"></script>`);
    // A cache that stored that answer holds what everyone else is served: the same tag revalidates it.
    const normal = await send(base, `/embed/${chart.id}`, { 'if-none-match': page.headers.etag! });
    expect(normal.status).toBe(304);
    expect(decoded(await send(base, `/embed/${chart.id}`))).toBe(decoded(page));
    for (const route of [`/oembed?url=${encodeURIComponent(`${base}/embed/${chart.id}`)}`, `/embed/${chart.id}/full.csv`]) {
      const res = await send(base, route, evil);
      expect(res.status, route).toBe(200);
      expect(decoded(res), route).not.toContain('evil.example');
    }
    const saved = await send(
      base,
      '/graphql',
      { ...json, ...evil },
      'POST',
      JSON.stringify({ query: `{ chart(id: "${chart.id}") { embed { url script iframe oembed } } }` }),
    );
    expect(decoded(saved)).not.toContain('evil.example');
    expect(JSON.parse(decoded(saved)).data.chart.embed.url).toBe(`${base}/embed/${chart.id}`);
  });

  it('writes PUBLIC_URL into snippets, embed pages and oEmbed', async () => {
    const local = await serve({ PUBLIC_URL: 'https://charts.example.vn' });
    const made = await createChart(local, `{ element: KPI, indicators: ["dossiers_on_time_rate"], regions: ["49"], title: "Tỷ lệ đúng hạn" }`);
    expect(made.embed.url).toBe(`https://charts.example.vn/embed/${made.id}`);
    expect(made.embed.script).toContain('<script type="module" src="https://charts.example.vn/widgets/chiso-widgets.js"></script>');
    expect(made.embed.script).toContain('api="https://charts.example.vn/graphql"');
    expect(made.embed.iframe).toContain('<script src="https://charts.example.vn/embed/loader.js" async></script>');
    const page = decoded(await send(local, `/embed/${made.id}`, { host: 'evil.example' }));
    expect(page).toContain('<script type="module" src="https://charts.example.vn/widgets/chiso-widgets.js"></script>');
    expect(page).not.toMatch(/http:\/\/|evil\.example/);
    const oembed = JSON.parse(decoded(await send(local, `/oembed?url=${encodeURIComponent(made.embed.url!)}`)));
    expect(oembed.provider_url).toBe('https://charts.example.vn');
    expect(oembed.html).toContain(`src="https://charts.example.vn/embed/${made.id}"`);
  });

  it('believes X-Forwarded-Proto and -Host only from as many proxies as TRUST_PROXY says, and varies on them', async () => {
    const proxied = await serve({ TRUST_PROXY: '1' });
    // The proxy appends what it saw to what the client claimed: only its own entry is believed.
    const res = await send(proxied, `/embed/${chart.id}`, { 'x-forwarded-proto': 'http, https', 'x-forwarded-host': 'evil.example, charts.example.vn' });
    expect(decoded(res)).toContain('<script type="module" src="https://charts.example.vn/widgets/chiso-widgets.js"></script>');
    expect(decoded(res)).not.toContain('evil.example');
    expect(res.headers.vary).toBe('x-forwarded-proto, x-forwarded-host, Accept-Encoding');
    const junk = await send(proxied, `/embed/${chart.id}`, { 'x-forwarded-proto': 'gopher', 'x-forwarded-host': 'bad host/<script>' });
    expect(decoded(junk)).toContain(`<script type="module" src="${proxied}/widgets/chiso-widgets.js"></script>`);
    // Without TRUST_PROXY the same headers change nothing.
    const direct = await send(base, `/embed/${chart.id}`, { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'charts.example.vn' });
    expect(decoded(direct)).toContain(`<script type="module" src="${base}/widgets/chiso-widgets.js"></script>`);
  });
});

describe('PUBLIC_URL and TRUST_PROXY settings', () => {
  const error = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
    return 'no error';
  };

  it('takes an origin, without a trailing slash', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://charts.example.vn/' }).PUBLIC_URL).toBe('https://charts.example.vn');
    expect(loadConfig({ PUBLIC_URL: 'HTTPS://Charts.Example.VN:443' }).PUBLIC_URL).toBe('https://charts.example.vn');
    expect(loadConfig({ PUBLIC_URL: 'http://localhost:8080' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(loadConfig({}).PUBLIC_URL).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'off' }).TRUST_PROXY).toBe(0);
  });

  it('names what is wrong with a bad value', () => {
    expect(error({ PUBLIC_URL: 'charts.example.vn' })).toBe(
      'ConfigError: invalid configuration: PUBLIC_URL: must be an absolute URL with http:// or https:// (got "charts.example.vn"; e.g. PUBLIC_URL=https://charts.example.vn)',
    );
    expect(error({ PUBLIC_URL: 'ftp://charts.example.vn' })).toBe(
      'ConfigError: invalid configuration: PUBLIC_URL: must start with http:// or https:// (got "ftp://charts.example.vn"; e.g. PUBLIC_URL=https://charts.example.vn)',
    );
    expect(error({ PUBLIC_URL: 'https://example.vn/charts' })).toBe(
      'ConfigError: invalid configuration: PUBLIC_URL: must be an origin without a path, query or fragment (got "https://example.vn/charts"; e.g. ' +
        'PUBLIC_URL=https://charts.example.vn): serve the gateway at the root of its host name',
    );
    expect(error({ PUBLIC_URL: 'https://user:secret@charts.example.vn' })).toBe(
      'ConfigError: invalid configuration: PUBLIC_URL: must not contain a user name or password (e.g. PUBLIC_URL=https://charts.example.vn)',
    );
    expect(error({ TRUST_PROXY: 'true' })).toBe(
      'ConfigError: invalid configuration: TRUST_PROXY: must be off or the number of proxies in front of the gateway (1 to 9), e.g. TRUST_PROXY=1 behind one load balancer (got "true")',
    );
  });

  it('falls back to the listening address, as a browser can reach it', () => {
    expect(listeningOrigin('0.0.0.0', 4000)).toBe('http://localhost:4000');
    expect(listeningOrigin('127.0.0.1', 8080)).toBe('http://127.0.0.1:8080');
    expect(listeningOrigin('::1', 80)).toBe('http://[::1]');
  });
});
