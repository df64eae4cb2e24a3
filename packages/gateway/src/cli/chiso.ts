/**
 * `pnpm chiso <command>`: administration from the command line, on the database the environment
 * names (DATABASE_URL, else the embedded one in CHISO_DATA_DIR). Commands: import, keys.
 */
import { loadConfig } from '../config.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { applyMigrations } from '../db/migrations.ts';
import { isSeeded, seedDatabase } from '../db/seed/seed.ts';
import { importCommand } from './import-command.ts';
import { keysCommand } from './keys-command.ts';

type Command = (args: string[], db: Database, out: (line: string) => void) => Promise<void>;

const commands: Record<string, Command> = { import: importCommand, keys: keysCommand };

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) throw new Error(`${name ? `unknown command "${name}"` : 'no command'}: use ${Object.keys(commands).join(', ')} (e.g. pnpm chiso keys list)`);
  const db = await openDatabase(loadConfig());
  try {
    await applyMigrations(db.url);
    // A new database gets its reference data first, as the gateway's first start does.
    if (!(await isSeeded(db.prisma))) await seedDatabase(db.prisma);
    await command(args, db, (line) => console.log(line));
  } finally {
    await db.close();
  }
}

main().then(
  // The schema engine leaves a timer running: exit explicitly.
  () => process.exit(0),
  (error: Error) => {
    console.error(`chiso: ${error.message}`);
    process.exit(1);
  },
);
