/** One timed run of autocannon against one request, and the medians of several runs. */
import autocannon from 'autocannon';

export interface Target {
  /** The server's origin, e.g. http://127.0.0.1:4000. */
  url: string;
  method: 'GET' | 'POST';
  /** Path and query string. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Gives request `n` its own, equivalent form (a cache-busting variable); every request the same when absent. */
  vary?: (request: { path: string; body?: string }, n: number) => { path: string; body?: string };
  /** The status every answer must have. @default 200 */
  expect?: number;
  /** The server's process id, for its CPU time per request. */
  pid?: number;
}

export interface Figures {
  /** Requests per second, the mean of autocannon's per-second samples. */
  rps: number;
  p50: number;
  p99: number;
  /** CPU milliseconds per answered request: the server's process, and the database's backends. NaN where not measured. */
  serverCpu: number;
  databaseCpu: number;
  /** Errors, time-outs and answers with another status than expected, in words; '' when none. */
  problems: string;
}

/** Reads CPU milliseconds: used so far by a process; used by the database's backends from `start()` to `stop()`. */
export interface CpuSampler {
  process(pid: number): number;
  database(): { stop(): Promise<number> };
}

/** Runs `connections` connections for `duration` seconds (stopped at the latest 30 s later, whatever happens). */
export async function run(target: Target, options: { connections: number; duration: number; cpu?: CpuSampler }): Promise<Figures> {
  let n = 0;
  const { cpu } = options;
  const serverBefore = cpu && target.pid ? cpu.process(target.pid) : Number.NaN;
  const database = cpu?.database();
  const { vary } = target;
  const instance = autocannon({
    url: target.url,
    connections: options.connections,
    duration: options.duration,
    timeout: 30,
    requests: [
      {
        method: target.method,
        path: target.path,
        headers: target.headers,
        body: target.body,
        ...(vary ? { setupRequest: (request: autocannon.Request) => ({ ...request, ...vary({ path: target.path, body: target.body }, n++) }) } : {}),
      },
    ],
  }) as unknown as Promise<autocannon.Result> & { stop(): void };
  const guard = setTimeout(() => instance.stop(), (options.duration + 30) * 1000);
  const result = await instance;
  clearTimeout(guard);
  await settle(target, n);
  const serverCpu = cpu && target.pid ? cpu.process(target.pid) - serverBefore : Number.NaN;
  const databaseCpu = database ? await database.stop() : Number.NaN;
  const answered = result.requests.total + 1;
  const expected = String(target.expect ?? 200);
  const other = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => code !== expected)
    .map(([code, s]) => `${s.count} × ${code}`);
  const problems = [
    result.requests.total === 0 ? 'no answer within the run' : '',
    result.errors ? `${result.errors} errors` : '',
    result.timeouts ? `${result.timeouts} time-outs` : '',
    ...other,
  ]
    .filter(Boolean)
    .join(', ');
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    serverCpu: serverCpu / answered,
    databaseCpu: databaseCpu / answered,
    problems,
  };
}

/**
 * Waits for the work a run left queued in the server (requests whose connections autocannon
 * closed at the end are still executed, images still drawn): one more request of the same kind,
 * alone, answers only after that queue, so that no run pays for the one before it.
 */
async function settle(target: Target, n: number): Promise<void> {
  const request = target.vary ? target.vary({ path: target.path, body: target.body }, n) : { path: target.path, body: target.body };
  try {
    const response = await fetch(`${target.url}${request.path}`, {
      method: target.method,
      headers: target.headers,
      body: request.body,
      signal: AbortSignal.timeout(120_000),
    });
    await response.arrayBuffer();
  } catch {
    // A server that does not answer within 2 minutes shows in the next run's figures.
  }
}

/** The middle value, or the mean of the two middle values. */
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** The median of each figure over the rounds (each taken separately), and every round's problems. */
export function summarize(rounds: Figures[]): Figures {
  return {
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    serverCpu: median(rounds.map((r) => r.serverCpu)),
    databaseCpu: median(rounds.map((r) => r.databaseCpu)),
    problems: rounds
      .map((r) => r.problems)
      .filter(Boolean)
      .join('; '),
  };
}
