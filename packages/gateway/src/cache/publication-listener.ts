import pg from 'pg';
import type { Logger } from 'pino';
import { entitiesOf, parsePublication, PUBLICATION_CHANNEL } from './publication.ts';
import type { SharedCache } from './shared-cache.ts';

/**
 * Listens on PostgreSQL for publications (imports, revisions, chart saves committed by any
 * gateway or by the command line) and invalidates what they changed in this instance's cache:
 * its memory store, and the shared Redis store (idempotent when several instances do it), one
 * publish after another, recording each in Redis as seen. A lost connection is said once and
 * retried. Each time listening starts (the first time too: publishes may have been made while no
 * gateway listened), the memory store is dropped and Redis caught up from the publication log.
 */
export function listenForPublications(databaseUrl: string, cache: SharedCache, logger: Logger): { ready: Promise<void>; close(): Promise<void> } {
  let client: pg.Client | null = null;
  let closed = false;
  let down = false;
  let timer: NodeJS.Timeout | undefined;
  // Publishes are marked seen in the order PostgreSQL delivers them (commit order): each only once
  // it and those before it are dropped. The dropping itself starts at once (memory first).
  let applied = Promise.resolve();

  const connect = async () => {
    const c = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
    c.on('error', (error) => lose(c, error));
    c.on('end', () => lose(c));
    c.on('notification', (message) => {
      const publication = message.channel === PUBLICATION_CHANNEL ? parsePublication(message.payload) : null;
      if (!publication) return;
      const dropped = Promise.resolve(cache.invalidate(entitiesOf(publication)));
      applied = Promise.all([applied, dropped])
        .then(() => (publication.id ? cache.seen(publication.id) : undefined))
        .catch((error) => logger.error({ err: error }, 'response cache: invalidation failed'));
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${PUBLICATION_CHANNEL}`);
      if (closed) return void (await c.end().catch(() => {}));
      client = c;
      cache.resync();
      if (down) logger.info('response cache: listening for publications again; the memory cache was dropped and the shared one caught up');
      down = false;
    } catch (error) {
      lose(c, error);
    }
  };
  const lose = (c: pg.Client, error?: unknown) => {
    if (client === c) client = null;
    c.end().catch(() => {});
    if (closed || timer) return;
    if (!down) logger.warn({ err: error }, 'response cache: lost the database connection that reports publications; retrying');
    down = true;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, 1000);
    timer.unref();
  };
  return {
    /** Resolves once the first attempt to listen has succeeded or failed (then it is retried). */
    ready: connect(),
    async close() {
      closed = true;
      clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
