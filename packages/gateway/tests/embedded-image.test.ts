/**
 * A new embedded database starts from a prepared image (a copy of a database folder the real
 * migrations and the real seed made) instead of replaying every migration and loading the data again.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { currentManifest, findImage, imageName, prepareImage, type Image } from '../src/db/image.ts';
import { applyMigrations } from '../src/db/migrations.ts';
import { migrationsDir } from '../src/db/schema-engine.ts';
import { startGateway } from '../src/start.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from './helpers/databases.ts';

/**
 * Every table of the public schema: its row count and an MD5 of its rows (sorted as text). Columns
 * that hold the moment a row was written (defaults of now(), and the migration log's random ids)
 * differ between any two runs and are left out.
 */
async function fingerprint(db: Database): Promise<Record<string, string>> {
  const columns = await db.prisma.$queryRawUnsafe<{ table_name: string; names: string[] }[]>(`
    select table_name, array_agg(quote_ident(column_name) order by ordinal_position) as names
    from information_schema.columns
    where table_schema = current_schema()
      and coalesce(column_default, '') not ilike '%now()%' and coalesce(column_default, '') not ilike '%current_timestamp%'
      and not (table_name = '_prisma_migrations' and column_name in ('id', 'started_at', 'finished_at'))
    group by table_name order by table_name`);
  const result: Record<string, string> = {};
  for (const { table_name, names } of columns) {
    const [row] = await db.prisma.$queryRawUnsafe<{ n: bigint; digest: string }[]>(
      `select count(*) as n, md5(coalesce(string_agg(r::text, E'\\n' order by r::text), '')) as digest from (select ${names.join(', ')} from "${table_name}") r`,
    );
    result[table_name] = `${row!.n} rows, ${row!.digest}`;
  }
  return result;
}

let image: Image;
let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'chiso-image-'));
  // The same image `pnpm build` prepares (made now if the build has not).
  ({ image } = await prepareImage());
}, 600_000);
afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

describe.each(databaseKinds)('a new embedded database made from the image, against migrate + seed on %s', (kind) => {
  let reference: TestDatabase;
  let fromImage: Database;
  beforeAll(async () => {
    reference = await openTestDatabase(kind);
    fromImage = await openDatabase({ CHISO_DATA_DIR: path.join(tmp, `from-image-${kind}`), DATABASE_URL: undefined }, { embeddedImage: image.dir });
  });
  afterAll(async () => {
    await reference?.dispose();
    await fromImage?.close();
  });

  it('has the same rows in every table, and no migration left to apply', async () => {
    expect(fromImage.embedded?.fromImage).toBe(true);
    expect(await applyMigrations(fromImage.url)).toEqual([]);
    const expected = await fingerprint(reference);
    expect(Object.keys(expected)).toContain('Observation');
    expect(expected.Observation).not.toMatch(/^0 rows/);
    expect(await fingerprint(fromImage)).toEqual(expected);
  });
});

describe('choosing an image', () => {
  /**
   * An image in `dir` that says it was made as `manifest` describes: a copy of the prepared one's
   * PG_VERSION, enough to be chosen (and to fail loudly if it were copied into a database).
   */
  async function imageWith(dir: string, manifest: Image['manifest']): Promise<void> {
    await fs.mkdir(path.join(dir, imageName(manifest)), { recursive: true });
    await fs.copyFile(path.join(image.dir, 'PG_VERSION'), path.join(dir, imageName(manifest), 'PG_VERSION'));
    await fs.writeFile(path.join(dir, `${imageName(manifest)}.json`), JSON.stringify(manifest));
  }

  it('applies a migration newer than the image on top of it, and only that one', async () => {
    const migrations = path.join(tmp, 'migrations');
    await fs.cp(migrationsDir, migrations, { recursive: true });
    await fs.mkdir(path.join(migrations, '29991231000000_newer_than_image'));
    await fs.writeFile(
      path.join(migrations, '29991231000000_newer_than_image', 'migration.sql'),
      'CREATE TABLE "NewerThanImage" ("id" INTEGER PRIMARY KEY);\n',
    );

    const current = await currentManifest(migrations);
    const found = await findImage(path.dirname(image.dir), current);
    expect(found?.dir).toBe(image.dir);

    const db = await openDatabase({ CHISO_DATA_DIR: path.join(tmp, 'newer'), DATABASE_URL: undefined }, { embeddedImage: found!.dir });
    try {
      expect(db.embedded?.fromImage).toBe(true);
      expect(await applyMigrations(db.url, migrations)).toEqual(['29991231000000_newer_than_image']);
      expect(await db.prisma.$queryRawUnsafe(`select count(*)::int as n from "NewerThanImage"`)).toEqual([{ n: 0 }]);
      expect(await db.prisma.region.count()).toBeGreaterThan(60);
    } finally {
      await db.close();
    }
  });

  it('does not use an image of other migrations, other data or another PGlite', async () => {
    const current = await currentManifest();
    const [first, ...rest] = current.migrations;
    const edited = { ...current, migrations: [{ ...first!, checksum: '0'.repeat(64) }, ...rest] };
    const unknown = { ...current, migrations: [...current.migrations, { name: '29991231000000_not_here', checksum: '1'.repeat(64) }] };
    const renamed = { ...current, migrations: [{ ...first!, name: '20000101000000_init' }, ...rest] };
    const otherData = { ...current, data: '2'.repeat(64) };
    const otherPglite = { ...current, pglite: '0.0.1' };
    for (const [name, manifest] of Object.entries({ edited, unknown, renamed, otherData, otherPglite })) {
      const dir = path.join(tmp, name);
      await imageWith(dir, manifest);
      expect(await findImage(dir, current), name).toBeUndefined();
    }
    // The same copy under the current manifest is found: what the cases above change is what counts.
    await imageWith(path.join(tmp, 'same'), current);
    expect((await findImage(path.join(tmp, 'same'), current))?.manifest).toEqual(current);
  });

  it('starts the gateway by migrating and seeding when the only image is for other migrations', async () => {
    const current = await currentManifest();
    const dir = path.join(tmp, 'gateway-edited');
    await imageWith(dir, { ...current, migrations: current.migrations.map((m) => ({ ...m, checksum: '3'.repeat(64) })) });
    const lines: string[] = [];
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', CHISO_DATA_DIR: path.join(tmp, 'gateway-data') });
    const gateway = await startGateway(config, { logger: pino({ level: 'silent' }), say: (line) => lines.push(line), imageDir: dir });
    try {
      expect(gateway.db.embedded?.fromImage).toBe(false);
      expect(lines.join('\n')).not.toContain('prepared image');
      expect(lines[0]).toBe(`applied migrations: ${current.migrations.map((m) => m.name).join(', ')}`);
      expect(lines[1]).toMatch(/^loaded reference data and source reports: \d+ regions/);
    } finally {
      await gateway.stop();
    }
  });
});
