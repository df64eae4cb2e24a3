import type { Topology } from 'topojson-specification';

/**
 * The province boundaries the maps draw: one layer for each set of provinces, with the days it is
 * valid (inclusive, ISO). The 63 provinces end on 2025-06-30, the 34 of Resolution 202/2025/QH15
 * start on 2025-07-01, as the gateway's regions do. Each layer's features carry the chiso region
 * code as `id` (tests/map-layers.test.ts checks them against prisma/data/regions.json).
 * Source, licence and processing: geo/SOURCES.md.
 */
export interface ProvinceLayer {
  id: 'provinces-63' | 'provinces-34';
  validFrom: string | null;
  validTo: string | null;
  /** The act that set up these provinces, said in notes. */
  basis: string | null;
}

export const provinceLayers: readonly ProvinceLayer[] = [
  { id: 'provinces-63', validFrom: null, validTo: '2025-06-30', basis: null },
  { id: 'provinces-34', validFrom: '2025-07-01', validTo: null, basis: 'Nghị quyết 202/2025/QH15' },
];

/** The attribution the map prints under every drawing (geo/SOURCES.md). */
export const boundaryAttribution = {
  vi: 'Ranh giới tỉnh: Vietnamese Provinces Database v4.2.0 (Thang Le Quoc, MIT), theo Bản đồ đơn vị hành chính (sapnhap.bando.com.vn), NXB Tài nguyên – Môi trường và Bản đồ Việt Nam; đã đơn giản hóa.',
  en: 'Province boundaries: Vietnamese Provinces Database v4.2.0 (Thang Le Quoc, MIT), based on the Vietnam Administrative Units Reference Map (sapnhap.bando.com.vn), Vietnam Natural Resources, Environment and Cartography Publishing House; simplified.',
} as const;

/** The layer of the provinces valid on `day` (ISO date). */
export function layerOn(day: string): ProvinceLayer {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`"${day}" is not an ISO date: write the map's date like 2025-07-01`);
  return provinceLayers.find((l) => (l.validFrom === null || l.validFrom <= day) && (l.validTo === null || day <= l.validTo))!;
}

/**
 * The layer's TopoJSON, loaded on demand: each file is a chunk of its own (a dynamic import), so
 * that neither is in a page's bundle until a map needs it. Without `with { type: 'json' }`, which
 * plain Node asks of a JSON module: Vite's dev server fails a dynamic import that carries it
 * (vitejs/vite#19095). Bundlers (Vite, esbuild) and tsx import these files as they are.
 */
export async function loadLayer(id: ProvinceLayer['id']): Promise<Topology> {
  const module = id === 'provinces-63' ? await import('../../geo/provinces-63.topo.json') : await import('../../geo/provinces-34.topo.json');
  return module.default as unknown as Topology;
}

/** The TopoJSON of a layer, as loadLayer gives it. */
export type { Topology };
