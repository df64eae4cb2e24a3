import { Redis } from 'ioredis';

/**
 * A Redis client for the shared cache: commands fail at once while it is disconnected (the cache
 * then uses memory) instead of queueing, a stalled command gives up after a second, and it keeps
 * reconnecting (at most every 2 s) so that the shared cache is used again when Redis returns.
 * Its users import this module when REDIS_URL is set (`await import('./redis.ts')`): without Redis,
 * ioredis is never loaded.
 */
export function createRedisClient(url: string, keyPrefix = 'chiso:cache:'): Redis {
  return new Redis(url, {
    keyPrefix,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 1000,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}
