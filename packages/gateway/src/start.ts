import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { createApp } from './app.ts';
import { createApiKey } from './auth/keys.ts';
import { openResponseCache } from './cache/open-response-cache.ts';
import { limitsOf, type Config } from './config.ts';
import { openDatabase, type Database, type DatabaseOptions } from './db/database.ts';
import { defaultImageDir, findImage } from './db/image.ts';
import { applyMigrations } from './db/migrations.ts';
import { listeningOrigin, publicOriginResolver } from './http/public-origin.ts';
import { createMetrics } from './plugins/use-metrics.ts';
import { isSeeded, seedDatabase } from './db/seed/seed.ts';
import { rateLimitFromConfig } from './plugins/use-rate-limit.ts';

export interface Gateway {
  url: string;
  db: Database;
  server: Server;
  /**
   * Stops gracefully: new requests are refused (503, `Connection: close`) and no new connections
   * accepted, requests in flight get up to SHUTDOWN_TIMEOUT seconds to finish, then every
   * connection is closed, and the response cache (Redis, the publication listener) and the
   * database are closed. Says how many requests it had to cut off.
   */
  stop(): Promise<{ cutOff: number }>;
}

/**
 * Opens the database, applies pending migrations, seeds an empty database and starts listening.
 * Fails with one of ConfigError, DatabaseUnavailableError, MigrationError or DataFileError.
 */
export async function startGateway(
  config: Config,
  options: {
    logger?: Logger;
    onQuery?: (sql: string) => void;
    say?: (line: string) => void;
    /** Where prepared images of the embedded database are looked for (image.ts). @default ".data/cache" */
    imageDir?: string;
    /** The embedded database, already being opened (server.ts); `imageDir` is then the opener's business. @default opened here */
    embedded?: DatabaseOptions['embedded'];
  } = {},
): Promise<Gateway> {
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL });
  const say = options.say ?? (() => {});
  // A new embedded folder starts from the prepared image when there is one for these migrations.
  const embeddedImage = async () => (await findImage(options.imageDir ?? defaultImageDir))?.dir;
  const metrics = createMetrics();
  const onQuery = (sql: string, ms: number) => {
    metrics.observeStatement(ms);
    options.onQuery?.(sql);
  };
  // Listening first: a port in use fails before the database is opened, and while the database opens,
  // migrates and seeds, /health says the process is alive (a liveness probe does not kill a long
  // first start) and every other request gets 503 "starting".
  let app: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  let draining = false;
  const inFlight = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    if (draining) return refuse(res);
    if (!app) return starting(req, res);
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    app(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port; // the chosen one (PORT=0)
  const closeServer = () => new Promise((resolve) => server.close(resolve));
  let db: Database;
  try {
    db = await openDatabase(config, { onQuery, embeddedImage, ...(options.embedded ? { embedded: options.embedded } : {}) });
  } catch (error) {
    await closeServer();
    throw error;
  }
  metrics.watchPool(db.pool);
  try {
    if (db.embedded?.fromImage) say('made the database from the prepared image (migrations and reference data)');
    const applied = await applyMigrations(db.url);
    if (applied.length) say(`applied migrations: ${applied.join(', ')}`);
    if (!(await isSeeded(db.prisma))) {
      const result = await seedDatabase(db.prisma);
      say(`loaded reference data and source reports: ${result.regions} regions, ${result.indicators} indicators, ${result.observationsCreated} observations`);
    }
    // Also when the folder was first made by `pnpm chiso …`, which seeds without printing keys.
    if (db.kind === 'embedded') await firstRunKey(db, say);
  } catch (error) {
    await db.close();
    await closeServer();
    throw error;
  }
  const publicOrigin = publicOriginResolver(config, () => listeningOrigin(config.HOST, port));
  const responseCache = await openResponseCache({ redisUrl: config.REDIS_URL, databaseUrl: config.DATABASE_URL, prisma: db.prisma, logger });
  const rateLimits = await rateLimitFromConfig(config);
  const yoga = createApp({
    prisma: db.prisma,
    logger,
    publicOrigin,
    cache: responseCache.cache,
    persistedOnly: config.CHISO_PERSISTED_ONLY,
    limits: limitsOf(config),
    metrics,
    metricsEndpoint: config.METRICS ? { ...(config.METRICS_TOKEN ? { token: config.METRICS_TOKEN } : {}) } : false,
    redis: !!config.REDIS_URL,
    ...(db.embedded ? { databaseState: db.embedded.state } : {}),
    rateLimit: rateLimits.rateLimit,
  });
  app = (req, res) => void yoga(req, res);
  if (!config.PUBLIC_URL && !config.TRUST_PROXY && ['0.0.0.0', '::'].includes(config.HOST)) {
    say(
      `listening on every interface without PUBLIC_URL: embed codes will say ${listeningOrigin(config.HOST, port)}; set PUBLIC_URL to the address readers use`,
    );
  }
  return {
    url: `http://${config.HOST}:${port}/graphql`,
    db,
    server,
    async stop() {
      draining = true;
      // Requests in flight answer with `Connection: close`, so their keep-alive connections end with them.
      for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Connections that fall idle during the drain (a response sent before it began) are closed as they do.
      const idle = setInterval(() => server.closeIdleConnections(), 100);
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), config.SHUTDOWN_TIMEOUT * 1000)));
      const cutOff = (await Promise.race([closed, deadline])) === 'timeout' ? inFlight.size : 0;
      clearTimeout(timer);
      clearInterval(idle);
      if (cutOff)
        logger.warn(
          { requests: cutOff },
          `shutdown: SHUTDOWN_TIMEOUT (${config.SHUTDOWN_TIMEOUT} s) reached; closing the connections of requests still in flight`,
        );
      server.closeAllConnections();
      await closed;
      // A request cut off still holds its database connection (its statement runs on): closing the
      // pool would wait for it. Give closing a second then, and let the process exit anyway.
      rateLimits.close();
      const closing = Promise.all([responseCache.close(), db.close()]);
      await (cutOff ? Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 1000).unref())]) : closing);
      return { cutOff };
    },
  };
}

