import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getNamedType, GraphQLString, isInputObjectType, type GraphQLInputType } from 'graphql';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { ConfigError, limitsOf, loadConfig, type Limits } from '../src/config.ts';
import { schema } from '../src/schema/index.ts';
import { startGateway, type Gateway } from '../src/start.ts';
import { testKey } from './helpers/graphql.ts';

/**
 * Each request a hostile client tried is refused with a GraphQL error, a code and the limit it
 * hit, in well under a second, over real HTTP on loopback, while a steady stream of ordinary
 * readers keeps getting its answers (docs/limits.md).
 */

const defaults = limitsOf(loadConfig({}));
const silent = pino({ level: 'silent' });

interface Answer {
  status: number;
  headers: Headers;
  ms: number;
  body: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> } & Array<unknown>;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, ms: performance.now() - started, body: JSON.parse(text) };
}

const gql = (url: string, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => post(url, { query, variables }, headers);

/** The first error of an answer, checked to carry `code` and to come back well under a second. */
function refusal(answer: Answer, code: string) {
  expect(answer.ms).toBeLessThan(1000);
  const error = answer.body.errors?.find((e) => e.extensions?.code === code);
  expect(error, JSON.stringify(answer.body).slice(0, 500)).toBeDefined();
  return error!;
}

/** The app with other limits, listening on loopback beside the gateway (same database). */
async function serveWith(gateway: Gateway, limits: Partial<Limits>): Promise<{ url: string; server: Server }> {
  const server = createServer(createApp({ prisma: gateway.db.prisma, logger: silent, limits: { ...defaults, ...limits } }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server };
}

/** Ordinary readers: a cached chart query and an uncached catalogue search, one after the other, until stopped. */
function steadyStream(url: string) {
  const answers: Array<{ status: number; ms: number; errors: unknown }> = [];
  let running = true;
  const done = (async () => {
    for (let i = 0; running; i++) {
      const answer =
        i % 2 === 0
          ? await gql(url, '{ indicator(slug: "dossiers_on_time_rate") { series(region: "49", from: "2020-12-15", to: "2021-09-15") { value } } }')
          : await gql(url, 'query($s: String) { indicators(first: 5, search: $s) { totalCount } }', { s: `rate ${i}` });
      answers.push({ status: answer.status, ms: answer.ms, errors: answer.body.errors });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  return {
    answers,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

describe('limits on what one request may ask', () => {
  let gateway: Gateway;
  let url: string;
  let stream: ReturnType<typeof steadyStream>;
  let wide: { url: string; server: Server };

  beforeAll(async () => {
    gateway = await startGateway(loadConfig({ PORT: '0', HOST: '127.0.0.1', CHISO_DATA_DIR: 'memory://' }), { logger: silent });
    url = gateway.url.replace('localhost', '127.0.0.1');
    // A body limit wide enough to let a 2 MB document reach the parser, to show the token limit stops it there.
    wide = await serveWith(gateway, { bodyBytes: 4 * 1024 * 1024 });
    stream = steadyStream(url);
  });
  afterAll(async () => {
    await stream?.stop();
    wide?.server.close();
    await gateway?.stop();
  });

  it('refuses a body over 100 KB with 413 before reading it, whether Content-Length says so or not', async () => {
    const document = `{ ${'a '.repeat(1_000_000)}}`; // 2 MB
    const declared = await post(url, { query: document });
    expect(declared.status).toBe(413);
    const error = refusal(declared, 'REQUEST_ENTITY_TOO_LARGE');
    expect(error.message).toMatch(/over the limit of 100 KB \(102400 bytes\)/);
    expect(error.extensions!.limit).toBe(102_400);
    expect(declared.headers.get('connection')).toBe('close');

    // The 10 MB body that used to be accepted and parsed.
    const tenMegabytes = await post(url, { query: `{ ${'a '.repeat(5_000_000)}}` });
    expect(tenMegabytes.status).toBe(413);

    // Chunked: no Content-Length, counted while it streams in.
    const bytes = new TextEncoder().encode(JSON.stringify({ query: document }));
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 64 * 1024) controller.enqueue(bytes.subarray(at, at + 64 * 1024));
        controller.close();
      },
    });
    const started = performance.now();
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: chunked, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
    expect((await response.json()).errors[0].extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('answers a GET whose variables or extensions are not JSON with 400 naming the parameter, as a POST gets', async () => {
    for (const name of ['variables', 'extensions']) {
      const res = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}&${name}=${encodeURIComponent('{"a":}')}`, {
        headers: { accept: 'application/graphql-response+json' },
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
      expect(body.errors[0]!.message).toMatch(new RegExp(`^the ${name} parameter is not JSON \\(.+\\): send it as URL-encoded JSON, e\\.g\\. ${name}=`));
    }
    const post = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":' });
    expect(post.status).toBe(400);
  });

  it('stops a 2 MB, 1,000,000-token document after 1,000 tokens, while parsing it', async () => {
    const answer = await post(wide.url, { query: `{ ${'a '.repeat(1_000_000)}}` });
    const error = refusal(answer, 'QUERY_TOO_COMPLEX');
    expect(error.extensions).toMatchObject({ kind: 'tokens', limit: 1000 });
    expect(error.message).toContain('more tokens than the limit of 1000');
    console.log(`2 MB document of 1,000,000 tokens refused in ${Math.round(answer.ms)} ms`);
    // The 2.2 MB document of 200,000 fields that held the event loop for 3.5 s.
    const fields = await post(wide.url, { query: `{ ${'__typename '.repeat(200_000)}}` });
    expect(refusal(fields, 'QUERY_TOO_COMPLEX').extensions).toMatchObject({ kind: 'tokens', limit: 1000 });
    // The same within the default body limit: 5,000 fields of 55 KB.
    const small = await gql(url, `{ ${'__typename '.repeat(5000)}}`);
    expect(refusal(small, 'QUERY_TOO_COMPLEX').extensions!.kind).toBe('tokens');
  });

  it('refuses 1,000 aliases (by their tokens) and 100 aliases (by the alias limit of 15)', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: regions { totalCount }`).join(' ')} }`;
    expect(refusal(await gql(url, aliases(1000)), 'QUERY_TOO_COMPLEX').extensions!.kind).toBe('tokens');
    const error = refusal(await gql(url, aliases(100)), 'QUERY_TOO_COMPLEX');
    expect(error.extensions).toMatchObject({ kind: 'aliases', limit: 15 });
    expect(error.message).toMatch(/^the query has more aliases than the limit of 15: ask for each field once/);
    expect((await gql(url, aliases(15))).body.data.a14.totalCount).toBeGreaterThan(30);
  });

  it('refuses more than 50 directives', async () => {
    const error = refusal(await gql(url, `{ ${'__typename @include(if: true) '.repeat(60)}}`), 'QUERY_TOO_COMPLEX');
    expect(error.extensions).toMatchObject({ kind: 'directives', limit: 50 });
  });

  it('refuses nesting deeper than 12 and a cost over 20,000 (the Pothos complexity rule)', async () => {
    const deep = `{ region(code: "49") { ${'parent { '.repeat(14)}code${' }'.repeat(14)} } }`;
    expect(refusal(await gql(url, deep), 'QUERY_TOO_COMPLEX').extensions).toMatchObject({ kind: 'depth', limit: 12 });
    const costly = '{ indicators(first: 100) { edges { node { series(region: "49") { region { predecessors { successors { code } } } } } } } }';
    const error = refusal(await gql(url, costly), 'QUERY_TOO_COMPLEX');
    expect(error.extensions).toMatchObject({ kind: 'complexity', limit: 20_000 });
    expect(error.extensions!.measured).toBeGreaterThan(20_000);
  });

  it('answers a batch of up to 10 operations and refuses a batch of 100', async () => {
    const batch = (n: number) => Array.from({ length: n }, (_, i) => ({ query: `{ indicator(slug: "dossiers_received") { slug } n${i}: __typename }` }));
    const two = await post(url, batch(2));
    expect(two.status).toBe(200);
    expect(two.body).toHaveLength(2);
    expect((two.body[1] as any).data.indicator.slug).toBe('dossiers_received');
    const hundred = await post(url, batch(100));
    expect(hundred.status).toBe(413);
    expect(hundred.body.errors![0]!.message).toBe('Batching is limited to 10 operations per request.');
    expect(hundred.ms).toBeLessThan(1000);
  });

  it('refuses a 1 MB search (body limit) and a search over 100 characters (argument limit)', async () => {
    const search = 'query($s: String) { indicators(first: 5, search: $s) { totalCount } }';
    expect((await gql(url, search, { s: 'x'.repeat(1_000_000) })).status).toBe(413);
    const error = refusal(await gql(url, search, { s: 'x'.repeat(101) }), 'BAD_USER_INPUT');
    expect(error.message).toBe('"search" is 101 characters long, over the limit of 100: search with a word or a part of a slug');
    expect(error.extensions).toMatchObject({ argumentName: 'search', limit: 100 });
    expect((await gql(url, search, { s: 'rate' })).body.data.indicators.totalCount).toBeGreaterThan(0);
  });

  it('refuses NUL bytes in a search, a slug and a chart title with BAD_USER_INPUT', async () => {
    expect(refusal(await gql(url, '{ indicators(first: 1, search: "ab\\u0000c") { totalCount } }'), 'BAD_USER_INPUT').message).toBe(
      '"search" contains a NUL character (\\u0000): remove it',
    );
    expect(refusal(await gql(url, 'query($s: String!) { indicator(slug: $s) { slug } }', { s: 'x\u0000' }), 'BAD_USER_INPUT').extensions!.argumentName).toBe(
      'slug',
    );
    const { auth } = await testKey(gateway.db.prisma);
    const create = 'mutation($t: String) { createChart(input: { element: KPI, indicators: ["dossiers_on_time_rate"], regions: ["49"], title: $t }) { id } }';
    expect(refusal(await gql(url, create, { t: 'a\u0000b' }, auth), 'BAD_USER_INPUT').message).toBe(
      '"input.title" contains a NUL character (\\u0000): remove it',
    );
    expect(refusal(await gql(url, create, { t: 't'.repeat(201) }, auth), 'BAD_USER_INPUT').message).toMatch(
      /^"input.title" is 201 characters long, over the limit of 200/,
    );
  });

  it('refuses asOf and dates in year 0000 or beyond 9999 with BAD_USER_INPUT', async () => {
    const asOf = (value: string) =>
      gql(url, 'query($a: DateTime) { indicatorSeries(indicator: "dossiers_on_time_rate", regions: ["49"], asOf: $a) { series { code } } }', { a: value });
    expect(refusal(await asOf('0000-01-01T00:00:00Z'), 'BAD_USER_INPUT').message).toBe(
      'Variable "$a" got invalid value "0000-01-01T00:00:00Z"; "0000-01-01T00:00:00Z" is out of range: years run from 0001 to 9999, e.g. "2021-10-10T00:00:00Z"',
    );
    expect(refusal(await asOf('+275760-09-13T00:00:00Z'), 'BAD_USER_INPUT').message).toMatch(/is not a valid date-time/);
    const literal = await gql(url, '{ indicator(slug: "dossiers_on_time_rate") { series(region: "49", from: "0000-01-01") { value } } }');
    expect(refusal(literal, 'BAD_USER_INPUT').message).toBe('"0000-01-01" is out of range: years run from 0001 to 9999, e.g. "2021-09-15"');
    // The extremes of the range reach the database and answer.
    const wideRange = await gql(url, '{ indicator(slug: "dossiers_on_time_rate") { series(region: "49", from: "0001-01-01", to: "9999-12-31") { value } } }');
    expect(wideRange.body.errors).toBeUndefined();
    expect(wideRange.body.data.indicator.series.length).toBeGreaterThan(0);
  });

  it('refuses first: -1, a huge first and malformed cursors with BAD_USER_INPUT', async () => {
    expect(refusal(await gql(url, '{ indicators(first: -1) { totalCount } }'), 'BAD_USER_INPUT').message).toBe('"first" must be 0 or more, got -1');
    expect(refusal(await gql(url, '{ regions(last: 2000000000) { totalCount } }'), 'BAD_USER_INPUT').message).toMatch(
      /^"last" is 2000000000, over the page size limit of 100/,
    );
    const page = await gql(url, '{ indicators(first: 2) { edges { cursor } } }');
    const cursor = page.body.data.indicators.edges[1].cursor as string;
    const next = await gql(url, `{ indicators(first: 1, after: "${cursor}") { edges { cursor } } }`);
    expect(next.body.errors).toBeUndefined();
    for (const [list, after] of [
      ['indicators', '!!!not-a-cursor'],
      ['indicators', Buffer.from('GPC:N:xyz').toString('base64')],
      ['regions', cursor], // a cursor of another list
      ['auditLog', 'x'.repeat(500)],
    ]) {
      const answer = await gql(url, `{ ${list}(first: 1, after: "${after}") { totalCount } }`);
      expect(refusal(answer, 'BAD_USER_INPUT').message, list).toMatch(/^"after" is not a cursor of this list: pass the "cursor" of an edge/);
    }
  });

  it('hides "Did you mean" suggestions when configured (the default with NODE_ENV=production)', async () => {
    const typo = '{ indicatr(slug: "x") { slug } }';
    expect((await gql(url, typo)).body.errors![0]!.message).toContain('Did you mean "indicator" or "indicators"?');
    const hidden = await serveWith(gateway, { fieldSuggestions: false });
    try {
      const message = (await gql(hidden.url, typo)).body.errors![0]!.message;
      expect(message).toBe('Cannot query field "indicatr" on type "Query". (suggestions are hidden: see the schema in the documentation)');
    } finally {
      hidden.server.close();
    }
    expect(limitsOf(loadConfig({ NODE_ENV: 'production' })).fieldSuggestions).toBe(false);
    expect(limitsOf(loadConfig({ NODE_ENV: 'production', CHISO_FIELD_SUGGESTIONS: 'on' })).fieldSuggestions).toBe(true);
  });

  it('kept answering the steady stream of readers with 200 while all of this went on', async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { answers } = stream;
    await stream.stop();
    expect(answers.length).toBeGreaterThan(20);
    expect(answers.filter((a) => a.status !== 200 || a.errors)).toEqual([]);
    const max = Math.max(...answers.map((a) => a.ms));
    console.log(`steady stream: ${answers.length} requests, all 200, max latency ${Math.round(max)} ms`);
    expect(max).toBeLessThan(2000);
  });
});

describe('uploads and the time limit', () => {
  let gateway: Gateway;
  let tight: { url: string; server: Server };
  beforeAll(async () => {
    gateway = await startGateway(loadConfig({ PORT: '0', HOST: '127.0.0.1', CHISO_DATA_DIR: 'memory://' }), { logger: silent });
    tight = await serveWith(gateway, { uploadBytes: 400 * 1024, timeoutMs: 300 });
  });
  afterAll(async () => {
    tight?.server.close();
    await gateway?.stop();
  });

  const IMPORT = 'mutation($file: File!) { importData(file: $file, dryRun: true) { rows problemCount } }';
  async function upload(target: string, csv: string, auth: Record<string, string>) {
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: IMPORT, variables: { file: null } }));
    form.append('map', JSON.stringify({ 0: ['variables.file'] }));
    form.append('0', new File([csv], 'big.csv'));
    const response = await fetch(target, { method: 'POST', body: form, headers: auth });
    return { status: response.status, body: (await response.json()) as any };
  }
  const csv = (rows: number) =>
    ['indicator,region,period,value,source', ...Array.from({ length: rows }, (_, i) => `no_such_indicator,49,2022-Q3,${i},Source`)].join('\n');

  it('takes an upload over the JSON body limit within its own limit, and refuses one over it with 413', async () => {
    const { auth } = await testKey(gateway.db.prisma);
    const file = csv(5000); // about 220 KB: over 100 KB, under 400 KB
    expect(file.length).toBeGreaterThan(defaults.bodyBytes);
    const accepted = await upload(tight.url, file, auth);
    expect(accepted.status).toBe(200);
    expect(accepted.body.data.importData).toMatchObject({ rows: 5000 });
    const refused = await upload(tight.url, csv(12_000), auth);
    expect(refused.status).toBe(413);
    expect(refused.body.errors[0].extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
    expect(refused.body.errors[0].message).toMatch(/^the request body is over the limit of 400 KB \(409600 bytes\): split the file/);
  });

  it('answers a query that waits longer than the limit with 503 REQUEST_TIMEOUT', async () => {
    // The database is busy: a transaction holds the indicator table for 1.5 s.
    const held = gateway.db.prisma.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe('LOCK TABLE "Indicator" IN ACCESS EXCLUSIVE MODE');
        await new Promise((resolve) => setTimeout(resolve, 1500));
      },
      { timeout: 10_000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const answer = await gql(tight.url, '{ indicators(first: 1, search: "timeout") { totalCount } }');
    await held;
    expect(answer.status).toBe(503);
    expect(answer.ms).toBeLessThan(1000);
    const error = refusal(answer, 'REQUEST_TIMEOUT');
    expect(error.extensions!.limit).toBe(300);
    expect(error.message).toMatch(/^the query took longer than the limit of 300 ms/);
  });
});

describe('limits configuration and schema', () => {
  it('reads every limit from the environment and names a bad value', () => {
    expect(defaults).toMatchObject({ bodyBytes: 102_400, uploadBytes: 20_971_520, timeoutMs: 10_000, batch: 10, tokens: 1000, aliases: 15, directives: 50 });
    expect(defaults.query).toEqual({ depth: 12, breadth: 400, complexity: 20_000 });
    expect(limitsOf(loadConfig({ CHISO_MAX_TOKENS: '2000', CHISO_MAX_DEPTH: '8' }))).toMatchObject({ tokens: 2000, query: { depth: 8 } });
    expect(() => loadConfig({ CHISO_MAX_TOKENS: 'many' })).toThrow(ConfigError);
    expect(() => loadConfig({ CHISO_MAX_BODY_BYTES: '10' })).toThrow(/CHISO_MAX_BODY_BYTES: must be at least 1024/);
  });

  it('gives every String argument and input field a length limit (input-text.ts)', () => {
    const unchecked: string[] = [];
    let strings = 0;
    const check = (where: string, type: GraphQLInputType, extensions: Record<string, any> | null | undefined) => {
      if (getNamedType(type) !== GraphQLString) return;
      strings += 1;
      if (!extensions?.['@pothos/plugin-validation']?.schemas?.length) unchecked.push(where);
    };
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field.type, field.extensions);
      if (!('getFields' in type) || isInputObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        for (const arg of 'args' in field ? field.args : []) {
          // A connection's cursors are checked all at once by connectionCursors.
          if (['after', 'before'].includes(arg.name) && field.type.toString().endsWith('Connection!')) continue;
          check(`${type.name}.${field.name}(${arg.name})`, arg.type, arg.extensions);
        }
      }
    }
    expect(strings).toBeGreaterThan(25);
    expect(unchecked).toEqual([]);
  });
});
