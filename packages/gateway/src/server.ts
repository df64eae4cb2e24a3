/** Composition root: read configuration, start the gateway, print where it listens, stop cleanly. */
import { loadConfig } from './config.ts';
import { startGateway } from './start.ts';

const startedAt = performance.now();
try {
  const config = loadConfig();
  const say = (line: string) => console.log(`chiso: ${line}`);
  say(config.DATABASE_URL ? 'using PostgreSQL (DATABASE_URL)' : `using the embedded database in ${config.CHISO_DATA_DIR}`);
  const gateway = await startGateway(config, { say });
  say(`GraphQL and GraphiQL at ${gateway.url} (ready in ${Math.round(performance.now() - startedAt)} ms)`);
  const stop = async (signal: string) => {
    say(`${signal}: stopping`);
    await gateway.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  // Known start-up failures are one line that says what to fix; anything else keeps its stack.
  const known = ['ConfigError', 'DatabaseUnavailableError', 'MigrationError', 'DataFileError'];
  const e = error as Error;
  if (known.includes(e.name)) console.error(`chiso: cannot start: ${e.message}`);
  else console.error(`chiso: cannot start:`, e);
  if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') console.error('chiso: the port is in use: set PORT to another port');
  process.exit(1);
}
