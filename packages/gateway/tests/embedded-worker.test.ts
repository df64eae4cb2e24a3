/**
 * The embedded database (PGlite, PostgreSQL in WebAssembly) runs in a worker thread: while it
 * works, the gateway's event loop keeps answering. Before, a query in WASM ran on the gateway's
 * own thread and nothing else ran until it ended.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { DatabaseUnavailableError, openDatabase } from '../src/db/database.ts';
import { prepareImage } from '../src/db/image.ts';
import { startGateway } from '../src/start.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from './helpers/databases.ts';
import { until } from './helpers/processes.ts';

// About a quarter of a second of CPU in PGlite on this machine; the assertions below do not depend on how long.
const heavyQuery = `select count(distinct md5(i::text)) as n from generate_series(1, 300000) as i`;

describe.each(databaseKinds)('while a heavy query runs (%s)', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind, { migrate: false });
  });
  afterAll(() => db?.dispose());

  it('the event loop keeps ticking and an HTTP route answers before the query ends', async () => {
    const server = createServer((_, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const interval = 10;
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(performance.now()), interval);
    try {
      const started = performance.now();
      let queryEnded = 0;
      const query = db.prisma.$queryRawUnsafe<{ n: bigint }[]>(heavyQuery).then((rows) => {
        queryEnded = performance.now();
        return rows;
      });
      // Asked once the query is on its way; answered while the database is still busy.
      await new Promise((r) => setTimeout(r, 3 * interval));
      const answer = await fetch(url).then(async (res) => ({ body: await res.text(), at: performance.now() }));
      const rows = await query;
      expect(Number(rows[0]!.n)).toBe(300_000);
      expect(answer.body).toBe('ok');
      // The test means something only if the query outlasted a few ticks.
      const duration = queryEnded - started;
      expect(duration).toBeGreaterThan(10 * interval);
      expect(answer.at).toBeLessThan(queryEnded);
      // On the old in-thread design there were no ticks at all while WASM ran; allow for timer
      // coarseness and a busy machine, but not for a blocked loop.
      const during = ticks.filter((t) => t > started && t < queryEnded);
      expect(during.length).toBeGreaterThan(duration / interval / 4);
    } finally {
      clearInterval(timer);
      server.close();
    }
  });
});

describe('the embedded database in a folder', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'chiso-embedded-'));
  });
  afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

  it('keeps what was written after a clean stop, and frees the folder', async () => {
    const dataDir = path.join(tmp, 'kept');
    const first = await openDatabase({ CHISO_DATA_DIR: dataDir, DATABASE_URL: undefined });
    await first.prisma.$executeRawUnsafe(`create table kept (word text)`);
    await first.prisma.$executeRawUnsafe(`insert into kept values ('xin chào')`);
    await first.close();
    await expect(fs.access(path.join(dataDir, 'chiso.pid'))).rejects.toThrow();

    const second = await openDatabase({ CHISO_DATA_DIR: dataDir, DATABASE_URL: undefined });
    try {
      expect(await second.prisma.$queryRawUnsafe(`select word from kept`)).toEqual([{ word: 'xin chào' }]);
    } finally {
      await second.close();
    }
  });

  it('refuses a folder another live process holds, naming it', async () => {
    const dataDir = path.join(tmp, 'held');
    await fs.mkdir(dataDir);
    // pid 1 is alive on every machine and is not this process.
    await fs.writeFile(path.join(dataDir, 'chiso.pid'), '1');
    const error = await openDatabase({ CHISO_DATA_DIR: dataDir, DATABASE_URL: undefined }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as Error).message).toBe(
      `cannot open the embedded database in ${dataDir}: the folder is in use by another chiso process (pid 1): stop it first, or publish through the running gateway (/publish/ or the importData mutation)`,
    );
  });

  it('says which folder cannot be opened when its files are damaged, and releases it', async () => {
    const dataDir = path.join(tmp, 'damaged');
    const db = await openDatabase({ CHISO_DATA_DIR: dataDir, DATABASE_URL: undefined });
    await db.close();
    await fs.writeFile(path.join(dataDir, 'global', 'pg_control'), 'not a control file');
    const error = await openDatabase({ CHISO_DATA_DIR: dataDir, DATABASE_URL: undefined }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect((error as Error).message).toMatch(new RegExp(`^cannot open the embedded database in ${dataDir.replace(/[/.]/g, '\\$&')}: \\S`));
    // The failed start took the lock and gave it back.
    await expect(fs.access(path.join(dataDir, 'chiso.pid'))).rejects.toThrow();
  });
});

describe("when the embedded database's thread dies", () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'chiso-embedded-crash-'));
  });
  afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

  it('says so once, is not ready, and answers again from the same folder without restarting the process', async () => {
    const { image } = await prepareImage();
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', CHISO_DATA_DIR: path.join(tmp, 'data') });
    const gateway = await startGateway(config, { logger: pino({ level: 'silent' }), imageDir: path.dirname(image.dir) });
    const base = gateway.url.replace(/\/graphql$/, '');
    const region = (code: string) =>
      fetch(`${base}/graphql?query=${encodeURIComponent(`{ region(code: "${code}") { name } }`)}`).then(async (res) => ({
        status: res.status,
        body: (await res.json()) as any,
      }));
    const said = vi.spyOn(console, 'error');
    try {
      expect((await region('01')).body.data.region.name).toMatch(/Hà Nội/);
      await gateway.db.prisma.$executeRawUnsafe(`create table kept (word text)`);
      await gateway.db.prisma.$executeRawUnsafe(`insert into kept values ('xin chào')`);

      await gateway.db.embedded!.kill();
      // Until the new thread listens: not ready, and a request that needs the database is a 503 that says so.
      const ready = await fetch(`${base}/ready`);
      expect([ready.status, ((await ready.json()) as any).checks.database]).toEqual([503, 'restarting']);
      const during = await region('31');
      expect([during.status, during.body.errors?.[0]?.extensions?.code]).toEqual([503, 'DATABASE_UNAVAILABLE']);

      await until(async () => (await fetch(`${base}/ready`)).status === 200, 'the gateway to be ready again', 60_000);
      expect(gateway.db.embedded!.restarts()).toBe(1);
      // Not from a cache: another region, and the rows written before the thread died.
      expect((await region('79')).body.data.region.name).toMatch(/Hồ Chí Minh/);
      expect(await gateway.db.prisma.$queryRawUnsafe(`select word from kept`)).toEqual([{ word: 'xin chào' }]);
      const lines = said.mock.calls.map((c) => String(c[0]));
      expect(lines.filter((l) => l.includes("the embedded database's thread stopped"))).toHaveLength(1);
      expect(lines.filter((l) => l.startsWith('chiso: the embedded database is back'))).toHaveLength(1);
    } finally {
      said.mockRestore();
      await gateway.stop();
    }
    // Stopped cleanly after the restart: the folder is free.
    await expect(fs.access(path.join(tmp, 'data', 'chiso.pid'))).rejects.toThrow();
  }, 180_000);
});