/**
 * On a new embedded database (one person trying chiso on their machine) the first start prints a
 * key that may publish and administer, once, so saving a chart works without another command.
 * A PostgreSQL database is a server's: its keys are made deliberately with `pnpm chiso keys create`.
 */
async function firstRunKey(db: Database, say: (line: string) => void): Promise<void> {
  if ((await db.prisma.apiKey.count()) > 0) return;
  const { key } = await createApiKey(db.prisma, { name: 'first-run (this machine)', scopes: ['PUBLISH', 'ADMIN'], regions: [] }, { actor: 'seed' });
  say(`publishing key (PUBLISH, ADMIN) for this machine, shown only now: ${key}`);
  say('  paste it into the chart builder\'s "Publishing key" field; more keys: pnpm chiso keys create --name NAME [--scope publish|admin] [--region CODE]');
}

/** A request that arrives before the gateway is ready: /health says the process lives, anything else 503. */
function starting(req: IncomingMessage, res: ServerResponse): void {
  const health = req.url === '/health' || req.url?.startsWith('/health?');
  const body = health
    ? JSON.stringify({ status: 'starting', uptime: Math.round(process.uptime()) })
    : JSON.stringify({ error: { message: 'This gateway is starting (opening its database); try again in a moment.', code: 'STARTING' } });
  res.writeHead(health ? 200 : 503, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...(health ? {} : { 'retry-after': '1' }),
  });
  res.end(body);
}

/** A request that arrives while the gateway stops: 503, and the connection is closed after it. */
function refuse(res: ServerResponse): void {
  const body = JSON.stringify({
    error: { message: 'This gateway is shutting down; try again (another instance, or this one once restarted, will answer).', code: 'SHUTTING_DOWN' },
  });
  res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'retry-after': '1', connection: 'close' });
  res.end(body);
}
