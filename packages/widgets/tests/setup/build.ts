/**
 * Global setup of the package tests: the package as it ships (dist/: the bundle, the library build,
 * the declarations, the custom-elements manifest), built unless it is up to date (scripts/build.mjs
 * keeps a stamp of its sources).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: 'inherit' });
}
