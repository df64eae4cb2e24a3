// What @chiso/charts' build is made from, and whether its output is up to date: scripts/build.mjs builds
// from it, and the root's scripts/start.mjs asks it in its own process before starting the gateway,
// rather than starting a Node process per package to ask (about 50 ms each).
import { fileURLToPath } from 'node:url';
import { buildStamp } from '../../../scripts/build-stamp.mjs';

export const root = fileURLToPath(new URL('../../..', import.meta.url));
export const stampFile = fileURLToPath(new URL('../dist/.build-stamp', import.meta.url));
export const inputs = [
  ...['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs', 'scripts/build-state.mjs'].map((p) => `packages/charts/${p}`),
  'tsconfig.json',
  'scripts/build-stamp.mjs',
];
/** The stamp of the inputs as they are now (`fresh` when dist/ was built from them). */
export const buildState = () => buildStamp(root, inputs, stampFile);
/** True when nothing the build is made from changed since the last build. */
export const upToDate = () => buildState().fresh;
