// `pnpm start`: builds what changed, then runs the built gateway in this process. Each package's
// build script hashes its inputs and returns at once when nothing changed since its last build
// (build-stamp.mjs); they run here directly rather than through `pnpm -r build` and
// `pnpm --filter … start`, whose two pnpm processes (and the widgets' code generator, now run only
// by a build that is due) cost a start more than the checks themselves.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Every package that has a build script, in dependency order (what `pnpm -r build` runs): the
// widgets draw with the charts, the builder bundles both, the gateway serves the widgets' bundle and
// the builder, and bundles the widgets' data code.
for (const pkg of ['charts', 'widgets', 'builder', 'gateway']) {
  if (!fs.existsSync(`${root}/packages/${pkg}/scripts/build.mjs`)) continue;
  try {
    // In the package's folder, as pnpm runs a package's scripts (their paths are relative to it).
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: `${root}/packages/${pkg}`, stdio: 'inherit' });
  } catch {
    console.error(`chiso: cannot start: the ${pkg} build failed (its output is above)`);
    process.exit(1);
  }
}
// Node 22.1+ keeps compiled code of the modules it loads between starts; Node 20 has no such cache.
module.enableCompileCache?.();
process.chdir(`${root}/packages/gateway`);
await import('../packages/gateway/dist/server.mjs');
