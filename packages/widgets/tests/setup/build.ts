/**
 * Global setup of the package tests: the package as it ships (dist/: the bundle, the library build,
 * the declarations, the custom-elements manifest), and @chiso/charts as a site installs it beside
 * (its dist/, which the library build and the declarations import), each built unless it is up to
 * date (their scripts/build.mjs keep a stamp of their sources).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  // As `pnpm build` runs them: without Vitest's NODE_ENV=test, under which Vite resolves Lit's
  // "development" build and leaves the bundle unminified (and the stamp would keep that build).
  const { NODE_ENV: _, ...env } = process.env;
  for (const pkg of ['../../../charts', '../..']) {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: fileURLToPath(new URL(pkg, import.meta.url)), env, stdio: 'inherit' });
  }
}
