import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, postgresAvailable, type TestDatabase } from './helpers/databases.ts';
import { canConnect, runGateway, until } from './helpers/processes.ts';

const QUERY = JSON.stringify({ query: '{ indicator(slug: "dossiers_received") { slug } }' });

/** The gateway as `pnpm dev` runs it (src/server.ts through tsx), on the embedded database in memory unless `env` says otherwise. */
const runSource = (env: Record<string, string>) => {
  const run = runGateway(['--conditions=@chiso/source', '--import', 'tsx', 'src/server.ts'], {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: '',
    CHISO_DATA_DIR: 'memory://',
    ...env,
  });
  const ready = run.ready.then((url) => new URL(url));
  ready.catch(() => {}); // awaited only by tests that expect a start: a refused start is not an unhandled rejection
  return { ...run, ready };
};

/** A raw HTTP/1.1 exchange on one socket: what was written, then everything read until the server closes it. */
function rawSocket(url: URL) {
  const socket = net.connect(Number(url.port), url.hostname);
  let received = '';
  socket.on('data', (d) => (received += d));
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  socket.on('error', () => {});
  return { socket, closed, connected: new Promise((resolve) => socket.once('connect', resolve)) };
}

describe('settings are checked at start', () => {
  it('names each bad value, says what to write, and never repeats a password', async () => {
    const run = runSource({ PORT: 'abc', DATABASE_URL: 'mysql://root:hunter2@db.example/chiso', SHUTDOWN_TIMEOUT: 'soon' });
    expect(await run.exited).toBe(1);
    expect(run.output().stderr.trim()).toBe(
      'chiso: cannot start: invalid configuration: PORT: must be a whole number from 0 to 65535, e.g. PORT=4000 (0 picks a free port) (got "abc"); ' +
        'DATABASE_URL: must start with postgresql:// (leave it unset for the embedded database) (got "mysql://…"); ' +
        'SHUTDOWN_TIMEOUT: must be a whole number from 0 to 600, e.g. SHUTDOWN_TIMEOUT=10 (seconds) (got "soon")',
    );
    expect(run.output().stderr).not.toContain('hunter2');
  });

  it('points out a mistyped CHISO_ setting', async () => {
    const run = runSource({ CHISO_PERSISTED_ONLLY: 'true', METRICS: 'yes' });
    expect(await run.exited).toBe(1);
    expect(run.output().stdout).toContain('chiso: warning: CHISO_PERSISTED_ONLLY is not a chiso setting and is ignored; did you mean CHISO_PERSISTED_ONLY?');
    expect(run.output().stderr.trim()).toBe(
      'chiso: cannot start: invalid configuration: METRICS: must be on or off (on serves /metrics; set METRICS_TOKEN to require a key) (got "yes")',
    );
  });
});

/**
 * SIGTERM with a request in flight. The request is made slow by a lock this test holds on the
 * table it reads (PostgreSQL: the test's own database), so it is in flight for as long as the test wants.
 */
describe.runIf(postgresAvailable)('stopping on SIGTERM', () => {
  let db: TestDatabase;
  let locker: pg.Client;
  const name = () => new URL(db.url).pathname.slice(1);
  const lockIndicators = async () => {
    await locker.query('begin');
    await locker.query('lock table "Indicator" in access exclusive mode');
  };
  const waitingOnLock = async () =>
    (await locker.query(`select count(*)::int as n from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'`, [name()])).rows[0].n > 0;

  beforeAll(async () => {
    db = await openTestDatabase('postgresql');
    locker = new pg.Client({ connectionString: db.url });
    await locker.connect();
  });
  afterAll(async () => {
    await locker?.query('rollback').catch(() => {});
    await locker?.end();
    await db?.dispose();
  });

  it('lets the request in flight finish, refuses new ones, closes connections and exits 0', async () => {
    const run = runSource({ DATABASE_URL: db.url, SHUTDOWN_TIMEOUT: '10' });
    const url = await run.ready;
    await lockIndicators();
    const started = performance.now();
    const slow = fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: QUERY });
    await until(waitingOnLock, 'the request to wait on the lock');
    // A client in the middle of sending its request when the stop begins.
    const late = rawSocket(url);
    await late.connected;
    late.socket.write(`GET /ready HTTP/1.1\r\nHost: ${url.host}\r\n`);

    run.child.kill('SIGTERM');
    await until(async () => !(await canConnect(Number(url.port))), 'the gateway to stop accepting connections');
    late.socket.write('\r\n');
    const refused = await late.closed;
    expect(refused).toMatch(/^HTTP\/1\.1 503 /);
    expect(refused).toMatch(/\r\nconnection: close\r\n/i);
    expect(refused).toMatch(/\r\nretry-after: 1\r\n/i);
    expect(refused).toContain('"code":"SHUTTING_DOWN"');
    expect(run.child.exitCode).toBeNull(); // still draining

    await new Promise((resolve) => setTimeout(resolve, 500));
    await locker.query('commit');
    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(answer.headers.get('connection')).toBe('close');
    expect(((await answer.json()) as any).data.indicator.slug).toBe('dossiers_received');
    expect(performance.now() - started).toBeGreaterThan(500);
    expect(await run.exited).toBe(0);
    expect(run.output().stdout).toContain('chiso: SIGTERM: stopping (requests in flight get up to 10 s)');
    expect(run.output().stdout).toMatch(/chiso: stopped\n$/);
  });

  it('cuts off what is still running at SHUTDOWN_TIMEOUT, and exits 1 saying so', async () => {
    const run = runSource({ DATABASE_URL: db.url, SHUTDOWN_TIMEOUT: '1' });
    const url = await run.ready;
    await lockIndicators();
    const slow = fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: QUERY }).then(
      (r) => r.status,
      (error: Error) => error.message,
    );
    await until(waitingOnLock, 'the request to wait on the lock');
    const signalled = performance.now();
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(1);
    const took = performance.now() - signalled;
    expect(took).toBeGreaterThan(900);
    expect(took).toBeLessThan(6000);
    expect(await slow).toBe('fetch failed');
    expect(run.output().stdout).toContain('stopped; 1 request(s) were still running at SHUTDOWN_TIMEOUT and were cut off');
    await locker.query('rollback');
  });
});
