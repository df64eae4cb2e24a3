import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import ipaddr from 'ipaddr.js';
import type { Redis } from 'ioredis';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
// From their own files, not the package's main module, which loads a limiter for every database (deep-imports.d.ts).
import RateLimiterMemory from 'rate-limiter-flexible/lib/RateLimiterMemory.js';
import RateLimiterRedis from 'rate-limiter-flexible/lib/RateLimiterRedis.js';
import RateLimiterRes from 'rate-limiter-flexible/lib/RateLimiterRes.js';
import type { Principal } from '../auth/principal.ts';
import type { Config } from '../config.ts';
import { clientAddress } from '../http/public-origin.ts';

/** How many requests a client may send per window (RATE_LIMIT, RATE_LIMIT_KEY, RATE_LIMIT_WINDOW). */
export interface RateLimitSettings {
  /** Requests per window from one client address without a key. */
  anonymous: number;
  /** Requests per window with one API key, wherever they come from. */
  key: number;
  windowSeconds: number;
}

/** The counters, in Redis (shared by every instance) or in this process's memory. */
export interface RateLimiters {
  settings: RateLimitSettings;
  anonymous: RateLimiterAbstract;
  key: RateLimiterAbstract;
}

/**
 * Counters in Redis when a client is given, each backed by memory while Redis cannot be reached
 * (rate-limiter-flexible's insurance limiter), so that a Redis outage neither blocks nor frees everyone.
 */
export function createRateLimiters(settings: RateLimitSettings, redis?: Redis | null): RateLimiters {
  const make = (name: string, points: number) => {
    const memory = new RateLimiterMemory({ keyPrefix: name, points, duration: settings.windowSeconds });
    return redis ? new RateLimiterRedis({ storeClient: redis, keyPrefix: name, points, duration: settings.windowSeconds, insuranceLimiter: memory }) : memory;
  };
  return { settings, anonymous: make('anonymous', settings.anonymous), key: make('key', settings.key) };
}

/** The rate limit a configuration asks for (none with RATE_LIMIT=off), counted in REDIS_URL when set; `close` ends its Redis connection. */
export async function rateLimitFromConfig(config: Pick<Config, 'RATE_LIMIT' | 'RATE_LIMIT_KEY' | 'RATE_LIMIT_WINDOW' | 'REDIS_URL' | 'TRUST_PROXY'>): Promise<{
  rateLimit?: { limiters: RateLimiters; trustProxy: number };
  close(): void;
}> {
  if (config.RATE_LIMIT === null) return { close() {} };
  // ioredis is loaded only when there is a Redis to talk to (redis.ts).
  const redis = config.REDIS_URL ? (await import('../cache/redis.ts')).createRedisClient(config.REDIS_URL, 'chiso:rate:') : null;
  // While Redis is away the counters are in memory; the response cache's client (same server) says so in the log.
  redis?.on('error', () => {});
  const limiters = createRateLimiters({ anonymous: config.RATE_LIMIT, key: config.RATE_LIMIT_KEY, windowSeconds: config.RATE_LIMIT_WINDOW }, redis);
  return { rateLimit: { limiters, trustProxy: config.TRUST_PROXY }, close: () => redis?.disconnect() };
}

export interface RateLimitOptions {
  limiters: RateLimiters;
  /** Proxies in front of the gateway whose `X-Forwarded-For` is believed (TRUST_PROXY). */
  trustProxy: number;
  /** The key a request carries (memoised per request, auth/principal.ts). */
  authenticate(request: Request): Promise<Principal | null>;
}

/**
 * Counts every request (but CORS preflights) against its client: the API key it carries, or else
 * its address (an IPv6 address by its /64, what one subscriber holds). Over the limit: HTTP 429
 * with `Retry-After` and a GraphQL-shaped error with code RATE_LIMITED. A request with a key that
 * does not authenticate counts against its address, and once the address is over its limit its
 * keys are no longer looked up, so guessing keys costs the database nothing.
 */
export function useRateLimit({ limiters, trustProxy, authenticate }: RateLimitOptions): Plugin {
  const { settings } = limiters;
  return {
    async onRequest({ request, serverContext, endResponse, fetchAPI }) {
      if (request.method === 'OPTIONS') return;
      const peer = (serverContext as { req?: IncomingMessage } | undefined)?.req?.socket?.remoteAddress;
      const address = addressBucket(clientAddress(request, peer, trustProxy));
      let principal: Principal | null = null;
      if (request.headers.has('authorization') && (await limiters.anonymous.get(address))?.remainingPoints !== 0) {
        principal = await authenticate(request).catch(() => null);
      }
      const [limiter, bucket, limit] = principal ? [limiters.key, `${principal.keyId}`, settings.key] : [limiters.anonymous, address, settings.anonymous];
      try {
        await limiter.consume(bucket);
      } catch (refused) {
        if (!(refused instanceof RateLimiterRes)) throw refused;
        const retryAfter = Math.max(1, Math.ceil(refused.msBeforeNext / 1000));
        const who = principal ? `the key ${principal.prefix}…` : `this address (${address})`;
        const hint = principal ? 'ask an administrator if this key needs more' : 'send an API key for a higher limit';
        const error = {
          message: `too many requests from ${who}: the limit is ${limit} per ${settings.windowSeconds} s; try again in ${retryAfter} s, or ${hint}`,
          extensions: { code: 'RATE_LIMITED', limit, windowSeconds: settings.windowSeconds, retryAfter },
        };
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [error] }), {
            status: 429,
            headers: {
              'content-type': 'application/json; charset=utf-8',
              'cache-control': 'no-store',
              'retry-after': String(retryAfter),
              'ratelimit-limit': String(limit),
              'ratelimit-remaining': '0',
              'ratelimit-reset': String(retryAfter),
            },
          }),
        );
      }
    },
  };
}

/** An IPv4 address, or the /64 network of an IPv6 one. */
function addressBucket(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return address;
  return `${(parsed as ipaddr.IPv6).parts
    .slice(0, 4)
    .map((p) => p.toString(16))
    .join(':')}::/64`;
}
