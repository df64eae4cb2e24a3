// Production build of the gateway: one ES module, dist/server.mjs, so that start-up skips
// compiling TypeScript (tsx adds about 2 s to every start). Dependencies stay in node_modules;
// the workspace's own packages (@chiso/widgets' drawing and data code) are bundled in.
// Then the image a new embedded database starts from (src/db/image.ts), unless it exists.
// `pnpm start` runs this on every start: when nothing it is built from changed since the last
// build (dist/.build-stamp) and the image is there, it does nothing. `--force` builds anyway.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildState, imageRecord, upToDate } from './build-state.mjs';

const stamp = buildState();
if (upToDate() && !process.argv.includes('--force')) {
  console.log('gateway: up to date (dist/.build-stamp)');
  process.exit(0);
}

// Packages the gateway itself depends on are loaded from node_modules at run time; anything else
// (what @chiso/widgets' code imports, such as d3) is bundled.
const own = new Set(Object.keys(JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')).dependencies));
const packageName = (path) =>
  path
    .split('/')
    .slice(0, path.startsWith('@') ? 2 : 1)
    .join('/');

await build({
  // The embedded database's thread is a module of its own, started next to the server (embedded.ts).
  entryPoints: { server: 'src/server.ts', 'embedded-worker': 'src/db/embedded-worker.ts', 'db-cli': 'src/db/cli.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // Chunks: server.mjs loads the rest of the gateway (start.ts and its dependencies) only once it
  // has set the embedded database's thread going, so that the two load side by side. Beside the
  // entries, since modules find the worker files next to themselves (import.meta.url).
  splitting: true,
  chunkNames: '[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // The workspace's packages from their TypeScript source (@chiso/charts' "@chiso/source" export
  // condition), as in development: the bundle never depends on whether their dist/ is built.
  conditions: ['@chiso/source'],
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

// Made by the real migrations and seed (pnpm db:image does the same from source).
const output = execFileSync(process.execPath, ['dist/db-cli.mjs', 'image'], { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8' });
process.stdout.write(output);
const image = /^image: (.+) \(\d+ migrations/m.exec(output)?.[1];
if (!image) throw new Error(`the image step did not name its image: ${output}`);
fs.writeFileSync(imageRecord, `${image}\n`);
stamp.record();
