import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { Config } from '../config.ts';
import { PrismaClient } from '../generated/prisma/client.ts';
import { startEmbeddedPostgres, type EmbeddedOptions, type EmbeddedPostgres } from './embedded.ts';

export interface Database {
  prisma: PrismaClient;
  /** Connection URL (for the embedded database, the loopback socket in front of PGlite). */
  url: string;
  kind: 'embedded' | 'postgresql';
  /** Where the data lives: the PGlite folder, or the server URL without password. */
  location: string;
  /** The embedded database's socket server: open connections and waiting messages. */
  embeddedStats?: EmbeddedPostgres['stats'];
  /** The embedded database: whether this start made it from a prepared image, its thread's state (embedded.ts). */
  embedded?: Pick<EmbeddedPostgres, 'fromImage' | 'state' | 'restarts' | 'kill'>;
  /** The connection pool Prisma uses (for its metrics: connections open, idle, waiting). */
  pool: pg.Pool;
  close(): Promise<void>;
}

/**
 * Connections per gateway process to PostgreSQL unless DATABASE_POOL_SIZE says otherwise. A widget
 * request costs one or two short statements, so a process keeps about this many busy at once before
 * its own CPU (one thread) is the limit; several processes share the server's max_connections
 * (100 by default): instances × pool size must stay below it. Measured in docs/serving.md.
 */
export const DEFAULT_POOL_SIZE = 10;

/** How long a statement waits for a pool connection (ms), a queue behind busy connections included. */
const CONNECT_TIMEOUT = 10_000;

/** Thrown when the database cannot be reached; its message is one line that says what to check. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

export interface DatabaseOptions {
  /** Called with every SQL statement Prisma sends (for statement counts and debugging). */
  onQuery?: (sql: string, durationMs: number) => void;
  /** PostgreSQL schema to use on a server (tests use one per run). @default "public" */
  schema?: string;
  /** For a new embedded database: the prepared image to make it from (see image.ts). */
  embeddedImage?: EmbeddedOptions['image'];
  /** The embedded database, already being opened (server.ts starts it before loading the rest); used instead of opening one. */
  embedded?: Promise<EmbeddedPostgres>;
}

/**
 * Opens the database the configuration names: PostgreSQL when DATABASE_URL is set, otherwise the
 * embedded PGlite database in CHISO_DATA_DIR. Both are reached through `@prisma/adapter-pg`.
 */
export async function openDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'CHISO_DATA_DIR'> & Partial<Pick<Config, 'DATABASE_POOL_SIZE'>>,
  options: DatabaseOptions = {},
): Promise<Database> {
  let url: string;
  let embedded: EmbeddedPostgres | undefined;
  let location: string;
  if (config.DATABASE_URL) {
    url = config.DATABASE_URL;
    location = redact(url);
    await checkReachable(url, location);
  } else {
    try {
      embedded = await (options.embedded ?? startEmbeddedPostgres(config.CHISO_DATA_DIR, options.embeddedImage ? { image: options.embeddedImage } : {}));
      url = embedded.url;
    } catch (error) {
      const reason = (error as Error).message;
      const hint = reason.includes('in use by another chiso process') ? '' : ' (is another chiso process using it? set CHISO_DATA_DIR to another folder)';
      throw new DatabaseUnavailableError(`cannot open the embedded database in ${config.CHISO_DATA_DIR}: ${reason}${hint}`);
    }
    location = config.CHISO_DATA_DIR;
  }
  // The embedded database gets exactly one connection. PGlite has a single backend, and the socket
  // server in front of it (pglite-socket 0.2.17) interleaves the extended-protocol messages of
  // several connections (Parse/Bind/Execute of one query with another's), which under concurrent
  // requests fails ("bind message supplies 2 parameters, but prepared statement requires 3") or,
  // worse, binds one query's parameters to another's statement. Upstream: electric-sql/pglite#1046.
  // One backend runs one query at a time anyway, so a single connection costs no throughput.
  // On a server, a statement waits at most CONNECT_TIMEOUT for a connection, so that an unreachable
  // server gives clients DATABASE_UNAVAILABLE (errors.ts) instead of a request that hangs. Not on the
  // embedded database: its one connection is legitimately held for the length of an import.
  // On a server, prepared statements are planned once per connection, not at every execution:
  // PostgreSQL's default re-plans a statement for each set of parameters until it trusts a generic
  // plan, and the widgets' one statement (analytics/series-window.ts) costs more to plan than to
  // run (1.8 ms against 2.8 ms). Chiso's statements filter on keys and dates, which a generic plan
  // serves; measured in docs/benchmarks.md. Set at connection start, after any `options` of the URL.
  const pool = new pg.Pool(
    embedded
      ? { connectionString: url, max: 1 }
      : {
          connectionString: url,
          options: [new URL(url).searchParams.get('options'), '-c plan_cache_mode=force_generic_plan'].filter(Boolean).join(' '),
          max: config.DATABASE_POOL_SIZE ?? DEFAULT_POOL_SIZE,
          idleTimeoutMillis: 30_000,
          connectionTimeoutMillis: CONNECT_TIMEOUT,
        },
  );
  const adapter = new PrismaPg(pool, {
    disposeExternalPool: true,
    ...(options.schema ? { schema: options.schema } : {}),
    // Named (prepared) statements on PostgreSQL: each connection parses and plans a statement once
    // and then only binds and executes it. Statements with many parameters (Prisma's `IN ($1, …)`
    // lists, whose text changes with the list) stay unnamed, so the statements a connection keeps
    // stay few. Not on the embedded database (see the single connection above).
    // (The adapter passes the name to pg as is, and pg treats an undefined name as unnamed.)
    ...(embedded ? {} : { statementNameGenerator: preparedName as (query: { sql: string; args: unknown[] }) => string }),
  });
  const prisma = new PrismaClient({
    adapter,
    // On the single embedded connection, a transaction may have to wait for another to finish:
    // give it longer than Prisma's 2 s before it gives up.
    ...(embedded ? { transactionOptions: { maxWait: 15_000 } } : {}),
    log: options.onQuery ? [{ emit: 'event', level: 'query' }] : [],
  });
  if (options.onQuery) {
    const onQuery = options.onQuery;
    prisma.$on('query' as never, (event: { query: string; duration: number }) => onQuery(event.query, event.duration));
  }
  return {
    prisma,
    url,
    kind: embedded ? 'embedded' : 'postgresql',
    location,
    pool,
    ...(embedded
      ? { embeddedStats: embedded.stats, embedded: { fromImage: embedded.fromImage, state: embedded.state, restarts: embedded.restarts, kill: embedded.kill } }
      : {}),
    async close() {
      await prisma.$disconnect();
      await embedded?.stop();
    },
  };
}

/** The name a statement is prepared under: its text's hash; none for statements with long parameter lists. */
function preparedName(query: { sql: string; args: unknown[] }): string | undefined {
  if (query.args.length > 32) return undefined;
  return `chiso_${createHash('sha1').update(query.sql).digest('base64url').slice(0, 24)}`;
}

async function checkReachable(url: string, location: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    const reason = (error as Error).message || (error as { code?: string }).code || 'unknown error';
    throw new DatabaseUnavailableError(`cannot reach PostgreSQL at ${location}: ${reason} (check DATABASE_URL and that the server is running)`);
  } finally {
    await client.end().catch(() => {});
  }
}

/** The URL without its password, for messages and logs. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL (unparseable)';
  }
}
