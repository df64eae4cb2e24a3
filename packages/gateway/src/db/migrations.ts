import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { MigrationList } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { migrationsDir, noFilters, readSchema, withSchemaEngine } from './schema-engine.ts';

/** Thrown when migrations cannot be applied; its message says which and why. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Reads `prisma/migrations` in Prisma's layout: `<timestamp>_<name>/migration.sql` + `migration_lock.toml`. */
export async function readMigrations(dir = migrationsDir): Promise<MigrationList> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = path.join(dir, 'migration_lock.toml');
  const lock = await fs.readFile(lockPath, 'utf8').catch(() => null);
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: lock },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      names.map(async (name) => {
        const file = path.join(dir, name, 'migration.sql');
        const content = await fs.readFile(file, 'utf8').then(
          (value) => ({ tag: 'ok' as const, value }),
          (error: Error) => ({ tag: 'error' as const, value: error.message }),
        );
        return { path: name, migrationFile: { path: 'migration.sql', content } };
      }),
    ),
  };
}

/**
 * Applies pending migrations to the database at `url` and records them in `_prisma_migrations`
 * exactly as `prisma migrate deploy` does. Applying twice changes nothing.
 * @returns the names of the migrations applied now
 */
export async function applyMigrations(url: string, dir = migrationsDir): Promise<string[]> {
  const migrationsList = await readMigrations(dir);
  if (migrationsList.migrationDirectories.length === 0) {
    throw new MigrationError(`no migrations found in ${migrationsList.baseDir}`);
  }
  if (await allRecorded(url, migrationsList)) return [];
  try {
    const result = await withSchemaEngine({ url }, (engine) => engine.applyMigrations({ migrationsList, filters: noFilters }));
    return result.appliedMigrationNames;
  } catch (error) {
    throw new MigrationError(`migrations could not be applied: ${describeEngineError(error)}`);
  }
}

/**
 * Whether every migration is recorded as applied, unchanged, and none has failed: then there is
 * nothing for the schema engine to do, and starting it (WebAssembly, about a second of CPU) is
 * skipped on every start but the ones that bring a new migration. Any doubt goes to the engine.
 */
async function allRecorded(url: string, list: MigrationList): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      'select migration_name, checksum, finished_at, rolled_back_at from _prisma_migrations',
    );
    if (rows.some((r) => r.finished_at === null && r.rolled_back_at === null)) return false;
    const applied = new Map(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => [r.migration_name, r.checksum]));
    return list.migrationDirectories.every(
      (m) => m.migrationFile.content.tag === 'ok' && applied.get(m.path) === createHash('sha256').update(m.migrationFile.content.value).digest('hex'),
    );
  } catch {
    return false; // no migrations table yet, or the database says something the engine will explain
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * SQL that takes a database from the state of the existing migrations to the schema.
 * `shadowUrl` is an empty database the engine may replay the migrations into.
 * @returns an empty string when the schema and the migrations agree
 */
export async function diffSchemaAgainstMigrations(url: string, shadowUrl: string): Promise<string> {
  const migrationsList = await readMigrations();
  const schema = await readSchema();
  const from = migrationsList.migrationDirectories.length ? ({ tag: 'migrations', ...migrationsList } as const) : ({ tag: 'empty' } as const);
  const result = await withSchemaEngine({ url, shadowUrl }, (engine) =>
    engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: null,
      filters: noFilters,
    }),
  );
  const sql = result.stdout ?? '';
  return /^\s*(-- This is an empty migration\.)?\s*$/.test(sql) ? '' : sql;
}

/** Writes `<UTC timestamp>_<name>/migration.sql` and the lock file, as `prisma migrate dev` names them. */
export async function writeMigration(name: string, sql: string, now = new Date()): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) {
    throw new MigrationError(`migration name "${name}" must be lower-case letters, digits and underscores`);
  }
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'migration.sql'), sql);
  const lock = path.join(migrationsDir, 'migration_lock.toml');
  await fs.writeFile(
    lock,
    '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
  );
  return dir;
}

function describeEngineError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n').slice(0, 6).join(' ').trim();
  if (typeof error === 'object' && error && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}
