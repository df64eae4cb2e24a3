import { execFile, spawn, type ChildProcess } from 'node:child_process';
import net, { type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Waits for a condition, at most `ms` (15 s); fails saying what did not happen. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Whether redis-server is on PATH. In CI (CI=true) a missing one is an error; elsewhere the
 * suites that need it are skipped with a notice naming `suite`.
 */
export async function redisServerAvailable(suite: string): Promise<boolean> {
  return promisify(execFile)('redis-server', ['--version']).then(
    () => true,
    (error: Error) => {
      if (process.env.CI === 'true') throw new Error(`${suite} needs redis-server on PATH: ${error.message}`);
      console.warn(`NOTICE: redis-server not found; ${suite} is skipped (${error.message})`);
      return false;
    },
  );
}

/** A redis-server of the test's own on `port` (no persistence), once it accepts connections. */
export async function startRedisServer(port: number): Promise<{ process: ChildProcess; stop(): Promise<void> }> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await until(() => canConnect(port), 'redis-server to accept connections');
  return {
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const gatewayDir = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs a gateway in a process of its own, as a user would (`args` to node in packages/gateway:
 * `['dist/server.mjs']` for `pnpm start`, `['--conditions=@chiso/source', '--import', 'tsx', 'src/server.ts']`
 * for the source, as `pnpm dev` runs it),
 * with LOG_LEVEL=silent unless `env` says otherwise. `ready` resolves with the GraphQL URL it
 * prints; its output and exit code are kept.
 */
export function runGateway(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, args, {
    cwd: gatewayDir,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /GraphiQL at (http:\/\/\S+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  ready.catch(() => {}); // awaited only by tests that expect a start
  return { child, ready, exited, output: () => ({ stdout, stderr }) };
}
