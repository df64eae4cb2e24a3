// Builds the widgets (the typed GraphQL documents, the single bundle, the per-element modules, the
// library build for bundlers with its declarations, the custom-elements manifest) unless nothing
// they are built from changed since the last build: `pnpm start` runs this on every start.
// `--force` builds anyway.
import { execFileSync } from 'node:child_process';
import { buildState, root } from './build-state.mjs';

const pkg = 'packages/widgets';
const stamp = buildState();
if (stamp.fresh && !process.argv.includes('--force')) {
  console.log('widgets: up to date (dist/.build-stamp)');
} else {
  const run = (command, args) => execFileSync(command, args, { cwd: `${root}/${pkg}`, stdio: 'inherit' });
  // The typed documents (src/data/generated/, from the gateway's schema and src/data/queries.ts) are
  // among the inputs: generated only when a build is due (the generator takes seconds to start),
  // and the hash recorded is the one of the sources as built, generated files included.
  run('pnpm', ['run', '--silent', 'codegen']);
  const built = buildState();
  run('pnpm', ['exec', 'vite', 'build']);
  run('pnpm', ['exec', 'vite', 'build', '--mode', 'elements']);
  run('pnpm', ['exec', 'vite', 'build', '--mode', 'library']);
  run('pnpm', ['exec', 'tsc', '-p', 'tsconfig.build.json']);
  run('pnpm', ['exec', 'cem', 'analyze', '--config', 'cem.config.mjs']);
  built.record();
}
