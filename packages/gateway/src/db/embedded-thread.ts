import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { EmbeddedMessage, EmbeddedRequest, EmbeddedWorkerData } from './embedded-worker.ts';

/** Waits before restarting a thread that stopped: the first, then doubled each failed attempt up to the last. */
const RESTART_DELAYS = { first: 100, max: 5_000 };

export interface EmbeddedThread {
  /** The loopback port of the socket server: the same across restarts, so clients' URL stays valid. */
  port: number;
  /** `up`; `restarting` between an unexpected stop and the new thread's socket being ready; `lost` for good (an in-memory database). */
  state(): EmbeddedState;
  /** Times the thread was restarted after an unexpected stop. */
  restarts(): number;
  /** Ends the thread as a crash would (the supervisor restarts it): for tests and failure drills. */
  kill(): Promise<void>;
  /** Closes the socket server and PGlite (so the folder is consistent), then ends the thread. */
  stop(): Promise<void>;
}

export type EmbeddedState = 'up' | 'restarting' | 'lost';

type Request = EmbeddedRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/**
 * Runs the embedded database's thread (embedded-worker.ts) and keeps it running: when it stops
 * unexpectedly (a crash, out of memory, an exit), requests waiting on it are rejected, the stop
 * is said once, and a new thread opens the same folder on the same port after a short, growing
 * delay (bounded), until one starts; `beforeRestart` runs before each attempt. The folder's lock
 * stays this process's throughout. Resolves once the first thread is ready; rejects if it fails.
 */
export async function superviseEmbeddedThread(
  data: Omit<EmbeddedWorkerData, 'port'>,
  options: {
    beforeRestart?: () => Promise<void> /** False for an in-memory database, which a new thread would bring back empty. @default true */;
    restart?: boolean;
    /** Called once the first thread exists (before its database is open). */
    onStarted?: () => void;
  } = {},
): Promise<EmbeddedThread> {
  let worker: Worker;
  let port: number;
  ({ worker, port } = await launch({ ...data, port: 0 }, options.onStarted));
  let state: EmbeddedState = 'up';
  let restarts = 0;
  let stopping = false;
  let nextId = 0;
  const pending = new Map<number, { resolve(): void; reject(error: Error): void }>();

  const watch = (w: Worker) => {
    w.on('message', (message: EmbeddedMessage) => {
      if (!('id' in message)) return;
      const request = pending.get(message.id);
      pending.delete(message.id);
      if (message.type === 'error') request?.reject(new Error(message.message));
      else request?.resolve();
    });
    // An uncaught error comes before the exit: said with it, in one line.
    let failure = '';
    w.on('error', (error) => (failure = `: ${error.message}`));
    w.on('exit', (code) => {
      const why = `exit code ${code}${failure}`;
      for (const request of pending.values()) request.reject(new Error(`the embedded database's thread stopped (${why}) before it answered`));
      pending.clear();
      if (stopping) return;
      if (options.restart === false) {
        state = 'lost';
        return console.error(`chiso: the embedded in-memory database's thread stopped (${why}); its data is gone: restart the process`);
      }
      state = 'restarting';
      console.error(`chiso: the embedded database's thread stopped (${why}); restarting it on the same folder`);
      void restart();
    });
  };
  const restart = async () => {
    const started = performance.now();
    let delay = RESTART_DELAYS.first;
    let said = false;
    while (!stopping) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (stopping) return;
      try {
        await options.beforeRestart?.();
        const next = await launch({ ...data, port });
        if (stopping) return void (await next.worker.terminate());
        worker = next.worker;
        watch(worker);
        restarts++;
        state = 'up';
        console.error(`chiso: the embedded database is back (restarted in ${Math.round(performance.now() - started)} ms)`);
        return;
      } catch (error) {
        // Said once per outage; the attempts go on.
        if (!said)
          console.error(`chiso: cannot restart the embedded database yet (${(error as Error).message}); retrying every ${RESTART_DELAYS.max / 1000} s at most`);
        said = true;
        delay = Math.min(delay * 2, RESTART_DELAYS.max);
      }
    }
  };
  watch(worker);

  const ask = (request: Request) =>
    new Promise<void>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
  let stopped: Promise<void> | undefined;
  return {
    port,
    state: () => state,
    restarts: () => restarts,
    async kill() {
      await worker.terminate();
    },
    stop() {
      stopped ??= (async () => {
        stopping = true;
        if (state !== 'up') return;
        const exited = once(worker, 'exit');
        try {
          await ask({ type: 'stop' });
          // The thread has nothing left to run once PGlite is closed; do not wait for long if it lingers.
          const timer = setTimeout(() => void worker.terminate(), 2000);
          await exited;
          clearTimeout(timer);
        } finally {
          await worker.terminate();
        }
      })();
      return stopped;
    },
  };
}

/** Starts a thread and waits until its socket server listens; the thread is ended if it does not. */
async function launch(data: EmbeddedWorkerData, onStarted?: () => void): Promise<{ worker: Worker; port: number }> {
  const worker = startWorker(data);
  onStarted?.();
  // EventEmitter's own listener type.
  const listeners: Record<string, (...args: any[]) => void> = {};
  try {
    const port = await new Promise<number>((resolve, reject) => {
      listeners.error = reject;
      listeners.exit = (code: number) => reject(new Error(`the database thread stopped (exit code ${code}) before it was ready`));
      listeners.message = (message: EmbeddedMessage) => {
        if (message.type === 'ready') resolve(message.port);
        else if (message.type === 'failed') reject(new Error(message.message));
      };
      for (const [event, listener] of Object.entries(listeners)) worker.on(event, listener);
    });
    return { worker, port };
  } catch (error) {
    await worker.terminate();
    throw error;
  } finally {
    // Only ours: the Worker keeps internal listeners of its own (removeAllListeners would stop its port).
    for (const [event, listener] of Object.entries(listeners)) worker.off(event, listener);
  }
}

/**
 * The built gateway (dist/) runs the bundled worker next to it; from source (tsx, Vitest) the
 * worker is TypeScript, which a new thread loads through embedded-worker-tsx.mjs.
 */
function startWorker(data: EmbeddedWorkerData): Worker {
  const file = import.meta.url.endsWith('.ts') ? './embedded-worker-tsx.mjs' : './embedded-worker.mjs';
  return new Worker(new URL(file, import.meta.url), { workerData: data });
}
