import type { Cache } from '@graphql-yoga/plugin-response-cache';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { entitiesOf, KEPT_PUBLICATIONS, type Publication } from './publication.ts';

/**
 * The publication log as the shared cache reads it: publishes are recorded in the database in
 * commit order (announcePublication), and the shared store (Redis) keeps the number of the last
 * one it dropped. A publish that no gateway heard (made by the command line while every gateway
 * was stopped, or while the one listening had lost its connection) is then dropped by the next
 * gateway that connects to Redis, before it reads anything from it.
 */
export interface PublicationLog {
  /** The number of the latest publish recorded; 0 when there is none. */
  latest(): Promise<number>;
  /** The publishes recorded after number `after`, oldest first. */
  since(after: number): Promise<Publication[]>;
}

/** Key (under the shared cache's prefix) of the number of the last publish the shared store dropped. */
const SEEN = 'publications:seen';

/** Reads the log from the gateway's database (the embedded one or PostgreSQL). */
export function publicationLog(prisma: PrismaClient): PublicationLog {
  return {
    async latest() {
      return (await prisma.publication.aggregate({ _max: { id: true } }))._max.id ?? 0;
    },
    async since(after) {
      return prisma.publication.findMany({ where: { id: { gt: after } }, orderBy: { id: 'asc' }, select: { id: true, indicators: true, charts: true } });
    },
  };
}

/**
 * Brings the shared store up to the log: drops what was published since the number it keeps, or
 * empties it when it keeps none (a new or flushed Redis, or entries made before the log existed)
 * or one the log never reached (another database), then records the latest number.
 */
export async function catchUp(redis: Redis, store: Cache, log: PublicationLog, logger: Logger): Promise<void> {
  const [kept, latest] = await Promise.all([redis.get(SEEN), log.latest()]);
  const seen = kept === null ? null : Number(kept);
  if (seen === null || !(seen <= latest) || latest - seen >= KEPT_PUBLICATIONS) {
    const removed = await empty(redis);
    if (removed)
      logger.info(
        { entries: removed },
        `response cache: emptied the shared cache (it ${seen === null ? 'kept no record of the publishes it had seen' : `was ${seen > latest ? 'ahead of this database' : 'too far behind'}`})`,
      );
  } else if (seen < latest) {
    const missed = await log.since(seen);
    await store.invalidate(
      entitiesOf({ indicators: [...new Set(missed.flatMap((p) => p.indicators))], charts: [...new Set(missed.flatMap((p) => p.charts))] }),
    );
    logger.info(
      { from: seen + 1, to: latest },
      `response cache: dropped from the shared cache what ${missed.length} publish(es) made while no gateway listened changed`,
    );
  }
  await markSeen(redis, latest);
}

/** Records that the shared store has dropped what publish `id` changed (never moves back). */
export async function markSeen(redis: Redis, id: number): Promise<void> {
  await redis.eval(`if tonumber(redis.call('GET', KEYS[1]) or '-1') < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end`, 1, SEEN, String(id));
}

/** Deletes every key under the cache's prefix (not the rate limiter's); returns how many. */
async function empty(redis: Redis): Promise<number> {
  const prefix = redis.options.keyPrefix ?? '';
  if (!prefix) throw new Error('the shared cache needs a key prefix (createRedisClient) to be emptied without touching other keys');
  let removed = 0;
  let cursor = '0';
  do {
    // SCAN's pattern and answers carry the prefix; DEL adds it again.
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) removed += await redis.unlink(...keys.map((k) => k.slice(prefix.length)));
  } while (cursor !== '0');
  return removed;
}
