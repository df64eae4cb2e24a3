// Prints the gzip and brotli size of every built module; fails when the bundle is over budget.
//   pnpm --filter @chiso/widgets size
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const BUDGET_GZIP = 25 * 1024;
const files = [];
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
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
console.log(`\nbundle (every element, Lit included): ${kb(bundleGzip)} gzip; budget ${kb(BUDGET_GZIP)}`);
if (bundleGzip > BUDGET_GZIP) {
  console.error('error: dist/chiso-widgets.js is over its size budget');
  process.exit(1);
}
