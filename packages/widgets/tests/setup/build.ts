/**
 * Global setup of the package tests: the package as it ships (dist/: the bundle, the library build,
 * the declarations, the custom-elements manifest), and @chiso/charts as a site installs it beside
 * (its dist/, which the library build and the declarations import), each built unless it is up to
 * date (their scripts/build.mjs keep a stamp of their sources).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  for (const pkg of ['../../../charts', '../..']) {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: fileURLToPath(new URL(pkg, import.meta.url)), stdio: 'inherit' });
  }
}
