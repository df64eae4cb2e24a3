// `pnpm start`: builds what changed, then runs the built gateway in this process. Each package says
// whether its build is up to date (its scripts/build-state.mjs hashes the inputs, build-stamp.mjs),
// asked here in this one process; only a build that is due runs, as the package's own script. This
// rather than `pnpm -r build` and `pnpm --filter … start`, whose pnpm processes (and the widgets'
// code generator, now run only by a build that is due) cost a start more than the checks themselves.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Every package that has a build script, in dependency order (what `pnpm -r build` runs): the
// widgets draw with the charts, the builder bundles both, the gateway serves the widgets' bundle and
// the builder, and bundles the widgets' data code.
for (const pkg of ['charts', 'widgets', 'builder', 'gateway']) {
  const dir = `${root}/packages/${pkg}`;
  if (!fs.existsSync(`${dir}/scripts/build.mjs`)) continue;
  // Asked here, in this process; a build that is due runs as the package's own script.
  const { upToDate } = await import(`${dir}/scripts/build-state.mjs`);
  if (upToDate()) {
    console.log(`${pkg}: up to date (dist/.build-stamp)`);
    continue;
  }
  try {
    // In the package's folder, as pnpm runs a package's scripts (their paths are relative to it).
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, stdio: 'inherit' });
  } catch {
    console.error(`chiso: cannot start: the ${pkg} build failed (its output is above)`);
    process.exit(1);
  }
}
// Node 22.1+ keeps compiled code of the modules it loads between starts; Node 20 has no such cache.
module.enableCompileCache?.();
process.chdir(`${root}/packages/gateway`);
await import('../packages/gateway/dist/server.mjs');
