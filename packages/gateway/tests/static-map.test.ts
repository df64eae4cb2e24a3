import fs from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { closePngWorkers } from '../src/embed/png.ts';
import { publicOriginResolver } from '../src/http/public-origin.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from './helpers/databases.ts';
import { testKey } from './helpers/graphql.ts';

afterAll(() => closePngWorkers());

describe.each(databaseKinds)('map images (%s)', (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;
  const origin = 'http://chiso.test';
  const get = (path: string) => app.fetch(`${origin}${path}`, {});
  let auth: { authorization: string };
  const gql = async (query: string) =>
    (await (
      await app.fetch(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ query }) })
    ).json()) as any;
  const create = async (input: string) => {
    const res = await gql(`mutation { createChart(input: ${input}) { id element embed { script } } }`);
    expect(res.errors).toBeUndefined();
    return res.data.createChart;
  };
  /** Every text of the image, lines joined by spaces: what a reader reads. */
  const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ');
  const provinces = (svg: string) =>
    [...svg.matchAll(/<path class="province" d="[^"]+" fill="([^"]+)"[^>]*><title>([^<]+)<\/title><\/path>/g)].map((m) => ({ fill: m[1]!, tip: m[2]! }));

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const publicOrigin = publicOriginResolver(loadConfig({ PUBLIC_URL: origin }), () => 'http://127.0.0.1:1');
    app = createApp({ prisma: db.prisma, logger: pino({ level: 'silent' }), publicOrigin });
    ({ auth } = await testKey(db.prisma, { name: 'map images test' }));
  });
  afterAll(() => db?.dispose());

  it('saves a map and embeds it as <chiso-map>', async () => {
    const chart = await create(`{ element: MAP, indicators: ["pci_score"], regions: ["49"], period: "2021" }`);
    expect(chart.element).toBe('MAP');
    expect(chart.embed.script).toContain(
      `<chiso-map indicator="pci_score" region="49" period="2021" lang="vi" theme="light" api="${origin}/graphql"></chiso-map>`,
    );
    const bad = await gql(`mutation { createChart(input: { element: MAP, indicators: ["pci_score"], regions: [] }) { id } }`);
    expect(bad.errors[0].message).toMatch(/period: a map needs a period, e.g. 2021/);
  });

  it('draws PCI 2021 on the 63 provinces as SVG, with the summary, legend and attribution', async () => {
    const chart = await create(`{ element: MAP, indicators: ["pci_score"], regions: ["49"], period: "2021", title: "PCI 2021" }`);
    const response = await get(`/embed/${chart.id}.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const svg = await response.text();
    expect(svg).toContain('<title>PCI 2021</title>');
    expect(svg).toMatch(
      /<desc>Chỉ số năng lực cạnh tranh cấp tỉnh \(PCI\), năm 2021: Quảng Ninh cao nhất, 73,02; Cao Bằng thấp nhất, 56,29; 63\/63 tỉnh, thành phố có số liệu\.<\/desc>/,
    );
    const shown = provinces(svg);
    expect(shown).toHaveLength(63);
    expect(shown.find((p) => p.tip.startsWith('Quảng Ninh:'))!.tip).toBe('Quảng Ninh: 73,02 điểm');
    expect(svg).toContain('>68,6 – 73,02</text>');
    expect(texts(svg)).toContain(
      'Ranh giới tỉnh: Vietnamese Provinces Database v4.2.0 (Thang Le Quoc, MIT), theo Bản đồ đơn vị hành chính (sapnhap.bando.com.vn)',
    );
    expect(texts(svg)).toContain('Nguồn: Toan N.T.P. và cộng sự, CELG 2024');
    expect(svg).not.toContain('var(--');
    expect(() => new Resvg(svg, { font: { loadSystemFonts: false } })).not.toThrow();
  });

  it('draws a flow of 2022 on the 34 provinces of a later day as PNG, composed from their predecessors', async () => {
    const chart = await create(`{ element: MAP, indicators: ["enterprises_new"], regions: ["48"], period: "2022", at: "2026-12-02" }`);
    const svg = await (await get(`/embed/${chart.id}.svg`)).text();
    const shown = provinces(svg);
    expect(shown).toHaveLength(34);
    expect(shown.find((p) => p.tip.startsWith('Đà Nẵng:'))!.tip).toMatch(/^Đà Nẵng: [\d.]+ doanh nghiệp \(cộng gộp từ Đà Nẵng và Quảng Nam\)$/);
    expect(texts(svg)).toContain('Năm 2022: số liệu của các tỉnh cũ, cộng gộp theo 34 tỉnh, thành phố từ 1/7/2025 (Nghị quyết 202/2025/QH15).');
    const png = await get(`/embed/${chart.id}.png`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect([...bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
    if (process.env.CHISO_SCREENSHOTS) fs.writeFileSync(path.join(process.env.CHISO_SCREENSHOTS, `map-image-${kind}.png`), bytes);
    // Drawn at twice the 640 px width.
    expect(new DataView(bytes.buffer).getUint32(16)).toBe(1280);
  });

  it('hatches a composite index at merged provinces, never averaging it', async () => {
    const chart = await create(`{ element: MAP, indicators: ["pci_score"], regions: [], period: "2021", at: "2026-12-02", lang: EN }`);
    const svg = await (await get(`/embed/${chart.id}.svg`)).text();
    const shown = provinces(svg);
    expect(shown).toHaveLength(34);
    const danang = shown.find((p) => p.tip.startsWith('Da Nang:'))!;
    expect(danang.fill).toBe('url(#hatch-grid)');
    expect(danang.tip).toBe('Da Nang: not comparable: a composite index of the former provinces cannot be combined (Da Nang and Quang Nam)');
    expect(shown.filter((p) => p.fill.startsWith('url(')).length).toBe(23);
  });
});
