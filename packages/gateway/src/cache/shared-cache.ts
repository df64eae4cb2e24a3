import { createRedisCache } from '@envelop/response-cache-redis';
import { createInMemoryCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { catchUp, markSeen, type PublicationLog } from './publication-log.ts';

export type CacheEntity = { typename: string; id?: string | number };

/**
 * The response cache every instance shares: Redis when there is one and it answers, else this
 * instance's memory. Both stores are envelop's own (`@envelop/response-cache-redis`, the in-memory
 * LRU); this only chooses between them. Invalidations always reach the memory store, and reach
 * Redis when it answers; those Redis missed while it was away are replayed when it returns. Each
 * time Redis becomes usable (at start too), what was published while no gateway listened is
 * dropped from it first (publication-log.ts).
 */
export interface SharedCache extends Cache {
  /** `redis` while Redis answers, `memory` otherwise (and always without REDIS_URL). */
  readonly store: 'redis' | 'memory';
  /**
   * Publishes may have been missed (a lost database listener): drops this instance's memory store,
   * and catches Redis up from the publication log before it is read again.
   */
  resync(): void;
  /** Records that publish number `id` has been dropped (publication-log.ts); a no-op without Redis. */
  seen(id: number): Promise<void>;
}

export interface SharedCacheOptions {
  /** An ioredis client made with `createRedisClient` (fails fast while disconnected); none: memory only. */
  redis?: Redis | null;
  logger: Logger;
  /** Entries kept in memory (LRU). @default 2000 */
  maxMemoryEntries?: number;
  /** Where Redis is caught up from each time it becomes usable. @default none: Redis is trusted as it is */
  publications?: PublicationLog;
}

export function createSharedCache({ redis, logger, maxMemoryEntries = 2000, publications }: SharedCacheOptions): SharedCache {
  let memory = createInMemoryCache({ max: maxMemoryEntries });
  const forgetLocal = () => void (memory = createInMemoryCache({ max: maxMemoryEntries }));
  if (!redis)
    return {
      store: 'memory',
      get: (id) => memory.get(id),
      set: (...a) => memory.set(...a),
      invalidate: (e) => memory.invalidate(e),
      resync: forgetLocal,
      seen: async () => {},
    } as SharedCache;

  const shared = createRedisCache({ redis: redis as never });
  /** Whether "Redis is unavailable" has been said and not yet taken back: said once per outage. */
  let down = false;
  /** Invalidations Redis did not get: replayed before Redis is read again. */
  const missed = new Map<string, CacheEntity>();
  let replaying: Promise<void> | null = null;
  /** Asked to catch up while a catch-up ran (it may have read the log too early): run again after it. */
  let again = false;
  /** A command failed while the connection looked ready (a timeout): memory until a probe succeeds. */
  let suspect = false;
  const lost = (error?: unknown) => {
    if (down) return;
    down = true;
    logger.warn({ err: error }, 'response cache: Redis is unavailable; this instance answers from its own memory cache until Redis returns');
  };
  const back = () => {
    if (!down) return;
    down = false;
    logger.info('response cache: Redis is back; the shared cache is in use again');
  };
  const replay = (): Promise<void> => {
    if (replaying) {
      again = true;
      return replaying;
    }
    return (replaying = (async () => {
      const list = [...missed.values()];
      try {
        if (list.length) await shared.invalidate(list);
        if (publications) await catchUp(redis, shared, publications, logger);
        else if (!list.length) await redis.ping();
        for (const e of list) missed.delete(key(e));
        suspect = false;
        back();
      } catch (error) {
        // Not caught up (Redis or the database failed): memory until a probe succeeds.
        failed(error);
      } finally {
        replaying = null;
      }
      if (again) {
        again = false;
        await replay();
      }
    })());
  };
  redis.on('error', lost);
  redis.on('close', () => lost());
  redis.on('ready', () => void replay());
  const usable = () => redis.status === 'ready' && !suspect && missed.size === 0 && !replaying;
  let probe: NodeJS.Timeout | undefined;
  const failed = (error: unknown) => {
    lost(error);
    suspect = true;
    probe ??= setInterval(() => {
      if (!suspect) probe = void clearInterval(probe);
      else if (redis.status === 'ready') void replay();
    }, 1000);
    probe.unref();
  };

  return {
    get store() {
      return usable() ? 'redis' : 'memory';
    },
    async get(id) {
      if (usable()) {
        try {
          return (await shared.get(id)) as ExecutionResult | undefined;
        } catch (error) {
          failed(error);
        }
      }
      return memory.get(id);
    },
    async set(id, data, entities, ttl) {
      if (usable()) {
        try {
          return await shared.set(id, data, entities, ttl);
        } catch (error) {
          failed(error);
        }
      }
      return memory.set(id, data, entities, ttl);
    },
    async invalidate(entities) {
      const list = [...entities];
      await memory.invalidate(list);
      if (usable()) {
        try {
          return await shared.invalidate(list);
        } catch (error) {
          failed(error);
        }
      }
      for (const e of list) missed.set(key(e), e);
    },
    resync() {
      forgetLocal();
      if (publications) {
        suspect = true;
        // Not yet connected (at start): the catch-up runs when Redis is ready.
        if (redis.status === 'ready') void replay();
      }
    },
    async seen(id) {
      if (!usable()) return; // the next catch-up reads the log
      try {
        await markSeen(redis, id);
      } catch (error) {
        failed(error);
      }
    },
  };
}

const key = (e: CacheEntity) => (e.id == null ? e.typename : `${e.typename}:${e.id}`);
