import { once } from 'node:events';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EmbeddedMessage, EmbeddedRequest, EmbeddedWorkerData } from './embedded-worker.ts';

export interface EmbeddedPostgres {
  /** postgresql:// URL of the socket server in front of the embedded database. */
  url: string;
  /** Whether this start made the database from an image (see `image`). */
  fromImage: boolean;
  /** Connections open on the socket server, and protocol messages waiting for the backend. */
  stats(): { activeConnections: number; queuedQueries: number };
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
}

/**
 * Opens PGlite (Postgres compiled to WASM) persisted in `dataDir`, or in memory when `dataDir` is
 * `memory://`, and serves it on a loopback port so that the embedded database and a PostgreSQL
 * server go through the same client (`@prisma/adapter-pg`) and the same migrations. PGlite and
 * the socket server run in a worker thread (embedded-worker.ts): a query in WebAssembly occupies
 * that thread, and the caller's event loop only sees socket traffic.
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
        await fs.cp(source, dataDir, { recursive: true, filter: (file) => path.relative(source, file) !== 'chiso.pid' && path.relative(source, file) !== 'PG_VERSION' });
        await fs.copyFile(path.join(source, 'PG_VERSION'), path.join(dataDir, 'PG_VERSION'));
      }
    }
  } catch (error) {
    await unlock();
    throw error;
  }
  const stats = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  const worker = startWorker({ dataDir, stats });

  let port: number;
  // EventEmitter's own listener type.
  const listeners: Record<string, (...args: any[]) => void> = {};
  try {
    port = await new Promise<number>((resolve, reject) => {
      listeners.error = reject;
      listeners.exit = (code: number) => reject(new Error(`the database thread stopped (exit code ${code}) before it was ready`));
      listeners.message = (message: EmbeddedMessage) => {
        if (message.type === 'ready') resolve(message.port);
        else if (message.type === 'failed') reject(new Error(message.message));
      };
      for (const [event, listener] of Object.entries(listeners)) worker.on(event, listener);
    });
  } catch (error) {
    await worker.terminate();
    await unlock();
    throw error;
  } finally {
    // Only ours: the Worker keeps internal listeners of its own (removeAllListeners would stop its port).
    for (const [event, listener] of Object.entries(listeners)) worker.off(event, listener);
  }

  // Requests to the thread and their answers, matched by id.
  let nextId = 0;
  const pending = new Map<number, { resolve(): void; reject(error: Error): void }>();
  let stopping = false;
  worker.on('message', (message: EmbeddedMessage) => {
    if (!('id' in message)) return;
    const request = pending.get(message.id);
    pending.delete(message.id);
    if (message.type === 'error') request?.reject(new Error(message.message));
    else request?.resolve();
  });
  worker.on('error', (error) => {
    console.error(`chiso: the embedded database's thread failed: ${error.message}`);
  });
  worker.on('exit', (code) => {
    for (const request of pending.values()) request.reject(new Error(`the embedded database's thread stopped (exit code ${code})`));
    pending.clear();
    if (!stopping) console.error(`chiso: the embedded database's thread stopped (exit code ${code})`);
  });
  const ask = (request: EmbeddedRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never) =>
    new Promise<void>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });

  const counts = new Int32Array(stats);
  let stopped: Promise<void> | undefined;
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    fromImage: image !== undefined,
    stats: () => ({ activeConnections: Atomics.load(counts, 0), queuedQueries: Atomics.load(counts, 1) }),
    stop() {
      stopped ??= (async () => {
        stopping = true;
        const exited = once(worker, 'exit');
        try {
          await ask({ type: 'stop' });
          // The thread has nothing left to run once PGlite is closed; do not wait for long if it lingers.
          const timer = setTimeout(() => void worker.terminate(), 2000);
          await exited;
          clearTimeout(timer);
        } finally {
          await worker.terminate();
          await unlock();
        }
      })();
      return stopped;
    },
  };
}

/**
 * The built gateway (dist/) runs the bundled worker next to it; from source (tsx, Vitest) the
 * worker is TypeScript, which a new thread loads through embedded-worker-tsx.mjs.
 */
function startWorker(data: EmbeddedWorkerData): Worker {
  const file = import.meta.url.endsWith('.ts') ? './embedded-worker-tsx.mjs' : './embedded-worker.mjs';
  return new Worker(new URL(file, import.meta.url), { workerData: data });
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
