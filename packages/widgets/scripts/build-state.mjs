// What @chiso/widgets's build is made from, and whether its output is up to date: scripts/build.mjs builds
// from it, and the root's scripts/start.mjs asks it in its own process before starting the gateway,
// rather than starting a Node process per package to ask (about 50 ms each).
import { fileURLToPath } from 'node:url';
import { buildStamp } from '../../../scripts/build-stamp.mjs';

export const root = fileURLToPath(new URL('../../..', import.meta.url));
export const stampFile = fileURLToPath(new URL('../dist/.build-stamp', import.meta.url));
export const inputs = [
  ...[
    'src',
    'public',
    'vite.config.ts',
    'codegen.ts',
    'cem.config.mjs',
    'package.json',
    'tsconfig.json',
    'tsconfig.build.json',
    'scripts/build.mjs',
    'scripts/build-state.mjs',
  ].map((p) => `packages/widgets/${p}`),
  'packages/gateway/schema.graphql',
  'scripts/codegen-types.mjs',
  'packages/charts/src',
  'packages/charts/geo',
  'packages/charts/package.json',
];
/** The stamp of the inputs as they are now (`fresh` when dist/ was built from them). */
export const buildState = () => buildStamp(root, inputs, stampFile);
/** True when nothing the build is made from changed since the last build. */
export const upToDate = () => buildState().fresh;
