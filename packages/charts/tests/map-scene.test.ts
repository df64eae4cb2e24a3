import { describe, expect, it } from 'vitest';
import { drawMap, provinceTexts } from '../src/draw-map.ts';
import { loadLayer } from '../src/map/layers.ts';
import type { MapInput, ProvinceValue } from '../src/map/map-input.ts';
import { mapScene } from '../src/map/map-scene.ts';
import { spotsOf } from '../src/map/province-moves.ts';
import type { Mark, PathMark } from '../src/scene.ts';
import { sceneToSvg } from '../src/scene-to-svg.ts';
import { map } from './fixtures.ts';

const input = async (provinces: (all: Array<{ code: string; name: string }>) => ProvinceValue[], extra: Partial<MapInput> = {}): Promise<MapInput> => {
  const topology = await loadLayer('provinces-34');
  const all = (topology.objects.provinces as unknown as { geometries: Array<{ id: string; properties: { name: string } }> }).geometries.map((g) => ({
    code: g.id,
    name: g.properties.name,
  }));
  return {
    topology,
    provinces: provinces(all),
    direction: 'HIGHER_IS_BETTER',
    formatNumber: (v, d) => new Intl.NumberFormat('vi-VN', { minimumFractionDigits: d, maximumFractionDigits: d }).format(v),
    scaleExponent: 0,
    decimals: 2,
    unit: 'điểm',
    lang: 'vi',
    subject: 'PCI, năm 2021',
    ...extra,
  };
};
const flat = (marks: Mark[]): Mark[] => marks.flatMap((m) => (m.type === 'group' ? flat(m.marks) : [m]));
const texts = (marks: Mark[]) => flat(marks).flatMap((m) => (m.type === 'text' ? [m.text] : []));
const provinces = (marks: Mark[]) => flat(marks).filter((m): m is PathMark => m.className === 'province');

describe('mapScene', () => {
  it('draws one province per feature, hatches those without data and names them, north to south for the keyboard', async () => {
    const data = await input((all) => all.map((p, i) => ({ ...p, value: p.code === '48' ? null : 50 + i })));
    const scene = mapScene(data, 640);
    expect(provinces(scene.marks)).toHaveLength(34);
    expect(
      provinces(scene.marks)
        .filter((m) => m.hatch)
        .map((m) => m.key),
    ).toEqual(['48']);
    expect(texts(scene.marks)).toContain('Không có số liệu (1): Đà Nẵng');
    const spots = spotsOf(scene.marks);
    expect(spots[0]!.tip).toMatch(/^Cao Bằng: /);
    expect(spots.at(-1)!.tip).toMatch(/^Cà Mau: /);
    const last = data.provinces.at(-1)!;
    expect(scene.title).toBe(
      `PCI, năm 2021: ${last.name} cao nhất, ${last.value},00; Hà Nội thấp nhất, 50,00; 33/34 tỉnh, thành phố có số liệu; không có số liệu: Đà Nẵng.`,
    );
  });

  it('colours the classes darker towards the better end, whichever way that is', async () => {
    const fill = async (direction: MapInput['direction'], code: string) =>
      provinces(mapScene(await input((all) => all.map((p, i) => ({ ...p, value: i })), { direction }), 640).marks).find((m) => m.key === code)!.fill;
    // Hà Nội has the lowest value (0), Cà Mau the highest (33): the darkest Blues go to the better one.
    expect(await fill('HIGHER_IS_BETTER', '96')).toBe(await fill('LOWER_IS_BETTER', '01'));
    expect(await fill('HIGHER_IS_BETTER', '01')).toBe(await fill('LOWER_IS_BETTER', '96'));
  });

  it('puts the legend beside the map from 600 px and under it below', async () => {
    const data = await input((all) => all.map((p, i) => ({ ...p, value: i })));
    const swatch = (width: number) => flat(mapScene(data, width).marks).find((m) => m.className === 'swatch') as { x: number; y: number };
    expect(swatch(1000).x).toBeGreaterThan(500);
    expect(swatch(343).x).toBeLessThan(20);
    expect(swatch(343).y).toBeGreaterThan(300);
  });

  it("explains a break apart from missing data, and outlines the page's province", async () => {
    const data = await input(
      (all) => all.map((p) => (p.code === '48' ? { ...p, value: null, break: true, composedOf: ['Đà Nẵng', 'Quảng Nam'] } : { ...p, value: 60 })),
      { highlight: '48' },
    );
    const scene = mapScene(data, 640);
    expect(spotsOf(scene.marks).find((s) => s.key === '48')!.tip).toBe(
      'Đà Nẵng: không so sánh được: chỉ số tổng hợp của các tỉnh cũ không cộng gộp được (Đà Nẵng và Quảng Nam)',
    );
    expect(texts(scene.marks).join(' ')).toContain(
      'Không so sánh được (1), tỉnh, thành phố sáp nhập: chỉ số tổng hợp không cộng gộp, không lấy trung bình: Đà Nẵng',
    );
    expect(flat(scene.marks).filter((m) => m.className === 'highlight')).toHaveLength(1);
    const svg = sceneToSvg(scene, { theme: 'light' });
    expect(svg).toContain('<pattern id="hatch-grid"');
    expect(svg).toContain('fill="url(#hatch-grid)" stroke="#ffffff" stroke-width="0.5"><title>Đà Nẵng: không so sánh được');
  });
});

describe('drawMap', () => {
  it('says a composite index of a former year is drawn on the provinces of 1/7/2025, with the attribution', async () => {
    const scene = drawMap({ data: map, topology: await loadLayer('provinces-34'), width: 608, lang: 'vi' });
    const all = texts(scene.marks).join(' ');
    expect(all).toContain('Năm 2021 vẽ trên 34 tỉnh, thành phố từ 1/7/2025 (Nghị quyết 202/2025/QH15)');
    expect(all).toContain('Ranh giới tỉnh: Vietnamese Provinces Database v4.2.0 (Thang Le Quoc, MIT)');
    expect(all).toContain('Không có số liệu (2): Điện Biên và Lai Châu');
    expect(scene.title).toMatch(/^Chỉ số PCI \(mẫu\), năm 2021: .+ cao nhất, \d\d,\d\d; .+ thấp nhất, \d\d,\d\d; 30\/34 tỉnh, thành phố có số liệu; /);
  });

  it("writes each province's value for the table as its tip does", () => {
    const texts = provinceTexts(map, 'vi');
    expect(texts.get('11')).toBe('không có số liệu');
    expect(texts.get('01')).toMatch(/^\d\d,\d\d điểm$/);
  });
});
