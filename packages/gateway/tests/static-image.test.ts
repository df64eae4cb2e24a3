import { Resvg } from '@resvg/resvg-js';
import { afterAll, describe, expect, it } from 'vitest';
import type { WidgetData } from '@chiso/charts/widget-data';
import { palette } from '@chiso/charts/palette';
import { drawChart } from '@chiso/charts/draw-chart';
import { drawKpi } from '@chiso/charts/draw-kpi';
import { drawMap } from '@chiso/charts/draw-map';
import { drawRanking } from '@chiso/charts/draw-ranking';
import { drawShare } from '@chiso/charts/draw-share';
import { drawTable, TABLE_IMAGE_ROWS } from '@chiso/charts/draw-table';
import { marksToSvg } from '@chiso/charts/scene-to-svg';
import { imageScene, mapBoundaries, renderImageSvg, svgToPng, svgToPngAsync, type StaticImageOptions } from '../src/embed/static-image.ts';
import { closePngWorkers, imageFonts } from '../src/embed/png.ts';
import * as fixtures from '../../charts/tests/fixtures.ts';

const TYPES = ['line', 'column', 'bar', 'area'] as const;
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const QUANG_NAM = [4100, 4350, 4800, 5200, 4950, 5100];
const DA_NANG = [3900, 4000, 4600, 4700, 5000, 4800];

function month(m: number, lang: 'vi' | 'en') {
  const mm = String(m).padStart(2, '0');
  return {
    code: `2021-${mm}`,
    start: `2021-${mm}-01`,
    end: `2021-${mm}-${m === 2 ? 28 : 30}`,
    label: lang === 'vi' ? `Tháng ${m}/2021` : `${MONTHS_EN[m - 1]} 2021`,
  };
}

/** Dossiers received in Quảng Nam and Đà Nẵng, January to June 2021, as the widgets get them. */
function dossiers(lang: 'vi' | 'en', values: number[][] = [QUANG_NAM, DA_NANG]): WidgetData {
  const names = ['Quảng Nam', 'Đà Nẵng'];
  return {
    indicator: {
      slug: 'dossiers_received',
      name: 'Hồ sơ tiếp nhận',
      displayUnit: lang === 'vi' ? 'hồ sơ' : 'dossiers',
      format: { unit: { code: 'dossier', symbol: null, nameVi: 'hồ sơ', nameEn: 'dossiers' }, scaleExponent: 0, decimals: 0 },
      direction: 'NEUTRAL',
    },
    series: values.map((vs, si) => ({
      key: ['49', '48'][si]!,
      name: names[si]!,
      points: vs.map((value, i) => ({ period: month((i % 12) + 1, lang), value })),
    })),
    sources: [{ publisher: 'Người Lao Động', title: 'Quảng Nam tiếp nhận hơn 30 nghìn hồ sơ', url: null, publishedAt: '2021-10-10' }],
  };
}

const render = (options: Partial<StaticImageOptions> & { lang: 'vi' | 'en' }) =>
  renderImageSvg({ element: 'chart', data: dossiers(options.lang), type: 'column', theme: 'light', ...options });
const renderChartSvg = (options: Omit<StaticImageOptions, 'element'>) => renderImageSvg({ element: 'chart', ...options });
const renderTableSvg = (options: Omit<StaticImageOptions, 'element'>) => renderImageSvg({ element: 'table', ...options });

