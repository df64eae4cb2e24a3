/**
 * Per-image cost of a PNG: the same chart (3 series × 24 months, 640 px at 2×) drawn N times.
 * Prints the median time of one image on this thread, in the worker pool one at a time, the
 * throughput of the pool with every core busy, and the longest event-loop pause while it works;
 * and, for comparison, what scanning the system's fonts on every render (resvg-js's default, what
 * the images did before) costs. Prints figures; it is not a test.
 *   pnpm bench:png [-- --images 40]
 * With `--served`: a cached image served by the built gateway under load instead (bench-png/served.ts).
 *   pnpm --filter @chiso/gateway build && pnpm bench:png -- --served [--connections 50] [--seconds 3]
 */
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Resvg } from '@resvg/resvg-js';
import type { WidgetData } from '@chiso/charts/widget-data';
import { closePngWorkers, imageFonts, svgToPng, svgToPngAsync } from '../src/embed/png.ts';
import { renderImageSvg } from '../src/embed/static-image.ts';
import { median } from './bench-serve/load.ts';
import { benchServed } from './bench-png/served.ts';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    images: { type: 'string', default: '40' },
    served: { type: 'boolean', default: false },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '3' },
  },
});
if (values.served) {
  const [connections, seconds] = [Number(values.connections), Number(values.seconds)];
  if (!Number.isInteger(connections) || connections < 1 || !(seconds > 0))
    throw new Error('--connections needs a positive whole number and --seconds a positive number');
  await benchServed({ connections, seconds });
  process.exit(0);
}
const N = Number(values.images);
if (!Number.isInteger(N) || N < 1) throw new Error(`--images needs a positive whole number (got "${values.images}")`);

const months = Array.from({ length: 24 }, (_, i) => {
  const y = 2023 + Math.floor(i / 12);
  const m = String((i % 12) + 1).padStart(2, '0');
  return { code: `${y}-${m}`, start: `${y}-${m}-01`, end: `${y}-${m}-28`, label: `Tháng ${(i % 12) + 1}/${y}` };
});
const data: WidgetData = {
  indicator: {
    slug: 'dossiers_received',
    name: 'Hồ sơ tiếp nhận',
    displayUnit: 'hồ sơ',
    direction: 'NEUTRAL',
    format: { unit: { code: 'dossier', symbol: null, nameVi: 'hồ sơ', nameEn: 'dossiers' }, scaleExponent: 0, decimals: 0 },
  },
  series: ['Quảng Nam', 'Đà Nẵng', 'Thừa Thiên Huế'].map((name, s) => ({
    key: String(49 - s),
    name,
    points: months.map((period, i) => ({ period, value: 4000 + s * 350 + ((i * 137) % 900) })),
  })),
  sources: [{ publisher: 'Người Lao Động', title: 'Hồ sơ tiếp nhận', url: null, publishedAt: '2021-10-10' }],
};
const svg = renderImageSvg({ element: 'chart', data, type: 'line', lang: 'vi', theme: 'light' });

const systemFonts = { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' };
console.log(`fonts: ${imageFonts().fontFiles?.join(', ') ?? 'the system fonts (none of the named families found)'}`);
const variants: Array<[string, () => unknown]> = [
  [
    'one PNG, system fonts scanned per render (before)',
    () => new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: systemFonts, logLevel: 'off' }).render().asPng(),
  ],
  ["one PNG on this thread, one family's files (svgToPng)", () => svgToPng(svg)],
  ['one PNG in the worker pool, one at a time (svgToPngAsync)', () => svgToPngAsync(svg)],
];
// Interleaved, so that a change in the machine's load falls on every variant alike.
const times: number[][] = variants.map(() => []);
for (const [, draw] of variants) await draw(); // warm
for (let i = 0; i < N; i++) {
  for (const [v, [, draw]] of variants.entries()) {
    const t = performance.now();
    await draw();
    times[v]!.push(performance.now() - t);
  }
}
variants.forEach(([label], v) => {
  console.log(`${label.padEnd(58)} ${median(times[v]!).toFixed(1)} ms median of ${N}`);
});

for (const [label, draw] of [
  [
    'this thread',
    async () => {
      for (let i = 0; i < N; i++) svgToPng(svg);
    },
  ],
  [`the worker pool (${os.availableParallelism()} threads)`, () => Promise.all(Array.from({ length: N }, () => svgToPngAsync(svg)))],
] as const) {
  await Promise.all(Array.from({ length: os.availableParallelism() }, () => svgToPngAsync(svg))); // every thread started
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  await new Promise((resolve) => setTimeout(resolve, 20)); // the monitor's first sample only starts its clock
  const t = performance.now();
  await draw();
  const seconds = (performance.now() - t) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 20)); // the timer that was held up reports its delay
  delay.disable();
  console.log(`${N} PNGs at once on ${label}: ${(N / seconds).toFixed(1)} images/s, longest event-loop pause ${(delay.max / 1e6).toFixed(0)} ms`);
}
await closePngWorkers();
