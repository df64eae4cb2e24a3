import path from 'node:path';
import type { Browser } from 'playwright';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/keys.ts';
import { loadConfig } from '../src/config.ts';
import { startGateway, type Gateway } from '../src/start.ts';
import { browserAvailable, launchChromium } from './helpers/browser.ts';

const screenshotDir = process.env.CHISO_SCREENSHOTS ?? null;

describe.runIf(browserAvailable)('maps in the builder and the embed page, in real Chromium', () => {
  let gateway: Gateway;
  let browser: Browser;
  let base: string;
  let key: string;

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

  for (const width of [375, 1280]) {
    it(`builds and saves a map of a 2022 flow on today's provinces, at ${width} px`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 1400 } });
      await page.goto(`${base}/builder/`);
      await page.evaluate((k) => localStorage.setItem('chiso.publishingKey', k), key);
      await page.reload();
      await page.fill('#search', 'enterprises_new');
      await page.press('#search', 'Enter');
      await page.check('#results-list input[value="enterprises_new"]');
      await page.check('input[name="element"][value="MAP"]');
      await page.fill('#period', '2022');
      await page.fill('#at', '2026-12-02');
      await page.dispatchEvent('#at', 'change');
      // The previews draw the map on the 34 provinces.
      await page.waitForFunction(() => document.querySelector('#previews chiso-map')?.shadowRoot?.querySelectorAll('path.province').length === 34, null, {
        timeout: 20_000,
      });
      const name = await page.evaluate(() => document.querySelector('#previews chiso-map')!.shadowRoot!.querySelector('svg')!.getAttribute('aria-label'));
      expect(name).toMatch(/^Doanh nghiệp thành lập mới, năm 2022: Hồ Chí Minh cao nhất, 53\.852; .+; 34\/34 tỉnh, thành phố có số liệu\.$/);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      if (screenshotDir) await page.screenshot({ path: path.join(screenshotDir, `builder-map-${width}.png`), fullPage: false });
      await page.click('#save');
      await page.waitForSelector('#embed:not([hidden])', { timeout: 20_000 });
      const script = await page.inputValue('#code-script');
      expect(script).toMatch(/<chiso-map indicator="enterprises_new" region="49" period="2022" [^>]*at="2026-12-02"/);

      // The iframe page draws the same map.
      const id = /embed\/([A-Za-z0-9_-]+)/.exec(await page.inputValue('#code-iframe'))![1];
      await page.goto(`${base}/embed/${id}`);
      await page.waitForFunction(() => document.querySelector('chiso-map')?.shadowRoot?.querySelectorAll('path.province').length === 34, null, {
        timeout: 20_000,
      });
      if (screenshotDir) await page.screenshot({ path: path.join(screenshotDir, `embed-map-${width}.png`), fullPage: true });
      await page.close();
    });
  }
});
