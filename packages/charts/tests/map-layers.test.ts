import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layerOn, loadLayer, provinceLayers } from '../src/map/layers.ts';

interface ProvinceSet {
  validFrom: string | null;
  validTo: string | null;
  provinces: Array<{ code: string; nameVi: string }>;
}
const regions = JSON.parse(fs.readFileSync(new URL('../../../prisma/data/regions.json', import.meta.url), 'utf8')) as { provinceSets: ProvinceSet[] };

describe('province layers', () => {
  it('draws the 63 provinces until 2025-06-30 and the 34 from 2025-07-01', async () => {
    expect(layerOn('2021-12-31').id).toBe('provinces-63');
    expect(layerOn('2025-06-30').id).toBe('provinces-63');
    expect(layerOn('2025-07-01').id).toBe('provinces-34');
    expect(layerOn('2026-12-02').id).toBe('provinces-34');
    expect(() => layerOn('1/7/2025')).toThrow(/ISO date/);
  });

  it.each(provinceLayers.map((l) => [l.id, l] as const))(
    '%s has exactly one feature for every province of its period, by chiso code and name',
    async (_id, layer) => {
      const set = regions.provinceSets.find((s) => s.validFrom === layer.validFrom && s.validTo === layer.validTo)!;
      expect(set, `no province set ${layer.validFrom}–${layer.validTo} in regions.json`).toBeDefined();
      const topology = await loadLayer(layer.id);
      const geometries = (topology.objects.provinces as unknown as { geometries: Array<{ id: string; properties: { name: string } }> }).geometries;
      const byCode = new Map<string, number>();
      for (const g of geometries) byCode.set(g.id, (byCode.get(g.id) ?? 0) + 1);
      expect([...byCode.keys()].sort()).toEqual(set.provinces.map((p) => p.code).sort());
      expect([...byCode.values()].every((n) => n === 1)).toBe(true);
      for (const p of set.provinces) expect(geometries.find((g) => g.id === p.code)!.properties.name).toBe(p.nameVi);
    },
  );

  it('ships small geometry: each layer under 25 KB gzip', async () => {
    const { gzipSync } = await import('node:zlib');
    for (const layer of provinceLayers) {
      const raw = fs.readFileSync(new URL(`../geo/${layer.id}.topo.json`, import.meta.url));
      expect(gzipSync(raw, { level: 9 }).length).toBeLessThan(25 * 1024);
    }
  });
});
