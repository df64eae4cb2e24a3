import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { documentId, operationUrl } from '@chiso/widgets/data/client.ts';
import { RANKING_QUERY, SERIES_QUERY, VALUES_QUERY } from '@chiso/widgets/data/queries.ts';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { revokeApiKey } from '../src/auth/keys.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from './helpers/databases.ts';
import { testKey } from './helpers/graphql.ts';
import { documentText, manifest, manifestFile } from './helpers/persisted.ts';

/** An app over real HTTP on a free loopback port. */
async function serve(app: ReturnType<typeof createApp>): Promise<{ api: string; close(): Promise<void> }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    api: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function answer(url: string, init: RequestInit = {}) {
  const response = await fetch(url, { ...init, headers: { accept: 'application/graphql-response+json', ...init.headers } });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> } };
}

const post = (api: string, body: object, headers: Record<string, string> = {}) =>
  answer(api, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** What each element asks, with the variables an embed on a page sends. */
const widgetRequests = [
  {
    name: 'chart of five provinces',
    document: SERIES_QUERY,
    variables: {
      indicator: 'pci_score',
      regions: ['49', '48', '01', '79', '31'],
      from: '2017-01-01',
      to: '2019-12-31',
      lang: 'VI' as const,
      asOf: null,
      change: true,
    },
  },
  {
    name: 'KPI',
    document: VALUES_QUERY,
    variables: { indicators: ['dossiers_on_time_rate'], region: '49', period: null, from: null, to: null, lang: 'VI' as const, asOf: null, change: true },
  },
  {
    name: 'share of three parts',
    document: VALUES_QUERY,
    variables: {
      indicators: ['dossiers_received', 'dossiers_resolved', 'dossiers_on_time_rate'],
      region: '49',
      period: null,
      from: null,
      to: null,
      lang: 'EN' as const,
      asOf: null,
      change: false,
    },
  },
  {
    name: 'ranking',
    document: RANKING_QUERY,
    variables: { indicator: 'pci_score', period: '2019', level: 'PROVINCE' as const, lang: 'VI' as const, asOf: null },
  },
];

const arbitrary = '{ indicator(slug: "dossiers_received") { slug } }';

describe.each(databaseKinds)('persisted documents on %s', (kind) => {
  let db: TestDatabase;
  let open: Awaited<ReturnType<typeof serve>>;
  let safelist: Awaited<ReturnType<typeof serve>>;
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    open = await serve(createApp({ prisma: db.prisma, logger, persistedDocuments: manifestFile }));
    safelist = await serve(createApp({ prisma: db.prisma, logger, persistedDocuments: manifestFile, persistedOnly: true }));
  });
  afterAll(async () => {
    await open?.close();
    await safelist?.close();
    await db?.dispose();
  });

  it("answers each widget's persisted GET with the same data as its full query", async () => {
    for (const { name, document, variables } of widgetRequests) {
      const persisted = await answer(operationUrl(open.api, document as typeof SERIES_QUERY, variables as never));
      const full = await post(open.api, { query: documentText(document), variables });
      expect(persisted.status, name).toBe(200);
      expect(persisted.body.errors, name).toBeUndefined();
      expect(persisted.body.data, name).toEqual(full.body.data);
    }
    // Values a reader would check: Quảng Nam's PCI 2017–2019, and its rank among the provinces in 2019.
    const chart = await answer(operationUrl(open.api, SERIES_QUERY, widgetRequests[0]!.variables as never));
    const quangNam = chart.body.data.indicatorSeries.series.find((s: { code: string }) => s.code === '49');
    expect(quangNam.observations.map((o: { period: { code: string }; value: number }) => [o.period.code, o.value])).toEqual([
      ['2017', 65.4108],
      ['2018', 65.8512],
      ['2019', 69.4209],
    ]);
    const ranking = await answer(operationUrl(open.api, RANKING_QUERY, widgetRequests[3]!.variables as never));
    expect(ranking.body.data.ranking.entries.length).toBeGreaterThan(60);
  });

  it('answers a documentId sent in a POST body', async () => {
    const { status, body } = await post(safelist.api, { documentId: documentId(VALUES_QUERY), variables: widgetRequests[1]!.variables });
    expect(status).toBe(200);
    expect(body.data.indicatorValues[0].indicator.slug).toBe('dossiers_on_time_rate');
  });

  it("keeps each widget's GET URL short: the document costs under 100 characters, the whole URL under 512", () => {
    for (const { name, document, variables } of widgetRequests) {
      const url = operationUrl(open.api, document as typeof SERIES_QUERY, variables as never);
      const full = `${open.api}?${new URLSearchParams({ query: documentText(document), variables: JSON.stringify(variables) })}`;
      console.log(`${name}: GET URL ${url.length} characters (with the full query: ${full.length})`);
      expect(url, name).toContain('documentId=sha256%3A');
      expect(url, name).not.toContain('query=');
      // What is left once the variables are taken out: the endpoint and the document's id.
      const variablesLength = new URLSearchParams({ variables: JSON.stringify(variables) }).toString().length;
      expect(url.length - variablesLength - open.api.length, name).toBeLessThan(100);
      expect(url.length, name).toBeLessThan(512);
      expect(url.length, name).toBeLessThan(full.length / 3);
    }
  });

  it('answers an unknown documentId with 404 and PERSISTED_QUERY_NOT_FOUND, on GET and POST', async () => {
    const id = `sha256:${'0'.repeat(64)}`;
    for (const response of [await answer(`${open.api}?documentId=${id}`), await post(open.api, { documentId: id })]) {
      expect(response.status).toBe(404);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect(response.body.errors?.[0]?.message).toContain(id);
    }
  });

  it('without the safelist, runs any query for anyone (GET and POST) and serves GraphiQL', async () => {
    const graphiql = await fetch(open.api, { headers: { accept: 'text/html' } });
    expect(graphiql.status).toBe(200);
    expect(await graphiql.text()).toContain('<title>chiso GraphQL</title>');
    const get = await answer(`${open.api}?query=${encodeURIComponent(arbitrary)}`);
    expect(get.body).toEqual({ data: { indicator: { slug: 'dossiers_received' } } });
    expect((await post(open.api, { query: arbitrary })).body).toEqual({ data: { indicator: { slug: 'dossiers_received' } } });
  });

  it('with the safelist, refuses an anonymous arbitrary query with PERSISTED_QUERY_ONLY and answers the persisted documents', async () => {
    for (const refused of [await answer(`${safelist.api}?query=${encodeURIComponent(arbitrary)}`), await post(safelist.api, { query: arbitrary })]) {
      expect(refused.status).toBe(400);
      expect(refused.body.data).toBeUndefined();
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    }
    const persisted = await answer(operationUrl(safelist.api, VALUES_QUERY, widgetRequests[1]!.variables as never));
    expect(persisted.status).toBe(200);
    expect(persisted.body.data.indicatorValues[0].region.name).toBe('Quảng Nam');
  });

  it('with the safelist, runs any query for a key and refuses a wrong or revoked key', async () => {
    const { auth, prefix } = await testKey(db.prisma, { name: 'newsroom', scopes: ['PUBLISH'] });
    expect((await post(safelist.api, { query: arbitrary }, auth)).body).toEqual({ data: { indicator: { slug: 'dossiers_received' } } });
    const wrong = await post(safelist.api, { query: arbitrary }, { authorization: `Bearer chiso_${'A'.repeat(43)}` });
    expect(wrong.status).toBe(401);
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await revokeApiKey(db.prisma, prefix);
    const revoked = await post(safelist.api, { query: arbitrary }, auth);
    expect(revoked.status).toBe(401);
    expect(revoked.body.errors?.[0]?.message).toContain('revoked');
  });

  it("with the safelist, draws a saved chart's image for an anonymous reader (the embeds render through the persisted documents)", async () => {
    const { auth } = await testKey(db.prisma, { name: 'embeds under the safelist' });
    const created = await post(
      safelist.api,
      {
        query:
          'mutation { createChart(input: { element: CHART, type: "column", indicators: ["ddi_capital_registered"], regions: ["49"], title: "Vốn đầu tư trong nước" }) { id } }',
      },
      auth,
    );
    expect(created.body.errors).toBeUndefined();
    const image = await fetch(safelist.api.replace('/graphql', `/embed/${created.body.data.createChart.id}.svg`));
    expect(image.status).toBe(200);
    expect(await image.text()).toContain('4.927'); // 4.927 tỷ đồng, Quảng Nam, 9 months of 2021
  });

  it('reads the manifest again when the widgets are rebuilt while it runs', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-manifest-'));
    const file = path.join(dir, 'persisted-documents.json');
    const kpi = documentId(VALUES_QUERY);
    fs.writeFileSync(file, JSON.stringify(Object.fromEntries(Object.entries(manifest).filter(([id]) => id !== kpi))));
    try {
      const app = createApp({ prisma: db.prisma, logger, persistedDocuments: file });
      const ask = () => app.fetch(operationUrl('http://chiso.test/graphql', VALUES_QUERY, widgetRequests[1]!.variables as never));
      expect((await ask()).status).toBe(404);
      fs.writeFileSync(file, JSON.stringify(manifest));
      fs.utimesSync(file, new Date(), new Date(Date.now() + 5000)); // a later mtime, whatever the file system's resolution
      await new Promise((resolve) => setTimeout(resolve, 1100)); // unknown ids look at the file at most once a second
      expect((await ask()).status).toBe(200);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts without a manifest, says so once in its log, and answers persisted requests with a clear error', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write: (chunk, _, done) => {
        lines.push(String(chunk));
        done();
      },
    });
    const app = createApp({ prisma: db.prisma, logger: pino({ level: 'warn' }, sink), persistedDocuments: '/nonexistent/persisted-documents.json' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.filter((l) => l.includes('no persisted documents at /nonexistent/persisted-documents.json'))).toHaveLength(1);
    const response = await app.fetch(operationUrl('http://chiso.test/graphql', SERIES_QUERY, widgetRequests[0]!.variables as never));
    expect(response.status).toBe(404);
    expect(((await response.json()) as { errors: Array<{ message: string }> }).errors[0]!.message).toContain('pnpm --filter @chiso/widgets build');
    const arbitraryStill = await app.fetch(`http://chiso.test/graphql?query=${encodeURIComponent(arbitrary)}`);
    expect(arbitraryStill.status).toBe(200);
  });
});

describe('CHISO_PERSISTED_ONLY', () => {
  it('is off unless set to true, and a value that is not true or false names the variable', () => {
    expect(loadConfig({}).CHISO_PERSISTED_ONLY).toBe(false);
    expect(loadConfig({ CHISO_PERSISTED_ONLY: 'true' }).CHISO_PERSISTED_ONLY).toBe(true);
    expect(loadConfig({ CHISO_PERSISTED_ONLY: 'false' }).CHISO_PERSISTED_ONLY).toBe(false);
    expect(() => loadConfig({ CHISO_PERSISTED_ONLY: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig({ CHISO_PERSISTED_ONLY: 'yes' })).toThrow(/CHISO_PERSISTED_ONLY: must be true or false/);
  });
});