/** resvg parses strictly (roxmltree): it throws on XML that is not well formed. */
const parse = (svg: string) => new Resvg(svg, { font: { loadSystemFonts: false } });
const attrOf = (svg: string, name: string) => new RegExp(`<svg [^>]*?\\b${name}="([^"]*)"`).exec(svg)?.[1];
/** The values written on the marks: value labels, and the last values in the end labels of several lines. */
const valueLabels = (svg: string) => [...svg.matchAll(/<text class="(?:value-label|end-value)"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe.each(TYPES)('renderChartSvg: %s chart', (type) => {
  it('states title, values and source in Vietnamese', async () => {
    const svg = await render({ type, lang: 'vi' });
    expect(svg).toContain('<title>Hồ sơ tiếp nhận</title>');
    expect(svg).toContain('>Tháng 1/2021 – Tháng 6/2021 · hồ sơ</text>');
    // Columns and bars are labelled each; lines of several series only at their ends, so labels do not crowd.
    expect(valueLabels(svg)).toContain(type === 'column' || type === 'bar' ? '5.200' : '5.100');
    expect(valueLabels(svg)).toHaveLength(type === 'column' || type === 'bar' ? 12 : 2);
    expect(svg).toContain('>Nguồn: Người Lao Động (10/10/2021)</text>');
  });

  it('states values and source in English', async () => {
    const svg = await render({ type, lang: 'en' });
    expect(valueLabels(svg)).toContain(type === 'column' || type === 'bar' ? '5,200' : '5,100');
    expect(svg).toContain('>Source: Người Lao Động (10 Oct 2021)</text>');
  });

  it('is a standalone document with concrete colours and no Lit markers', async () => {
    const svg = await render({ type, lang: 'vi' });
    expect(svg).not.toContain('var(--');
    expect(svg).not.toMatch(/<!--\/?lit|<\?lit|@pointerenter/);
    expect(svg).toContain(`fill="${palette.light.series[0]}"`);
    expect(() => parse(svg)).not.toThrow();
  });

  it('has the width asked for and a height that fits its content', async () => {
    const svg = await render({ type, lang: 'vi', width: 800 });
    const height = Number(attrOf(svg, 'height'));
    expect(attrOf(svg, 'width')).toBe('800');
    expect(attrOf(svg, 'viewBox')).toBe(`0 0 800 ${height}`);
    expect(height).toBeGreaterThan(260);
    const parsed = parse(svg);
    expect([parsed.width, parsed.height]).toEqual([800, height]);
  });

  it('uses the dark theme colours', async () => {
    const svg = await render({ type, lang: 'vi', theme: 'dark' });
    expect(svg).toContain(`<rect class="background" width="640" height="${attrOf(svg, 'height')}" fill="${palette.dark.background}"/>`);
    expect(svg).toContain(palette.dark.series[0]);
    expect(svg).not.toContain(palette.light.background);
  });
});

describe('renderChartSvg', () => {
  it('labels every point with its value', async () => {
    const svg = await render({ type: 'column', lang: 'vi' });
    const expected = ['4.100', '4.350', '4.800', '5.200', '4.950', '5.100', '3.900', '4.000', '4.600', '4.700', '5.000', '4.800'];
    expect(valueLabels(svg).sort()).toEqual(expected.sort());
  });

  it('labels only the last point of each line beyond 12 points', async () => {
    const long = (base: number) => Array.from({ length: 14 }, (_, i) => base + i * 10);
    const data = dossiers('vi', [long(4000), long(3000)]);
    // Fourteen months: the last two fall in 2022's January and February codes.
    data.series.forEach((s) => {
      s.points.forEach((p, i) => {
        p.period = {
          ...p.period,
          code: `m${i}`,
          start: `${2021 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`,
          end: `${2021 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-28`,
        };
      });
    });
    const svg = await renderChartSvg({ data, type: 'line', lang: 'vi', theme: 'light' });
    expect(valueLabels(svg)).toEqual(['4.130', '3.130']);
  });

  it('names one region in the title, and takes a given title', async () => {
    const one = dossiers('vi', [QUANG_NAM]);
    expect(await renderChartSvg({ data: one, type: 'line', lang: 'vi', theme: 'light' })).toContain('<title>Hồ sơ tiếp nhận – Quảng Nam</title>');
    const own = await renderChartSvg({ data: one, type: 'line', lang: 'vi', theme: 'light', title: 'Tỷ lệ hồ sơ <đúng hạn> & "trước hạn"' });
    expect(own).toContain('<title>Tỷ lệ hồ sơ &lt;đúng hạn&gt; &amp; &quot;trước hạn&quot;</title>');
    expect(() => parse(own)).not.toThrow();
  });

  it('names the series of a column chart in a legend', async () => {
    const svg = await render({ type: 'column', lang: 'vi' });
    expect(svg).toMatch(/<text class="legend-label"[^>]*>Quảng Nam<\/text>.*<text class="legend-label"[^>]*>Đà Nẵng<\/text>/s);
  });

  it.each([
    ['vi', /Không có số liệu/i],
    ['en', /No data/i],
  ] as const)('says there is no data (%s) instead of throwing', async (lang, words) => {
    for (const series of [
      [],
      [{ key: '49', name: 'Quảng Nam', points: [] }],
      [{ key: '49', name: 'Quảng Nam', points: [{ period: month(1, lang), value: null }] }],
    ]) {
      const svg = await renderChartSvg({ data: { ...dossiers(lang), series }, type: 'column', lang, theme: 'light' });
      expect(svg).toMatch(words);
      expect(valueLabels(svg)).toEqual([]);
      expect(svg).not.toContain('var(--');
      expect(() => parse(svg)).not.toThrow();
    }
  });
});

/** The PNG's RGBA pixels, decoded by resvg drawing it as an <image> at its own size. */
function decodePng(png: Buffer, width: number, height: number): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
  return new Resvg(svg, { font: { loadSystemFonts: false } }).render().pixels;
}

/** How many pixels are within `tolerance` of a #rrggbb colour on each channel. */
function countColor(pixels: Buffer, hex: string, tolerance = 0): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    if (Math.abs(pixels[i]! - r!) <= tolerance && Math.abs(pixels[i + 1]! - g!) <= tolerance && Math.abs(pixels[i + 2]! - b!) <= tolerance) n += 1;
  }
  return n;
}

