import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drawChart, type ChartType } from '../src/draw-chart.ts';
import { drawKpi } from '../src/draw-kpi.ts';
import { drawMap } from '../src/draw-map.ts';
import { loadLayer } from '../src/map/layers.ts';
import { drawRanking } from '../src/draw-ranking.ts';
import { drawShare } from '../src/draw-share.ts';
import { drawTable } from '../src/draw-table.ts';
import type { Scene } from '../src/scene.ts';
import { sceneToSvg } from '../src/scene-to-svg.ts';
import { closeEnds, kpi, map, ranges, ranking, series, share } from './fixtures.ts';

/**
 * Golden SVGs: every element's drawing of the shared fixtures, at a desktop card's width (608 px,
 * a 640 px element less its padding) and a phone's (343 px: 375 less padding). A change to a
 * drawing fails here until the files are rewritten on purpose: UPDATE_GOLDEN=1 pnpm vitest run.
 */
const update = process.env.UPDATE_GOLDEN === '1';
const golden = (name: string, scene: Scene) => {
  const file = new URL(`./golden/${name}.svg`, import.meta.url);
  const svg = sceneToSvg(scene, { theme: 'light', lang: 'vi' });
  if (update || !fs.existsSync(file)) {
    if (!update) throw new Error(`${file.pathname} is missing: write it with UPDATE_GOLDEN=1`);
    fs.mkdirSync(new URL('./golden/', import.meta.url), { recursive: true });
    fs.writeFileSync(file, svg);
  }
  expect(svg).toBe(fs.readFileSync(file, 'utf8'));
};

describe.each([608, 343])('golden drawings at %i px', (width) => {
  it.each(['line', 'column', 'bar', 'area'] as ChartType[])('chart: %s', (type) =>
    golden(`chart-${type}-${width}`, drawChart({ data: series, type, width, lang: 'vi', title: 'Hồ sơ tiếp nhận' })),
  );
  it('chart: lines ending close together, their end labels apart', () =>
    golden(`chart-line-close-ends-${width}`, drawChart({ data: closeEnds, type: 'line', width, lang: 'vi', title: 'Chỉ số PCI (mẫu)' })));
  it('chart: bars of long ranges', () =>
    golden(`chart-bar-ranges-${width}`, drawChart({ data: ranges, type: 'bar', width, lang: 'vi', title: 'Doanh nghiệp thành lập mới – Quảng Nam' })));
  it('kpi', () => golden(`kpi-${width}`, drawKpi({ data: kpi, width, lang: 'vi' })));
  it('ranking', () => golden(`ranking-${width}`, drawRanking({ data: ranking, width, lang: 'vi', highlight: '49' })));
  it('share: bar', () => golden(`share-bar-${width}`, drawShare({ data: share, width, lang: 'vi' })));
  it('share: donut', () => golden(`share-donut-${width}`, drawShare({ data: share, width, lang: 'vi', type: 'donut' })));
  it('table', () => golden(`table-${width}`, drawTable({ data: series, width, lang: 'vi' })));
  it('map', async () => golden(`map-${width}`, drawMap({ data: map, topology: await loadLayer('provinces-34'), width, lang: 'vi', highlight: '01' })));
});
