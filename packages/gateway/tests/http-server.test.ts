import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { startGateway, type Gateway } from '../src/start.ts';
import { freePort, runGateway } from './helpers/processes.ts';

const gatewayDir = fileURLToPath(new URL('..', import.meta.url));

/** Runs the built server (dist/server.mjs, what `pnpm start` runs) as a user would, until it prints its URL or exits. */
const runServer = (env: Record<string, string>) => runGateway(['dist/server.mjs'], env);

async function post(url: string, query: string, accept = 'application/json') {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify({ query }) });
  return { response, body: (await response.json()) as any };
}

const onTimeRate = `{ indicator(slug: "dossiers_on_time_rate") { series(region: "49", from: "2020-12-15", to: "2021-09-15") { value } } }`;

describe('the gateway over real HTTP', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', CHISO_DATA_DIR: 'memory://' });
    gateway = await startGateway(config, { logger: pino({ level: 'silent' }) });
  });
  afterAll(() => gateway?.stop());

  it('answers POST and GET queries with a request id', async () => {
    const { response, body } = await post(gateway.url, onTimeRate);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.data.indicator.series[0].value).toBe(99.8);

    const get = await fetch(`${gateway.url}?query=${encodeURIComponent('{ region(code: "49", at: "2021-01-01") { name(lang: EN) } }')}`, {
      headers: { accept: 'application/graphql-response+json' },
    });
    expect(await get.json()).toEqual({ data: { region: { name: 'Quang Nam' } } });
  });

  it('serves GraphiQL to a browser', async () => {
    const response = await fetch(gateway.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<title>chiso GraphQL</title>');
    expect(html.toLowerCase()).toContain('graphiql');
  });

  it('lets browsers and CDNs cache a successful GET query, and nothing else', async () => {
    const get = await fetch(`${gateway.url}?query=${encodeURIComponent('{ indicator(slug: "dossiers_received") { slug } }')}`);
    expect(get.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=600');
    const failed = await fetch(`${gateway.url}?query=${encodeURIComponent('{ regions(at: "nope") { totalCount } }')}`);
    expect(failed.headers.get('cache-control')).toBe('no-store');
    const { response } = await post(gateway.url, '{ indicator(slug: "dossiers_received") { slug } }');
    expect(response.headers.get('cache-control')).toBeNull();
  });

  it('serves the widgets bundle, its modules and the demo page under /widgets', async () => {
    const bundle = await fetch(gateway.url.replace('/graphql', '/widgets/chiso-widgets.js'));
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-encoding')).toBe('gzip'); // Node's fetch sends "gzip, deflate" and decodes
    expect(bundle.headers.get('etag')).toMatch(/^W\//);
    expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(bundle.headers.get('access-control-allow-origin')).toBe('*');
    expect(await bundle.text()).toContain('chiso-kpi');
    const page = await fetch(gateway.url.replace('/graphql', '/widgets/'));
    expect(await page.text()).toContain('<chiso-kpi indicator="dossiers_on_time_rate" region="49"');
    expect((await fetch(gateway.url.replace('/graphql', '/widgets/elements/chiso-kpi.js'))).status).toBe(200);
    expect((await fetch(gateway.url.replace('/graphql', '/widgets/custom-elements.json'))).status).toBe(200);
    expect((await fetch(gateway.url.replace('/graphql', '/widgets/../package.json'))).status).toBe(404);
    expect((await fetch(gateway.url.replace('/graphql', '/widgets/%2e%2e/%2e%2e/package.json'))).status).toBe(404);
  });

  it('answers bad input with HTTP 400 and BAD_USER_INPUT (GraphQL over HTTP media type)', async () => {
    const invalidDate = `{ regions(at: "yesterday") { edges { node { code } } } }`;
    const { response, body } = await post(gateway.url, invalidDate, 'application/graphql-response+json');
    expect(response.status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/"yesterday" is not a valid date/);

    const tooMany = await post(gateway.url, `{ indicators(first: 1000) { edges { node { slug } } } }`);
    expect(tooMany.response.status).toBe(400);
    expect(tooMany.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('starting the server process', () => {
  let dataDir: string;
  beforeAll(async () => {
    // The production build and the image, as the README's first command makes them (nothing when up to date).
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: gatewayDir, stdio: 'pipe' });
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'chiso-data-'));
  });
  afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

  it('creates the embedded database from the prepared image on first start, and reuses it on the next', async () => {
    const first = runServer({ PORT: '0', HOST: '127.0.0.1', CHISO_DATA_DIR: dataDir });
    const url = await first.ready;
    expect((await post(url, onTimeRate)).body.data.indicator.series[0].value).toBe(99.8);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    // The build prepared the image of the migrated, seeded database; the new folder starts from it
    // (tests/embedded-image.test.ts shows it holds what migrate + seed make, and the start without one).
    expect(first.output().stdout).toContain('made the database from the prepared image (migrations and reference data)');
    expect(first.output().stdout).not.toMatch(/applied migrations|loaded reference data/);
    // A new embedded database prints one key, once, and says how to make more.
    const key = /publishing key \(PUBLISH, ADMIN\) for this machine, shown only now: (chiso_[A-Za-z0-9_-]{43})\n/.exec(first.output().stdout)?.[1];
    expect(key).toBeDefined();
    expect(first.output().stdout).toContain('pnpm chiso keys create');

    const second = runServer({ PORT: '0', HOST: '127.0.0.1', CHISO_DATA_DIR: dataDir });
    const again = await second.ready;
    expect((await post(again, onTimeRate)).body.data.indicator.series[0].value).toBe(99.8);
    // The printed key works after a restart.
    const viewer = await fetch(again, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: '{ viewer { name scopes } }' }),
    });
    expect(((await viewer.json()) as any).data.viewer).toEqual({ name: 'first-run (this machine)', scopes: ['PUBLISH', 'ADMIN'] });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.output().stdout).not.toMatch(/prepared image|applied migrations|loaded reference data|publishing key/);
  });

  it('says it is alive while the database opens, and answers other requests 503 STARTING until it is ready', async () => {
    const port = await freePort();
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'chiso-starting-'));
    const run = runServer({ PORT: String(port), HOST: '127.0.0.1', CHISO_DATA_DIR: folder });
    const seen = { health: '', graphql: '' };
    // Asked as soon as the port answers, while the new folder is made and the database opened.
    while (!seen.health) {
      const health = await fetch(`http://127.0.0.1:${port}/health`).catch(() => null);
      if (health) {
        seen.health = `${health.status} ${((await health.json()) as any).status}`;
        const graphql = await fetch(`http://127.0.0.1:${port}/graphql?query=${encodeURIComponent('{ __typename }')}`);
        seen.graphql = `${graphql.status} ${((await graphql.json()) as any).error?.code ?? 'answered'} ${graphql.headers.get('retry-after')}`;
      } else await new Promise((r) => setTimeout(r, 10));
    }
    expect(seen).toEqual({ health: '200 starting', graphql: '503 STARTING 1' });
    const url = await run.ready;
    expect((await post(url, onTimeRate)).body.data.indicator.series[0].value).toBe(99.8);
    expect(((await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as any).status).toBe('ok');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('says in one line that the database cannot be reached', async () => {
    const run = runServer({ DATABASE_URL: 'postgresql://chiso:secret@127.0.0.1:1/chiso' });
    expect(await run.exited).toBe(1);
    const lines = run.output().stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^chiso: cannot start: cannot reach PostgreSQL at postgresql:\/\/chiso:\*\*\*@127\.0\.0\.1:1\/chiso: .*ECONNREFUSED.* \(check DATABASE_URL and that the server is running\)$/,
    );
    expect(run.output().stderr).not.toContain('secret');
  });

  it('names a bad setting', async () => {
    const run = runServer({ PORT: 'eighty' });
    expect(await run.exited).toBe(1);
    expect(run.output().stderr.trim()).toBe(
      'chiso: cannot start: invalid configuration: PORT: must be a whole number from 0 to 65535, e.g. PORT=4000 (0 picks a free port) (got "eighty")',
    );
  });

  it('refuses a PUBLIC_URL that is not an origin, saying what it should be', async () => {
    const run = runServer({ PUBLIC_URL: 'charts.example.vn/embeds' });
    expect(await run.exited).toBe(1);
    expect(run.output().stderr.trim()).toBe(
      'chiso: cannot start: invalid configuration: PUBLIC_URL: must be an absolute URL with http:// or https:// (got "charts.example.vn/embeds"; e.g. PUBLIC_URL=https://charts.example.vn)',
    );
  });
});
