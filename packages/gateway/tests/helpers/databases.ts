import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { applyMigrations } from '../../src/db/migrations.ts';
import { seedDatabase } from '../../src/db/seed/seed.ts';

/**
 * The two databases every suite runs on. PostgreSQL is the server at TEST_DATABASE_URL (default:
 * the local server's `test` database); each run gets a database of its own, dropped afterwards.
 * Without a reachable server the PostgreSQL suites are skipped with a notice, unless
 * CHISO_REQUIRE_POSTGRES=1 (set in CI), which turns a missing server into a failure.
 */
export const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const requirePostgres = process.env.CHISO_REQUIRE_POSTGRES === '1' || process.env.CI === 'true';

async function serverReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if (requirePostgres) {
      throw new Error(`PostgreSQL tests are required (CI / CHISO_REQUIRE_POSTGRES=1) but ${serverUrl} cannot be reached: ${(error as Error).message}`);
    }
    console.warn(`NOTICE: PostgreSQL at ${serverUrl} unreachable; PostgreSQL suites are skipped (${(error as Error).message})`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export const postgresAvailable = await serverReachable();

export type DatabaseKind = 'embedded' | 'postgresql';
export const databaseKinds: DatabaseKind[] = postgresAvailable ? ['embedded', 'postgresql'] : ['embedded'];

/** A fresh, empty database on the server; returns its URL and a function that drops it. */
export async function createServerDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `chiso_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}

export interface TestDatabase extends Database {
  /** SQL statements Prisma sent since the last `resetStatements()`. */
  statements: string[];
  resetStatements(): void;
  /** Closes the client and removes the database. */
  dispose(): Promise<void>;
}

/** An empty database of the given kind (in-memory PGlite or a new server database), migrated and optionally seeded. */
export async function openTestDatabase(kind: DatabaseKind, options: { seed?: boolean; migrate?: boolean } = {}): Promise<TestDatabase> {
  const server = kind === 'postgresql' ? await createServerDatabase() : undefined;
  const statements: string[] = [];
  const db = await openDatabase({ DATABASE_URL: server?.url, CHISO_DATA_DIR: 'memory://' }, { onQuery: (sql) => statements.push(sql) });
  if (options.migrate !== false) await applyMigrations(db.url);
  if (options.seed !== false && options.migrate !== false) await seedDatabase(db.prisma);
  statements.length = 0;
  return Object.assign(db, {
    statements,
    resetStatements: () => {
      statements.length = 0;
    },
    async dispose() {
      await db.close();
      await server?.drop();
    },
  });
}
