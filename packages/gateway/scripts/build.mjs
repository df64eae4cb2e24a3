// Production build of the gateway: one ES module, dist/server.mjs, so that start-up skips
// compiling TypeScript (tsx adds about 2 s to every start). Dependencies stay in node_modules;
// the workspace's own packages (@chiso/widgets' drawing and data code) are bundled in.
import fs from 'node:fs';
import { build } from 'esbuild';

// Packages the gateway itself depends on are loaded from node_modules at run time; anything else
// (what @chiso/widgets' code imports, such as d3) is bundled.
const own = new Set(Object.keys(JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')).dependencies));
const packageName = (path) => path.split('/').slice(0, path.startsWith('@') ? 2 : 1).join('/');

await build({
  entryPoints: ['src/server.ts'],
  outfile: 'dist/server.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [
    {
      name: 'external-dependencies',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => {
          const name = packageName(args.path);
          if (args.path.startsWith('node:') || (own.has(name) && !name.startsWith('@chiso/'))) return { path: args.path, external: true };
          return undefined;
        });
      },
    },
  ],
});
// The image worker (plain JavaScript) is loaded by piscina from beside the bundle.
fs.copyFileSync('src/embed/png-worker.mjs', 'dist/png-worker.mjs');
console.log('built dist/server.mjs');
