import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Frame, Page } from 'playwright';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/keys.ts';
import { loadConfig } from '../src/config.ts';
import { recordObservation } from '../src/db/seed/seed.ts';
import { startGateway, type Gateway } from '../src/start.ts';
import { browserAvailable, launchChromium } from './helpers/browser.ts';
import { observationWhere } from './helpers/observations.ts';

/** Text inside an element's shadow root, in a page or frame. */
const shadowText = (target: Page | Frame, selector: string) =>
  target.evaluate((s) => (document.querySelector(s)?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim(), selector);
/** Waits for a part of an element's shadow root; on timeout, says what the element showed instead. */
const waitForShadow = async (target: Page | Frame, selector: string, part: string) => {
  try {
    await target.waitForFunction(([s, p]) => !!document.querySelector(s!)?.shadowRoot?.querySelector(p!), [selector, part], { timeout: 20_000 });
  } catch (error) {
    const shown = await shadowText(target, selector).catch((e: Error) => `(unreadable: ${e.message})`);
    throw new Error(`${selector} ${part} did not appear in ${target.url()}; the element showed: "${shown}"`, { cause: error });
  }
};

describe.runIf(browserAvailable)('embeds in real Chromium against the running gateway', () => {
  let gateway: Gateway;
  let browser: Browser;
  let base: string;
  /** A newsroom's publishing key: saving charts needs one. */
  let key: string;
  const gql = async (query: string) =>
    (await (
      await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query }),
      })
    ).json()) as any;
  const create = async (input: string) => (await gql(`mutation { createChart(input: ${input}) { id embed { url pinnedUrl png iframe } } }`)).data.createChart;

  beforeAll(async () => {
    gateway = await startGateway(loadConfig({ PORT: '0', HOST: '127.0.0.1', CHISO_DATA_DIR: 'memory://' }), { logger: pino({ level: 'error' }) });
    base = gateway.url.replace(/\/graphql$/, '');
    ({ key } = await createApiKey(gateway.db.prisma, { name: 'Tòa soạn (newsroom)', scopes: ['PUBLISH'], regions: [] }));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  it.each([375, 1280])("shows the chart's notes under the element on the embed page, inside a %i px screen", async (width) => {
    const notes = 'Số liệu 9 tháng năm 2021 do Sở Nội vụ tỉnh Quảng Nam công bố; năm 2022 là số ước tính của Cục Thống kê.';
    const chart = await create(
      `{ element: CHART, type: "column", indicators: ["enterprises_new"], regions: ["48", "46", "51"], from: "2016-01-01", to: "2022-12-31", title: "Doanh nghiệp mới", notes: "${notes}" }`,
    );
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(chart.embed.url);
    await waitForShadow(page, 'chiso-chart', 'svg[part="chart"] rect.bar');
    const box = await page.evaluate(() => {
      const note = document.querySelector('.notes')!.getBoundingClientRect();
      const element = document.querySelector('chiso-chart')!.getBoundingClientRect();
      return {
        text: document.querySelector('.notes')!.textContent,
        below: note.top >= element.bottom - 1,
        right: note.right,
        scroll: document.documentElement.scrollWidth,
      };
    });
    expect(box).toEqual({ text: notes, below: true, right: expect.any(Number), scroll: width });
    expect(box.right).toBeLessThanOrEqual(width);
    await page.close();
  });

  it('resizes the iframe to its content when the host page narrows', async () => {
    const chart = await create(
      `{ element: SHARE, indicators: ["dossiers_online_share", "dossiers_onsite_4step_share", "dossiers_postal_return_share"], regions: ["49"], title: "Hồ sơ theo kênh" }`,
    );
    // The host is another site (another origin), as a newspaper would be.
    const host = http.createServer((_req, res) => {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(`<!doctype html><html><body style="margin:0"><h1>Host</h1>${chart.embed.iframe}</body></html>`);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.2', resolve));
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    await page.goto(`http://127.0.0.2:${(host.address() as AddressInfo).port}/`);
    const frame = await (await page.waitForSelector('iframe')).contentFrame();
    await waitForShadow(frame!, 'chiso-share', '[part="legend"]');
    const wide = await page
      .waitForFunction(() => parseFloat((document.querySelector('iframe') as HTMLIFrameElement).style.height) > 0)
      .then(() => page.evaluate(() => parseFloat((document.querySelector('iframe') as HTMLIFrameElement).style.height)));
    const contentWide = await frame!.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    expect(wide).toBe(contentWide);

    await page.setViewportSize({ width: 320, height: 900 });
    await page.waitForFunction((before) => parseFloat((document.querySelector('iframe') as HTMLIFrameElement).style.height) > before, wide, {
      timeout: 10_000,
    });
    const narrow = await page.evaluate(() => parseFloat((document.querySelector('iframe') as HTMLIFrameElement).style.height));
    const contentNarrow = await frame!.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    expect(narrow).toBe(contentNarrow);
    expect(narrow).toBeGreaterThan(wide); // the legend wraps onto more lines
    await page.close();
    host.close();
  });

  it('keeps a pinned embed on the published value after a revision, while the live one updates and says so', async () => {
    const chart = await create(`{ element: KPI, indicators: ["dossiers_online"], regions: ["49"], title: "Hồ sơ trực tuyến" }`);
    await new Promise((r) => setTimeout(r, 20));
    const current = await gateway.db.prisma.observation.findFirstOrThrow({
      where: await observationWhere(gateway.db.prisma, { indicator: 'dossiers_online', supersededAt: null }),
    });
    const { id: _id, supersededAt: _s, recordedAt: _r, ...rest } = current;
    await gateway.db.prisma.$transaction((tx) => recordObservation(tx, { ...rest, value: '15300', recordedAt: new Date() }));

    const page = await browser.newPage();
    await page.goto(chart.embed.pinnedUrl);
    await waitForShadow(page, 'chiso-kpi', '[part="value"]');
    expect(
      await page.evaluate(() =>
        document
          .querySelector('chiso-kpi')!
          .shadowRoot!.querySelector('[part="value"]')!
          .textContent!.replace(/\u00a0/g, ' ')
          .trim(),
      ),
    ).toBe('15.175 hồ sơ');
    expect(await page.locator('.revised').count()).toBe(0);

    await page.goto(chart.embed.url);
    await waitForShadow(page, 'chiso-kpi', '[part="value"]');
    expect(
      await page.evaluate(() =>
        document
          .querySelector('chiso-kpi')!
          .shadowRoot!.querySelector('[part="value"]')!
          .textContent!.replace(/\u00a0/g, ' ')
          .trim(),
      ),
    ).toBe('15.300 hồ sơ');
    expect(await page.locator('.revised').textContent()).toMatch(/^Số liệu đã được cập nhật sau khi biểu đồ được xuất bản/);
    await page.close();
  });

  it('measures the time to a rendered PNG and to the first painted chart in the iframe page', async () => {
    const chart = await create(`{ element: CHART, type: "column", indicators: ["enterprises_new"], regions: ["49"], title: "Doanh nghiệp mới" }`);
    const pngTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const res = await fetch(chart.embed.png);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
      pngTimes.push(performance.now() - t0);
    }
    const page = await browser.newPage();
    const t0 = performance.now();
    await page.goto(chart.embed.url);
    await waitForShadow(page, 'chiso-chart', 'svg[part="chart"] rect.bar');
    const paint = performance.now() - t0;
    expect(await shadowText(page, 'chiso-chart')).toContain('Doanh nghiệp mới');
    const median = [...pngTimes].sort((a, b) => a - b)[2]!;
    console.log(
      `request → PNG: median ${Math.round(median)} ms (first ${Math.round(pngTimes[0]!)} ms); iframe page → first painted chart: ${Math.round(paint)} ms`,
    );
    await page.close();
  });

  it('shows the news article with its three embeds and the right figures', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    // No key anywhere: the article's two saved charts come with the reference data (example-charts.json).
    await page.goto(`${base}/examples/news-article/`);
    // By script: the PCI 2021 ranking of the 63 provinces, Quảng Nam highlighted and scrolled into view.
    const ranking = '[data-embed="script"] chiso-ranking';
    await waitForShadow(page, ranking, 'svg[part="chart"]');
    const rows = await page.evaluate(
      (s) => [...document.querySelector(s)!.shadowRoot!.querySelectorAll('text.label')].map((t) => t.textContent!.trim()),
      ranking,
    );
    expect(rows).toHaveLength(63);
    expect(rows[0]).toBe('1. Quảng Ninh');
    // Values without the unit's words on every row: the subtitle says "điểm" once.
    expect(await shadowText(page, ranking)).toMatch(/Năm 2021 · điểm.*1\. Quảng Ninh ?73,02/);
    expect(await page.evaluate((s) => document.querySelector(s)!.shadowRoot!.querySelector('text.label.highlight')!.textContent!.trim(), ranking)).toBe(
      '19. Quảng Nam',
    );
    await page.waitForFunction((s) => {
      const host = document.querySelector(s)!;
      const row = host.shadowRoot!.querySelector('text.label.highlight')!.getBoundingClientRect();
      const box = host.getBoundingClientRect();
      return row.top >= box.top && row.bottom <= box.bottom;
    }, ranking);

    // By iframe: the saved line chart of PCI 2017–2021 for Quảng Nam, Đà Nẵng and Quảng Ninh.
    const iframe = await page.waitForSelector('[data-embed="iframe"] iframe', { timeout: 20_000 });
    // The article loads its iframe lazily (loading="lazy"): scroll to the embeds as a reader would.
    await iframe.scrollIntoViewIfNeeded();
    const frame = await iframe.contentFrame();
    await waitForShadow(frame!, 'chiso-chart', 'svg[part="chart"] path.line');
    expect(await frame!.evaluate(() => document.querySelector('chiso-chart')!.shadowRoot!.querySelectorAll('svg[part="chart"] path.line').length)).toBe(3);
    expect(await shadowText(frame!, 'chiso-chart')).toMatch(/PCI 2017–2021: Quảng Nam, Đà Nẵng, Quảng Ninh.*Năm 2017 – Năm 2021/);
    await page.waitForFunction(() => parseFloat((document.querySelector('[data-embed="iframe"] iframe') as HTMLIFrameElement).style.height) > 0);

    // As an image: Quảng Nam's PCI, one column a year.
    const image = await page.waitForSelector('[data-embed="image"] img[src*="/embed/"]', { timeout: 20_000 });
    await image.scrollIntoViewIfNeeded();
    await page.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, image);
    const src = await image.getAttribute('src');
    expect(src).toBe('/embed/example-pci-column.png');
    expect(await page.getAttribute('[data-embed="iframe"] iframe', 'src')).toBe('/embed/example-pci-line');
    const svg = await (await fetch(new URL(src!.replace(/\.png$/, '.svg'), base))).text();
    expect(svg).toContain('Điểm PCI của Quảng Nam, 2017–2021');
    for (const value of ['65,41', '65,85', '69,42', '65,72', '66,24']) expect(svg).toContain(value);
    // On a wide screen the wide drawing; on a phone the narrow one, with its larger type.
    expect(await image.evaluate((img) => (img as HTMLImageElement).currentSrc)).toBe(`${base}/embed/example-pci-column.png`);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.waitForFunction((img) => (img as HTMLImageElement).currentSrc.endsWith('.png?width=400') && (img as HTMLImageElement).complete, image);
    expect(await image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await page.close();
  });

  it('builds, saves and gives embed codes for a chart with the keyboard alone', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    await page.goto(`${base}/builder/`);
    const active = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        return { id: el?.id ?? '', name: el?.name ?? '', value: el?.value ?? '', checked: !!el?.checked };
      });
    /** Presses Tab until the focused control matches, as a keyboard user would. */
    const tabTo = async (match: (a: Awaited<ReturnType<typeof active>>) => boolean) => {
      for (let i = 0; i < 120; i++) {
        if (match(await active())) return;
        await page.keyboard.press('Tab');
      }
      throw new Error('control not reachable with Tab');
    };
    await tabTo((a) => a.id === 'search');
    await page.keyboard.type('on_time_rate');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#results-list input[value="dossiers_on_time_rate"]');
    await tabTo((a) => a.name === 'indicator');
    await page.keyboard.press('Space');
    expect(await page.isChecked('#results-list input[value="dossiers_on_time_rate"]')).toBe(true);

    // The builder opens on a line chart of several provinces; the arrow keys pick KPI in the element group.
    await tabTo((a) => a.name === 'element');
    expect(await active()).toMatchObject({ value: 'CHART', checked: true });
    await page.keyboard.press('ArrowUp');
    expect(await active()).toMatchObject({ name: 'element', value: 'KPI', checked: true });

    await page.waitForSelector('#regions-list input[value="49"]');
    await tabTo((a) => a.name === 'region');
    for (let i = 0; i < 80 && (await active()).value !== '49'; i++) await page.keyboard.press('ArrowDown');
    expect(await active()).toMatchObject({ name: 'region', value: '49', checked: true });

    // Saving without a key says what is missing and puts the focus where the key goes.
    await tabTo((a) => a.id === 'save');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'key');
    expect(await page.textContent('#status')).toMatch(/^Cần khoá xuất bản để lưu/);
    expect(await page.isHidden('#embed')).toBe(true);
    await page.keyboard.type(key);
    await page.waitForFunction(() => /^Khoá của: Tòa soạn \(newsroom\) — PUBLISH/.test(document.getElementById('key-status')!.textContent!), null, {
      timeout: 20_000,
    });

    await tabTo((a) => a.id === 'save');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#embed:not([hidden])', { timeout: 20_000 });
    expect(await page.evaluate(() => localStorage.getItem('chiso.publishingKey'))).toBe(key);
    const script = await page.inputValue('#code-script');
    expect(script).toContain('<chiso-kpi indicator="dossiers_on_time_rate" region="49"');
    expect(await page.inputValue('#code-iframe')).toMatch(/<iframe data-chiso-embed="[A-Za-z0-9_-]+" src="http:\/\/127\.0\.0\.1:\d+\/embed\//);
    expect(await page.textContent('#status')).not.toBe('');
    await page.close();
  });
});
