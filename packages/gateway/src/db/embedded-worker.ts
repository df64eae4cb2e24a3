/**
 * The embedded database's thread: PGlite (PostgreSQL in WebAssembly) and the loopback socket server
 * in front of it run here, in a `worker_threads` worker, so that a long query keeps this thread
 * busy and not the gateway's event loop (HTTP, caches, images). Started by `embedded.ts`; the
 * messages it understands are the `EmbeddedRequest`s below.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedWorkerData {
  /** A folder, or `memory://`. */
  dataDir: string;
  /** Two Int32 slots the worker keeps current: open connections, messages waiting for the backend. */
  stats: SharedArrayBuffer;
  /** Loopback port of the socket server: 0 for any, a restarted thread's predecessor's otherwise. */
  port: number;
}

export type EmbeddedRequest = { id: number; type: 'stop' };

export type EmbeddedMessage =
  | { type: 'ready'; port: number }
  | { type: 'failed'; message: string }
  | { id: number; type: 'done' }
  | { id: number; type: 'error'; message: string };

const port = parentPort!;
const { dataDir, stats, port: listenPort } = workerData as EmbeddedWorkerData;

/**
 * PostgreSQL's shared buffers in PGlite's WebAssembly memory. Its default, 128 MB, is zeroed at
 * every start: measured here, opening a database took 1.0 s with it and 0.69 s with 32 MB (one
 * core of a 2-core machine; 16 MB saves no more). 32 MB holds the reference data many times over;
 * a larger database (synthetic data) reads the rest through the file system's cache.
 */
const SHARED_BUFFERS = '32MB';

let db: PGlite;
try {
  db = await PGlite.create(dataDir, { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`] });
} catch (error) {
  port.postMessage({ type: 'failed', message: describe(error) } satisfies EmbeddedMessage);
  process.exit(1);
}

// One backend serves every connection; the server queues protocol messages and holds other
// connections while one has a transaction open. It does not keep one connection's
// Parse/Bind/Execute together (electric-sql/pglite#1046), so our clients take turns: the
// gateway's pool has one connection (database.ts), and the schema engine's pool has one, used
// before the gateway's. The limit here stays generous so that such a hand-over is never refused.
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: listenPort, maxConnections: 100 });
await server.start();
const address = (server as unknown as { server: { address(): { port: number } } }).server.address();

// The socket server has no event for a queued message, so the counts are copied every few
// milliseconds into memory the gateway's thread reads without asking (stats() stays synchronous).
const counts = new Int32Array(stats);
const publish = () => {
  const { activeConnections, queuedQueries } = server.getStats();
  Atomics.store(counts, 0, activeConnections);
  Atomics.store(counts, 1, queuedQueries);
};
const ticker = setInterval(publish, 5);

port.on('message', async (request: EmbeddedRequest) => {
  try {
    if (request.type === 'stop') {
      clearInterval(ticker);
      await server.stop();
      await db.close();
    }
    port.postMessage({ id: request.id, type: 'done' } satisfies EmbeddedMessage);
    if (request.type === 'stop') port.close();
  } catch (error) {
    port.postMessage({ id: request.id, type: 'error', message: describe(error) } satisfies EmbeddedMessage);
  }
});
port.postMessage({ type: 'ready', port: address.port } satisfies EmbeddedMessage);

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  // PGlite's WASM aborts with a bare string or number.
  return String(error);
}
