import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/keys.ts';
import { loadConfig } from '../src/config.ts';
import { startGateway, type Gateway } from '../src/start.ts';
import { browserAvailable, launchChromium } from './helpers/browser.ts';

const screenshotDir = process.env.CHISO_SCREENSHOTS ?? null;
/** axe-core's browser build (a dev dependency of this package). */
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's violations on the page, one line each. */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated by the test driver, so the page's policy does not apply to it.
  await page.evaluate(await fs.readFile(axePath, 'utf8'));
  return page.evaluate(async () => {
    const results = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v: any) => `${v.id}: ${v.help} (${v.nodes.map((n: any) => n.target.join(' ')).join(', ')})`);
  });
}

/** Text inside an element's shadow root. */
const shadowText = (page: Page, selector: string) =>
  page.evaluate((s) => (document.querySelector(s)?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim(), selector);

/** How the page sits in its window: sideways overflow, the widest control's right edge, the save bar's height. */
const layout = (page: Page) =>
  page.evaluate(() => {
    const rect = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
    const controls = [...document.querySelectorAll('#form fieldset, #form input, #form select, #form textarea, #form button, .layout > *')];
    return {
      width: innerWidth,
      height: innerHeight,
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      widest: Math.max(...controls.filter((el) => (el as HTMLElement).offsetParent !== null).map((el) => el.getBoundingClientRect().right)),
      formRight: rect('#form').right,
      // What stays over the form at the bottom of the window: the Save button's sticky ancestor.
      saveBar: (() => {
        for (let el = document.getElementById('save'); el; el = el.parentElement)
          if (getComputedStyle(el).position === 'sticky') return el.getBoundingClientRect().height;
        return 0;
      })(),
    };
  });

/**
 * A journalist builds a chart in the builder, at a phone's width and a desktop's: finds the
 * indicator, picks provinces, a period, a title and notes, watches the preview, saves with the
 * newsroom's key, takes the embed codes, and finds the same chart on reloading its address. The
 * layout holds at each width: nothing wider than the screen, a save bar that leaves the phone's
 * screen to the form, a preview that stays in view on a desktop while the title is written.
 */
describe.runIf(browserAvailable)('a journalist builds and saves a chart in the builder, in real Chromium', () => {
  let gateway: Gateway;
  let browser: Browser;
  let base: string;
  let key: string;

  beforeAll(async () => {
    gateway = await startGateway(loadConfig({ PORT: '0', HOST: '127.0.0.1', CHISO_DATA_DIR: 'memory://', RATE_LIMIT: 'off' }), {
      logger: pino({ level: 'error' }),
    });
    base = gateway.url.replace(/\/graphql$/, '');
    ({ key } = await createApiKey(gateway.db.prisma, { name: 'Báo Quảng Nam', scopes: ['PUBLISH'], regions: [] }));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  for (const [width, height] of [
    [375, 667],
    [1280, 800],
  ] as const) {
    it(`searches, picks, previews, saves and reopens a chart at ${width} px`, async () => {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(`${base}/builder/`);
      await page.waitForSelector('#results-list input[value="pci_score"]');
      expect(await layout(page)).toMatchObject({ overflow: 0 });

      // The indicator, found by a word of its name.
      await page.fill('#search', 'PCI');
      await page.press('#search', 'Enter');
      await expect.poll(() => page.textContent('#status')).toMatch(/^Tìm thấy \d+ chỉ số cho "PCI"/);
      await page.check('#results-list input[value="pci_score"]');
      expect(await page.textContent('#chosen')).toContain('pci_score');

      // A column chart of Quảng Nam and Đà Nẵng: Quảng Ninh, there from the start, is taken off; Đà Nẵng found without accents.
      await page.check('input[name="element"][value="CHART"]');
      await page.selectOption('#type', 'column');
      await page.uncheck('#regions-list input[value="22"]');
      await page.fill('#region-filter', 'da nang');
      await expect.poll(() => page.locator('#regions-list input').count()).toBe(1);
      await page.check('#regions-list input[value="48"]');
      await page.fill('#region-filter', '');

      // The period: a mistake is named under the field, then the year; the provinces follow its last day.
      await page.fill('#period', '2021-13');
      await expect.poll(() => page.textContent('#period-error')).toBe('"2021-13" không phải là một kỳ (not a period).');
      await page.fill('#period', '2021');
      await expect.poll(() => page.textContent('#period-error')).toBe('');
      await expect.poll(() => page.textContent('#regions-at')).toMatch(/^63 tỉnh\/thành có hiệu lực ngày 2021-12-31/);
      await page.fill('#from', '2017-01-01');
      await page.fill('#to', '2021-12-31');

      // Title and notes; on a desktop the preview stays in view while they are written.
      await page.fill('#title', 'Điểm PCI: Quảng Nam và Đà Nẵng');
      await page.fill('#notes', 'Nguồn: VCCI, PCI 2017–2021.');
      for (const field of ['#title', '#notes']) {
        await page.focus(field);
        await page.evaluate((s) => document.querySelector(s)!.scrollIntoView({ block: 'center' }), field);
        const view = await page.evaluate(() => ({
          scrollY,
          preview: document.querySelector('#previews')!.getBoundingClientRect().toJSON() as DOMRect,
          innerHeight,
        }));
        if (width >= 1280) {
          expect(view.scrollY, `${field}: the page is scrolled`).toBeGreaterThan(200);
          expect(view.preview.top, `${field}: the preview's top is in view`).toBeGreaterThanOrEqual(0);
          expect(view.preview.top).toBeLessThan(view.innerHeight / 2);
        }
      }

      // The four previews draw the chart: Vietnamese and English, light and dark.
      await page.waitForFunction(
        () => [...document.querySelectorAll('#previews chiso-chart')].every((el) => /Điểm PCI: Quảng Nam và Đà Nẵng/.test(el.shadowRoot?.textContent ?? '')),
        null,
        { timeout: 20_000 },
      );
      expect(await page.locator('#previews chiso-chart[type="column"][region="49,48"][period="2021"]').count()).toBe(4);
      await expect
        .poll(() => shadowText(page, '#previews .cell[data-lang="vi"][data-theme="light"] chiso-chart'), { timeout: 20_000 })
        .toMatch(/^Điểm PCI: Quảng Nam và Đà Nẵng Năm 2017 – Năm 2021 .*Quảng NamĐà Nẵng/);
      await expect
        .poll(() => shadowText(page, '#previews .cell[data-lang="en"][data-theme="dark"] chiso-chart'), { timeout: 20_000 })
        .toMatch(/^Điểm PCI: Quảng Nam và Đà Nẵng 2017 – 2021 /);
      expect(await page.textContent('#previews .cell[data-lang="vi"][data-theme="light"] .notes')).toBe('Nguồn: VCCI, PCI 2017–2021.');
      const before = await layout(page);
      expect(before.overflow).toBe(0);
      expect(before.widest).toBeLessThanOrEqual(width);
      if (width < 600) expect(before.saveBar, 'the save bar on a phone').toBeLessThanOrEqual(height / 10);
      if (screenshotDir) await page.screenshot({ path: path.join(screenshotDir, `builder-${width}.png`), fullPage: false });

      // Saving with the newsroom's key, pasted into its field.
      await page.fill('#key', key);
      await expect.poll(() => page.textContent('#key-status'), { timeout: 20_000 }).toMatch(/^Khoá của: Báo Quảng Nam — PUBLISH/);
      await page.click('#save');
      await page.waitForSelector('#embed:not([hidden])', { timeout: 20_000 });
      const status = await page.textContent('#status');
      const id = /^Đã lưu biểu đồ ([A-Za-z0-9_-]+), phiên bản 1 /.exec(status ?? '')?.[1];
      expect(id, status ?? '').toBeTruthy();
      const script = await page.inputValue('#code-script');
      expect(script).toMatch(/<chiso-chart indicator="pci_score" region="49,48" [^>]*period="2021"/);
      expect(script).toContain('type="column"');
      expect(script).toContain('heading="Điểm PCI: Quảng Nam và Đà Nẵng"');
      expect(await page.inputValue('#code-iframe')).toContain(`/embed/${id}`);
      expect(await page.inputValue('#code-csv')).toMatch(new RegExp(`/embed/${id}\\.csv`));
      expect(page.url()).toBe(`${base}/builder/?id=${id}`);
      const after = await layout(page);
      expect(after.overflow).toBe(0);
      if (width < 600) expect(after.saveBar, 'the save bar on a phone, with both buttons').toBeLessThanOrEqual(height / 10);
      if (screenshotDir) await page.screenshot({ path: path.join(screenshotDir, `builder-saved-${width}.png`), fullPage: false });
      expect(await axeViolations(page)).toEqual([]);

      // The address opens the same chart.
      await page.reload();
      await expect.poll(() => page.textContent('#status'), { timeout: 20_000 }).toBe(`Đã mở biểu đồ ${id}, phiên bản 1 (opened).`);
      expect(await page.isChecked('input[name="element"][value="CHART"]')).toBe(true);
      expect(await page.inputValue('#type')).toBe('column');
      expect(await page.inputValue('#period')).toBe('2021');
      expect([await page.inputValue('#from'), await page.inputValue('#to')]).toEqual(['2017-01-01', '2021-12-31']);
      expect(await page.inputValue('#title')).toBe('Điểm PCI: Quảng Nam và Đà Nẵng');
      expect(await page.inputValue('#notes')).toBe('Nguồn: VCCI, PCI 2017–2021.');
      expect(await page.textContent('#chosen')).toContain('pci_score');
      await expect
        .poll(() => page.locator('#regions-list input:checked').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)))
        .toEqual(['48', '49']);
      expect(await page.inputValue('#code-script')).toBe(script);
      await page.waitForFunction(
        () => /Điểm PCI: Quảng Nam và Đà Nẵng/.test(document.querySelector('#previews chiso-chart')?.shadowRoot?.textContent ?? ''),
        null,
        { timeout: 20_000 },
      );
      await page.close();
    });
  }
});
