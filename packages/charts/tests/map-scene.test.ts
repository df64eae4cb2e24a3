import { describe, expect, it } from 'vitest';
import { loadLayer } from '../src/map/layers.ts';
import type { MapInput, ProvinceValue } from '../src/map/map-input.ts';
import { mapScene } from '../src/map/map-scene.ts';
import { mapSvg } from '../src/map/map-svg.ts';
import type { Mark } from '../src/scene.ts';

const input = async (provinces: (all: Array<{ code: string; name: string }>) => ProvinceValue[], extra: Partial<MapInput> = {}): Promise<MapInput> => {
  const topology = await loadLayer('provinces-34');
  const all = (topology.objects.provinces as unknown as { geometries: Array<{ id: string; properties: { name: string } }> }).geometries.map((g) => ({ code: g.id, name: g.properties.name }));
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

describe('mapScene', () => {
  it('draws one province per feature, hatches those without data and names them, north to south for the keyboard', async () => {
    const data = await input((all) => all.map((p, i) => ({ ...p, value: p.code === '48' ? null : 50 + i })));
    const { scene, spots } = mapScene(data, 640);
    const provinces = flat(scene.marks).filter((m) => m.className === 'province');
    expect(provinces).toHaveLength(34);
    expect(provinces.filter((m) => m.type === 'path' && m.hatch).map((m) => m.key)).toEqual(['48']);
    expect(texts(scene.marks)).toContain('Không có số liệu (1): Đà Nẵng');
    expect(spots[0]!.name).toBe('Cao Bằng');
    expect(spots.at(-1)!.name).toBe('Cà Mau');
    const last = data.provinces.at(-1)!;
    expect(scene.title).toBe(`PCI, năm 2021: ${last.name} cao nhất, ${last.value},00; Hà Nội thấp nhất, 50,00; 33/34 tỉnh, thành phố có số liệu; không có số liệu: Đà Nẵng.`);
  });

  it('puts the legend beside the map from 600 px and under it below', async () => {
    const data = await input((all) => all.map((p, i) => ({ ...p, value: i })));
    const swatch = (width: number) => flat(mapScene(data, width).scene.marks).find((m) => m.className === 'swatch') as { x: number; y: number };
    expect(swatch(1000).x).toBeGreaterThan(500);
    expect(swatch(343).x).toBeLessThan(20);
    expect(swatch(343).y).toBeGreaterThan(300);
  });

  it('explains a break apart from missing data, and outlines the page\'s province', async () => {
    const data = await input((all) => all.map((p) => (p.code === '48' ? { ...p, value: null, break: true, composedOf: ['Đà Nẵng', 'Quảng Nam'] } : { ...p, value: 60 })), { highlight: '48' });
    const { scene, spots } = mapScene(data, 640);
    expect(spots.find((s) => s.code === '48')!.tip).toBe('Đà Nẵng: không so sánh được: chỉ số tổng hợp của các tỉnh cũ không cộng gộp được (Đà Nẵng và Quảng Nam)');
    expect(texts(scene.marks).join(' ')).toContain('Không so sánh được (1), tỉnh, thành phố sáp nhập: chỉ số tổng hợp không cộng gộp, không lấy trung bình: Đà Nẵng');
    expect(flat(scene.marks).filter((m) => m.className === 'highlight')).toHaveLength(1);
    const svg = mapSvg(scene, { focusable: false });
    expect(svg).toContain('<pattern id="chiso-hatch-');
    expect(svg).toContain('<title>Đà Nẵng: không so sánh được');
  });
});