describe('renderTableSvg', () => {
  const texts = (svg: string) => [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

  it('draws one row per period, oldest first, and one column per region, as <chiso-table> does', () => {
    const svg = renderTableSvg({ data: dossiers('vi'), lang: 'vi', theme: 'light' });
    expect(() => parse(svg)).not.toThrow();
    const t = texts(svg);
    expect(t.slice(0, 5)).toEqual(['Hồ sơ tiếp nhận', 'hồ sơ', 'Kỳ', 'Quảng Nam', 'Đà Nẵng']);
    expect(t.slice(5, 8)).toEqual(['Tháng 1/2021', '4.100\u00a0hồ\u00a0sơ', '3.900\u00a0hồ\u00a0sơ']);
    expect(t.slice(-4)).toEqual(['Tháng 6/2021', '5.100\u00a0hồ\u00a0sơ', '4.800\u00a0hồ\u00a0sơ', 'Nguồn: Người Lao Động (10/10/2021)']);
    // Values are right-aligned at their column's edge.
    expect(svg).toMatch(/text-anchor="end"[^>]*>4\.100\u00a0hồ\u00a0sơ<\/text>/);
  });

  it('speaks English, marks a missing value with a dash, and uses the dark theme', () => {
    const data = dossiers('en');
    data.series[1]!.points.splice(2, 1);
    const svg = renderTableSvg({ data, lang: 'en', theme: 'dark', title: 'Dossiers received' });
    const t = texts(svg);
    expect(t.slice(0, 3)).toEqual(['Dossiers received', 'dossiers', 'Period']);
    expect(t.slice(11, 14)).toEqual(['Mar 2021', '4,800\u00a0dossiers', '–']);
    expect(t.at(-1)).toBe('Source: Người Lao Động (10 Oct 2021)');
    expect(svg).toContain(`fill="${palette.dark.background}"`);
    expect(svg).not.toContain(palette.light.background);
  });

  it('widens the image rather than let the columns of many regions overlap', () => {
    const data = dossiers('vi', [QUANG_NAM, DA_NANG, QUANG_NAM, DA_NANG, QUANG_NAM, DA_NANG]);
    data.series.forEach((s, i) => {
      Object.assign(s, { key: String(i), name: ['Quảng Nam', 'Đà Nẵng', 'Thừa Thiên Huế', 'Quảng Ngãi', 'Bình Định', 'Kon Tum'][i] });
    });
    const svg = renderTableSvg({ data, lang: 'vi', theme: 'light' });
    expect(Number(attrOf(svg, 'width'))).toBeGreaterThan(640);
    const edges = [...svg.matchAll(/<text class="header" x="([\d.]+)"[^>]*text-anchor="end">/g)].map((m) => Number(m[1]));
    expect(edges).toHaveLength(6);
    // "Thừa Thiên Huế" in bold at 13 px is about 110 px wide; every column leaves room for it.
    for (let i = 1; i < edges.length; i++) expect(edges[i]! - edges[i - 1]!).toBeGreaterThan(110);
  });

  it('keeps the latest periods of a long series and says how many it left out', () => {
    const long = Array.from({ length: 60 }, (_, i) => 1000 + i);
    const data = dossiers('vi', [long]);
    data.series[0]!.points.forEach((p, i) => {
      const year = 2020 + Math.floor(i / 12);
      const m = String((i % 12) + 1).padStart(2, '0');
      p.period = { code: `${year}-${m}`, start: `${year}-${m}-01`, end: `${year}-${m}-28`, label: `Tháng ${(i % 12) + 1}/${year}` };
    });
    const svg = renderTableSvg({ data, lang: 'vi', theme: 'light' });
    const t = texts(svg);
    expect(t.filter((x) => x.startsWith('Tháng '))).toHaveLength(TABLE_IMAGE_ROWS);
    expect(t).toContain('Tháng 1/2022');
    expect(t).not.toContain('Tháng 12/2021');
    expect(t).toContain('1.059\u00a0hồ\u00a0sơ');
    expect(t).toContain(`${TABLE_IMAGE_ROWS} kỳ gần nhất trong 60 kỳ; tệp CSV có đủ số liệu.`);
    const scene = imageScene({ element: 'table', data, lang: 'vi', theme: 'light' });
    const source = scene.marks.at(-1)!;
    expect(source.type === 'text' && source.text).toBe('Nguồn: Người Lao Động (10/10/2021)');
    expect(scene.height).toBeGreaterThan(source.type === 'text' ? source.y : Infinity);
  });
});

describe('svgToPng', () => {
  it('gives a PNG at twice the SVG size, with the bars and the text drawn', async () => {
    const svg = await render({ type: 'column', lang: 'vi' });
    const png = svgToPng(svg);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR is the first chunk: length (4), "IHDR" (4), then width and height, big-endian.
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBe(2 * 640);
    expect(height).toBe(2 * Number(attrOf(svg, 'height')));

    // Not blank: the first series' solid columns cover a good part of the image (six columns of
    // about 37 × 180 px at 1×), and the title, labels and axis text are drawn in the text and
    // muted colours, which also shows that a font was found.
    const pixels = decodePng(png, width, height);
    const total = width * height;
    expect(countColor(pixels, palette.light.series[0]) / total).toBeGreaterThan(0.05);
    expect(countColor(pixels, palette.light.background) / total).toBeLessThan(0.85);
    expect(countColor(pixels, palette.light.text, 24)).toBeGreaterThan(500);
    expect(countColor(pixels, palette.light.muted, 24)).toBeGreaterThan(500);
  });

  it('draws the Vietnamese text (a title alone is not blank)', async () => {
    const svg = await render({ type: 'line', lang: 'vi', data: { ...dossiers('vi'), series: [], sources: [] } });
    const pixels = decodePng(svgToPng(svg, { scale: 1 }), 640, Number(attrOf(svg, 'height')));
    expect(countColor(pixels, palette.light.text, 24)).toBeGreaterThan(150);
  });

  it('throws on text that is not well-formed SVG', () => {
    expect(() => svgToPng('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')).toThrow();
  });
});

describe('svgToPngAsync', () => {
  afterAll(closePngWorkers);

  it('gives the same PNG as svgToPng, byte for byte', async () => {
    const svg = await render({ type: 'line', lang: 'vi' });
    const png = await svgToPngAsync(svg);
    expect(png.equals(svgToPng(svg))).toBe(true);
  });

  it('keeps the event loop ticking while it draws', async () => {
    // A large image (3,840 px wide) takes long enough to draw that a blocked loop would show.
    const svg = await render({ type: 'column', lang: 'vi' });
    const ticksDuring = async (draw: () => unknown) => {
      const ticks: number[] = [];
      const timer = setInterval(() => ticks.push(performance.now()), 2);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const start = performance.now();
      await draw();
      const end = performance.now();
      clearInterval(timer);
      const inside = ticks.filter((t) => t > start && t < end);
      const gaps = [start, ...inside, end].slice(1).map((t, i, all) => t - (i === 0 ? start : all[i - 1]!));
      return { duration: end - start, ticks: inside.length, longestGap: Math.max(...gaps) };
    };
    // The measurement sees a blocked loop: drawn on this thread, no timer fires until it is done.
    const blocking = await ticksDuring(() => svgToPng(svg, { scale: 6 }));
    expect(blocking.ticks).toBe(0);
    await svgToPngAsync(svg, { scale: 1 }); // a worker thread started and loaded
    const async = await ticksDuring(() => svgToPngAsync(svg, { scale: 6 }));
    // Bounds relative to the drawing's own duration, whatever the machine's speed. The longest
    // pause is scheduling noise (about 2 % measured); encoding the PNG on this thread after
    // rasterising elsewhere (resvg-js's renderAsync + asPng) pauses the loop for about 18 %.
    expect(async.ticks).toBeGreaterThanOrEqual(10);
    expect(async.longestGap).toBeLessThan(async.duration / 10);
  });

  it('rejects text that is not well-formed SVG', async () => {
    await expect(svgToPngAsync('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')).rejects.toThrow();
  });
});

describe('imageFonts', () => {
  it('loads the files of one installed family, not every system font', () => {
    const fonts = imageFonts();
    expect(fonts.loadSystemFonts).toBe(false);
    expect(fonts.defaultFontFamily).toBe('DejaVu Sans');
    expect(fonts.fontFiles?.map((f) => f.split('/').at(-1))).toContain('DejaVuSans.ttf');
    expect(fonts.fontFiles?.map((f) => f.split('/').at(-1))).toContain('DejaVuSans-Bold.ttf');
  });
});

describe('one drawing for the element and the image', () => {
  const width = 640;
  const body = width - 32;
  const cases = [
    [
      'chart (column)',
      { element: 'chart', data: fixtures.series, type: 'column' },
      drawChart({ data: fixtures.series, type: 'column', width: body, lang: 'vi', title: 'Hồ sơ tiếp nhận' }),
    ],
    [
      'chart (line)',
      { element: 'chart', data: fixtures.series, type: 'line' },
      drawChart({ data: fixtures.series, type: 'line', width: body, lang: 'vi', title: 'Hồ sơ tiếp nhận' }),
    ],
    ['kpi', { element: 'kpi', data: fixtures.kpi }, drawKpi({ data: fixtures.kpi, width: body, lang: 'vi' })],
    [
      'ranking',
      { element: 'ranking', data: fixtures.ranking, highlight: '49' },
      drawRanking({ data: fixtures.ranking, width: body, lang: 'vi', highlight: '49' }),
    ],
    ['share (donut)', { element: 'share', data: fixtures.share, type: 'donut' }, drawShare({ data: fixtures.share, width: body, lang: 'vi', type: 'donut' })],
    ['table', { element: 'table', data: fixtures.series }, drawTable({ data: fixtures.series, width: body, lang: 'vi' })],
  ] as const;

  it.each(cases)("the %s image holds exactly the marks of the element's drawing", (_, options, scene) => {
    const image = renderImageSvg({ lang: 'vi', theme: 'light', title: 'Hồ sơ tiếp nhận', ...options } as StaticImageOptions);
    const marks = /<g class="body" transform="translate\(16,[\d.]+\)">([\s\S]*)<\/g>\n/.exec(image)![1]!;
    expect(marks).toBe(marksToSvg(scene.marks, 'light'));
    expect(() => parse(image)).not.toThrow();
  });

  it("the map image holds exactly the marks of the element's drawing, on the boundaries of its day", async () => {
    const topology = await mapBoundaries(fixtures.map);
    const image = renderImageSvg({ element: 'map', data: fixtures.map, lang: 'vi', theme: 'light', highlight: '01', topology });
    const marks = /<g class="body" transform="translate\(16,[\d.]+\)">([\s\S]*)<\/g>\n/.exec(image)![1]!;
    expect(marks).toBe(marksToSvg(drawMap({ data: fixtures.map, topology, width: body, lang: 'vi', highlight: '01' }).marks, 'light'));
    expect(image).toMatch(/<desc>Chỉ số PCI \(mẫu\), năm 2021: [^<]+; 30\/34 tỉnh, thành phố có số liệu; /);
    expect(marks.match(/<path class="province"/g)).toHaveLength(34);
    expect(() => parse(image)).not.toThrow();
  });

  it('says what a map image lacks without its boundaries', () => {
    expect(() => renderImageSvg({ element: 'map', data: fixtures.map, lang: 'vi', theme: 'light' })).toThrow(
      'a map image needs its boundaries: pass topology (mapBoundaries(data))',
    );
  });
});

describe('images read as a newsroom expects', () => {
  it("writes the chart's notes under the drawing, wrapped, escaped", () => {
    const notes = 'Số liệu 9 tháng năm 2021 do Sở Nội vụ công bố; <tạm tính> & chưa kiểm toán.\nQuảng Ngãi chưa công bố.';
    const svg = renderImageSvg({ element: 'chart', data: fixtures.series, type: 'column', lang: 'vi', theme: 'light', notes, width: 400 });
    const lines = [...svg.matchAll(/<text class="notes"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(lines.join(' ')).toBe('Số liệu 9 tháng năm 2021 do Sở Nội vụ công bố; &lt;tạm tính&gt; &amp; chưa kiểm toán. Quảng Ngãi chưa công bố.');
    expect(lines.length).toBeGreaterThan(2);
    expect(svg.indexOf('class="notes"')).toBeLessThan(svg.indexOf('class="source"'));
  });

  it('names a series without data in the legend of a column chart', () => {
    const svg = renderImageSvg({ element: 'chart', data: fixtures.series, type: 'column', lang: 'vi', theme: 'light' });
    const legend = [...svg.matchAll(/<text class="legend-label"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(legend).toEqual(['Quảng Nam', 'Đà Nẵng', 'Quảng Ngãi: không có số liệu']);
  });

  it.each([400, 640])('stays readable when a phone shows it 340 px wide (width %i)', (width) => {
    const svg = renderImageSvg({ element: 'chart', data: fixtures.series, type: 'line', lang: 'vi', theme: 'light', width });
    expect(attrOf(svg, 'width')).toBe(String(width));
    const sizes = [...svg.matchAll(/<text [^>]*font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
    const smallest = Math.min(...sizes) * (340 / width);
    // A narrow image (the phone's variant, ?width=400) keeps every text at 10 px or more on the phone.
    if (width === 400) expect(smallest).toBeGreaterThanOrEqual(10);
    else expect(smallest).toBeLessThan(10); // why the narrow variant exists
  });
});
