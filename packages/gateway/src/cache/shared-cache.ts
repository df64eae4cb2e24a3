import { createRedisCache } from '@envelop/response-cache-redis';
import { createInMemoryCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

export type CacheEntity = { typename: string; id?: string | number };

/**
 * The response cache every instance shares: Redis when there is one and it answers, else this
 * instance's memory. Both stores are envelop's own (`@envelop/response-cache-redis`, the in-memory
 * LRU); this only chooses between them. Invalidations always reach the memory store, and reach
 * Redis when it answers; those Redis missed while it was away are replayed when it returns.
 */
export interface SharedCache extends Cache {
  /** `redis` while Redis answers, `memory` otherwise (and always without REDIS_URL). */
  readonly store: 'redis' | 'memory';
  /** Drops this instance's memory store (after missing invalidations, e.g. a lost database listener). */
  forgetLocal(): void;
}

export interface SharedCacheOptions {
  /** An ioredis client made with `createRedisClient` (fails fast while disconnected); none: memory only. */
  redis?: Redis | null;
  logger: Logger;
  /** Entries kept in memory (LRU). @default 2000 */
  maxMemoryEntries?: number;
}

export function createSharedCache({ redis, logger, maxMemoryEntries = 2000 }: SharedCacheOptions): SharedCache {
  let memory = createInMemoryCache({ max: maxMemoryEntries });
  if (!redis) return { store: 'memory', get: (id) => memory.get(id), set: (...a) => memory.set(...a), invalidate: (e) => memory.invalidate(e), forgetLocal: () => (memory = createInMemoryCache({ max: maxMemoryEntries })) } as SharedCache;

  const shared = createRedisCache({ redis: redis as never });
  /** Whether "Redis is unavailable" has been said and not yet taken back: said once per outage. */
  let down = false;
  /** Invalidations Redis did not get: replayed before Redis is read again. */
  const missed = new Map<string, CacheEntity>();
  let replaying: Promise<void> | null = null;
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
  const replay = () =>
    (replaying ??= (async () => {
      const list = [...missed.values()];
      try {
        if (list.length) await shared.invalidate(list);
        else await redis.ping();
        for (const e of list) missed.delete(key(e));
        suspect = false;
        back();
      } catch (error) {
        lost(error);
      } finally {
        replaying = null;
      }
    })());
  redis.on('error', lost);
  redis.on('close', () => lost());
  redis.on('ready', () => void replay());
  const usable = () => redis.status === 'ready' && !suspect && missed.size === 0 && !replaying;
  const failed = (error: unknown) => {
    lost(error);
    if (suspect) return;
    suspect = true;
    const probe = setInterval(() => {
      if (!suspect) clearInterval(probe);
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
    forgetLocal() {
      memory = createInMemoryCache({ max: maxMemoryEntries });
    },
  };
}

const key = (e: CacheEntity) => (e.id == null ? e.typename : `${e.typename}:${e.id}`);
