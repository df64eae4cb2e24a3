/**
 * A cached chart image served by the built gateway (dist/server.mjs, embedded database in a
 * temporary folder, no rate limit): one chart's `.svg` and `.png` asked for again and again (every
 * answer after the first is a hit of the route cache), by `connections` clients at once for a few
 * seconds. Prints, per format, two clients' figures and the server's CPU time per request:
 * - autocannon, as the other benchmarks use it. It appends every body to a string (a UTF-8
 *   decoding), which costs a binary body such as a PNG far more than a text one: a large part of
 *   its PNG latency is its own work on this thread's machine, not the gateway's.
 * - node:http with a keep-alive agent, which reads bodies as bytes.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { median, run } from '../bench-serve/load.ts';

const gatewayDir = path.resolve(import.meta.dirname, '..', '..');

export async function benchServed(options: { connections: number; seconds: number }): Promise<void> {
  const server = path.join(gatewayDir, 'dist', 'server.mjs');
  if (!fs.existsSync(server)) throw new Error('no dist/server.mjs: build first (pnpm --filter @chiso/gateway build)');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-bench-png-'));
  const port = 4600 + Math.floor(Math.random() * 300);
  const child = spawn(process.execPath, [server], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      CHISO_DATA_DIR: path.join(dataDir, 'data'),
      RATE_LIMIT: 'off',
      LOG_LEVEL: 'warn',
      REDIS_URL: '',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const key = await new Promise<string>((resolve, reject) => {
      let out = '';
      let found = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk;
        found ||= /shown only now: (\S+)/.exec(out)?.[1] ?? '';
        if (/ready in/.test(out)) found ? resolve(found) : reject(new Error(`no publishing key in the gateway's output:\n${out}`));
      });
      child.once('exit', (code) => reject(new Error(`the gateway stopped (exit code ${code}):\n${out}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const created = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({
        query: 'mutation { createChart(input: { element: CHART, type: "column", indicators: ["ddi_capital_registered"], regions: ["49"] }) { id } }',
      }),
    });
    const id = ((await created.json()) as { data: { createChart: { id: string } } }).data.createChart.id;
    console.log(
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}; ${options.connections} connections, ${options.seconds} s a run`,
    );
    for (const ext of ['svg', 'png']) {
      const url = `${base}/embed/${id}.${ext}`;
      const first = await fetch(url);
      const bytes = (await first.arrayBuffer()).byteLength;
      const hit = (await fetch(url)).headers.get('x-cache');
      if (hit !== 'HIT') throw new Error(`${url} is not served from the route cache (x-cache: ${hit})`);
      const cpu = serverCpu(child.pid!);
      const a = await run({ url: base, method: 'GET', path: `/embed/${id}.${ext}` }, { connections: options.connections, duration: options.seconds });
      const cpuA = serverCpu(child.pid!);
      const n = await nodeClient(url, options.connections, options.seconds);
      const cpuN = serverCpu(child.pid!);
      const perRequest = (from: number | null, to: number | null, requests: number) =>
        from === null || to === null ? 'n/a' : `${((to - from) / requests).toFixed(3)} ms`;
      console.log(
        `cached .${ext} (${bytes} bytes): autocannon median ${a.p50} ms, ${Math.round(a.rps)} req/s${a.problems ? ` (${a.problems})` : ''}, server CPU ${perRequest(cpu, cpuA, a.rps * options.seconds)} a request; ` +
          `node:http median ${n.p50.toFixed(1)} ms, ${Math.round(n.rps)} req/s, server CPU ${perRequest(cpuA, cpuN, n.requests)} a request`,
      );
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `connections` clients each asking again as soon as answered, for `seconds`; bodies read as bytes. */
async function nodeClient(url: string, connections: number, seconds: number): Promise<{ p50: number; rps: number; requests: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const times: number[] = [];
  const end = performance.now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      http
        .get(url, { agent }, (res) => {
          res.on('data', () => {});
          res.on('end', resolve);
          res.on('error', reject);
        })
        .on('error', reject);
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await one();
        times.push(performance.now() - t);
      }
    }),
  );
  agent.destroy();
  return { p50: median(times), rps: times.length / seconds, requests: times.length };
}

/** The process's CPU time so far (user and system, ms) from /proc; null where there is none. */
function serverCpu(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (100 a second)
  } catch {
    return null;
  }
}
