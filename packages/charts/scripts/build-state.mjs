// What @chiso/charts' build is made from, and whether its output is up to date: scripts/build.mjs builds
// from it, and the root's scripts/start.mjs asks it in its own process before starting the gateway,
// rather than starting a Node process per package to ask (about 50 ms each).
import { packageBuild } from '../../../scripts/build-stamp.mjs';

const build = packageBuild(import.meta.url, [
  ...['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs', 'scripts/build-state.mjs'].map((p) => `packages/charts/${p}`),
  'tsconfig.json',
  'scripts/build-stamp.mjs',
]);
/** The repository's root; the stamp of the inputs as they are now (`fresh` when dist/ was built from them). */
export const { root, buildState } = build;
/** True when nothing the build is made from changed since the last build. */
export const { upToDate } = build;
