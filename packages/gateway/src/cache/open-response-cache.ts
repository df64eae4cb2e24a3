import type { Logger } from 'pino';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { publicationLog } from './publication-log.ts';
import { listenForPublications } from './publication-listener.ts';
import { createSharedCache, type SharedCache } from './shared-cache.ts';

/**
 * The response cache of one gateway instance: shared through Redis when `redisUrl` is given, and
 * kept fresh by publications heard from PostgreSQL when `databaseUrl` is given (several
 * instances and the command line share a server database; the embedded one has one process).
 * Redis is caught up from the publication log in `prisma`'s database whenever it becomes usable,
 * so that what was published while no gateway listened is not served from it.
 */
export async function openResponseCache(options: {
  redisUrl?: string | null;
  databaseUrl?: string | null;
  prisma: PrismaClient;
  logger: Logger;
}): Promise<{ cache: SharedCache; close(): Promise<void> }> {
  // ioredis is loaded only when there is a Redis to talk to (redis.ts).
  const redis = options.redisUrl ? (await import('./redis.ts')).createRedisClient(options.redisUrl) : null;
  const cache = createSharedCache({ redis, logger: options.logger, publications: publicationLog(options.prisma) });
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
