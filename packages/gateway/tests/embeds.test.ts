import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { publicOriginResolver } from '../src/http/public-origin.ts';
import { recordObservation } from '../src/db/seed/seed.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from './helpers/databases.ts';
import { testKey } from './helpers/graphql.ts';
import { observationWhere } from './helpers/observations.ts';

describe.each(databaseKinds)('saved charts and embeds (%s)', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;
  const origin = 'http://chiso.test';
  const get = (path: string, headers: Record<string, string> = {}) => app.fetch(`${origin}${path}`, { headers });
  let auth: { authorization: string };
  const gql = async (query: string, variables?: object) =>
    (await (
      await app.fetch(`${origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify({ query, variables }),
      })
    ).json()) as any;
  const create = async (input: string) => {
    const res = await gql(`mutation { createChart(input: ${input}) { id version embed { url pinnedUrl script iframe image png svg oembed csv fullCsv } } }`);
    expect(res.errors).toBeUndefined();
    return res.data.createChart;
  };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const publicOrigin = publicOriginResolver(loadConfig({ PUBLIC_URL: origin }), () => 'http://127.0.0.1:1');
    app = createApp({ prisma: db.prisma, logger: pino({ level: 'silent' }), publicOrigin });
    ({ auth } = await testKey(db.prisma, { name: 'embeds test' }));
  });
  afterAll(() => db?.dispose());

  it('saves a chart under a stable id and numbers each changed version', async () => {
    const chart = await create(`{ element: KPI, indicators: ["dossiers_on_time_rate"], regions: ["49"], title: "Tỷ lệ đúng hạn" }`);
    expect(chart.id).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(chart.version).toBe(1);
    expect(chart.embed.url).toBe(`${origin}/embed/${chart.id}`);
    expect(chart.embed.pinnedUrl).toBe(`${origin}/embed/${chart.id}/v/1`);
    expect(chart.embed.script).toBe(
      `<script type="module" src="${origin}/widgets/chiso-widgets.js"></script>\n<chiso-kpi indicator="dossiers_on_time_rate" region="49" lang="vi" theme="light" heading="Tỷ lệ đúng hạn" api="${origin}/graphql"></chiso-kpi>`,
    );
    const same = await gql(
      `mutation($id: String!) { updateChart(id: $id, input: { element: KPI, indicators: ["dossiers_on_time_rate"], regions: ["49"], title: "Tỷ lệ đúng hạn" }) { version } }`,
      { id: chart.id },
    );
    expect(same.data.updateChart.version).toBe(1);
    const changed = await gql(
      `mutation($id: String!) { updateChart(id: $id, input: { element: KPI, indicators: ["dossiers_on_time_rate"], regions: ["49"], title: "On-time rate", lang: EN }) { version lang title } }`,
      { id: chart.id },
    );
    expect(changed.data.updateChart).toEqual({ version: 2, lang: 'en', title: 'On-time rate' });
    expect((await gql(`{ chart(id: "${chart.id}") { version title } }`)).data.chart).toEqual({ version: 2, title: 'On-time rate' });
  });

  it('rejects a configuration that cannot be drawn, saying what to fix', async () => {
    const res = await gql(`mutation { createChart(input: { element: CHART, indicators: ["dossiers_recieved"], regions: ["49"] }) { id } }`);
    expect(res.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors[0].message).toBe('unknown indicator "dossiers_recieved": see the indicators query for slugs');
    const ranking = await gql(`mutation { createChart(input: { element: RANKING, indicators: ["enterprises_new"], regions: [] }) { id } }`);
    expect(ranking.errors[0].message).toMatch(/period: a ranking needs a period/);
    expect(await db.prisma.savedChart.count({ where: { versions: { none: {} } } })).toBe(0);
  });

  it('serves the iframe page: framable by any site (only it), with the element, oEmbed discovery and height messages', async () => {
    const chart = await create(
      `{ element: SHARE, type: "donut", indicators: ["dossiers_online_share", "dossiers_onsite_4step_share", "dossiers_postal_return_share"], regions: ["49"], title: "Hồ sơ theo kênh" }`,
    );
    const page = await get(`/embed/${chart.id}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect(page.headers.get('x-frame-options')).toBeNull();
    const html = await page.text();
    expect(html).toContain(
      `<chiso-share indicator="dossiers_online_share,dossiers_onsite_4step_share,dossiers_postal_return_share" region="49" type="donut" lang="vi" theme="light" heading="Hồ sơ theo kênh" api="${origin}/graphql"></chiso-share>`,
    );
    expect(html).toContain(
      `<link rel="alternate" type="application/json+oembed" href="${origin}/oembed?url=${encodeURIComponent(`${origin}/embed/${chart.id}`)}&amp;format=json"`,
    );
    expect(html).toContain(`<script src="${origin}/embed/frame.js" defer></script>`);
    const frame = await (await get('/embed/frame.js')).text();
    expect(frame).toContain("'datawrapper-height'");
    expect(frame).toContain("type: 'embed-size'");
    for (const other of ['/graphql', `/embed/${chart.id}.png`, '/widgets/', '/oembed?url=x']) {
      expect((await get(other)).headers.get('x-frame-options'), other).toBe('DENY');
    }
    const unknown = await get('/embed/unknownid', { accept: 'text/html' });
    expect(unknown.status).toBe(404);
    // The error boundary's page: what happened, its code, the request id; nothing of the server.
    expect(unknown.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await unknown.text()).toMatch(/There is no chart unknownid: check the address\.<\/p><p><small>NOT_FOUND · request <code>/);
  });

  it('draws static SVG and PNG images with the title and the values', async () => {
    const chart = await create(`{ element: CHART, type: "column", indicators: ["ddi_capital_registered"], regions: ["49"], title: "Vốn đầu tư trong nước" }`);
    const svg = await (await get(`/embed/${chart.id}.svg`)).text();
    expect(svg).toContain('Vốn đầu tư trong nước');
    expect(svg).toContain('4.927'); // 4.927 tỷ đồng
    expect(svg).toContain('Nguồn: Người Lao Động (10/10/2021)');
    expect(svg).not.toContain('var(--');
    const png = new Uint8Array(await (await get(`/embed/${chart.id}.png`)).arrayBuffer());
    expect([...png.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const width = new DataView(png.buffer).getUint32(16);
    expect(width).toBe(2 * Number(/<svg[^>]*width="(\d+)"/.exec(svg)![1]));
  });

  it("shows the chart's notes on the embed page and in its images", async () => {
    const chart = await create(
      `{ element: CHART, type: "column", indicators: ["ddi_capital_registered"], regions: ["49"], title: "Vốn đầu tư trong nước", notes: "Số liệu 9 tháng, <tạm tính>.\\nNguồn gốc: Sở KH&ĐT." }`,
    );
    const html = await (await get(`/embed/${chart.id}`)).text();
    expect(html).toContain('<div class="notes" role="note"><p>Số liệu 9 tháng, &lt;tạm tính&gt;.</p><p>Nguồn gốc: Sở KH&amp;ĐT.</p></div>');
    const svg = await (await get(`/embed/${chart.id}.svg`)).text();
    expect([...svg.matchAll(/<text class="notes"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])).toEqual([
      'Số liệu 9 tháng, &lt;tạm tính&gt;.',
      'Nguồn gốc: Sở KH&amp;ĐT.',
    ]);
  });

  it('draws a narrow image for phones on request (?width=400), and says what to write for a bad width', async () => {
    const chart = await create(`{ element: CHART, type: "bar", indicators: ["ddi_capital_registered"], regions: ["49"], title: "Vốn đầu tư trong nước" }`);
    const svg = await (await get(`/embed/${chart.id}.svg?width=400`)).text();
    expect(/<svg[^>]*width="(\d+)"/.exec(svg)![1]).toBe('400');
    // Type a fifth larger: shown 340 px wide on a phone, no text is under 10 px.
    expect(Math.min(...[...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]))) * (340 / 400)).toBeGreaterThanOrEqual(10);
    const png = new Uint8Array(await (await get(`/embed/${chart.id}.png?width=400`)).arrayBuffer());
    expect(new DataView(png.buffer).getUint32(16)).toBe(800);
    for (const bad of ['abc', '100', '4000', '400.5']) {
      const answer = await get(`/embed/${chart.id}.png?width=${bad}`);
      expect(answer.status).toBe(400);
      expect(await answer.text()).toMatch(
        new RegExp(
          `^width=${bad.replace('.', '\\.')} is not an image width: write a whole number of pixels from 280 to 1600, e\\.g\\. width=400 for a phone \\(BAD_USER_INPUT, request `,
        ),
      );
    }
  });

  it('draws a key figure as the KPI element shows it, with its reported change', async () => {
    const chart = await create(`{ element: KPI, indicators: ["fdi_capital_registered"], regions: ["49"], title: "Vốn FDI đăng ký" }`);
    const svg = await (await get(`/embed/${chart.id}.svg`)).text();
    expect(svg).toContain('>Vốn FDI đăng ký</text>');
    expect(svg).toContain('>9 tháng 2021</text>');
    expect(svg).toContain('>14,7\u00a0triệu\u00a0USD</text>');
    // One sign: the arrow is a shape, the word says the direction (it used to read "▼ giảm −56,8 %").
    expect(svg).toContain('>giảm 56,8\u00a0% (theo nguồn)</text>');
    expect(svg).toMatch(/<path class="arrow" d="[^"]+" fill="#b91c1c"\/>/);
    expect(svg).toContain('Cùng kỳ năm trước (ước tính từ mức thay đổi): khoảng\u00a034,0\u00a0triệu\u00a0USD');
    expect(svg).toContain('>Nguồn: Người Lao Động (10/10/2021)</text>');
    const png = new Uint8Array(await (await get(`/embed/${chart.id}.png`)).arrayBuffer());
    expect([...png.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('draws shares and rankings as their elements do', async () => {
    const share = await create(
      `{ element: SHARE, indicators: ["dossiers_online_share", "dossiers_onsite_4step_share", "dossiers_postal_return_share"], regions: ["49"], title: "Hồ sơ theo kênh" }`,
    );
    const shareSvg = await (await get(`/embed/${share.id}.svg`)).text();
    expect(shareSvg).toContain('>Hồ sơ theo kênh</text>');
    expect(shareSvg).toMatch(/>Tỷ lệ hồ sơ tiếp nhận và xử lý trực tuyến: 27,6\u00a0%<\/text>/);
    expect(shareSvg).toContain(': 36,9\u00a0%</text>');
    const ranking = await create(`{ element: RANKING, indicators: ["enterprises_new"], regions: ["49"], period: "2021-YTD-09", title: "Doanh nghiệp mới" }`);
    const rankingSvg = await (await get(`/embed/${ranking.id}.svg`)).text();
    expect(rankingSvg).toContain('font-weight="bold" fill="#1f2328">1. Quảng Nam</text>');
    // Values without the unit's words, which the subtitle says once.
    expect(rankingSvg).toContain('>892</text>');
    expect(rankingSvg).toContain('>9 tháng 2021 · doanh nghiệp</text>');
    // The provinces without data are counted in one line, not listed one by one.
    const ranked = (rankingSvg.match(/<text class="label[^"]*"[^>]*>\d+\. [^<]+<\/text>/g) ?? []).length;
    expect(ranked).toBeGreaterThan(0);
    expect(rankingSvg).toContain(`>${63 - ranked} tỉnh chưa có số liệu</text>`);
    const png = new Uint8Array(await (await get(`/embed/${ranking.id}.png`)).arrayBuffer());
    expect([...png.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('draws a table chart as the table it is', async () => {
    const table = await create(`{ element: TABLE, indicators: ["enterprises_new_capital"], regions: ["49"], title: "Vốn doanh nghiệp mới", lang: EN }`);
    const svg = await (await get(`/embed/${table.id}.svg`)).text();
    const texts = [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toEqual([
      'Vốn doanh nghiệp mới',
      'billion VND',
      'Period',
      'Quang Nam',
      '9 months of 2021',
      '6,600\u00a0billion\u00a0VND',
      'Source: Người Lao Động (10 Oct 2021)',
    ]);
    const png = new Uint8Array(await (await get(`/embed/${table.id}.png`)).arrayBuffer());
    expect([...png.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('answers oEmbed for a chart URL and 404 for an unknown one', async () => {
    const chart = await create(`{ element: TABLE, indicators: ["enterprises_new"], regions: ["49"], title: "Doanh nghiệp mới" }`);
    const res = await get(`/oembed?url=${encodeURIComponent(chart.embed.url)}&maxwidth=500`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body).toMatchObject({
      version: '1.0',
      type: 'rich',
      provider_name: 'chiso',
      title: 'Doanh nghiệp mới',
      width: 500,
      height: 400,
      thumbnail_url: chart.embed.png,
    });
    expect(body.html).toContain(`src="${chart.embed.url}"`);
    expect((await get(`/oembed?url=${encodeURIComponent(`${origin}/embed/NoSuchChart`)}`)).status).toBe(404);
    expect((await get(`/oembed?url=not-a-url`)).status).toBe(400);
  });

  it('gives the data as CSV: what the chart shows, and the full series with source, licence and citation', async () => {
    const chart = await create(`{ element: CHART, indicators: ["fdi_capital_registered"], regions: ["49"], title: "Vốn FDI" }`);
    expect(await (await get(`/embed/${chart.id}.csv`)).text()).toBe(
      'indicator,region_code,region,period,value,unit,source\nfdi_capital_registered,49,Quảng Nam,2021-YTD-09,14700000,USD,Người Lao Động (2021-10-10)\n',
    );
    const full = (await (await get(`/embed/${chart.id}/full.csv`)).text()).split('\n');
    expect(full[0]).toContain('licence,citation');
    expect(full[1]).toContain('Press article © Người Lao Động; the figures are facts cited with attribution');
    // Chart ids are base64url, so they may hold "-" and "_": compare against the id itself.
    expect(full[1]).toMatch(
      new RegExp(`,"""Vốn FDI"". chiso, http://chiso\\.test/embed/${chart.id} \\(accessed \\d{4}-\\d{2}-\\d{2}\\)\\. Data: Người Lao Động, 2021-10-10\\."$`),
    );
  });

  it('keeps a pinned embed on its old value after a revision while the live one shows the new value and a note', async () => {
    const chart = await create(`{ element: KPI, indicators: ["dossiers_postal_return"], regions: ["49"], title: "Trả kết quả qua bưu chính" }`);
    await new Promise((r) => setTimeout(r, 20));
    const current = await db.prisma.observation.findFirstOrThrow({
      where: await observationWhere(db.prisma, { indicator: 'dossiers_postal_return', supersededAt: null }),
    });
    const { id: _id, supersededAt: _s, recordedAt: _r, ...rest } = current;
    await db.prisma.$transaction((tx) => recordObservation(tx, { ...rest, value: '20300', status: 'FINAL', recordedAt: new Date() }));

    expect(await (await get(`/embed/${chart.id}/v/1.csv`)).text()).toContain(',20255,');
    expect(await (await get(`/embed/${chart.id}.csv`)).text()).toContain(',20300,');
    const pinned = await (await get(`/embed/${chart.id}/v/1`)).text();
    const live = await (await get(`/embed/${chart.id}`)).text();
    expect(pinned).toMatch(/as-of="\d{4}-\d{2}-\d{2}T[\d:.]+Z"/);
    expect(pinned).not.toContain('Số liệu đã được cập nhật');
    expect(live).toContain('Số liệu đã được cập nhật sau khi biểu đồ được xuất bản');
    expect(live).not.toContain('as-of=');
  });
});
