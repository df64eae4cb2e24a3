import { afterEach, describe, expect, it } from 'vitest';
import '../../src/index.ts';
import { drawChart } from '@chiso/charts/draw-chart';
import { drawKpi } from '@chiso/charts/draw-kpi';
import { drawMap } from '@chiso/charts/draw-map';
import { loadLayer } from '@chiso/charts/map/layers';
import { drawRanking } from '@chiso/charts/draw-ranking';
import { drawShare } from '@chiso/charts/draw-share';
import { resolvePaint } from '@chiso/charts/paint';
import type { Scene } from '@chiso/charts/scene';
import { sceneToSvg } from '@chiso/charts/scene-to-svg';
import { tableCells } from '@chiso/charts/table-cells';
import * as fixtures from '../../../charts/tests/fixtures.ts';
import { inline } from './fixtures.ts';
import { $, ready, waitFor } from './helpers.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

const GEOMETRY = [
  'x',
  'y',
  'width',
  'height',
  'd',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'transform',
  'font-size',
  'font-weight',
  'text-anchor',
  'fill',
  'stroke',
  'stroke-width',
  'fill-opacity',
];

/**
 * What an SVG draws, as comparable lines: each element's name, geometry, text and colour, the
 * element's `var(--chiso-x)` read as the light theme's colour. Lit's comments and the defs are
 * left out; the defs are checked by their use (`url(#hatch-…)`).
 */
function describeMarks(root: Element): string[] {
  const out: string[] = [];
  const walk = (node: Element) => {
    for (const child of node.children) {
      if (['defs', 'title', 'desc'].includes(child.localName) || child.getAttribute('class') === 'background') continue;
      const attrs = GEOMETRY.filter((a) => child.hasAttribute(a)).map(
        (a) => `${a}=${child.getAttribute(a)!.replace(/var\(--chiso-([\w-]+)\)/g, (_, t: string) => resolvePaint(t, 'light'))}`,
      );
      out.push(
        `${child.localName}.${
          child
            .getAttribute('class')
            ?.replace(/\s*active/, '')
            .trim() ?? ''
        } ${attrs.join(' ')}${child.localName === 'text' ? ` "${child.textContent}"` : ''}`,
      );
      if (child.localName === 'g') walk(child);
    }
  };
  walk(root);
  return out;
}

/** The image's drawing of the same scene (sceneToSvg, the gateway's images), parsed as the browser parses it. */
const imageOf = (scene: Scene) => new DOMParser().parseFromString(sceneToSvg(scene, { theme: 'light' }), 'image/svg+xml').documentElement;

describe.each([375, 1280])('element and image draw the same marks at %i px', (page) => {
  const width = page - 32;
  /** The element alone on the page, in a container of the page's width, once drawn at its width. */
  const show = async (markup: string, drawn: (el: HTMLElement) => boolean) => {
    document.body.innerHTML = '';
    const host = document.createElement('div');
    host.style.width = `${page}px`;
    host.innerHTML = markup;
    document.body.append(host);
    const el = host.firstElementChild as HTMLElement;
    await waitFor(() => ready(el) && drawn(el));
    return el;
  };
  const compare = async (markup: string, scene: Scene) => {
    const el = await show(markup, (e) => $(e, 'svg[part="chart"]')?.getAttribute('width') === String(width));
    const drawn = $(el, 'svg[part="chart"]')!;
    expect(describeMarks(drawn)).toEqual(describeMarks(imageOf(scene)));
    expect(drawn.getAttribute('aria-label')).toBe(scene.title);
  };

  it.each(['line', 'column', 'bar', 'area'] as const)('chart: %s', async (type) => {
    await compare(
      `<chiso-chart type="${type}" theme="light">${inline(fixtures.series)}</chiso-chart>`,
      drawChart({ data: fixtures.series, type, width, lang: 'vi', title: 'Hồ sơ tiếp nhận' }),
    );
  });

  it('kpi', async () => {
    await compare(`<chiso-kpi theme="light">${inline(fixtures.kpi)}</chiso-kpi>`, drawKpi({ data: fixtures.kpi, width, lang: 'vi' }));
  });

  it('ranking', async () => {
    await compare(
      `<chiso-ranking region="49" theme="light">${inline(fixtures.ranking)}</chiso-ranking>`,
      drawRanking({ data: fixtures.ranking, width, lang: 'vi', highlight: '49' }),
    );
  });

  it.each(['bar', 'donut'])('share: %s', async (type) => {
    await compare(
      `<chiso-share type="${type}" theme="light">${inline(fixtures.share)}</chiso-share>`,
      drawShare({ data: fixtures.share, width, lang: 'vi', type }),
    );
  });

  it('map: the provinces, outline, legend, notes and attribution, and the same text at each province', async () => {
    const markup = `<chiso-map region="01" theme="light">${inline(fixtures.map)}</chiso-map>`;
    const scene = drawMap({ data: fixtures.map, topology: await loadLayer('provinces-34'), width, lang: 'vi', highlight: '01' });
    await compare(markup, scene);
    const el = document.querySelector('chiso-map')!;
    const image = imageOf(scene);
    const tips = (root: ParentNode, name: (p: Element) => string | null) => [...root.querySelectorAll('path.province')].map(name);
    // The element names each province by the text the image's <title> holds (and a pointer shows).
    expect(tips(el.shadowRoot!, (p) => p.getAttribute('aria-label'))).toEqual(tips(image, (p) => p.querySelector('title')!.textContent));
    expect(tips(image, (p) => p.querySelector('title')!.textContent)).toContain(
      'Đà Nẵng: không so sánh được: chỉ số tổng hợp của các tỉnh cũ không cộng gộp được (Đà Nẵng và Quảng Nam)',
    );
  });

  it('table: the cells of the table image', async () => {
    const el = await show(`<chiso-table theme="light">${inline(fixtures.series)}</chiso-table>`, () => true);
    const { header, rows } = tableCells(fixtures.series, 'vi');
    expect([...el.shadowRoot!.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(header);
    expect([...el.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent))).toEqual(
      rows.map((r) => [r.label, ...r.cells]),
    );
  });
});
