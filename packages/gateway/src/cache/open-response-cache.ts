import type { Logger } from 'pino';
import { listenForPublications } from './publication-listener.ts';
import { createRedisClient } from './redis.ts';
import { createSharedCache, type SharedCache } from './shared-cache.ts';

/**
 * The response cache of one gateway instance: shared through Redis when `redisUrl` is given, and
 * kept fresh by publications heard from PostgreSQL when `databaseUrl` is given (several
 * instances and the command line share a server database; the embedded one has one process).
 */
export async function openResponseCache(options: { redisUrl?: string | null; databaseUrl?: string | null; logger: Logger }): Promise<{ cache: SharedCache; close(): Promise<void> }> {
  const redis = options.redisUrl ? createRedisClient(options.redisUrl) : null;
  const cache = createSharedCache({ redis, logger: options.logger });
  const listener = options.databaseUrl ? listenForPublications(options.databaseUrl, cache, options.logger) : null;
  await listener?.ready;
  return {
    cache,
    async close() {
      await listener?.close();
      redis?.disconnect();
    },
  };
}
