import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { startGateway, type Gateway } from '../src/start.ts';
import { browserAvailable, launchChromium } from './helpers/browser.ts';
import { testKey } from './helpers/graphql.ts';

/** Screenshots of the gateway's pages, when a folder is given (never in the repository). */
const screenshotDir = process.env.CHISO_SCREENSHOTS ?? null;

describe.runIf(browserAvailable)('a page on another origin against the gateway, in real Chromium', () => {
  let gateway: Gateway;
  let browser: Browser;
  let base: string;
  let hostile: http.Server;
  let hostileOrigin: string;
  let chartId: string;
  let hostilePage = '';

  const state = async () => ({
    charts: await gateway.db.prisma.savedChart.count(),
    versions: await gateway.db.prisma.savedChartVersion.count(),
    audit: await gateway.db.prisma.auditEvent.count({ where: { action: { in: ['CHART_CREATED', 'CHART_UPDATED'] } } }),
  });

  beforeAll(async () => {
    gateway = await startGateway(loadConfig({ PORT: '0', HOST: '127.0.0.1', CHISO_DATA_DIR: 'memory://' }), { logger: pino({ level: 'error' }) });
    base = gateway.url.replace(/\/graphql$/, '');
    const { auth } = await testKey(gateway.db.prisma, { name: 'Tòa soạn (newsroom)' });
    const made = (await (
      await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify({
          query: `mutation { createChart(input: { element: KPI, indicators: ["dossiers_on_time_rate"], regions: ["49"], title: "Tỷ lệ đúng hạn" }) { id } }`,
        }),
      })
    ).json()) as any;
    chartId = made.data.createChart.id;
    // Another origin (127.0.0.2 is another host to the browser), serving whatever page the test sets.
    hostile = http.createServer((_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostilePage));
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.2', resolve));
    hostileOrigin = `http://127.0.0.2:${(hostile.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    hostile?.close();
    await gateway?.stop();
  });

  const update = () =>
    `mutation { updateChart(id: "${chartId}", input: { element: KPI, indicators: ["dossiers_on_time_rate"], regions: ["49"], title: "defaced" }) { id version } }`;
  const create = `mutation { createChart(input: { element: KPI, indicators: ["dossiers_on_time_rate"], regions: ["49"], title: "spam" }) { id } }`;

  it('cannot save or rewrite a chart with a form post (urlencoded, text/plain, multipart): refused before parsing, nothing written', async () => {
    const before = await state();
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    // Three forms a page can submit without a preflight, each into a hidden frame of its own.
    hostilePage = `<!doctype html><html><body>
      <iframe name="a"></iframe><iframe name="b"></iframe><iframe name="c"></iframe>
      <form id="a" target="a" method="POST" action="${base}/graphql"><input name="query" value="${esc(update())}"></form>
      <form id="b" target="b" method="POST" enctype="text/plain" action="${base}/graphql"><input name='{"query":"${esc(create.replace(/"/g, '\\"'))}","x":"' value='"}'></form>
      <form id="c" target="c" method="POST" enctype="multipart/form-data" action="${base}/graphql"><input name="operations" value="${esc(JSON.stringify({ query: update() }))}"><input name="map" value="{}"></form>
    </body></html>`;
    const page = await browser.newPage();
    const answers: number[] = [];
    page.on('response', (r) => void (r.url() === `${base}/graphql` && answers.push(r.status())));
    await page.goto(`${hostileOrigin}/`);
    for (const id of ['a', 'b', 'c']) {
      await Promise.all([
        page.waitForResponse((r) => r.url() === `${base}/graphql` && r.request().method() === 'POST'),
        page.evaluate((f) => (document.getElementById(f) as HTMLFormElement).submit(), id),
      ]);
    }
    // Each post reached the gateway and was refused before parsing: the form and text/plain ones as
    // possible cross-site requests (403), the multipart one as an upload without its key (401).
    expect(answers).toEqual([403, 403, 401]);
    // The answers may not even be shown in a frame (frame-ancestors 'none'), and the page cannot read them.
    await expect
      .poll(() =>
        page
          .frames()
          .slice(1)
          .map((f) => f.url()),
      )
      .toEqual(['chrome-error://chromewebdata/', 'chrome-error://chromewebdata/', 'chrome-error://chromewebdata/']);
    const read = await page.evaluate(() =>
      [...document.querySelectorAll('iframe')].map((f) => {
        try {
          return f.contentDocument?.body?.textContent ?? null;
        } catch {
          return 'blocked';
        }
      }),
    );
    expect(read).toEqual([null, null, null]);
    expect(await state()).toEqual(before);
    await page.close();
  });

  it("cannot save with a JSON fetch: with the reader's credentials the browser blocks it, without them it has no key; nothing written", async () => {
    const before = await state();
    hostilePage = '<!doctype html><title>hostile</title>';
    const page = await browser.newPage();
    const sent: string[] = [];
    page.on('request', (r) => void (r.url() === `${base}/graphql` && sent.push(r.method())));
    await page.goto(`${hostileOrigin}/`);
    const results = await page.evaluate(
      async ([url, queries]) => {
        const out: Array<{ credentials: string; read: string }> = [];
        for (const credentials of ['include', 'omit'] as const) {
          for (const query of queries!) {
            try {
              const res = await fetch(url!, { method: 'POST', credentials, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
              out.push({ credentials, read: `${res.status} ${(await res.json()).errors?.[0]?.extensions?.code}` });
            } catch (error) {
              out.push({ credentials, read: `blocked: ${(error as Error).name}` });
            }
          }
        }
        return out;
      },
      [`${base}/graphql`, [create, update()]] as const,
    );
    // With credentials (the reader's cookies, what the reflected origin allowed), the page reads nothing.
    expect(results.filter((r) => r.credentials === 'include').map((r) => r.read)).toEqual(['blocked: TypeError', 'blocked: TypeError']);
    // Without credentials the page may ask like any client; with no key the gateway writes nothing.
    expect(results.filter((r) => r.credentials === 'omit').map((r) => r.read)).toEqual(['401 UNAUTHENTICATED', '401 UNAUTHENTICATED']);
    expect(sent.filter((m) => m === 'POST').length).toBeGreaterThan(0);
    expect(await state()).toEqual(before);
    await page.close();
  });

  /** Opens a page of the gateway; lists every request that left the gateway, failed, or broke the page's policy. */
  async function openOwnPage(path: string, width: number): Promise<{ page: Page; problems: () => Promise<string[]> }> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const problems: string[] = [];
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(`${base}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) problems.push(`left the gateway: ${url}`);
    });
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => void (r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`)));
    page.on('pageerror', (e) => problems.push(`error: ${e.message}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => ((window as any).__blocked ??= []).push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    // 'load', then the caller waits for the page's own ready sign: GraphiQL's first answer is 5 MB of
    // script compressed on the fly, which on a loaded machine outlasts a network-idle wait.
    await page.goto(`${base}${path}`, { waitUntil: 'load', timeout: 90_000 });
    return { page, problems: async () => [...problems, ...((await page.evaluate(() => (window as any).__blocked)) ?? []).map((b: string) => `policy: ${b}`)] };
  }

  it('shows GraphiQL, the builder, the publish page and an embed with nothing from elsewhere and nothing the policy blocks, at 375 and 1280 px', async () => {
    for (const width of [375, 1280]) {
      for (const [path, ready] of [
        ['/graphql?query=%7B%20__typename%20%7D', '.graphiql-container .graphiql-query-editor'],
        ['/builder/', 'chiso-kpi, chiso-chart, form, main'],
        ['/publish/', '#file'],
        [`/embed/${chartId}`, 'chiso-kpi'],
      ] as const) {
        const { page, problems } = await openOwnPage(path, width);
        await page.waitForSelector(ready, { timeout: 60_000 });
        if (path.startsWith('/graphql')) {
          // The editor works: the query runs against the gateway and its answer shows.
          await page.click('.graphiql-execute-button');
          await page.waitForFunction(() => /"__typename":\s+"Query"/.test(document.querySelector('.graphiql-response')?.textContent ?? ''), null, {
            timeout: 30_000,
          });
        }
        if (screenshotDir) await page.screenshot({ path: `${screenshotDir}/security-${path.split(/[/?]/)[1]}-${width}.png`, fullPage: false });
        expect(await problems(), `${path} at ${width}px`).toEqual([]);
        await page.close();
      }
    }
  }, 300_000);
});
