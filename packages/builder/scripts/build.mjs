// Builds the builder (dist/: index.html and its assets, served by the gateway at /builder/) unless
// nothing it is built from changed since the last build: `pnpm start` runs this on every start.
// `--force` builds anyway. The package's build script runs codegen first (src/model/generated/, from
// the documents in src/model/queries.ts and the gateway's schema), so its inputs are inputs here.
import { execFileSync } from 'node:child_process';
import { buildState, root } from './build-state.mjs';

const pkg = 'packages/builder';
const stamp = buildState();
if (stamp.fresh && !process.argv.includes('--force')) {
  console.log('builder: up to date (dist/.build-stamp)');
} else {
  execFileSync('pnpm', ['exec', 'vite', 'build'], { cwd: `${root}/${pkg}`, stdio: 'inherit' });
  stamp.record();
}
