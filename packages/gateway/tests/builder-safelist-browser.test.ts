import type { Browser } from 'playwright';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/keys.ts';
import { loadConfig } from '../src/config.ts';
import { startGateway, type Gateway } from '../src/start.ts';
import { browserAvailable, launchChromium } from './helpers/browser.ts';

/**
 * With the safelist on (CHISO_PERSISTED_ONLY), anonymous clients may run only the widgets' persisted
 * documents. The builder's own queries (indicator search, provinces) then run with the publishing
 * key kept in the browser; without one, the builder says what the gateway said.
 */
describe.runIf(browserAvailable)('the chart builder on a gateway with the safelist, in real Chromium', () => {
  let gateway: Gateway;
  let browser: Browser;
  let base: string;
  let key: string;

  beforeAll(async () => {
    gateway = await startGateway(loadConfig({ PORT: '0', HOST: '127.0.0.1', CHISO_DATA_DIR: 'memory://', CHISO_PERSISTED_ONLY: 'true', RATE_LIMIT: 'off' }), {
      logger: pino({ level: 'error' }),
    });
    base = gateway.url.replace(/\/graphql$/, '');
    browser = await launchChromium();
    key = (await createApiKey(gateway.db.prisma, { name: 'Báo Người Lao Động', scopes: ['PUBLISH'], regions: [] })).key;
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  async function openBuilder(storedKey: string | null) {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    if (storedKey) await page.addInitScript((k) => localStorage.setItem('chiso.publishingKey', k), storedKey);
    await page.goto(`${base}/builder/`);
    return page;
  }

  it('searches the catalogue with the key kept in this browser', async () => {
    const page = await openBuilder(key);
    await page.fill('#search', 'PCI');
    await page.click('#search-button');
    await expect.poll(() => page.textContent('#results-count')).toMatch(/^\(\d+ \/ \d+\)$/);
    expect(await page.locator('#results-list input').count()).toBeGreaterThan(0);
    await page.close();
  });

  it("says why a search fails without a key, in the gateway's words", async () => {
    const page = await openBuilder(null);
    await page.fill('#search', 'PCI');
    await page.click('#search-button');
    await expect
      .poll(() => page.textContent('#status'))
      .toMatch(/^Lỗi khi tìm chỉ số \(search failed\): this gateway answers anonymous clients only with the widgets' persisted documents.*send a key/);
    await page.close();
  });
});
