import pg from 'pg';

/**
 * A throw-away database on a PostgreSQL server for the schema engine to replay migrations into
 * (Prisma calls it the shadow database). The embedded database cannot serve: the engine's
 * description of PGlite's catalog fails. Server: SHADOW_DATABASE_URL, else DATABASE_URL, else the
 * local default server.
 */
export async function withShadowDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
  const serverUrl = process.env.SHADOW_DATABASE_URL || process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
  const name = `chiso_shadow_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `db:diff needs a PostgreSQL server for its shadow database and cannot reach ${new URL(serverUrl).host}: ` +
        `${(error as Error).message} (set SHADOW_DATABASE_URL)`,
    );
  }
  try {
    await admin.query(`create database "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return await run(url.toString());
  } finally {
    await admin.query(`drop database if exists "${name}" with (force)`).catch(() => {});
    await admin.end();
  }
}
