import type { Plugin } from 'graphql-yoga';
import type { EmbeddedState } from '../db/embedded-thread.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SharedCache } from '../cache/shared-cache.ts';

/** How long /ready waits for the database before it says "down" (ms). */
const CHECK_TIMEOUT = 2000;

export interface HealthOptions {
  prisma: PrismaClient;
  cache: SharedCache;
  /** REDIS_URL is set: Redis must answer for the instance to be ready. */
  redis: boolean;
  /** The embedded database's thread: `restarting` after it stopped, until it is back, or `lost` (db/embedded-thread.ts). @default always up */
  databaseState?: () => EmbeddedState;
}

/**
 * `/health`: the process lives and answers HTTP (a liveness probe; it never touches the database,
 * so a database outage does not get healthy processes restarted). `/ready`: the database answers
 * `select 1` within 2 s (and its embedded thread is not being restarted) and, with REDIS_URL, the shared cache reaches Redis (a readiness probe:
 * take the instance out of the load balancer until it says ready). JSON, `no-store`, 200 or 503.
 * While the gateway shuts down it refuses every request with 503 (start.ts), /ready included.
 */
export function useHealth({ prisma, cache, redis, databaseState = () => 'up' }: HealthOptions): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== '/health' && url.pathname !== '/ready') return;
      const json = (body: unknown, status: number) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } }),
        );
      if (url.pathname === '/health') return json({ status: 'ok', uptime: Math.round(process.uptime()) }, 200);
      const thread = databaseState();
      const database = thread === 'up' && (await databaseAnswers(prisma));
      const checks = {
        database: thread !== 'up' ? thread : database ? 'up' : 'down',
        redis: !redis ? 'not configured' : cache.store === 'redis' ? 'up' : 'down',
      };
      const ready = database && checks.redis !== 'down';
      return json({ status: ready ? 'ready' : 'not ready', checks }, ready ? 200 : 503);
    },
  };
}

async function databaseAnswers(prisma: PrismaClient): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), CHECK_TIMEOUT)));
  try {
    return await Promise.race([prisma.$queryRaw`select 1`.then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
