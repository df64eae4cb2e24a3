/**
 * Global setup of the browser tests: a real chiso gateway (its own process, embedded database in
 * memory, seeded with the source report) behind a switchable loopback proxy, so a test can take
 * "the gateway" down and up again: GET <proxy>/__harness?up=0|1, or have it answer 503 or 429
 * (?status=503). Tests read the URLs with
 * inject('gatewayUrl') and inject('harnessUrl').
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const gatewayDir = fileURLToPath(new URL('../../../gateway', import.meta.url));
let child: ChildProcess | undefined;
let proxy: http.Server | undefined;

function startGateway(): Promise<string> {
  // From source as `pnpm dev` runs it: @chiso/charts' source too (its "@chiso/source" condition).
  child = spawn(process.execPath, ['--conditions=@chiso/source', '--import', 'tsx', 'src/server.ts'], {
    cwd: gatewayDir,
    // Every element of every test asks from one address: the per-client rate limit would refuse the suite.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', CHISO_DATA_DIR: 'memory://', DATABASE_URL: '', LOG_LEVEL: 'warn', RATE_LIMIT: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the gateway did not start within 90 s:\n${output}`)), 90_000);
    child!.stdout!.on('data', (d) => {
      output += d;
      const match = /GraphiQL at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child!.stderr!.on('data', (d) => (output += d));
    child!.on('exit', (code) => reject(new Error(`the gateway exited with ${code}:\n${output}`)));
  });
}

/**
 * The gateway knows the elements' documents from the built manifest (dist/); the elements under test
 * send the hashes of the generated one (src/data/generated/). A stale build would answer every
 * request with PERSISTED_QUERY_NOT_FOUND: say what to do instead.
 */
function checkManifest() {
  const read = (relative: string) => fs.readFileSync(new URL(`../../${relative}`, import.meta.url), 'utf8');
  let built = '';
  try {
    built = read('dist/persisted-documents.json');
  } catch {}
  if (built !== read('src/data/generated/persisted-documents.json')) {
    throw new Error('dist/persisted-documents.json is missing or older than the documents in src/data/queries.ts: pnpm --filter @chiso/widgets build');
  }
}

export default async function setup(project: TestProject) {
  checkManifest();
  const gateway = new URL(await startGateway());
  let up = true;
  /** An HTTP status every request is answered with instead of the gateway's answer (503, 429); 0: pass through. */
  let status = 0;
  proxy = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://harness');
    if (url.pathname === '/__harness') {
      up = url.searchParams.get('up') !== '0';
      status = Number(url.searchParams.get('status') ?? 0);
      res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/plain' }).end(up ? 'up' : 'down');
      return;
    }
    if (!up) {
      req.socket.destroy(); // as unreachable as a stopped server looks to a browser
      return;
    }
    if (status) {
      // What the gateway answers with its database away (errors.ts), or a rate limiter in front of it.
      const [code, message] =
        status === 503
          ? ['DATABASE_UNAVAILABLE', 'The database is unavailable at the moment; try again in a few seconds.']
          : ['RATE_LIMITED', 'Too many requests; try again in 5 s.'];
      const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
      res
        .writeHead(status, {
          'access-control-allow-origin': '*',
          'content-type': 'application/graphql-response+json; charset=utf-8',
          'retry-after': '5',
          'cache-control': 'no-store',
        })
        .end(body);
      return;
    }
    const forward = http.request({ host: gateway.hostname, port: gateway.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => proxy!.listen(0, '127.0.0.1', resolve));
  const port = (proxy.address() as AddressInfo).port;
  project.provide('gatewayUrl', `http://127.0.0.1:${port}/graphql`);
  project.provide('harnessUrl', `http://127.0.0.1:${port}/__harness`);
  return async () => {
    proxy?.close();
    child?.kill('SIGTERM');
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    harnessUrl: string;
  }
}
