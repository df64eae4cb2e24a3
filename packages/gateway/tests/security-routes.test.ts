import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createSchema, createYoga } from 'graphql-yoga';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { publicOriginResolver } from '../src/http/public-origin.ts';
import { useStaticFolder } from '../src/plugins/use-static-folder.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from './helpers/databases.ts';
import { testKey } from './helpers/graphql.ts';

/** What a hostile client tried on saved charts, oEmbed and the static folders (issue 11). */
describe.each(databaseKinds)('saved charts and oEmbed under hostile use (%s)', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let auth: { authorization: string };
  const origin = 'https://charts.example.vn';
  const get = (p: string) => app.fetch(`http://127.0.0.1${p}`, {});
  const gql = async (query: string, variables?: object) =>
    (await (
      await app.fetch('http://127.0.0.1/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify({ query, variables }),
      })
    ).json()) as any;
  let chartId: string;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    app = createApp({
      prisma: db.prisma,
      logger: pino({ level: 'silent' }),
      publicOrigin: publicOriginResolver(loadConfig({ PUBLIC_URL: origin }), () => 'http://127.0.0.1:1'),
    });
    ({ auth } = await testKey(db.prisma, { name: 'security test' }));
    const made = await gql(
      `mutation { createChart(input: { element: KPI, indicators: ["dossiers_on_time_rate"], regions: ["49"], title: "Tỷ lệ <b>đúng</b> \\"hạn\\" & 'x'" }) { id } }`,
    );
    chartId = made.data.createChart.id;
  });
  afterAll(() => db?.dispose());

  it('lands twelve concurrent updateChart calls on one chart as twelve versions, none lost', async () => {
    const update = `mutation($id: String!, $title: String!) { updateChart(id: $id, input: { element: KPI, indicators: ["dossiers_on_time_rate"], regions: ["49"], title: $title }) { version title } }`;
    const titles = Array.from({ length: 12 }, (_, i) => `edit ${i + 1}`);
    const answers = await Promise.all(titles.map((title) => gql(update, { id: chartId, title })));
    // Each call either landed or says CONFLICT (retryable); with the row lock all of them land.
    for (const a of answers) expect(a.errors, JSON.stringify(a.errors)).toBeUndefined();
    const versions = await db.prisma.savedChartVersion.findMany({ where: { chartId }, orderBy: { number: 'asc' } });
    expect(versions.map((v) => v.number)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(new Set(versions.slice(1).map((v) => (v.config as { title: string }).title))).toEqual(new Set(titles));
    // Every answer names the version its own edit became.
    const byTitle = new Map(versions.map((v) => [(v.config as { title: string }).title, v.number]));
    for (const a of answers) expect(a.data.updateChart.version).toBe(byTitle.get(a.data.updateChart.title));
    expect(await db.prisma.auditEvent.count({ where: { action: 'CHART_UPDATED', subject: chartId } })).toBe(12);
  });

  // A lock timeout is PostgreSQL's (the embedded database runs one transaction at a time): defined there only.
  if (kind === 'postgresql') {
    it('gives a save that cannot get its turn a CONFLICT to send again, and writes nothing', async () => {
      // Another session holds the chart's row for longer than a save waits for it (10 s).
      const holder = new pg.Client({ connectionString: db.url });
      await holder.connect();
      await holder.query('begin');
      await holder.query('select id from "SavedChart" where id = $1 for update', [chartId]);
      const before = await db.prisma.savedChartVersion.count({ where: { chartId } });
      try {
        const res = await gql(
          `mutation($id: String!) { updateChart(id: $id, input: { element: KPI, indicators: ["dossiers_on_time_rate"], regions: ["49"], title: "late" }) { version } }`,
          { id: chartId },
        );
        expect(res.errors?.[0]).toMatchObject({
          message: `chart ${chartId} is being changed by other requests right now and this save was not made: send it again`,
          extensions: { code: 'CONFLICT', retryable: true },
        });
      } finally {
        await holder.query('rollback');
        await holder.end();
      }
      expect(await db.prisma.savedChartVersion.count({ where: { chartId } })).toBe(before);
    }, 40_000);
  }

  it('answers oEmbed only for its own chart URLs, with a message otherwise', async () => {
    const own = encodeURIComponent(`${origin}/embed/${chartId}`);
    const ok = await get(`/oembed?url=${own}`);
    expect(ok.status).toBe(200);
    // Served at an https public origin: browsers are told to keep to https.
    expect(ok.headers.get('strict-transport-security')).toBe('max-age=31536000');
    for (const foreign of [
      `https://evil.example/embed/${chartId}`,
      `http://charts.example.vn/embed/${chartId}`,
      `https://charts.example.vn:8443/embed/${chartId}`,
    ]) {
      const res = await get(`/oembed?url=${encodeURIComponent(foreign)}`);
      expect(res.status, foreign).toBe(404);
      expect(((await res.json()) as { error: string }).error).toBe(
        `${new URL(foreign).origin} is not this gateway: oEmbed answers for charts at ${origin}/embed/<id> only`,
      );
    }
    const missing = await get(`/oembed?url=${encodeURIComponent(`${origin}/graphql`)}`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toMatch(
      /^no chart at https:\/\/charts\.example\.vn\/graphql: give the url of a chart's embed page/,
    );
  });

  it('validates maxwidth and maxheight and honours them', async () => {
    const own = encodeURIComponent(`${origin}/embed/${chartId}`);
    for (const [name, value] of [
      ['maxwidth', '-5'],
      ['maxwidth', '0'],
      ['maxheight', '1.5'],
      ['maxwidth', '10001'],
      ['maxheight', 'abc'],
      ['maxwidth', ''],
    ]) {
      const res = await get(`/oembed?url=${own}&${name}=${value}`);
      expect(res.status, `${name}=${value}`).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBe(
        `${name} must be a whole number of pixels from 1 to 10000, e.g. ${name}=${name === 'maxwidth' ? 640 : 400} (got "${value}")`,
      );
    }
    const small = (await (await get(`/oembed?url=${own}&maxwidth=300&maxheight=200`)).json()) as any;
    expect([small.width, small.height]).toEqual([300, 200]);
    expect(small.html).toContain('width="300" height="200"');
    expect(small.html).toContain('max-width:300px;max-height:200px;');
    const large = (await (await get(`/oembed?url=${own}&maxwidth=2000`)).json()) as any;
    expect([large.width, large.height]).toEqual([640, 400]);
  });

  it('escapes every title character that could end an attribute or open a tag in its html', async () => {
    const body = (await (await get(`/oembed?url=${encodeURIComponent(`${origin}/embed/${chartId}/v/1`)}`)).json()) as any;
    expect(body.title).toBe(`Tỷ lệ <b>đúng</b> "hạn" & 'x'`);
    expect(body.html).toContain(`title="Tỷ lệ &#60;b&#62;đúng&#60;/b&#62; &#34;hạn&#34; &#38; &#39;x&#39;"`);
    expect(body.html).not.toMatch(/<b>|"hạn"|& /);
  });
});

