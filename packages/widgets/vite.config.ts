import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformAsync } from '@babel/core';
import { babelOptimizerPlugin } from '@graphql-codegen/client-preset';
import { defaultClientConditions, defaultServerConditions, defineConfig, type Plugin, type UserConfig } from 'vite';

const elements = ['chiso-chart', 'chiso-kpi', 'chiso-share', 'chiso-ranking', 'chiso-table', 'chiso-map'];
/** Entry points of the library build: package.json's exports name each (`@chiso/widgets/kpi`). */
const libraryEntries = ['src/index.ts', 'src/data/index.ts', ...elements.map((name) => `src/components/${name}/${name}.ts`)];
// Absolute: the Babel plugin and the manifest are found whatever folder the build runs from.
const generated = fileURLToPath(new URL('./src/data/generated', import.meta.url));

/**
 * Within the workspace @chiso/charts is its TypeScript source: its package.json exports each module
 * under the condition "@chiso/source" (src/*.ts) before "types" and "import" (dist/, what a site that
 * installs the package gets). The builds, the dev server and the tests here (vitest.config.ts) ask
 * for that condition, so they never need, nor use a stale, dist/ of @chiso/charts; the library
 * build leaves @chiso/charts an import, which the site's bundler resolves to dist/.
 */
export const workspaceSource: Pick<UserConfig, 'resolve' | 'ssr'> = {
  resolve: { conditions: ['@chiso/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@chiso/source', ...defaultServerConditions] } },
};

/**
 * The widgets' GraphQL documents in the bundle are only their hashes: the client preset's Babel
 * plugin replaces each `graphql(`…`)` call of src/data/queries.ts by an import of the generated
 * document (`{__meta__: {hash}}`), so neither the text nor the preset's lookup table of every
 * document is shipped. The main build writes the manifest the gateway loads, hash -> text, beside
 * the bundle: dist/persisted-documents.json.
 */
function persistedDocuments({ manifest }: { manifest: boolean }): Plugin {
  return {
    name: 'chiso-persisted-documents',
    enforce: 'pre',
    async transform(code, id) {
      if (!id.endsWith('/src/data/queries.ts')) return null;
      const result = await transformAsync(code, {
        filename: id,
        babelrc: false,
        configFile: false,
        sourceMaps: true,
        parserOpts: { plugins: ['typescript'] },
        plugins: [[babelOptimizerPlugin, { artifactDirectory: generated, gqlTagName: 'graphql' }]],
      });
      return result?.code ? { code: result.code, map: result.map } : null;
    },
    generateBundle(_, bundle) {
      // The bundle holds hashes only; a document's text in it means the transform above missed a call.
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && /\b(query|fragment) Chiso\w+/.test(chunk.code))
          this.error(`${chunk.fileName} holds a GraphQL document's text: write the documents as graphql(\`…\`) calls in src/data/queries.ts`);
      }
      if (!manifest) return;
      const file = `${generated}/persisted-documents.json`;
      if (!fs.existsSync(file)) this.error(`${file} is missing: generate the documents first (pnpm --filter @chiso/widgets codegen)`);
      this.emitFile({ type: 'asset', fileName: 'persisted-documents.json', source: fs.readFileSync(file, 'utf8') });
    },
  };
}

/** The map element replaced by nothing: for measuring the rest of the bundle. */
function withoutMap(): Plugin {
  return {
    name: 'chiso-without-map',
    enforce: 'pre',
    load(id) {
      return id.endsWith('/components/chiso-map/chiso-map.ts') ? 'export const ChisoMap = undefined;' : null;
    },
  };
}

/**
 * Two library builds:
 * - default: dist/chiso-widgets.js, ONE self-contained module (Lit included) that registers every
 *   element: what a page loads with one script tag. The demo page in public/ is copied beside it,
 *   and the manifest of persisted documents.
 * - `--mode elements`: dist/elements/<name>.js, one module per element (shared code in chunks),
 *   for pages that want only some elements.
 * - `--mode library`: dist/lib/, for sites that bundle @chiso/widgets themselves: src/'s modules as
 *   ES modules (`@chiso/widgets/kpi` is lib/components/chiso-kpi/chiso-kpi.js), `index` registering
 *   all, `data` the loaders only; Lit and
 *   @chiso/charts stay imports (dependencies the site's bundler resolves once), nothing minified.
 *   Declarations come from tsc (tsconfig.build.json) beside them.
 */
export default defineConfig(({ mode }) => ({ ...workspaceSource, ...modeConfig(mode) }));

function modeConfig(mode: string): UserConfig {
  return mode === 'budget'
    ? {
        // scripts/size.mjs: the bundle without the map element (the issue's budget excludes maps),
        // built where it is measured and not shipped.
        publicDir: false,
        plugins: [persistedDocuments({ manifest: false }), withoutMap()],
        build: {
          target: 'es2022',
          outDir: 'node_modules/.cache/chiso-budget',
          emptyOutDir: true,
          lib: { entry: { 'chiso-widgets': 'src/index.ts' }, formats: ['es'] },
        },
      }
    : mode === 'library'
      ? {
          publicDir: false,
          plugins: [persistedDocuments({ manifest: false })],
          build: {
            target: 'es2022',
            outDir: 'dist/lib',
            emptyOutDir: true,
            minify: false,
            lib: { entry: libraryEntries, formats: ['es'] },
            rolldownOptions: {
              external: [/^lit(\/|$)/, /^@lit\//, /^@chiso\/charts\//],
              // dist/lib mirrors src/: each element's module is a file of its own, the one file that
              // registers it, so package.json's sideEffects can name exactly those.
              output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
            },
          },
        }
      : mode === 'elements'
        ? {
            publicDir: false,
            plugins: [persistedDocuments({ manifest: false })],
            build: {
              target: 'es2022',
              outDir: 'dist/elements',
              emptyOutDir: true,
              lib: {
                entry: Object.fromEntries(elements.map((name) => [name, `src/components/${name}/${name}.ts`])),
                formats: ['es'],
              },
            },
          }
        : {
            plugins: [persistedDocuments({ manifest: true })],
            build: {
              target: 'es2022',
              outDir: 'dist',
              emptyOutDir: false,
              lib: { entry: { 'chiso-widgets': 'src/index.ts' }, formats: ['es'] },
            },
          };
}
