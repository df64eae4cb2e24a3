/** `pnpm start` skips a build whose inputs did not change (scripts/build-stamp.mjs). No database here. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStamp } from '../../../scripts/build-stamp.mjs';

describe('the build stamp', () => {
  let root: string;
  const stampFile = () => path.join(root, 'pkg', 'dist', '.build-stamp');
  const stamp = () => buildStamp(root, ['pkg/src', 'pkg/vite.config.ts'], stampFile());
  const write = (file: string, text: string) => fs.writeFile(path.join(root, file), text);
  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'chiso-stamp-'));
    await fs.mkdir(path.join(root, 'pkg', 'src', 'charts'), { recursive: true });
    await write('pkg/src/charts/line.ts', 'export const line = 1;\n');
    await write('pkg/vite.config.ts', 'export default {};\n');
    await write('pnpm-lock.yaml', "lockfileVersion: '9.0'\nlit: 3.3.3\n");
  });
  afterAll(() => fs.rm(root, { recursive: true, force: true }));

  it('is stale before the first build and fresh after it', () => {
    expect(stamp().fresh).toBe(false);
    stamp().record();
    expect(stamp().fresh).toBe(true);
  });

  it('stays fresh when a file is rewritten unchanged (a checkout), and goes stale on a change of content', async () => {
    stamp().record();
    await write('pkg/src/charts/line.ts', 'export const line = 1;\n');
    expect(stamp().fresh).toBe(true);
    await write('pkg/src/charts/line.ts', 'export const line = 2;\n');
    expect(stamp().fresh).toBe(false);
  });

  it('goes stale when a source is added, the build config or a dependency version changes', async () => {
    stamp().record();
    await write('pkg/src/charts/area.ts', 'export const area = 1;\n');
    expect(stamp().fresh).toBe(false);

    stamp().record();
    await write('pkg/vite.config.ts', 'export default { build: { minify: false } };\n');
    expect(stamp().fresh).toBe(false);

    stamp().record();
    await write('pnpm-lock.yaml', "lockfileVersion: '9.0'\nlit: 3.3.4\n");
    expect(stamp().fresh).toBe(false);
  });
});
