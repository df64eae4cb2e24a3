import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordObservation } from '../src/db/seed/seed.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from './helpers/databases.ts';
import { graphqlClient } from './helpers/graphql.ts';
import { observationWhere } from './helpers/observations.ts';

/**
 * Many requests at once, as a gateway under load sees them. On the embedded database this guards
 * against the socket server in front of PGlite mixing the protocol messages of two connections
 * (electric-sql/pglite#1046), which failed with "bind message supplies 2 parameters, but prepared
 * statement requires 3" or answered one query with another's rows.
 */
describe.each(databaseKinds)('concurrent queries on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db?.dispose());

  it('answers every one of many parameterised statements of different shapes with its own result', async () => {
    const runs = Array.from({ length: 90 }, (_, i) => {
      const [a, b, c] = [i, i + 1, i + 2];
      switch (i % 3) {
        case 0:
          return { expected: a, run: db.prisma.$queryRaw<Array<{ v: number }>>`SELECT ${a}::int AS v` };
        case 1:
          return { expected: a + b, run: db.prisma.$queryRaw<Array<{ v: number }>>`SELECT ${a}::int + ${b}::int AS v` };
        default:
          return { expected: a * b - c, run: db.prisma.$queryRaw<Array<{ v: number }>>`SELECT ${a}::int * ${b}::int - ${c}::int AS v` };
      }
    });
    let most = 0;
    const sampler = setInterval(() => (most = Math.max(most, db.embeddedStats?.().activeConnections ?? 0)), 1);
    const results = await Promise.all(runs.map((r) => r.run));
    clearInterval(sampler);
    expect(results.map((rows) => rows[0]?.v)).toEqual(runs.map((r) => r.expected));
    // The gateway reaches PGlite through one connection, whatever the load: the socket server
    // keeps no connection's messages together, so two connections could mix.
    if (kind === 'embedded') expect(most).toBe(1);
  });

  it('starts a transaction that has to wait longer than 2 s for another to finish', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const holding = new Promise<void>((resolve) => (started = resolve));
    const first = db.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        started();
        await held;
      },
      { timeout: 10_000 },
    );
    await holding;
    const second = db.prisma.$transaction(async (tx) => tx.$queryRaw<Array<{ v: number }>>`SELECT 2::int AS v`);
    setTimeout(release, 2_500);
    await first;
    expect(await second).toEqual([{ v: 2 }]);
  });

  it('answers concurrent GraphQL requests for different figures correctly while a revision is written', async () => {
    const query = graphqlClient(db.prisma);
    const slugs: Array<[string, number]> = [
      ['dossiers_on_time_rate', 99.8],
      ['fdi_capital_registered', 14700000],
      ['enterprises_new', 892],
      ['ddi_capital_registered', 4927000000000],
      ['enterprises_new_capital', 6600000000000],
    ];
    const current = await db.prisma.observation.findFirstOrThrow({
      where: await observationWhere(db.prisma, { indicator: 'egov_email_accounts', supersededAt: null }),
    });
    const { id: _id, supersededAt: _s, recordedAt: _r, ...rest } = current;
    const revision = db.prisma.$transaction((tx) => recordObservation(tx, { ...rest, value: current.value.plus(1).toString(), recordedAt: new Date() }));
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const [slug] = slugs[i % slugs.length]!;
        // The report's period only: enterprises_new also has whole years from the 63-province panel.
        return query(`query($slug: String!) { indicator(slug: $slug) { series(region: "49", from: "2020-12-15", to: "2021-10-10") { value } } }`, { slug });
      }),
    );
    await revision;
    answers.forEach((answer, i) => {
      expect(answer.errors).toBeUndefined();
      expect(answer.data.indicator.series[0].value).toBe(slugs[i % slugs.length]![1]);
    });
    const revised = await query(`{ indicator(slug: "egov_email_accounts") { series(region: "49") { value } } }`);
    expect(revised.data.indicator.series[0].value).toBe(current.value.plus(1).toNumber());
  });
});
