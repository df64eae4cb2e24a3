import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { createRedisClient } from '../src/cache/redis.ts';
import { loadConfig } from '../src/config.ts';
import { createRateLimiters, rateLimitFromConfig, type RateLimitSettings } from '../src/plugins/use-rate-limit.ts';
import { openTestDatabase, type TestDatabase } from './helpers/databases.ts';
import { testKey } from './helpers/graphql.ts';

/** The machine's Redis (or TEST_REDIS_URL); each run counts under a prefix of its own. */
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisAvailable = await (async () => {
  const probe = createRedisClient(redisUrl);
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('ready', resolve);
      probe.once('error', reject);
    });
    return true;
  } catch (error) {
    if (process.env.CI === 'true') throw new Error(`the rate limit's Redis test needs Redis at ${redisUrl}: ${(error as Error).message}`);
    console.warn(`NOTICE: Redis at ${redisUrl} unreachable; the rate limit's Redis suite is skipped (${(error as Error).message})`);
    return false;
  } finally {
    probe.disconnect();
  }
})();

const QUERY = '/graphql?query=%7B__typename%7D';
const settings: RateLimitSettings = { anonymous: 3, key: 6, windowSeconds: 60 };

describe('rate limit per client', () => {
  let db: TestDatabase;
  let auth: { authorization: string };
  const servers: Server[] = [];
  const redisClients: Redis[] = [];

  /** A gateway over real HTTP on loopback with the given limiters. */
  async function serve(limiters: ReturnType<typeof createRateLimiters>, trustProxy = 0): Promise<string> {
    const server = createServer(createApp({ prisma: db.prisma, logger: pino({ level: 'silent' }), rateLimit: { limiters, trustProxy } }));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  /** A Redis client under `keyPrefix`; connected first, unless `url` is a Redis that is not there. */
  const redisClient = async (keyPrefix: string, url = redisUrl) => {
    const client = createRedisClient(url, keyPrefix);
    client.on('error', () => {});
    redisClients.push(client);
    if (url === redisUrl) await new Promise((resolve) => client.once('ready', resolve));
    return client;
  };
  const redisLimiters = async (prefix: string, url = redisUrl) => createRateLimiters(settings, await redisClient(`chiso:rate:test-${prefix}:`, url));
  const statuses = async (base: string, n: number, headers: Record<string, string> = {}) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await fetch(`${base}${QUERY}`, { headers })).status);
    return out;
  };

  beforeAll(async () => {
    db = await openTestDatabase('embedded');
    ({ auth } = await testKey(db.prisma, { name: 'rate limit test' }));
  });
  afterAll(async () => {
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise((resolve) => s.close(resolve));
    }
    for (const c of redisClients) c.disconnect();
    await db?.dispose();
  });

  it('answers 429 with Retry-After and a GraphQL error with a code once an address is over its limit (memory)', async () => {
    const base = await serve(createRateLimiters(settings));
    expect(await statuses(base, 3)).toEqual([200, 200, 200]);
    const refused = await fetch(`${base}${QUERY}`, { headers: { origin: 'https://news.example' } });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(refused.headers.get('cache-control')).toBe('no-store');
    // A page on another origin can read why, and when to come back.
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    expect(refused.headers.get('access-control-expose-headers')).toContain('retry-after');
    const body = (await refused.json()) as any;
    expect(body.errors).toEqual([
      {
        message: `too many requests from this address (127.0.0.1): the limit is 3 per 60 s; try again in ${retryAfter} s, or send an API key for a higher limit`,
        extensions: { code: 'RATE_LIMITED', limit: 3, windowSeconds: 60, retryAfter },
      },
    ]);
    // Static files and pages count too; CORS preflights do not.
    expect((await fetch(`${base}/builder/`)).status).toBe(429);
    expect(
      (await fetch(`${base}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://news.example', 'access-control-request-method': 'POST' } })).status,
    ).toBe(204);
  });

  it('gives a key its own, higher limit, and counts a key that does not authenticate against the address', async () => {
    const base = await serve(createRateLimiters(settings));
    expect(await statuses(base, 6, auth)).toEqual([200, 200, 200, 200, 200, 200]);
    const refused = await fetch(`${base}${QUERY}`, { headers: auth });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as any).errors[0].message).toMatch(
      /^too many requests from the key chiso_[\w-]{8}…: the limit is 6 per 60 s; .*ask an administrator/,
    );
    // The address's own count is untouched by the key's requests.
    expect(await statuses(base, 1)).toEqual([200]);
    const fake = { authorization: `Bearer chiso_${'A'.repeat(43)}` };
    expect(await statuses(base, 3, fake)).toEqual([200, 200, 429]);
    expect(await statuses(base, 1)).toEqual([429]);
  });

  it('believes X-Forwarded-For only from as many proxies as TRUST_PROXY says, and counts an IPv6 client by its /64', async () => {
    const direct = await serve(createRateLimiters(settings));
    // Without trusted proxies a client cannot pose as many clients.
    const spoofed = await Promise.all(
      [1, 2, 3, 4].map((i) => fetch(`${direct}${QUERY}`, { headers: { 'x-forwarded-for': `198.51.100.${i}` } }).then((r) => r.status)),
    );
    expect(spoofed.sort()).toEqual([200, 200, 200, 429]);

    const proxied = await serve(createRateLimiters(settings), 1);
    // The proxy appends the address it saw: only that entry counts, whatever the client wrote before it.
    expect(await statuses(proxied, 4, { 'x-forwarded-for': '203.0.113.7' })).toEqual([200, 200, 200, 429]);
    expect(await statuses(proxied, 1, { 'x-forwarded-for': '10.0.0.1, 203.0.113.7' })).toEqual([429]);
    expect(await statuses(proxied, 1, { 'x-forwarded-for': '203.0.113.7, 203.0.113.8' })).toEqual([200]);
    expect(await statuses(proxied, 3, { 'x-forwarded-for': '2001:db8:1:2::1' })).toEqual([200, 200, 200]);
    const v6 = await fetch(`${proxied}${QUERY}`, { headers: { 'x-forwarded-for': '2001:db8:1:2:ffff::9' } });
    expect(v6.status).toBe(429);
    expect(((await v6.json()) as any).errors[0].message).toContain('this address (2001:db8:1:2::/64)');
  });

  it('reads its limits from the configuration, and RATE_LIMIT=off turns it off', async () => {
    const on = await rateLimitFromConfig(loadConfig({ RATE_LIMIT: '100', RATE_LIMIT_KEY: '1000', RATE_LIMIT_WINDOW: '10', TRUST_PROXY: '2' }));
    expect(on.rateLimit?.limiters.settings).toEqual({ anonymous: 100, key: 1000, windowSeconds: 10 });
    expect(on.rateLimit?.trustProxy).toBe(2);
    on.close();
    expect((await rateLimitFromConfig(loadConfig({}))).rateLimit?.limiters.settings).toEqual({ anonymous: 600, key: 6000, windowSeconds: 60 });
    expect((await rateLimitFromConfig(loadConfig({ RATE_LIMIT: 'off' }))).rateLimit).toBeUndefined();
    expect(() => loadConfig({ RATE_LIMIT: '0' })).toThrow(
      /RATE_LIMIT: must be off or the number of requests one client may send per window without a key, e\.g\. RATE_LIMIT=600/,
    );
    expect(() => loadConfig({ RATE_LIMIT_WINDOW: 'a minute' })).toThrow(/RATE_LIMIT_WINDOW: must be a number of seconds/);
  });

  describe.runIf(redisAvailable)('in Redis', () => {
    it('shares one count between gateway instances', async () => {
      const prefix = randomBytes(4).toString('hex');
      const [a, b] = [await serve(await redisLimiters(prefix)), await serve(await redisLimiters(prefix))];
      expect([...(await statuses(a, 2)), ...(await statuses(b, 1))]).toEqual([200, 200, 200]);
      expect(await statuses(b, 1)).toEqual([429]);
      expect(await statuses(a, 1)).toEqual([429]);
      // The count is Redis's: the instances hold nothing of it.
      const probe = await redisClient('');
      expect(Number(await probe.get(`chiso:rate:test-${prefix}:anonymous:127.0.0.1`))).toBe(5);
      expect(await probe.pttl(`chiso:rate:test-${prefix}:anonymous:127.0.0.1`)).toBeGreaterThan(50_000);
    });

    it('keeps limiting in memory while Redis cannot be reached', async () => {
      // A port nothing listens on: every Redis command fails at once, the insurance limiter counts.
      const base = await serve(await redisLimiters(randomBytes(4).toString('hex'), 'redis://127.0.0.1:1'));
      expect(await statuses(base, 4)).toEqual([200, 200, 200, 429]);
    });
  });
});
