import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from '../config.ts';
import { openDatabase } from './database.ts';
import { applyMigrations, readMigrations } from './migrations.ts';
import { seedDatabase } from './seed/seed.ts';
import { dataDir } from './seed/files.ts';

/**
 * Prepared images of the embedded database: a new database folder starts as a copy of a folder
 * that the real migrations and the real seed made, instead of replaying every migration and
 * loading the reference data again. An image is used only for the same bundled data, seed code
 * and PGlite version, and only when its migrations are the first of the current ones, unchanged;
 * the newer ones are applied on top.
 *
 * A folder, not PGlite's `dumpDataDir` tarball: loading a tarball (`loadDataDir`) writes every
 * file through PGlite's WebAssembly file system, measured at 2.5–3.5 s of CPU for this database
 * against 1.1 s to open a folder, and a copy of the folder costs a fraction of that.
 */

/** Where images are kept (git-ignored, like every database folder). */
export const defaultImageDir = path.join(repoRoot, '.data', 'cache');

/** What an image was made from, written beside it as `<name>.json`. */
export interface ImageManifest {
  /** PGlite's version: the data folder's format. */
  pglite: string;
  /** SHA-256 of the bundled data files (prisma/data). */
  data: string;
  /** SHA-256 of the code that turns them into rows (the seed and the import path it goes through). */
  seed: string;
  /** The migrations applied, in order, with the SHA-256 of each `migration.sql`. */
  migrations: { name: string; checksum: string }[];
}

export interface Image {
  /** The database folder (cleanly closed; copied, never opened in place). */
  dir: string;
  manifest: ImageManifest;
}

const gatewaySrc = path.join(repoRoot, 'packages', 'gateway', 'src');
const seedCode = [path.join(gatewaySrc, 'db', 'seed'), path.join(gatewaySrc, 'import')];

/** The manifest an image made now (from the migrations in `migrations`) would have. */
export async function currentManifest(migrations?: string): Promise<ImageManifest> {
  const list = await readMigrations(migrations);
  return {
    pglite: await pgliteVersion(),
    data: await hashFiles([dataDir]),
    seed: await hashFiles(seedCode),
    migrations: list.migrationDirectories.map((m) => ({
      name: m.path,
      checksum: m.migrationFile.content.tag === 'ok' ? sha256(m.migrationFile.content.value) : 'unreadable',
    })),
  };
}

/** `pglite-<hash of the manifest>`: the folder is `<name>`, the manifest `<name>.json`. */
export function imageName(manifest: ImageManifest): string {
  return `pglite-${sha256(JSON.stringify(manifest)).slice(0, 16)}`;
}

/**
 * The image a new database can start from: same PGlite, data and seed code, and migrations that
 * are the first of `current`'s, unchanged (the most of them when several are). None otherwise.
 */
export async function findImage(dir = defaultImageDir, current?: ImageManifest): Promise<Image | undefined> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const want = current ?? (await currentManifest());
  let best: Image | undefined;
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const manifest = await fs
      .readFile(path.join(dir, name), 'utf8')
      .then((text) => JSON.parse(text) as ImageManifest)
      .catch(() => undefined);
    if (!manifest || !usable(manifest, want)) continue;
    const folder = path.join(dir, name.replace(/\.json$/, ''));
    if (!(await exists(path.join(folder, 'PG_VERSION')))) continue;
    if (!best || manifest.migrations.length > best.manifest.migrations.length) best = { dir: folder, manifest };
  }
  return best;
}

function usable(image: ImageManifest, current: ImageManifest): boolean {
  return (
    image.pglite === current.pglite &&
    image.data === current.data &&
    image.seed === current.seed &&
    Array.isArray(image.migrations) &&
    image.migrations.length > 0 &&
    image.migrations.length <= current.migrations.length &&
    image.migrations.every((m, i) => m.name === current.migrations[i]!.name && m.checksum === current.migrations[i]!.checksum)
  );
}

/**
 * Makes the image for the current migrations, data and seed code unless it exists: an embedded
 * database in a new folder, the real migrations, the real seed, a clean stop. Made under a
 * temporary name and renamed, so that a reader never sees half an image.
 */
export async function prepareImage(dir = defaultImageDir): Promise<{ image: Image; created: boolean }> {
  const manifest = await currentManifest();
  const name = imageName(manifest);
  const folder = path.join(dir, name);
  const manifestFile = path.join(dir, `${name}.json`);
  if ((await exists(manifestFile)) && (await exists(path.join(folder, 'PG_VERSION')))) {
    return { image: { dir: folder, manifest }, created: false };
  }
  await fs.mkdir(dir, { recursive: true });
  const partial = `${folder}.${process.pid}.partial`;
  await fs.rm(partial, { recursive: true, force: true });
  try {
    const db = await openDatabase({ CHISO_DATA_DIR: partial, DATABASE_URL: undefined });
    try {
      await applyMigrations(db.url);
      await seedDatabase(db.prisma);
      // Rows as the seed wrote them, with their visibility settled and the planner's statistics
      // made once here, not by the first queries of every new copy.
      await db.prisma.$executeRawUnsafe('VACUUM (FREEZE, ANALYZE)');
    } finally {
      await db.close();
    }
    await fs.rm(folder, { recursive: true, force: true });
    await fs.rename(partial, folder);
    await fs.writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    // Older images (other migrations or data) are superseded: about 40 MB each.
    for (const other of await fs.readdir(dir)) {
      if (other.startsWith('pglite-') && other !== name && other !== `${name}.json` && !other.endsWith('.partial')) {
        await fs.rm(path.join(dir, other), { recursive: true, force: true });
      }
    }
  } finally {
    await fs.rm(partial, { recursive: true, force: true });
  }
  return { image: { dir: folder, manifest }, created: true };
}

const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  );

async function pgliteVersion(): Promise<string> {
  // The package's exports do not include package.json: find it from its entry point.
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  let dir = path.dirname(entry);
  while (!(await exists(path.join(dir, 'package.json'))) && dir !== path.dirname(dir)) dir = path.dirname(dir);
  return (JSON.parse(await fs.readFile(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

async function hashFiles(roots: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const root of roots) {
    const entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
    const files = entries
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
    for (const file of files)
      hash
        .update(path.relative(repoRoot, file))
        .update('\0')
        .update(await fs.readFile(file))
        .update('\0');
  }
  return hash.digest('hex');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
