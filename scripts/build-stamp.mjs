// Whether a package's build output is up to date with its inputs: a SHA-256 of every input file
// (path and content), of the lockfile (dependency versions) and of the Node version, recorded
// beside the output after a successful build. Content rather than mtimes: a checkout, a `git
// stash` or an editor that rewrites a file unchanged must not count as a change, and a change
// with an old mtime (a restored file) must. Hashing the few MB of sources takes tens of ms.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const skipped = new Set(['node_modules', 'dist', '.data', '.git', 'coverage']);

function* files(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return;
  if (!stat.isDirectory()) {
    yield entry;
    return;
  }
  for (const name of fs.readdirSync(entry).sort()) {
    if (!skipped.has(name)) yield* files(path.join(entry, name));
  }
}

/**
 * @param {string} root folder the input paths are relative to (the repository's root)
 * @param {string[]} inputs files and folders (relative to root) whose content the output depends on
 * @param {string} stampFile where the hash of the last successful build is kept
 * @returns {{ fresh: boolean, record(): void }} `fresh` when nothing changed since the recorded build
 */
export function buildStamp(root, inputs, stampFile) {
  const hash = createHash('sha256');
  hash.update(`node ${process.version}\n`);
  for (const input of [...inputs, 'pnpm-lock.yaml']) {
    for (const file of files(path.join(root, input))) {
      hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
    }
  }
  const digest = hash.digest('hex');
  const recorded = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : '';
  return {
    fresh: recorded === digest,
    record() {
      fs.mkdirSync(path.dirname(stampFile), { recursive: true });
      fs.writeFileSync(stampFile, `${digest}\n`);
    },
  };
}

/**
 * A package's build: its inputs (paths from the repository's root) and its stamp beside its output
 * (`<package>/dist/.build-stamp`). `scriptUrl` is the URL of a module in the package's `scripts/`
 * (its `build-state.mjs`), which the package's build and the root's start.mjs both ask.
 */
export function packageBuild(scriptUrl, inputs) {
  const root = fileURLToPath(new URL('../../..', scriptUrl));
  const stampFile = fileURLToPath(new URL('../dist/.build-stamp', scriptUrl));
  const buildState = () => buildStamp(root, inputs, stampFile);
  return { root, buildState, upToDate: () => buildState().fresh };
}