describe('static folders and symbolic links', () => {
  let base: string;
  let app: ReturnType<typeof createYoga>;
  beforeAll(async () => {
    base = await fs.mkdtemp(path.join(os.tmpdir(), 'chiso-static-'));
    await fs.mkdir(path.join(base, 'public', 'sub'), { recursive: true });
    await fs.writeFile(path.join(base, 'public', 'page.html'), '<p>public</p>');
    await fs.writeFile(path.join(base, 'secret.txt'), 'secret outside the folder');
    await fs.symlink(path.join(base, 'secret.txt'), path.join(base, 'public', 'leak.html'));
    await fs.symlink(path.join(base), path.join(base, 'public', 'sub', 'up'));
    await fs.symlink(path.join(base, 'public', 'page.html'), path.join(base, 'public', 'alias.html'));
    app = createYoga({
      schema: createSchema({ typeDefs: 'type Query { a: Int }' }),
      plugins: [useStaticFolder({ prefix: '/files', dir: path.join(base, 'public') })],
    });
  });
  afterAll(() => fs.rm(base, { recursive: true, force: true }));

  it('refuses a link that points outside the folder (404), and serves one that stays inside', async () => {
    expect(await (await app.fetch('http://x/files/page.html')).text()).toBe('<p>public</p>');
    for (const p of ['/files/leak.html', '/files/sub/up/secret.txt', '/files/%2e%2e/secret.txt']) {
      const res = await app.fetch(`http://x${p}`);
      expect(res.status, p).toBe(404);
      expect(await res.text(), p).not.toContain('secret outside');
    }
    const alias = await app.fetch('http://x/files/alias.html');
    expect(alias.status).toBe(200);
    expect(await alias.text()).toBe('<p>public</p>');
  });
});
