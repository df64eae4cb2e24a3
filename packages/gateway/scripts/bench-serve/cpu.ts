/**
 * CPU time spent by a server process and by the PostgreSQL backends of the benchmark's database,
 * read from /proc (Linux). Throughput depends on everything else the machine runs; the CPU time one
 * request costs much less so, and it says where the time goes: in the server or in PostgreSQL.
 */
import fs from 'node:fs';
import pg from 'pg';

/** Clock ticks per second of /proc's utime and stime (USER_HZ: 100 on Linux on every common architecture). */
const TICKS = 100;

/** CPU milliseconds (user + system) a process has used, or NaN where /proc cannot tell. */
export function processCpuMs(pid: number): number {
  try {
    // After the command's closing parenthesis: state is field 3, utime 14 and stime 15 of proc(5).
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
  } catch {
    return Number.NaN;
  }
}

/**
 * Measures the CPU milliseconds the backends connected to `databaseUrl`'s database use between
 * `start()` and `stop()` (all but this meter's own connection). Backends come and go during a run
 * (a pool closes idle connections and opens new ones), so they are read every 200 ms and each is
 * counted from its first reading (0 for one that connected meanwhile) to its last. Only backends
 * on this machine can be read (a loopback server).
 */
export function postgresCpu(databaseUrl: string): { start(): { stop(): Promise<number> }; close(): Promise<void> } {
  const client = new pg.Client({ connectionString: databaseUrl });
  const connected = client.connect();
  const read = async (): Promise<Map<number, number>> => {
    await connected;
    const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    return new Map(rows.map((r) => [r.pid, processCpuMs(r.pid)]));
  };
  return {
    start() {
      const first = read();
      const last = new Map<number, number>();
      const record = (m: Map<number, number>) =>
        m.forEach((v, pid) => {
          Number.isFinite(v) && last.set(pid, v);
        });
      let pending = first.then(record);
      const timer = setInterval(() => (pending = pending.then(() => read()).then(record, () => undefined)), 200);
      return {
        async stop() {
          clearInterval(timer);
          await pending;
          record(await read());
          const initial = await first;
          let sum = 0;
          for (const [pid, v] of last) sum += v - (initial.get(pid) ?? 0);
          return sum;
        },
      };
    },
    close: () => client.end(),
  };
}
