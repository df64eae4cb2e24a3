import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Resvg as ResvgClass, ResvgRenderOptions } from '@resvg/resvg-js';
import type { Piscina } from 'piscina';

type FontOptions = NonNullable<ResvgRenderOptions['font']>;

/**
 * The families the images may be drawn in, in the order the SVGs name them ("DejaVu Sans, Arial,
 * sans-serif"; Liberation Sans is Arial's metric twin on Linux), with the file names their makers
 * ship. DejaVu Sans is Debian's default sans-serif and has every Vietnamese letter.
 */
const FAMILIES = [
  { family: 'DejaVu Sans', files: ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf'] },
  {
    family: 'Arial',
    files: ['Arial.ttf', 'Arial Bold.ttf', 'Arial Italic.ttf', 'Arial Bold Italic.ttf', 'arial.ttf', 'arialbd.ttf', 'ariali.ttf', 'arialbi.ttf'],
  },
  { family: 'Liberation Sans', files: ['LiberationSans-Regular.ttf', 'LiberationSans-Bold.ttf', 'LiberationSans-Italic.ttf', 'LiberationSans-BoldItalic.ttf'] },
];

/** Where fontdb's `load_system_fonts` looks, on Linux, macOS and Windows. */
function systemFontDirs(): string[] {
  const home = os.homedir();
  const windows = process.env.WINDIR ?? 'C:\\Windows';
  return [
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    path.join(home, '.fonts'),
    path.join(home, '.local/share/fonts'),
    '/Library/Fonts',
    '/System/Library/Fonts',
    path.join(home, 'Library/Fonts'),
    path.join(windows, 'Fonts'),
    ...(process.env.LOCALAPPDATA ? [path.join(process.env.LOCALAPPDATA, 'Microsoft/Windows/Fonts')] : []),
  ];
}

let fonts: FontOptions | undefined;

/**
 * The font files of the first family above that is installed, found once per process. resvg-js
 * has no font database that outlives a render (thx/resvg-js#215): each render builds one from its
 * options, and with `loadSystemFonts` that means scanning every font directory and parsing every
 * font installed. Naming the few files of one family instead makes each render read only those
 * (from the page cache). Where none of these families is installed, the system's fonts are
 * scanned as before, so text is still drawn in whatever sans-serif font there is.
 */
export function imageFonts(): FontOptions {
  if (fonts) return fonts;
  const found = new Map<string, string>();
  for (const dir of systemFontDirs()) {
    let names: string[];
    try {
      names = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' });
    } catch {
      continue;
    }
    for (const name of names) {
      const base = path.basename(name);
      if (!found.has(base)) found.set(base, path.join(dir, name));
    }
  }
  const family = FAMILIES.find((f) => f.files.some((file) => found.has(file)));
  fonts = family
    ? {
        loadSystemFonts: false,
        fontFiles: family.files.flatMap((file) => found.get(file) ?? []),
        defaultFontFamily: family.family,
        sansSerifFamily: family.family,
      }
    : { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' };
  return fonts;
}

function resvgOptions(scale = 2): ResvgRenderOptions {
  return { fitTo: { mode: 'zoom', value: scale }, font: imageFonts(), logLevel: 'off' };
}

let Resvg: typeof ResvgClass | undefined;

/**
 * The SVG as a PNG, rasterised by resvg at `scale` (2 by default, sharp on social cards and
 * high-density screens), in the fonts of {@link imageFonts}. Blocks the calling thread while it
 * draws (tens of milliseconds): servers use {@link svgToPngAsync}.
 * @throws when `svg` is not well-formed XML (resvg parses strictly)
 */
export function svgToPng(svg: string, options: { scale?: number } = {}): Buffer {
  // Required here, at the first image drawn on this thread (tests, benchmarks), not at start: the
  // server draws on the pool below, whose threads load resvg themselves (png-worker.mjs).
  Resvg ??= (createRequire(import.meta.url)('@resvg/resvg-js') as { Resvg: typeof ResvgClass }).Resvg;
  return new Resvg(svg, resvgOptions(options.scale)).render().asPng();
}

let pool: Piscina | undefined;

/**
 * svgToPng on a pool of worker threads (piscina, one thread per core, started at the first image
 * and kept a minute after the last): parsing, rasterising and PNG encoding all happen off the event
 * loop, so HTTP, caching and other requests keep answering while images are drawn. resvg-js's own
 * `renderAsync` is not enough: it rasterises on libuv's pool but `asPng()` then encodes on the
 * calling thread, about half of the time.
 * @throws (rejects) when `svg` is not well-formed XML
 */
export async function svgToPngAsync(svg: string, options: { scale?: number } = {}): Promise<Buffer> {
  // piscina is loaded with the first image too, not at start.
  const { Piscina } = await import('piscina');
  pool ??= new Piscina({
    filename: new URL('./png-worker.mjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: os.availableParallelism(),
    idleTimeout: 60_000,
  });
  const png: Uint8Array = await pool.run({ svg, options: resvgOptions(options.scale) });
  return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
}

/** Stops the image threads (they do not keep a process alive while idle; this ends them at once). */
export async function closePngWorkers(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.destroy();
}
