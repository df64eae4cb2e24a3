import fs from 'node:fs/promises';
import path from 'node:path';
import { superviseEmbeddedThread, type EmbeddedThread } from './embedded-thread.ts';

export interface EmbeddedPostgres {
  /** postgresql:// URL of the socket server in front of the embedded database. */
  url: string;
  /** Whether this start made the database from an image (see `image`). */
  fromImage: boolean;
  /** Connections open on the socket server, and protocol messages waiting for the backend. */
  stats(): { activeConnections: number; queuedQueries: number };
  /** `restarting` while the database's thread, stopped unexpectedly, is being restarted; `lost` for an in-memory one (embedded-thread.ts). */
  state: EmbeddedThread['state'];
  /** Times the thread was restarted after an unexpected stop. */
  restarts: EmbeddedThread['restarts'];
  /** Ends the database's thread as a crash would; it is restarted. For tests and failure drills. */
  kill: EmbeddedThread['kill'];
  /** Closes the socket server and PGlite (so the folder is consistent), then ends the worker. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /**
   * A database folder (cleanly closed) that a new `dataDir` starts as a copy of; an existing
   * database is opened as it is, and `memory://` ignores it. A function is asked only when the
   * folder holds no database yet, and may answer that there is no image.
   */
  image?: string | (() => Promise<string | undefined>);
  /**
   * Called once the database's thread exists, before its database is open: a caller that loads
   * other code meanwhile waits for this, so that its loading (synchronous compiling) does not hold
   * back the few steps that start the thread. Not called when the start fails before.
   */
  onThreadStarted?: () => void;
}

/**
 * Opens PGlite (Postgres compiled to WASM) persisted in `dataDir`, or in memory when `dataDir` is
 * `memory://`, and serves it on a loopback port so that the embedded database and a PostgreSQL
 * server go through the same client (`@prisma/adapter-pg`) and the same migrations. PGlite and
 * the socket server run in a worker thread (embedded-worker.ts): a query in WebAssembly occupies
 * that thread, and the caller's event loop only sees socket traffic. A thread that stops is
 * restarted on the same folder and port (embedded-thread.ts).
 */
export async function startEmbeddedPostgres(dataDir: string, options: EmbeddedOptions = {}): Promise<EmbeddedPostgres> {
  const inMemory = dataDir.startsWith('memory://');
  let unlock = async () => {};
  if (!inMemory) {
    await fs.mkdir(dataDir, { recursive: true });
    unlock = await lockFolder(dataDir);
    await removeOrphanTempFiles(dataDir);
  }
  let image: string | undefined;
  try {
    if (!inMemory && !(await exists(path.join(dataDir, 'PG_VERSION')))) {
      image = typeof options.image === 'function' ? await options.image() : options.image;
      // Everything but its lock file (ours is already in dataDir). A copy that stops half-way leaves
      // no PG_VERSION (copied last), so the next start copies again.
      if (image) {
        const source = image;
        await fs.cp(source, dataDir, {
          recursive: true,
          filter: (file) => path.relative(source, file) !== 'chiso.pid' && path.relative(source, file) !== 'PG_VERSION',
        });
        await fs.copyFile(path.join(source, 'PG_VERSION'), path.join(dataDir, 'PG_VERSION'));
      }
    }
  } catch (error) {
    await unlock();
    throw error;
  }
  const stats = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  let thread: EmbeddedThread;
  try {
    const onStarted = options.onThreadStarted;
    thread = await superviseEmbeddedThread(
      { dataDir, stats },
      inMemory
        ? { restart: false, ...(onStarted ? { onStarted } : {}) }
        : { beforeRestart: () => removeOrphanTempFiles(dataDir), ...(onStarted ? { onStarted } : {}) },
    );
  } catch (error) {
    await unlock();
    throw error;
  }
  const counts = new Int32Array(stats);
  let stopped: Promise<void> | undefined;
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${thread.port}/postgres?sslmode=disable`,
    fromImage: image !== undefined,
    stats: () => ({ activeConnections: Atomics.load(counts, 0), queuedQueries: Atomics.load(counts, 1) }),
    state: thread.state,
    restarts: thread.restarts,
    kill: thread.kill,
    stop() {
      stopped ??= thread.stop().finally(unlock);
      return stopped;
    },
  };
}

function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
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
        throw new Error(
          `the folder is in use by another chiso process (pid ${owner}): stop it first, or publish through the running gateway (/publish/ or the importData mutation)`,
        );
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
