import { defineConfig } from 'vite';

const elements = ['chiso-chart', 'chiso-kpi', 'chiso-share', 'chiso-ranking', 'chiso-table'];

/**
 * Two library builds:
 * - default: dist/chiso-widgets.js, ONE self-contained module (Lit included) that registers every
 *   element: what a page loads with one script tag. The demo page in public/ is copied beside it.
 * - `--mode elements`: dist/elements/<name>.js, one module per element (shared code in chunks),
 *   for pages that want only some elements.
 */
export default defineConfig(({ mode }) =>
  mode === 'elements'
    ? {
        publicDir: false,
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
        build: {
          target: 'es2022',
          outDir: 'dist',
          emptyOutDir: false,
          lib: { entry: { 'chiso-widgets': 'src/index.ts' }, formats: ['es'] },
        },
      },
);
