/**
 * Fills a database with deterministic synthetic observations (src/db/synthetic.ts), for tests and
 * benchmarks:
 *   pnpm data:synthetic -- --database-url postgresql://postgres@127.0.0.1:5432/chiso_bench \
 *     --provinces 63 --districts 700 --indicators 100 --years 10 --frequency monthly --seed 1
 * The database must be named explicitly (--database-url URL or --data-dir DIR): synthetic figures
 * never go into the default embedded database by accident. Migrations are applied and the
 * reference data seeded when missing.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/database.ts';
import { applyMigrations } from '../src/db/migrations.ts';
import { isSeeded, seedDatabase } from '../src/db/seed/seed.ts';
import { generateSynthetic, type SyntheticOptions } from '../src/db/synthetic.ts';

const usage =
  'usage: pnpm data:synthetic -- (--database-url postgresql://… | --data-dir DIR) [--provinces 63] [--districts 0] ' +
  '[--indicators 10] [--years 1] [--last-year 2025] [--frequency monthly|quarterly] [--seed 1] [--concurrency 4] [--reuse]';

class UsageError extends Error {}

function readOptions(argv: string[]): { options: SyntheticOptions; databaseUrl?: string; dataDir?: string } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv.filter((a) => a !== '--'),
      options: {
        ...(Object.fromEntries(
          ['database-url', 'data-dir', 'provinces', 'districts', 'indicators', 'years', 'last-year', 'frequency', 'seed', 'concurrency'].map((name) => [
            name,
            { type: 'string' },
          ]),
        ) as Record<string, { type: 'string' }>),
        // Keep a complete earlier run of the same options instead of writing it again.
        reuse: { type: 'boolean' },
      },
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}; ${usage}`);
  }
  const integer = (name: string, fallback: number): number => {
    const raw = values[name] as string | undefined;
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} needs a whole number, e.g. --${name} ${fallback} (got "${raw}")`);
    return Number(raw);
  };
  const frequency = ((values.frequency as string | undefined) ?? 'monthly').toUpperCase();
  if (frequency !== 'MONTHLY' && frequency !== 'QUARTERLY') {
    throw new UsageError(`--frequency must be monthly or quarterly, e.g. --frequency monthly (got "${values.frequency}")`);
  }
  const databaseUrl = values['database-url'] as string | undefined;
  const dataDir = values['data-dir'] as string | undefined;
  if (!databaseUrl && !dataDir) {
    throw new UsageError(
      'refusing to write synthetic data into the default database: name one with --database-url postgresql://… or --data-dir DIR (a folder of its own)',
    );
  }
  if (databaseUrl && dataDir) throw new UsageError('give either --database-url or --data-dir, not both');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new UsageError(
      `--database-url must start with postgresql://, e.g. --database-url postgresql://postgres@127.0.0.1:5432/chiso_bench (got "${databaseUrl}")`,
    );
  }
  return {
    databaseUrl,
    dataDir,
    options: {
      provinces: integer('provinces', 63),
      districts: integer('districts', 0),
      indicators: integer('indicators', 10),
      years: integer('years', 1),
      lastYear: integer('last-year', 2025),
      frequency,
      seed: integer('seed', 1),
      concurrency: integer('concurrency', 4),
      reuse: values.reuse === true,
    },
  };
}

async function main(): Promise<void> {
  const { options, databaseUrl, dataDir } = readOptions(process.argv.slice(2));
  const db = await openDatabase({ DATABASE_URL: databaseUrl, CHISO_DATA_DIR: dataDir ?? 'memory://' });
  try {
    await applyMigrations(db.url);
    // A database seeded before districts were reference data gets them now (seeding again is safe).
    if (!(await isSeeded(db.prisma)) || (await db.prisma.region.count({ where: { level: 'DISTRICT' } })) === 0) {
      const seeded = await seedDatabase(db.prisma);
      console.log(`seeded reference data: ${seeded.regions} regions, ${seeded.indicators} indicators`);
    }
    const result = await generateSynthetic(db.prisma, options);
    if (result.reused) {
      console.log(`kept the ${result.observations} synthetic observations already in ${db.location} (source synthetic-${options.seed}, same options)`);
      return;
    }
    const seconds = result.ms / 1000;
    console.log(
      `wrote ${result.observations} synthetic observations of ${result.indicators.length} indicators into ${db.location} ` +
        `in ${seconds.toFixed(1)} s (${Math.round(result.observations / seconds)} rows/s; source synthetic-${options.seed})`,
    );
  } finally {
    await db.close();
  }
}

main().then(
  // The schema engine leaves a timer running: exit explicitly.
  () => process.exit(0),
  (error: Error) => {
    console.error(`error: ${error.message}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
