import fs from 'node:fs/promises';
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
  if (!dataDir.startsWith('memory://')) await fs.mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
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
    },
  };
}
