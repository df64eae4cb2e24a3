import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { startGateway, type Gateway } from '../src/start.ts';
import { testKey } from './helpers/graphql.ts';

/** Who may do what from where, over real HTTP on loopback (issue 11): CORS, CSRF, headers, pages without a CDN. */
describe('cross-origin rules and security headers', () => {
  let gateway: Gateway;
  let base: string;
  let auth: { authorization: string };
  let chartId: string;
  const CREATE = `mutation { createChart(input: { element: KPI, indicators: ["dossiers_on_time_rate"], regions: ["49"], title: "x" }) { id } }`;
  const charts = () => gateway.db.prisma.savedChart.count();
  const json = { 'content-type': 'application/json' };

  beforeAll(async () => {
    gateway = await startGateway(loadConfig({ PORT: '0', HOST: '127.0.0.1', CHISO_DATA_DIR: 'memory://' }), { logger: pino({ level: 'silent' }) });
    base = gateway.url.replace(/\/graphql$/, '');
    ({ auth } = await testKey(gateway.db.prisma, { name: 'security headers test' }));
    const made = (await (
      await fetch(`${base}/graphql`, { method: 'POST', headers: { ...json, ...auth }, body: JSON.stringify({ query: CREATE }) })
    ).json()) as any;
    chartId = made.data.createChart.id;
  });
  afterAll(() => gateway?.stop());

  it('lets every origin read without credentials: Access-Control-Allow-Origin *, never a reflected origin with Allow-Credentials', async () => {
    const origin = 'https://attacker.example';
    for (const [method, path, body] of [
      ['GET', '/graphql?query=%7B__typename%7D', undefined],
      ['POST', '/graphql', JSON.stringify({ query: '{ __typename }' })],
      ['GET', '/widgets/chiso-widgets.js', undefined],
      ['GET', `/embed/${chartId}.svg`, undefined],
    ] as const) {
      const res = await fetch(`${base}${path}`, { method, headers: { origin, cookie: 'session=1', ...(body ? json : {}) }, body });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('access-control-allow-origin'), path).toBe('*');
      expect(res.headers.get('access-control-allow-credentials'), path).toBeNull();
    }
    const preflight = await fetch(`${base}/graphql`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
  });

  it('refuses a form or text/plain post before parsing it (CSRF, 403), and writes nothing', async () => {
    const before = await charts();
    const attempts: Array<[string, BodyInit]> = [
      ['application/x-www-form-urlencoded', new URLSearchParams({ query: CREATE }).toString()],
      ['text/plain', JSON.stringify({ query: CREATE })],
    ];
    for (const [type, body] of attempts) {
      const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': type, origin: 'https://attacker.example' }, body });
      expect(res.status, type).toBe(403);
      const answer = (await res.json()) as any;
      expect(answer.errors[0].extensions.code, type).toBe('CSRF_PREVENTED');
      expect(answer.errors[0].message).toMatch(/^this POST could have been sent by any web page .*application\/json.*x-graphql-yoga-csrf/);
    }
    // A multipart form (no preflight) without a key or the header is refused before parsing too, as
    // what it is: an upload without the key every upload needs (401, the import's own message)…
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: CREATE }));
    form.append('map', '{}');
    const keyless = await fetch(`${base}/graphql`, { method: 'POST', body: form });
    expect(keyless.status).toBe(401);
    expect(((await keyless.json()) as any).errors[0]).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: expect.stringMatching(/^this needs a publishing key/),
    });
    // …and with the CSRF header it reaches the resolver, which wants a key.
    const withHeader = await fetch(`${base}/graphql`, { method: 'POST', body: form, headers: { 'x-graphql-yoga-csrf': '1' } });
    expect(((await withHeader.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await charts()).toBe(before);
  });

  it('runs no mutation over GET, and never takes the socket address or a forwarded one for a key', async () => {
    const before = await charts();
    const get = await fetch(`${base}/graphql?query=${encodeURIComponent(CREATE)}`, { headers: { ...auth } });
    expect(get.status).toBe(405);
    expect(((await get.json()) as any).errors[0].message).toMatch(/mutation operation from a POST request/);
    for (const headers of [{}, { 'x-forwarded-for': '127.0.0.1' }, { 'x-real-ip': '127.0.0.1', forwarded: 'for=127.0.0.1' }] as Array<Record<string, string>>) {
      // From 127.0.0.1 itself, as a browser on the gateway's machine would post.
      const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify({ query: CREATE }) });
      expect(res.status).toBe(401);
      expect(((await res.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    expect(await charts()).toBe(before);
  });

  it('sends security headers on every answer; only the embed pages may be framed', async () => {
    const routes = [
      '/graphql',
      '/graphql?query=%7B__typename%7D',
      '/builder/',
      '/publish/',
      '/examples/news-article/',
      '/widgets/',
      '/widgets/chiso-widgets.js',
      `/embed/${chartId}.png`,
      `/oembed?url=${encodeURIComponent(`${base}/embed/${chartId}`)}`,
      '/no-such-page',
      '/graphiql/start.js',
    ];
    for (const path of routes) {
      const res = await fetch(`${base}${path}`, { headers: { accept: 'text/html' } });
      const h = (name: string) => res.headers.get(name);
      expect(h('x-content-type-options'), path).toBe('nosniff');
      expect(h('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(h('x-frame-options'), path).toBe('DENY');
      expect(h('content-security-policy'), path).toMatch(/frame-ancestors 'none'$/);
      expect(h('strict-transport-security'), path).toBeNull(); // served over http here
    }
    const page = await fetch(`${base}/builder/`);
    // The public origin (here the listening address) is named beside 'self', for a page reached under another name.
    expect(page.headers.get('content-security-policy')).toBe(
      `default-src 'self'; script-src 'self' ${base}; style-src 'self' ${base} 'unsafe-inline'; img-src 'self' ${base} data: blob:; font-src 'self' ${base} data:; connect-src 'self' ${base}; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    );
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    for (const path of [`/embed/${chartId}`, `/embed/${chartId}/v/1`]) {
      const embed = await fetch(`${base}${path}`);
      expect(embed.headers.get('x-frame-options'), path).toBeNull();
      expect(embed.headers.get('content-security-policy'), path).toMatch(
        /^default-src 'self'; script-src 'self' http:\/\/127\.0\.0\.1:\d+; .*; frame-ancestors \*$/,
      );
    }
    // The example pages are copied into sites with their inline script: only they allow it.
    expect((await fetch(`${base}/examples/news-article/`)).headers.get('content-security-policy')).toContain(`script-src 'self' ${base} 'unsafe-inline'`);
    expect((await fetch(`${base}/graphql?query=%7B__typename%7D`)).headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    );
  });

  it("serves every page's scripts and styles itself: no CDN, each answers 200, no inline script where the policy forbids it", async () => {
    const pages: Array<[string, boolean]> = [
      ['/graphql', true],
      ['/builder/', true],
      ['/publish/', true],
      [`/embed/${chartId}`, true],
      [`/embed/${chartId}/v/1`, true],
      ['/widgets/', false],
      ['/examples/news-article/', false],
      ['/examples/agency-portal/', false],
    ];
    const checked = new Set<string>();
    /** Fetches a same-origin script or style once, and what a module script imports. */
    const follow = async (url: URL, from: string, isModule = false): Promise<void> => {
      expect(url.origin, `${url.href} in ${from}`).toBe(base);
      if (checked.has(url.href)) return;
      checked.add(url.href);
      const res = await fetch(url);
      expect(res.status, `${url.href} in ${from}`).toBe(200);
      const text = await res.text();
      if (!isModule) return;
      // Static imports and dynamic imports of a literal: what a module loads from elsewhere.
      for (const m of text.matchAll(/(?:\bimport\s*(?:[\w*{}\s,]+from\s*)?|\bimport\s*\(\s*)["']((?:https?:)?\/[^"']+|\.{1,2}\/[^"']+)["']/g))
        await follow(new URL(m[1]!, url), url.pathname, true);
    };
    for (const [path, strict] of pages) {
      const res = await fetch(`${base}${path}`, { headers: { accept: 'text/html' } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html, path).not.toMatch(/unpkg\.com|jsdelivr|cdnjs|googleapis|esm\.sh/);
      const modules = [...html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!);
      const refs = [
        ...[...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!),
        ...[...html.matchAll(/<link\b[^>]*\brel="(?:stylesheet|icon|modulepreload|preload)"[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]!),
        ...[...html.matchAll(/<link\b[^>]*\bhref="([^"]+)"[^>]*\brel="(?:stylesheet|icon|modulepreload|preload)"/g)].map((m) => m[1]!),
      ];
      expect(refs.length, path).toBeGreaterThan(0);
      for (const ref of refs) await follow(new URL(ref.replace(/&amp;/g, '&'), `${base}${path}`), path, modules.includes(ref));
      const inline = [...html.matchAll(/<script\b([^>]*)>/g)].filter((m) => !/\bsrc=/.test(m[1]!) && !/type="application\/(ld\+)?json"/.test(m[1]!));
      if (strict)
        expect(
          inline.map((m) => m[0]),
          path,
        ).toEqual([]);
    }
    // GraphiQL is the gateway's own files, not a CDN's.
    expect(
      [...checked]
        .filter((u) => u.includes('/graphiql/'))
        .map((u) => new URL(u).pathname)
        .sort(),
    ).toEqual(['/graphiql/favicon.ico', '/graphiql/graphiql.css', '/graphiql/graphiql.js', '/graphiql/start.js']);
  });
});
