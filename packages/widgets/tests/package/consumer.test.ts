/**
 * @chiso/widgets as a site that bundles it gets it: package.json's exports, the declarations and
 * sideEffects, through a consumer project in a temporary folder inside the package (its
 * node_modules/@chiso/widgets links to this package), removed afterwards.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { widgetsDir } from './source-facts.ts';

const consumer = fs.mkdtempSync(path.join(widgetsDir, '.consumer-'));
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(consumer, file)), { recursive: true });
  fs.writeFileSync(path.join(consumer, file), text);
};

beforeAll(() => {
  fs.mkdirSync(path.join(consumer, 'node_modules/@chiso'), { recursive: true });
  fs.symlinkSync(widgetsDir, path.join(consumer, 'node_modules/@chiso/widgets'), 'dir');
});
afterAll(() => fs.rmSync(consumer, { recursive: true, force: true }));

/** A page of the consumer's: each element by its tag, the loaders, and wrong uses that must be errors. */
const page = `import '@chiso/widgets/chart';
import type { ChisoChart, ChisoKpi } from '@chiso/widgets';
import { loadSeries, type WidgetData } from '@chiso/widgets/data';

const chart: ChisoChart = document.createElement('chiso-chart');
chart.indicator = 'pci_score';
chart.region = '48,49';
chart.type = 'column';
const kpi: ChisoKpi = document.createElement('chiso-kpi');
kpi.theme = 'dark';
// @ts-expect-error: type is a string ("line", "column", "bar" or "area")
chart.type = 3;
// @ts-expect-error: theme is "light", "dark" or "auto"
kpi.theme = 'sepia';
// @ts-expect-error: a chart has no such property
chart.colour = 'red';
// @ts-expect-error: a KPI is not a chart
const wrong: ChisoChart = document.createElement('chiso-kpi');
const data: Promise<WidgetData | null> = loadSeries({ api: '/graphql', indicator: 'pci_score', regions: ['49'], lang: 'vi' });
export { chart, kpi, wrong, data };
`;

/** tsc's output for the page compiled in the consumer's folder `name` with these options ('' when it compiles). */
function compile(name: string, compilerOptions: Record<string, unknown>): string {
  write(`${name}/package.json`, JSON.stringify({ type: 'module' }));
  write(
    `${name}/tsconfig.json`,
    JSON.stringify({
      compilerOptions: { target: 'ES2022', lib: ['ES2023', 'DOM'], strict: true, noEmit: true, useDefineForClassFields: false, types: [], ...compilerOptions },
      include: ['src'],
    }),
  );
  write(`${name}/src/page.ts`, page);
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    return execFileSync(process.execPath, [tsc, '-p', path.join(consumer, name)], { encoding: 'utf8' });
  } catch (error) {
    return (error as { stdout: string }).stdout;
  }
}

// An unused @ts-expect-error (a property typed `any`, an element missing from HTMLElementTagNameMap)
// fails too. Neither consumer allows importing .ts files: @chiso/charts' exports give its
// declarations (dist/*.d.ts), not its TypeScript source.
describe('types', () => {
  it("a consumer with a Vite app's usual settings (moduleResolution Bundler) gets each element by its tag, and a wrong property type is an error", () => {
    expect(compile('bundler', { module: 'ESNext', moduleResolution: 'Bundler', skipLibCheck: true })).toBe('');
  });

  it("a consumer with Node's settings (module and moduleResolution NodeNext) compiles with no error, its libraries' declarations checked too", () => {
    expect(compile('nodenext', { module: 'NodeNext', moduleResolution: 'NodeNext' })).toBe('');
  });
});

/** Bundles `entry` with Vite as the consumer's own build; returns the code and the tags it registers. */
async function bundle(name: string, entry: string): Promise<{ code: string; tags: string[] }> {
  write(`${name}.js`, entry);
  const outDir = path.join(consumer, 'dist', name);
  await build({
    root: consumer,
    configFile: false,
    logLevel: 'silent',
    build: { outDir, minify: false, lib: { entry: path.join(consumer, `${name}.js`), formats: ['es'], fileName: name } },
  });
  const code = fs
    .readdirSync(outDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .map((f) => fs.readFileSync(path.join(outDir, f), 'utf8'))
    .join('\n');
  return { code, tags: [...code.matchAll(/defineElement\(\s*["'](chiso-[\w-]+)["']/g)].map((m) => m[1]!).sort() };
}

describe('tree shaking', () => {
  it('sideEffects names exactly the built modules that register elements, and the index that imports them all', () => {
    const lib = path.join(widgetsDir, 'dist/lib');
    const registering = fs
      .readdirSync(lib, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.js') && /defineElement\(\s*["']chiso-|customElements\.define\(\s*["']/.test(fs.readFileSync(path.join(lib, f), 'utf8')))
      .map((f) => `./dist/lib/${f}`);
    const pkg = JSON.parse(fs.readFileSync(path.join(widgetsDir, 'package.json'), 'utf8')) as { sideEffects: string[] };
    expect(registering).toHaveLength(6);
    expect([...pkg.sideEffects].sort()).toEqual(['./dist/lib/index.js', ...registering].sort());
  });

  it('a page that imports the KPI element bundles it and no other element', async () => {
    const { code, tags } = await bundle('kpi-only', `import '@chiso/widgets/kpi';\n`);
    expect(tags).toEqual(['chiso-kpi']);
    expect(code).toContain('class extends ChisoElement');
    expect(code).not.toContain('drawMap');
    expect(code).not.toContain('chiso-chart-point');
  });

  it('a page that imports a data loader only bundles no element, nor Lit', async () => {
    const { code, tags } = await bundle('loader-only', `import { loadSeries } from '@chiso/widgets/data';\nexport const load = loadSeries;\n`);
    expect(code).toContain('function loadSeries(');
    expect(tags).toEqual([]);
    expect(code).not.toContain('customElements');
    expect(code).not.toContain('LitElement');
  });

  it('the package itself registers every element', async () => {
    const { tags } = await bundle('everything', `import '@chiso/widgets';\n`);
    expect(tags).toEqual(['chiso-chart', 'chiso-kpi', 'chiso-map', 'chiso-ranking', 'chiso-share', 'chiso-table']);
  });
});
