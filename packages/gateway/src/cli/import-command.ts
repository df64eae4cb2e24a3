import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../db/database.ts';
import { importData, type ImportReport } from '../import/import-data.ts';
import { numberConventions, type NumberConvention } from '../import/numbers.ts';
import { formatDay } from '../analytics/period.ts';

const USAGE =
  'usage: pnpm chiso import FILE [--mapping MAPPING.yaml] [--catalogue CATALOGUE.json] [--numbers plain|vi|en] [--dry-run] [--problems PROBLEMS.csv] [--json]';

/** Paths are the user's: relative to where `pnpm chiso` was typed, not to this package. */
const resolve = (p: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), p);

/**
 * `pnpm chiso import FILE …`: the command-line way into the one import path. Shows a progress bar
 * on a terminal, then the summary and the problems; exits non-zero when nothing was written.
 */
export async function importCommand(args: string[], db: Database, out: (line: string) => void): Promise<void> {
  const options = {
    mapping: { type: 'string', short: 'm' },
    catalogue: { type: 'string', short: 'c' },
    numbers: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    problems: { type: 'string' },
    json: { type: 'boolean', default: false },
  } as const;
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof options }>>;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new Error(`give exactly one data file\n${USAGE}`);
  if (values.numbers && !numberConventions.includes(values.numbers as NumberConvention)) {
    throw new Error(`--numbers must be plain, vi or en, not "${values.numbers}"\n${USAGE}`);
  }
  const file = resolve(positionals[0]!);
  const text = (p: string | undefined) => {
    if (!p) return null;
    const full = resolve(p);
    if (!fs.existsSync(full)) throw new Error(`no such file: ${full}`);
    return { name: path.basename(full), text: fs.readFileSync(full, 'utf8') };
  };
  if (!fs.existsSync(file)) throw new Error(`no such file: ${file}`);
  const size = fs.statSync(file).size;

  const bar =
    process.stderr.isTTY && !values.json
      ? new cliProgress.SingleBar(
          { format: '{phase} [{bar}] {percentage}% | {rows} rows | {mb} of {total_mb} MB', hideCursor: true },
          cliProgress.Presets.shades_classic,
        )
      : null;
  const mb = (n: number) => (n / 1e6).toFixed(1);
  bar?.start(size, 0, { phase: 'reading ', rows: 0, mb: '0.0', total_mb: mb(size) });
  const report = await importData(db.prisma, {
    file: { name: path.basename(file), open: () => fs.createReadStream(file), size },
    mapping: text(values.mapping),
    catalogue: text(values.catalogue),
    numbers: (values.numbers as NumberConvention | undefined) ?? null,
    dryRun: values['dry-run'],
    onProgress: (p) => bar?.update(p.phase === 'reading' ? p.bytes : size, { phase: p.phase.padEnd(8), rows: p.rows, mb: mb(p.bytes) }),
  });
  bar?.stop();

  if (values.problems && report.problemCount) {
    const rows = report.problems.map((p) => [p.file, p.row, p.column ?? '', p.value ?? '', p.expected]);
    fs.writeFileSync(resolve(values.problems), stringify([['file', 'row', 'column', 'value', 'expected'], ...rows]));
  }
  if (values.json) out(JSON.stringify(report, null, 2));
  else for (const line of describeReport(report, db.location)) out(line);
  if (!report.ok) process.exitCode = 1;
}

/** The summary a person reads: what changed (or would), and every problem. */
export function describeReport(report: ImportReport, location: string): string[] {
  const lines: string[] = [];
  const what = `${report.fileName}${report.mappingName ? ` with ${report.mappingName}` : ''}: ${report.rows} rows read`;
  if (!report.ok) {
    lines.push(`${what}; ${report.problemCount} problem(s), nothing was written:`);
    lines.push('  row  column               value                expected');
    for (const p of report.problems.slice(0, 50)) {
      lines.push(`  ${String(p.row).padStart(4)} ${(p.column ?? '-').padEnd(20).slice(0, 20)} ${(p.value ?? '').padEnd(20).slice(0, 20)} ${p.expected}`);
    }
    if (report.problemCount > 50) lines.push(`  … and ${report.problemCount - 50} more (write them all with --problems problems.csv)`);
    return lines;
  }
  const verb = report.dryRun ? 'would add' : 'added';
  lines.push(`${what}; ${verb} ${report.added}, ${report.dryRun ? 'would revise' : 'revised'} ${report.revised}, unchanged ${report.unchanged}`);
  const c = report.catalogue;
  if (c.units + c.indicators + c.sources)
    lines.push(`catalogue: ${c.indicators} indicator(s), ${c.units} unit(s), ${c.sources} source(s) ${report.dryRun ? 'would be ' : ''}defined or updated`);
  for (const r of report.revisions.slice(0, 20)) {
    lines.push(
      `  row ${r.row}: ${r.indicator} ${r.region} ${formatDay(r.periodStart)}..${formatDay(r.periodEnd)}: ${r.before.toString()} → ${r.after.toString()}`,
    );
  }
  if (report.revised > 20) lines.push(`  … and ${report.revised - 20} more revisions`);
  lines.push(
    report.dryRun
      ? 'dry run: nothing was written'
      : report.importId
        ? `import ${report.importId} recorded at ${report.recordedAt!.toISOString()} in ${location} (${report.durationMs} ms)`
        : 'nothing changed: every value was already stored',
  );
  return lines;
}
