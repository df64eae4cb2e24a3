// Builds @chiso/charts as it is installed: dist/**/*.js and .d.ts from src/ (tsconfig.build.json),
// what package.json's "types" and "import" conditions name. Within the workspace the packages use
// the source instead (the "@chiso/source" condition), so this build serves a consumer of the
// package: the widgets' package tests (a site's tsc and Vite) and anything run unbundled in Node.
// Skipped when nothing it is built from changed since the last build (dist/.build-stamp);
// `--force` builds anyway. A module removed from src/ leaves dist/ too: dist/ is emptied first.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildState } from './build-state.mjs';

const dir = fileURLToPath(new URL('..', import.meta.url));
const stamp = buildState();
if (stamp.fresh && !process.argv.includes('--force')) {
  console.log('charts: up to date (dist/.build-stamp)');
} else {
  fs.rmSync(`${dir}/dist`, { recursive: true, force: true });
  execFileSync('pnpm', ['exec', 'tsc', '-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'inherit' });
  stamp.record();
  console.log('charts: built dist/');
}
