/** Composition root: read configuration, start the gateway, print where it listens, stop cleanly. */
import { loadConfig, unknownSettings } from './config.ts';
import { startEmbeddedPostgres } from './db/embedded.ts';

/** Seconds given to closing Redis and the database after the connections are closed, before the process exits anyway. */
const CLOSE_GRACE = 5;

const startedAt = performance.now();
const say = (line: string) => console.log(`chiso: ${line}`);
try {
  for (const warning of unknownSettings()) say(`warning: ${warning}`);
  const config = loadConfig();
  say(config.DATABASE_URL ? 'using PostgreSQL (DATABASE_URL)' : `using the embedded database in ${config.CHISO_DATA_DIR}`);
  // The embedded database's thread starts first: PGlite's WebAssembly compiles there while this
  // thread loads the rest of the gateway (graphql-yoga, Pothos, Prisma: a chunk of its own, below).
  // The loading waits until the thread exists: started at once, it held back the few file steps
  // before the thread (the folder's lock) by half a second of compiling.
  let threadStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => (threadStarted = resolve));
  const embedded = config.DATABASE_URL
    ? undefined
    : startEmbeddedPostgres(config.CHISO_DATA_DIR, {
        image: async () => {
          const { defaultImageDir, findImage } = await import('./db/image.ts');
          return (await findImage(defaultImageDir))?.dir;
        },
        onThreadStarted: threadStarted,
      });
  // Reported by startGateway, which waits for it; until then a failure must not end the process unheard.
  embedded?.catch(() => {});
  if (embedded)
    await Promise.race([
      started,
      embedded.then(
        () => {},
        () => {},
      ),
    ]);
  const { startGateway } = await import('./start.ts');
  const gateway = await startGateway(config, { say, ...(embedded ? { embedded } : {}) });
  if (config.METRICS)
    say(
      `Prometheus metrics at ${gateway.url.replace(/\/graphql$/, '/metrics')}${config.METRICS_TOKEN ? ' (with METRICS_TOKEN)' : ' (open to anyone who reaches this port: bind it internally or set METRICS_TOKEN)'}`,
    );
  say(`GraphQL and GraphiQL at ${gateway.url} (ready in ${Math.round(performance.now() - startedAt)} ms)`);
  let stopping = false;
  const stop = async (signal: string) => {
    // A second signal while draining (Ctrl-C twice) means now.
    if (stopping) {
      say(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    say(`${signal}: stopping (requests in flight get up to ${config.SHUTDOWN_TIMEOUT} s)`);
    // However closing goes (a database that does not answer), the process ends.
    setTimeout(
      () => {
        console.error('chiso: could not close the database or Redis in time; exiting');
        process.exit(1);
      },
      (config.SHUTDOWN_TIMEOUT + CLOSE_GRACE) * 1000,
    ).unref();
    const { cutOff } = await gateway.stop();
    say(cutOff ? `stopped; ${cutOff} request(s) were still running at SHUTDOWN_TIMEOUT and were cut off` : 'stopped');
    process.exit(cutOff ? 1 : 0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  // Known start-up failures are one line that says what to fix; anything else keeps its stack.
  const known = ['ConfigError', 'DatabaseUnavailableError', 'MigrationError', 'DataFileError'];
  const e = error as Error;
  if (known.includes(e.name)) console.error(`chiso: cannot start: ${e.message}`);
  else console.error(`chiso: cannot start:`, e);
  if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') console.error('chiso: the port is in use: set PORT to another port');
  process.exit(1);
}
