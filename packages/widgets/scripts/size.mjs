// Prints the gzip and brotli size of every built module; fails when the bundle is over budget.
//   pnpm --filter @chiso/widgets size
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const BUDGET_GZIP = 25 * 1024;
const files = [];
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    // lib/ is the build for bundlers (a site's own build minifies it), not what a page loads.
    if (entry.isDirectory()) entry.name !== 'lib' && walk(full);
    else if (entry.name.endsWith('.js')) files.push(full);
  }
};
if (!fs.existsSync(dist)) {
  console.error('error: no dist/: run pnpm --filter @chiso/widgets build first');
  process.exit(1);
}
walk(dist);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log('file'.padEnd(40), 'raw'.padStart(10), 'gzip'.padStart(10), 'brotli'.padStart(10));
let bundleGzip = 0;
for (const file of files.sort()) {
  const raw = fs.readFileSync(file);
  const gzip = zlib.gzipSync(raw, { level: 9 }).length;
  const brotli = zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const name = path.relative(dist, file);
  if (name === 'chiso-widgets.js') bundleGzip = gzip;
  console.log(name.padEnd(40), kb(raw.length).padStart(10), kb(gzip).padStart(10), kb(brotli).padStart(10));
}
// The budget is for the bundle without maps (their element, drawing code and boundaries): the
// same build with the map element left out (vite.config.ts, mode budget).
execFileSync('pnpm', ['exec', 'vite', 'build', '--mode', 'budget', '--logLevel', 'error'], { cwd: new URL('..', import.meta.url).pathname, stdio: 'inherit' });
const budgeted = zlib.gzipSync(fs.readFileSync(new URL('../node_modules/.cache/chiso-budget/chiso-widgets.js', import.meta.url)), { level: 9 }).length;
console.log(
  `\nbundle (every element, Lit included): ${kb(bundleGzip)} gzip; without the map element: ${kb(budgeted)} gzip; budget ${kb(BUDGET_GZIP)} (maps excluded)`,
);
if (budgeted > BUDGET_GZIP) {
  console.error('error: dist/chiso-widgets.js without the map element is over its size budget');
  process.exit(1);
}
