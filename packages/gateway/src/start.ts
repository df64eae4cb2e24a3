import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { createApp } from './app.ts';
import { createApiKey } from './auth/keys.ts';
import { openResponseCache } from './cache/open-response-cache.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { defaultImageDir, findImage } from './db/image.ts';
import { applyMigrations } from './db/migrations.ts';
import { listeningOrigin, publicOriginResolver } from './http/public-origin.ts';
import { isSeeded, seedDatabase } from './db/seed/seed.ts';
import { rateLimitFromConfig } from './plugins/use-rate-limit.ts';

export interface Gateway {
  url: string;
  db: Database;
  server: Server;
  stop(): Promise<void>;
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
  } = {},
): Promise<Gateway> {
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL });
  const say = options.say ?? (() => {});
  // A new embedded folder starts from the prepared image when there is one for these migrations.
  const embeddedImage = async () => (await findImage(options.imageDir ?? defaultImageDir))?.dir;
  const db = await openDatabase(config, { ...(options.onQuery ? { onQuery: options.onQuery } : {}), embeddedImage });
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
    throw error;
  }
  let port = config.PORT; // the chosen one once listening (PORT=0)
  const publicOrigin = publicOriginResolver(config, () => listeningOrigin(config.HOST, port));
  const responseCache = await openResponseCache({ redisUrl: config.REDIS_URL, databaseUrl: config.DATABASE_URL, logger });
  const limits = rateLimitFromConfig(config);
  const app = createApp({ prisma: db.prisma, logger, publicOrigin, cache: responseCache.cache, persistedOnly: config.CHISO_PERSISTED_ONLY, rateLimit: limits.rateLimit });
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  ({ port } = server.address() as AddressInfo);
  if (!config.PUBLIC_URL && !config.TRUST_PROXY && ['0.0.0.0', '::'].includes(config.HOST)) {
    say(`listening on every interface without PUBLIC_URL: embed codes will say ${listeningOrigin(config.HOST, port)}; set PUBLIC_URL to the address readers use`);
  }
  return {
    url: `http://${config.HOST}:${port}/graphql`,
    db,
    server,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await responseCache.close();
      limits.close();
      await db.close();
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
