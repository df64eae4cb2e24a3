/**
 * Database commands: `migrate` (apply pending migrations), `diff NAME` (write a new migration from
 * the schema), `seed` (load or refresh reference data and bundled source reports).
 * They act on the database the environment names (DATABASE_URL, else the embedded one).
 */
import { loadConfig } from '../config.ts';
import { openDatabase } from './database.ts';
import { prepareImage } from './image.ts';
import { applyMigrations, diffSchemaAgainstMigrations, writeMigration } from './migrations.ts';
import { seedDatabase } from './seed/seed.ts';
import { withShadowDatabase } from './shadow.ts';

const [command, ...args] = process.argv.slice(2);

async function main(): Promise<void> {
  switch (command) {
    case 'migrate': {
      const db = await openDatabase(loadConfig());
      try {
        const applied = await applyMigrations(db.url);
        console.log(applied.length ? `applied ${applied.join(', ')} to ${db.location}` : `${db.location} is up to date`);
      } finally {
        await db.close();
      }
      return;
    }
    case 'diff': {
      const name = args[0];
      if (!name) throw new Error('usage: db:diff NAME   (NAME in lower_snake_case, e.g. add_dataset_table)');
      const sql = await withShadowDatabase((shadow) => diffSchemaAgainstMigrations(shadow, shadow));
      if (!sql) {
        console.log('the schema and the migrations agree: nothing to write');
        return;
      }
      console.log(`wrote ${await writeMigration(name, sql)}`);
      return;
    }
    case 'seed': {
      const db = await openDatabase(loadConfig());
      try {
        await applyMigrations(db.url);
        const result = await seedDatabase(db.prisma);
        console.log(`seeded ${db.location}: ${JSON.stringify(result)}`);
      } finally {
        await db.close();
      }
      return;
    }
    case 'image': {
      const started = performance.now();
      const { image, created } = await prepareImage();
      const what = `${image.manifest.migrations.length} migrations and the reference data`;
      console.log(`image: ${image.dir} (${what}: ${created ? `prepared in ${Math.round(performance.now() - started)} ms` : 'up to date'})`);
      return;
    }
    default:
      throw new Error(`unknown command "${command ?? ''}": use migrate, diff NAME, seed or image`);
  }
}

main().then(
  // The schema engine leaves a timer running: exit explicitly.
  () => process.exit(0),
  (error: Error) => {
    console.error(`error: ${error.message}`);
    process.exit(1);
  },
);
