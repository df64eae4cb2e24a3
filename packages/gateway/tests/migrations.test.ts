import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations, diffSchemaAgainstMigrations, MigrationError } from '../src/db/migrations.ts';
import { migrationsDir } from '../src/db/schema-engine.ts';
import { withShadowDatabase } from '../src/db/shadow.ts';
import { databaseKinds, openTestDatabase, postgresAvailable, serverUrl, type TestDatabase } from './helpers/databases.ts';

describe.each(databaseKinds)('migrations on %s', (kind) => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.dispose();
    db = undefined;
  });

  it('applies prisma/migrations once, records them as prisma migrate deploy does, and then changes nothing', async () => {
    db = await openTestDatabase(kind, { migrate: false });
    const names = (await fs.readdir(migrationsDir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(await applyMigrations(db.url)).toEqual(names);
    expect(await applyMigrations(db.url)).toEqual([]);

    const rows = await db.prisma.$queryRawUnsafe<
      Array<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number; rolled_back_at: Date | null }>
    >('select migration_name, checksum, finished_at, applied_steps_count, rolled_back_at from _prisma_migrations order by migration_name');
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const sql = await fs.readFile(path.join(migrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.rolled_back_at).toBeNull();
    }
    expect(await db.prisma.indicator.count()).toBe(0);
  });

  it('stops on a failing migration with a message that names it, and keeps refusing until it is resolved', async () => {
    db = await openTestDatabase(kind, { migrate: false });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'chiso-migrations-'));
    await fs.cp(migrationsDir, dir, { recursive: true });
    await fs.mkdir(path.join(dir, '20990101000000_broken'));
    await fs.writeFile(path.join(dir, '20990101000000_broken', 'migration.sql'), 'ALTER TABLE "NoSuchTable" ADD COLUMN "x" INTEGER;\n');

    const first = await applyMigrations(db.url, dir).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(MigrationError);
    expect((first as Error).message).toMatch(/20990101000000_broken/);
    expect((first as Error).message).toMatch(/NoSuchTable/);
    expect((first as Error).message).not.toMatch(/\n/);

    const again = await applyMigrations(db.url, dir).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(MigrationError);
    expect((again as Error).message).toMatch(/20990101000000_broken/);
    await fs.rm(dir, { recursive: true });
  });
});

describe.runIf(postgresAvailable)('the migrations and schema.prisma', () => {
  it('agree: a diff from the migrations to the schema is empty (run `pnpm db:diff NAME` after a schema change)', async () => {
    process.env.SHADOW_DATABASE_URL ??= serverUrl;
    const sql = await withShadowDatabase((shadow) => diffSchemaAgainstMigrations(shadow, shadow));
    expect(sql).toBe('');
  });
});
