import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, FileChooser, Page } from 'playwright';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/keys.ts';
import { loadConfig } from '../src/config.ts';
import { startGateway, type Gateway } from '../src/start.ts';
import { browserAvailable, launchChromium } from './helpers/browser.ts';
import { observationWhere } from './helpers/observations.ts';

// The page must work under a policy that allows no inline script or style, and nothing from elsewhere.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
/** Screenshots of the page with problems and with a success, when a folder is given (never in the repository). */
const screenshotDir = process.env.CHISO_SCREENSHOTS ?? null;
/** axe-core's browser build (a dev dependency of this package). */
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const SOURCE = 'nld-2021-10-10-quang-nam';
const csv = (...rows: string[]) => `${['indicator,region,period,value,source', ...rows].join('\n')}\n`;

describe.runIf(browserAvailable)('the publish page in real Chromium against the running gateway', () => {
  let gateway: Gateway;
  let browser: Browser;
  let base: string;
  let dir: string;
  let publisher: string;
  let hanoi: string;

  const gql = async (query: string) =>
    (await (
      await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })
    ).json()) as any;
  /** The current values the API answers for enterprises_new in a region between two dates, oldest first. */
  const series = async (region: string, from: string, to: string): Promise<Array<{ value: number; period: string }>> => {
    const res = await gql(`{ indicator(slug: "enterprises_new") { series(region: "${region}", from: "${from}", to: "${to}") { value period { code } } } }`);
    return res.data.indicator.series.map((o: any) => ({ value: o.value, period: o.period.code }));
  };
  const imports = () => gateway.db.prisma.importBatch.count();
  const write = async (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    await fs.writeFile(file, content);
    return file;
  };

  beforeAll(async () => {
    gateway = await startGateway(loadConfig({ PORT: '0', HOST: '127.0.0.1', CHISO_DATA_DIR: 'memory://' }), { logger: pino({ level: 'error' }) });
    base = gateway.url.replace(/\/graphql$/, '');
    browser = await launchChromium();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'chiso-publish-'));
    publisher = (await createApiKey(gateway.db.prisma, { name: 'Báo Người Lao Động', scopes: ['PUBLISH'], regions: [] })).key;
    hanoi = (await createApiKey(gateway.db.prisma, { name: 'Sở Nội vụ Hà Nội', scopes: ['PUBLISH'], regions: ['01'] })).key;
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  /** Opens /publish/ under the strict policy; `violations()` lists what the policy blocked and any script error. */
  async function open(width = 1280) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.route(
      (url) => url.pathname === '/publish/',
      async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
      },
    );
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => ((window as any).__blocked ??= []).push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/publish/`);
    const violations = async () => [...errors, ...((await page.evaluate(() => (window as any).__blocked)) ?? [])];
    return { page, violations };
  }

  /** Fills the form as a person would with the mouse: the key, the files, the number convention. */
  async function choose(page: Page, o: { key?: string; file?: string; mapping?: string; numbers?: string }) {
    if (o.key !== undefined) await page.fill('#key', o.key);
    if (o.file) await page.setInputFiles('#file', o.file);
    if (o.mapping) await page.setInputFiles('#mapping', o.mapping);
    if (o.numbers !== undefined) await page.selectOption('#numbers', o.numbers);
  }
  /** Waits for the answer to the request a click started (the results say aria-busy until then). */
  const settled = (page: Page) => page.waitForSelector('#result[aria-busy="false"]', { timeout: 30_000 });
  async function press(page: Page, button: '#check' | '#publish') {
    await page.click(button);
    await settled(page);
  }
  const text = (page: Page, selector: string) =>
    // biome-ignore lint/performance/useDomNodeTextContent: the text a reader sees, hidden parts left out
    page.evaluate((s) => (document.querySelector(s) as HTMLElement | null)?.innerText.replace(/\s+/g, ' ').trim() ?? '', selector);
  /** A table's body rows as their cells' text. */
  const rows = (page: Page, table: string) =>
    page.evaluate(
      (t) => [...document.querySelectorAll(`${t} tbody tr`)].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())),
      table,
    );
  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  it('checks a good file without writing, then publishes it; the API answers the values', async () => {
    const file = await write('quang-nam-2021.csv', csv(`enterprises_new,49,2021-Q1,120,${SOURCE}`, `enterprises_new,49,2021-Q2,135,${SOURCE}`));
    const before = await imports();
    const { page, violations } = await open();
    await choose(page, { key: publisher, file });
    await page.click('#key-check');
    await expect.poll(() => text(page, '#key-status')).toBe(`Khoá của: Báo Người Lao Động — PUBLISH, mọi tỉnh (all provinces). (${publisher.slice(0, 14)}…)`);
    expect(await page.getAttribute('#publish', 'aria-disabled')).toBe('true');

    await press(page, '#check');
    expect(await text(page, '#status')).toMatch(
      /^Sẽ thêm 2, sửa 0, giữ nguyên 0 — chưa ghi gì\. \(Would add 2, revise 0, keep 0 unchanged — nothing written yet\.\)/,
    );
    expect(await text(page, '#status')).toContain('quang-nam-2021.csv · CSV · 2 dòng (rows)');
    expect(await series('49', '2021-01-01', '2021-06-30')).toEqual([]);
    expect(await imports()).toBe(before);
    expect(await page.getAttribute('#publish', 'aria-disabled')).toBe('false');

    await press(page, '#publish');
    const done = await text(page, '#status');
    const importId = Number(/^Đã thêm 2, sửa 0, giữ nguyên 0 \(lần nhập số (\d+), ghi lúc [^)]+\)/.exec(done)?.[1]);
    expect(importId, done).toBe((await gateway.db.prisma.importBatch.findFirstOrThrow({ orderBy: { id: 'desc' } })).id);
    expect(await imports()).toBe(before + 1);
    expect(await series('49', '2021-01-01', '2021-06-30')).toEqual([
      { value: 120, period: '2021-Q1' },
      { value: 135, period: '2021-Q2' },
    ]);
    // Done: publishing the same files again waits for another check.
    expect(await page.getAttribute('#publish', 'aria-disabled')).toBe('true');
    // The key is remembered under the builder's name for it.
    expect(await page.evaluate(() => localStorage.getItem('chiso.publishingKey'))).toBe(publisher);

    // The same file again changes nothing; a new value for 2021-Q1 is a revision, shown before → after.
    await press(page, '#check');
    expect(await text(page, '#status')).toMatch(/^Không có gì thay đổi/);
    expect(await page.getAttribute('#publish', 'aria-disabled')).toBe('true');
    await choose(page, {
      file: await write('quang-nam-2021-revised.csv', csv(`enterprises_new,49,2021-Q1,125,${SOURCE}`, `enterprises_new,49,2021-Q2,135,${SOURCE}`)),
    });
    await press(page, '#check');
    expect(await text(page, '#status')).toMatch(/^Sẽ thêm 0, sửa 1, giữ nguyên 1 — chưa ghi gì/);
    const [revision] = await rows(page, '#revisions');
    expect(revision!.slice(0, 6)).toEqual(['2', 'enterprises_new', '49', 'Quý I/2021 2021-Q1', '120', '125']);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it('lists every problem of a bad file with its row, column, value and expectation, and writes nothing', async () => {
    const bad = await write(
      'bad.csv',
      csv(
        `enterprises_new,49,2021-Q3,54.913,${SOURCE}`,
        `enterprises_new,49,2025,10,${SOURCE}`,
        `enterprises_now,49,2021-Q3,1,${SOURCE}`,
        `enterprises_new,49,2021-Q4,5,${SOURCE}`,
        `enterprises_new,49,2021-Q4,5,${SOURCE}`,
      ),
    );
    const before = await imports();
    const { page, violations } = await open();
    await choose(page, { key: publisher, file: bad });
    await press(page, '#check');
    expect(await text(page, '#status')).toMatch(/^Có 4 lỗi — chưa ghi gì\. \(4 problems found — nothing written\.\)/);
    expect(await text(page, '#problems caption')).toBe('Lỗi (Problems): 4');
    expect(await page.evaluate(() => [...document.querySelectorAll('#problems thead th')].map((th) => th.textContent))).toEqual([
      'Dòng (Row)',
      'Cột (Column)',
      'Giá trị thấy (Value seen)',
      'Cần (Expected)',
    ]);
    const problems = await rows(page, '#problems');
    // Every problem in one check, the repeated row among them, in row order.
    expect(problems.map((p) => p.slice(0, 3))).toEqual([
      ['2', 'value', '54.913'],
      ['3', 'region', '49'],
      ['4', 'indicator', 'enterprises_now'],
      ['6', '—', '(trống / empty)'],
    ]);
    expect(problems[0]![3]).toMatch(/"54\.913" is ambiguous \(54913 in Vietnamese writing, 54\.913 in English writing\)/);
    expect(problems[1]![3]).toMatch(/a region that existed for the whole period \(2025-01-01 to 2025-12-31\); code 49 was Quảng Nam \(until 2025-06-30\)/);
    expect(problems[2]![3]).toMatch(/"enterprises_now" is not one/);
    expect(problems[3]![3]).toBe('one row for each indicator, region and period: this row repeats row 5');
    expect(await page.getAttribute('#publish', 'aria-disabled')).toBe('true');
    expect(await imports()).toBe(before);
    expect(await series('49', '2021-07-01', '2021-12-31')).toEqual([]);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it('says when the key is missing, and names the province a limited key may not write', async () => {
    const file = await write('quang-nam-q3.csv', csv(`enterprises_new,49,2021-Q3,140,${SOURCE}`));
    const before = await imports();
    const { page, violations } = await open();
    await choose(page, { file });
    await press(page, '#check');
    const missing = await text(page, '#alert');
    expect(missing).toMatch(/^Thiếu khoá xuất bản: hãy dán khoá vào ô "Khoá xuất bản" \(the publishing key is missing\):/);
    expect(missing).toContain('this needs a publishing key (scope PUBLISH), sent as "Authorization: Bearer <key>"');
    expect(await page.getAttribute('#alert', 'role')).toBe('alert');
    // Nothing lost: the file is still chosen.
    expect(await page.evaluate(() => (document.querySelector('#file') as HTMLInputElement).files![0]!.name)).toBe('quang-nam-q3.csv');

    await choose(page, { key: hanoi });
    await page.press('#key', 'Enter');
    await expect.poll(() => text(page, '#key-status')).toMatch(/^Khoá của: Sở Nội vụ Hà Nội — PUBLISH, tỉnh 01\./);
    await press(page, '#check');
    const forbidden = await text(page, '#alert');
    expect(forbidden).toMatch(/^Khoá này không được phép/);
    expect(forbidden).toMatch(/\("Sở Nội vụ Hà Nội"\) may write for 01 and their predecessors and districts only, not for 49/);
    expect(await text(page, '#status')).toBe('Chưa ghi gì. (Nothing was written.)');
    expect(await page.evaluate(() => (document.querySelector('#file') as HTMLInputElement).files![0]!.name)).toBe('quang-nam-q3.csv');

    // A key that is not one is refused when checked, before any file is sent.
    await choose(page, { key: 'chiso_not-a-key' });
    await page.click('#key-check');
    await expect
      .poll(() => text(page, '#key-status'))
      .toMatch(/^Khoá không dùng được \(the key is not accepted\): the Authorization header does not hold a chiso key/);
    expect(await page.getAttribute('#key', 'aria-invalid')).toBe('true');
    expect(await imports()).toBe(before);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it('imports a spreadsheet of province names with a mapping file and Vietnamese-written numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Doanh nghiệp');
    sheet.addRow(['Tỉnh', 'Năm', 'Giá trị']);
    // Numbers typed as text the Vietnamese way: "1.234" is one thousand two hundred and thirty-four.
    sheet.addRow(['TP. Hồ Chí Minh', 2023, '1.234']);
    sheet.addRow(['Thừa Thiên Huế', 2023, '567']);
    const file = await write('doanh-nghiep-2023.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    const mapping = await write(
      'doanh-nghiep.yaml',
      [
        'numbers: vi',
        'region: { column: Tỉnh, by: name }',
        'period: { column: Năm }',
        'value: { column: Giá trị }',
        'indicator: { constant: enterprises_new }',
        `source: { constant: ${SOURCE} }`,
      ].join('\n'),
    );
    const { page, violations } = await open();
    await choose(page, { key: publisher, file, mapping });
    await press(page, '#check');
    expect(await text(page, '#status')).toMatch(/^Sẽ thêm 2, sửa 0, giữ nguyên 0 — chưa ghi gì/);
    expect(await text(page, '#status')).toContain('doanh-nghiep-2023.xlsx · XLSX · ánh xạ (mapping) doanh-nghiep.yaml · 2 dòng (rows)');
    await press(page, '#publish');
    expect(await text(page, '#status')).toMatch(/^Đã thêm 2, sửa 0, giữ nguyên 0 \(lần nhập số \d+/);
    expect(await series('79', '2023-01-01', '2023-12-31')).toEqual([{ value: 1234, period: '2023' }]);
    expect(await series('46', '2023-01-01', '2023-12-31')).toEqual([{ value: 567, period: '2023' }]);
    const stored = await gateway.db.prisma.observation.findFirstOrThrow({
      where: await observationWhere(gateway.db.prisma, { indicator: 'enterprises_new', region: '79', periodStart: new Date('2023-01-01'), supersededAt: null }),
    });
    expect(stored.value.toString()).toBe('1234');
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it('does the whole flow with the keyboard alone', async () => {
    const file = await write('quang-nam-2022.csv', csv(`enterprises_new,49,2022-Q1,101,${SOURCE}`, `enterprises_new,49,2022-Q2,102,${SOURCE}`));
    const { page, violations } = await open();
    const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
    /** Presses Tab until the control has focus, as a keyboard user would; fails if it never does. */
    const tabTo = async (id: string) => {
      for (let i = 0; i < 30; i++) {
        if ((await focused()) === id) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`#${id} not reachable with Tab`);
    };
    await tabTo('key');
    await page.keyboard.type(publisher);
    await tabTo('file');
    // The focus is visible: the builder's thick ring.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineWidth)).toBe('3px');
    // Space opens the file chooser. On a loaded machine Chromium has dropped the first press now and
    // then (CI): a keyboard user presses again, and so does the test, three times at most.
    let chooser: FileChooser | null = null;
    for (let attempt = 0; attempt < 3 && !chooser; attempt++) {
      [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10_000 }).catch(() => null), page.keyboard.press('Space')]);
    }
    if (!chooser) throw new Error('Space on the file field never opened the file chooser');
    await chooser.setFiles(file);
    await tabTo('check');
    await page.keyboard.press('Enter');
    await settled(page);
    expect(await text(page, '#status')).toMatch(/^Sẽ thêm 2, sửa 0, giữ nguyên 0 — chưa ghi gì/);
    expect(await focused()).toBe('check'); // the focus stays where the person left it
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('publish');
    await page.keyboard.press('Space');
    await settled(page);
    expect(await text(page, '#status')).toMatch(/^Đã thêm 2, sửa 0, giữ nguyên 0 \(lần nhập số \d+/);
    expect(await focused()).toBe('publish');
    expect((await series('49', '2022-01-01', '2022-06-30')).map((o) => o.value)).toEqual([101, 102]);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it('shows the upload reaching 100 %, then the check, and fits a 375 px phone and a 1280 px screen', async () => {
    const bad = await write(
      'bad-2019.csv',
      csv(`enterprises_new,49,2019-Q1,1.5,${SOURCE}`, `enterprises_new,VN,2019-Q13,7,${SOURCE}`, 'enterprises_new,49,2019-Q2,5,no-such-source'),
    );
    for (const width of [375, 1280]) {
      const { page, violations } = await open(width);
      // Every value the upload bar takes, and whether the "checking" state was shown.
      await page.evaluate(() => {
        const seen: { values: string[]; working: boolean } = { values: [], working: false };
        (window as any).__progress = seen;
        new MutationObserver(() => {
          seen.values.push(document.querySelector('#upload-progress')!.getAttribute('value')!);
          if (!(document.querySelector('#working') as HTMLElement).hidden) seen.working = true;
        }).observe(document.querySelector('#progress-box')!, { attributes: true, subtree: true, attributeFilter: ['value', 'hidden'] });
      });
      await choose(page, { key: publisher, file: bad });
      await press(page, '#check');
      expect(await text(page, '#status')).toMatch(/^Có 3 lỗi/);
      const progress = await page.evaluate(() => (window as any).__progress);
      expect(progress.values.at(-1)).toBe('100');
      expect(progress.working).toBe(true);
      expect(await page.evaluate(() => (document.querySelector('#upload-progress') as HTMLProgressElement).value)).toBe(100);
      expect(await page.getAttribute('#upload-progress', 'aria-valuetext')).toBe('Tải lên (Upload): 100 %');
      expect(await page.isHidden('#working')).toBe(true);
      expect(await overflow(page)).toBeLessThanOrEqual(width);
      if (screenshotDir) await page.screenshot({ path: path.join(screenshotDir, `publish-problems-${width}.png`), fullPage: true });

      const good = await write(
        `good-${width}.csv`,
        csv(`enterprises_new,49,2019-Q${width === 375 ? 1 : 3},11,${SOURCE}`, `enterprises_new,49,2019-Q${width === 375 ? 2 : 4},12,${SOURCE}`),
      );
      await choose(page, { file: good });
      await press(page, '#check');
      await press(page, '#publish');
      expect(await text(page, '#status')).toMatch(/^Đã thêm 2/);
      expect(await overflow(page)).toBeLessThanOrEqual(width);
      if (screenshotDir) await page.screenshot({ path: path.join(screenshotDir, `publish-success-${width}.png`), fullPage: true });
      expect(await violations()).toEqual([]);
      await page.close();
    }
  });

  it('is linked from the chart builder, and links back to it', async () => {
    const { page } = await open();
    await page.click('nav >> text=Tạo biểu đồ (Chart builder)');
    await page.waitForURL(`${base}/builder/`);
    await page.click('header nav >> text=Xuất bản số liệu (Publish data)');
    await page.waitForURL(`${base}/publish/`);
    expect(await page.title()).toBe('Xuất bản số liệu (Publish data) · chiso');
    await page.close();
  });

  it('has no accessibility violations (axe-core) with problems on a phone and revisions on a screen', async () => {
    const axe = await fs.readFile(axePath, 'utf8');
    const scan = async (page: Page) => {
      // Evaluated by the test driver, so the page's policy does not apply to it.
      await page.evaluate(axe);
      return page.evaluate(async () => {
        const results = await (window as any).axe.run(document, { resultTypes: ['violations'] });
        return results.violations.map((v: any) => `${v.id}: ${v.help} (${v.nodes.map((n: any) => n.target.join(' ')).join(', ')})`);
      });
    };
    const phone = await open(375);
    await choose(phone.page, { key: publisher, file: await write('axe.csv', csv(`enterprises_new,49,2018-Q1,54.913,${SOURCE}`)) });
    await press(phone.page, '#check');
    expect(await text(phone.page, '#problems caption')).toBe('Lỗi (Problems): 1');
    expect(await scan(phone.page)).toEqual([]);
    await phone.page.close();

    const screen = await open(1280);
    await choose(screen.page, { key: publisher, file: await write('axe-revision.csv', csv(`enterprises_new,49,2021-Q2,136,${SOURCE}`)) });
    await press(screen.page, '#check');
    expect(await rows(screen.page, '#revisions')).toHaveLength(1);
    expect(await scan(screen.page)).toEqual([]);
    await screen.page.close();
  });
});
