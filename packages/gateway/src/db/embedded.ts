import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** postgresql:// URL of the socket server in front of the embedded database. */
  url: string;
  db: PGlite;
  /** Connections open on the socket server, and protocol messages waiting for the backend. */
  stats(): { activeConnections: number; queuedQueries: number };
  stop(): Promise<void>;
}

/**
 * Opens PGlite (Postgres compiled to WASM) persisted in `dataDir`, or in memory when `dataDir` is
 * `memory://`, and serves it on a loopback port so that the embedded database and a PostgreSQL
 * server go through the same client (`@prisma/adapter-pg`) and the same migrations.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  let unlock = async () => {};
  if (!dataDir.startsWith('memory://')) {
    await fs.mkdir(dataDir, { recursive: true });
    unlock = await lockFolder(dataDir);
    await removeOrphanTempFiles(dataDir);
  }
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir);
  } catch (error) {
    await unlock();
    throw error;
  }
  // One backend serves every connection; the server queues protocol messages and holds other
  // connections while one has a transaction open. It does not keep one connection's
  // Parse/Bind/Execute together (electric-sql/pglite#1046), so our clients take turns: the
  // gateway's pool has one connection (database.ts), and the schema engine's pool has one, used
  // before the gateway's. The limit here stays generous so that such a hand-over is never refused.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 100 });
  await server.start();
  const address = (server as unknown as { server: { address(): { port: number } } }).server.address();
  const url = `postgresql://postgres:postgres@127.0.0.1:${address.port}/postgres?sslmode=disable`;
  return {
    url,
    db,
    stats: () => {
      const { activeConnections, queuedQueries } = server.getStats();
      return { activeConnections, queuedQueries };
    },
    async stop() {
      await server.stop();
      await db.close();
      await unlock();
    },
  };
}

/**
 * One process at a time may open a folder: PGlite has no lock of its own, and two processes
 * writing one data folder (the gateway and `pnpm chiso import`, say) would corrupt it. The lock is
 * a file with the owner's pid, stale as soon as that process is gone (even after kill -9). A
 * library lock (proper-lockfile) goes stale only after a timeout, and a pid check is exact on one
 * machine, which is where an embedded database lives.
 */
async function lockFolder(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, 'chiso.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(file, String(process.pid), { flag: 'wx' });
      return () => fs.rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await fs.readFile(file, 'utf8').catch(() => '')).trim());
      if (owner && owner !== process.pid && alive(owner)) {
        throw new Error(`the folder is in use by another chiso process (pid ${owner}): stop it first, or publish through the running gateway (/publish/ or the importData mutation)`);
      }
      // Ours (a restart within this process) or left by a process that is gone.
      await fs.rm(file, { force: true });
    }
  }
  throw new Error(`cannot take the lock file ${file}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Temporary tables' files (`base/<db>/t<backend>_<relation>`, with their forks and segments) that a
 * killed process left behind: PostgreSQL removes them when it starts after a crash, PGlite does
 * not, and each killed import would keep as much disk as it had staged. Only the process that
 * holds the folder's lock runs this, before the database opens, so none of them is in use.
 */
async function removeOrphanTempFiles(dataDir: string): Promise<void> {
  const base = path.join(dataDir, 'base');
  const databases = await fs.readdir(base).catch(() => [] as string[]);
  for (const db of databases) {
    const files = await fs.readdir(path.join(base, db)).catch(() => [] as string[]);
    for (const file of files) {
      if (/^t\d+_\d+(_(fsm|vm|init))?(\.\d+)?$/.test(file)) await fs.rm(path.join(base, db, file), { force: true });
    }
  }
}
