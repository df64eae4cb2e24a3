// What the gateway's build is made from, and whether its output is up to date: scripts/build.mjs builds
// from it, and the root's scripts/start.mjs asks it in its own process before starting the gateway,
// rather than starting a Node process per package to ask (about 50 ms each).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { packageBuild } from '../../../scripts/build-stamp.mjs';

const build = packageBuild(import.meta.url, [
  'packages/gateway/src',
  'packages/gateway/scripts/build.mjs',
  'packages/gateway/scripts/build-state.mjs',
  'packages/gateway/package.json',
  'packages/gateway/tsconfig.json',
  // Bundled in: the drawings (@chiso/charts) and the widgets' data code.
  'packages/widgets/src',
  'packages/widgets/package.json',
  // Bundled in: the drawings and the map's boundaries.
  'packages/charts/src',
  'packages/charts/geo',
  'packages/charts/package.json',
  // The image: migrations and bundled data.
  'prisma',
  'scripts/build-stamp.mjs',
]);
/** The repository's root; the stamp of the inputs as they are now (`fresh` when dist/ was built from them). */
export const { root, buildState } = build;
const imageRecord = fileURLToPath(new URL('../dist/.image', import.meta.url));
/** The prepared database image the last build recorded (dist/.image), or '' when none. */
export const recordedImage = () => (fs.existsSync(imageRecord) ? fs.readFileSync(imageRecord, 'utf8').trim() : '');
/** Where a build records its image. */
export { imageRecord };
/** True when nothing the build is made from changed and the image it made is still there. */
export const upToDate = () => {
  const image = recordedImage();
  return build.upToDate() && image !== '' && fs.existsSync(image);
};
