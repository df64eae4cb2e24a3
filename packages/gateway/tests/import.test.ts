import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { createApiKey, revokeApiKey } from '../src/auth/keys.ts';
import { dataDir } from '../src/db/seed/files.ts';
import { importData, type ImportInput, type ImportReport } from '../src/import/import-data.ts';
import { ImportFileError, type ImportProblem } from '../src/import/problems.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from './helpers/databases.ts';
import { graphqlClient } from './helpers/graphql.ts';
import { observationWhere } from './helpers/observations.ts';

/**
 * The import engine as a data officer meets it: real files written to a folder, imported through
 * `importData` (the function the command line, the seed and the GraphQL upload share) and through
 * the `importData` mutation with a multipart upload; what landed is checked through the public API.
 */

const NLD = 'nld-2021-10-10-quang-nam';
const NLD_PUBLISHER = 'Người Lao Động';
const imports = path.join(dataDir, 'imports');

interface Row {
  province_name: string;
  province_code: string;
  year: string;
  indicator: string;
  value: string;
}
const readCsv = async (relative: string): Promise<Row[]> =>
  parse(await fs.readFile(path.join(imports, relative), 'utf8'), { columns: true, skip_empty_lines: true }) as Row[];

/** A problem as the report gives it, with `expected` matched by a pattern. */
const problem = (p: Omit<ImportProblem, 'expected'> & { expected: RegExp }) => ({ ...p, expected: expect.stringMatching(p.expected) });

const IMPORT = `mutation($file: File!, $mapping: File, $catalogue: File, $numbers: NumberConvention, $dryRun: Boolean) {
  importData(file: $file, mapping: $mapping, catalogue: $catalogue, numbers: $numbers, dryRun: $dryRun) {
    ok dryRun fileName format rows added revised unchanged importId problemCount
    problems { file row column value expected }
    catalogue { units indicators sources }
  }
}`;

const SERIES = `query($slug: String!, $region: String!, $from: Date, $to: Date, $asOf: DateTime) {
  indicator(slug: $slug) {
    series(region: $region, from: $from, to: $to, asOf: $asOf) {
      value exactValue qualifier status note recordedAt supersededAt recordedBy
      period { code }
      source { publisher title }
      reportedChange { percent absolute against }
      revisions { value exactValue recordedAt supersededAt source { publisher } }
    }
  }
}`;

describe.each(databaseKinds)('importing files on %s', (kind) => {
  let db: TestDatabase;
  let dir: string;
  let query: ReturnType<typeof graphqlClient>;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'chiso-import-'));
    query = graphqlClient(db.prisma);
    app = createApp({ prisma: db.prisma, logger: pino({ level: 'silent' }) });
  });
  afterAll(async () => {
    await db?.dispose();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  /** Writes a file to the test folder and gives it as an import's `file`. */
  async function file(name: string, content: string | Buffer): Promise<ImportInput['file']> {
    const at = path.join(dir, name);
    await fs.writeFile(at, content);
    const { size } = await fs.stat(at);
    return { name, open: () => createReadStream(at), size };
  }

  /** Writes the file and imports it. */
  async function run(name: string, content: string | Buffer, options: Omit<ImportInput, 'file'> = {}): Promise<ImportReport> {
    return importData(db.prisma, { file: await file(name, content), ...options });
  }

  /** Everything an import may write. */
  async function counts() {
    const p = db.prisma;
    const [observations, batches, audits, indicators, units, sources] = await Promise.all([
      p.observation.count(),
      p.importBatch.count(),
      p.auditEvent.count(),
      p.indicator.count(),
      p.unit.count(),
      p.source.count(),
    ]);
    return { observations, batches, audits, indicators, units, sources };
  }

  async function series(slug: string, region: string, range: { from?: string; to?: string; asOf?: string } = {}) {
    const res = await query(SERIES, { slug, region, ...range });
    expect(res.errors).toBeUndefined();
    return res.data.indicator.series as any[];
  }

  /** Sends the mutation as a GraphQL multipart request (files after `operations` and `map`). */
  async function upload(
    files: { file: [string, string]; mapping?: [string, string]; catalogue?: [string, string] },
    options: { headers?: Record<string, string>; numbers?: 'PLAIN' | 'VI' | 'EN'; dryRun?: boolean } = {},
  ) {
    const form = new FormData();
    const variables: Record<string, unknown> = {
      file: null,
      mapping: null,
      catalogue: null,
      numbers: options.numbers ?? null,
      dryRun: options.dryRun ?? false,
    };
    const entries = Object.entries(files).filter((e): e is [string, [string, string]] => Boolean(e[1]));
    form.append('operations', JSON.stringify({ query: IMPORT, variables }));
    form.append('map', JSON.stringify(Object.fromEntries(entries.map(([field], i) => [String(i), [`variables.${field}`]]))));
    entries.forEach(([, [name, content]], i) => {
      form.append(String(i), new File([content], name));
    });
    const response = await app.fetch('http://chiso.test/graphql', { method: 'POST', body: form, headers: options.headers ?? {} });
    return { status: response.status, ...((await response.json()) as { data?: any; errors?: any[] }) };
  }

  // ---------------------------------------------------------------------------------------------
  // 1–3: chiso's own format: added, unchanged, revised
  // ---------------------------------------------------------------------------------------------

  it("adds the rows of a good file in chiso's own format, and the API answers them", async () => {
    const before = await counts();
    const report = await run(
      'own-2022-q1.csv',
      [
        'indicator,region,period,value,source,qualifier,status,change_percent,change_against,note',
        `dossiers_received,49,2022-Q1,18250,${NLD},,FINAL,,,`,
        `dossiers_received,48,2022-Q1,21400,${NLD},,,,,`,
        `dossiers_on_time_rate,49,2022-Q1,90,${NLD},MORE_THAN,,,,"Báo cáo ghi ""trên 90 %"""`,
        `fdi_capital_registered,49,2022-YTD-06,25300000,${NLD},,,12.5,SAME_PERIOD_LAST_YEAR,`,
        `egov_email_accounts,49,2022-03-31,26000,${NLD},APPROXIMATELY,,,,`,
      ].join('\n'),
    );
    expect(report).toMatchObject({ ok: true, dryRun: false, format: 'CSV', rows: 5, added: 5, revised: 0, unchanged: 0, problems: [], problemCount: 0 });
    expect(report.importId).toEqual(expect.any(Number));
    expect(await counts()).toEqual({ ...before, observations: before.observations + 5, batches: before.batches + 1, audits: before.audits + 1 });

    const year = { from: '2022-01-01', to: '2022-12-31' };
    expect(await series('dossiers_received', '49', year)).toEqual([
      expect.objectContaining({
        value: 18250,
        exactValue: '18250',
        qualifier: 'EXACT',
        status: 'FINAL',
        period: { code: '2022-Q1' },
        source: expect.objectContaining({ publisher: 'Người Lao Động' }),
        revisions: [],
      }),
    ]);
    // 48 in 2022 is old Đà Nẵng; the status defaults to PROVISIONAL.
    expect(await series('dossiers_received', '48', year)).toEqual([
      expect.objectContaining({ value: 21400, status: 'PROVISIONAL', period: { code: '2022-Q1' } }),
    ]);
    expect(await series('dossiers_on_time_rate', '49', year)).toEqual([
      expect.objectContaining({ value: 90, exactValue: '90', qualifier: 'MORE_THAN', note: 'Báo cáo ghi "trên 90 %"', period: { code: '2022-Q1' } }),
    ]);
    expect(await series('fdi_capital_registered', '49', year)).toEqual([
      expect.objectContaining({
        exactValue: '25300000',
        period: { code: '2022-YTD-06' },
        reportedChange: { percent: 12.5, absolute: null, against: 'SAME_PERIOD_LAST_YEAR' },
      }),
    ]);
    expect(await series('egov_email_accounts', '49', year)).toEqual([
      expect.objectContaining({ value: 26000, qualifier: 'APPROXIMATELY', period: { code: '2022-03-31' } }),
    ]);
    const [received] = await series('dossiers_received', '49', year);
    expect(received.recordedAt).toBe(report.recordedAt!.toISOString());
    expect(received.recordedBy).toMatch(/^cli/);
  });

  it('changes nothing when the same file is imported again', async () => {
    // As Excel saves "CSV UTF-8": a byte-order mark and CRLF line ends.
    const text = [
      '\uFEFFindicator,region,period,value,source',
      `dossiers_received,49,2022-Q2,19100,${NLD}`,
      `dossiers_resolved,49,2022-Q2,18800,${NLD}`,
      `dossiers_on_time_rate,49,2022-Q2,97.25,${NLD}`,
    ].join('\r\n');
    const first = await run('own-2022-q2.csv', text);
    expect(first).toMatchObject({ ok: true, added: 3, revised: 0, unchanged: 0 });
    const before = await counts();

    const again = await run('own-2022-q2.csv', text);
    expect(again).toMatchObject({ ok: true, rows: 3, added: 0, revised: 0, unchanged: 3, importId: null, revisions: [], problems: [] });
    expect(await counts()).toEqual(before);
    expect((await series('dossiers_on_time_rate', '49', { from: '2022-04-01', to: '2022-06-30' })).map((o) => [o.exactValue, o.recordedAt])).toEqual([
      ['97.25', first.recordedAt!.toISOString()],
    ]);
  });

  it('turns a changed value into a new vintage and keeps the old one', async () => {
    const header = 'indicator,region,period,value,source';
    const q3 = { from: '2022-07-01', to: '2022-09-30' };
    const first = await run('own-2022-q3.csv', [header, `dossiers_received,49,2022-Q3,20000,${NLD}`, `dossiers_resolved,49,2022-Q3,19000,${NLD}`].join('\n'));
    expect(first).toMatchObject({ ok: true, added: 2 });
    const before = await counts();

    const second = await run(
      'own-2022-q3-revised.csv',
      [header, `dossiers_received,49,2022-Q3,20000,${NLD}`, `dossiers_resolved,49,2022-Q3,19500,${NLD}`].join('\n'),
    );
    expect(second).toMatchObject({ ok: true, rows: 2, added: 0, revised: 1, unchanged: 1, problems: [] });
    expect(second.importId).toEqual(expect.any(Number));
    expect(second.revisions).toHaveLength(1);
    const [revision] = second.revisions;
    expect({ ...revision, before: String(revision!.before), after: String(revision!.after) }).toEqual({
      row: 3,
      indicator: 'dossiers_resolved',
      region: '49',
      periodKind: 'QUARTER',
      periodStart: new Date('2022-07-01T00:00:00Z'),
      periodEnd: new Date('2022-09-30T00:00:00Z'),
      before: '19000',
      after: '19500',
      beforeRecordedAt: first.recordedAt,
    });
    expect(second.recordedAt!.getTime()).toBeGreaterThan(first.recordedAt!.getTime());
    // One new row; the old one stays, superseded at the new vintage.
    expect(await counts()).toEqual({ ...before, observations: before.observations + 1, batches: before.batches + 1, audits: before.audits + 1 });
    const rows = await db.prisma.observation.findMany({
      where: await observationWhere(db.prisma, { indicator: 'dossiers_resolved', region: '49', periodStart: new Date('2022-07-01') }),
      orderBy: { recordedAt: 'asc' },
    });
    expect(rows.map((r) => [r.value.toString(), r.recordedAt.toISOString(), r.supersededAt?.toISOString() ?? null, r.importId])).toEqual([
      ['19000', first.recordedAt!.toISOString(), second.recordedAt!.toISOString(), first.importId],
      ['19500', second.recordedAt!.toISOString(), null, second.importId],
    ]);

    const now = await series('dossiers_resolved', '49', q3);
    expect(now).toEqual([
      expect.objectContaining({
        value: 19500,
        recordedAt: second.recordedAt!.toISOString(),
        revisions: [
          {
            value: 19000,
            exactValue: '19000',
            recordedAt: first.recordedAt!.toISOString(),
            supersededAt: second.recordedAt!.toISOString(),
            source: { publisher: NLD_PUBLISHER },
          },
        ],
      }),
    ]);
    const between = new Date((first.recordedAt!.getTime() + second.recordedAt!.getTime()) / 2).toISOString();
    for (const asOf of [first.recordedAt!.toISOString(), between]) {
      expect(
        (await series('dossiers_resolved', '49', { ...q3, asOf })).map((o) => o.value),
        asOf,
      ).toEqual([19000]);
    }
    expect(await series('dossiers_resolved', '49', { ...q3, asOf: new Date(first.recordedAt!.getTime() - 1).toISOString() })).toEqual([]);
    // The unchanged value kept its first vintage.
    expect((await series('dossiers_received', '49', q3)).map((o) => [o.value, o.recordedAt])).toEqual([[20000, first.recordedAt!.toISOString()]]);
  });

  // ---------------------------------------------------------------------------------------------
  // 4: bad rows: every problem in one report, with its place; nothing written
  // ---------------------------------------------------------------------------------------------

  it('reports every kind of bad row in one report, each with its row, column, value and what was expected, and writes nothing', async () => {
    const before = await counts();
    const name = 'bad-rows.csv';
    const report = await run(
      name,
      [
        /* 1 */ 'indicator,region,period,value,source,change_percent,change_against,note',
        /* 2 */ `dossiers_received,49,2023-06,100,${NLD},,,good row`,
        /* 3 */ `dossiers_recieved,49,2023-06,100,${NLD},,,`,
        /* 4 */ `dossiers_resolved,49,2023-06,90,nld-2021-10-10-quang-namm,,,`,
        /* 5 */ `dossiers_received,99,2023-06,100,${NLD},,,`,
        /* 6 */ `dossiers_received,49,2025,100,${NLD},,,`,
        /* 7 */ `dossiers_received,48,2025,100,${NLD},,,`,
        /* 8 */ `dossiers_received,49,2026-Q1,100,${NLD},,,`,
        /* 9 */ `dossiers_received,01,2021-13,100,${NLD},,,`,
        /* 10 */ `dossiers_received,01,2021-Q5,100,${NLD},,,`,
        /* 11 */ `dossiers_received,01,2023-06,12a,${NLD},,,`,
        /* 12 */ `dossiers_on_time_rate,01,2023-06,100.5,${NLD},,,`,
        /* 13 */ `dossiers_on_time_rate,04,2023-06,-0.5,${NLD},,,`,
        /* 14 */ `dossiers_received,04,2023-06,12.5,${NLD},,,`,
        /* 15 */ `enterprises_new,49,2023-YTD-06,10,${NLD},-5,,`,
        /* 16 */ `dossiers_received,,2023-06,100,${NLD},,,`,
      ].join('\n'),
    );
    const f = { file: name };
    expect(report).toMatchObject({ ok: false, rows: 15, added: 0, revised: 0, unchanged: 0, importId: null, recordedAt: null });
    expect(report.problems).toEqual([
      problem({
        ...f,
        row: 3,
        column: 'indicator',
        value: 'dossiers_recieved',
        expected: /^an indicator slug from the catalogue; "dossiers_recieved" is not one/,
      }),
      problem({
        ...f,
        row: 4,
        column: 'source',
        value: 'nld-2021-10-10-quang-namm',
        expected: /^a source key from the catalogue; "nld-2021-10-10-quang-namm" is not one/,
      }),
      problem({ ...f, row: 5, column: 'region', value: '99', expected: /^a region code from the reference list/ }),
      problem({
        ...f,
        row: 6,
        column: 'region',
        value: '49',
        expected: /existed for the whole period \(2025-01-01 to 2025-12-31\); code 49 was Quảng Nam \(until 2025-06-30\)/,
      }),
      problem({ ...f, row: 7, column: 'region', value: '48', expected: /code 48 was Đà Nẵng \(until 2025-06-30\) and Đà Nẵng \(from 2025-07-01\)/ }),
      problem({ ...f, row: 8, column: 'region', value: '49', expected: /\(2026-01-01 to 2026-03-31\); code 49 was Quảng Nam \(until 2025-06-30\)/ }),
      problem({ ...f, row: 9, column: 'period', value: '2021-13', expected: /^a period: write a year \(2021\), a quarter \(2021-Q3\)/ }),
      problem({ ...f, row: 10, column: 'period', value: '2021-Q5', expected: /^a period: / }),
      problem({ ...f, row: 11, column: 'value', value: '12a', expected: /^a plain number like 54913 or 99\.8/ }),
      problem({ ...f, row: 12, column: 'value', value: '100.5', expected: /^a value from 0 to 100 \(dossiers_on_time_rate is in percent\)/ }),
      problem({ ...f, row: 13, column: 'value', value: '-0.5', expected: /^a value from 0 to 100/ }),
      problem({ ...f, row: 14, column: 'value', value: '12.5', expected: /^a whole number: dossiers_received counts dossier/ }),
      problem({ ...f, row: 15, column: 'change_against', value: null, expected: /SAME_PERIOD_LAST_YEAR or PREVIOUS_PERIOD/ }),
      problem({ ...f, row: 16, column: 'region', value: null, expected: /^a region code \(required\)/ }),
    ]);
    expect(report.problemCount).toBe(14);
    expect(await counts()).toEqual(before);
    expect(await series('dossiers_received', '49', { from: '2023-06-01', to: '2023-06-30' })).toEqual([]);
  });

  it('reports a row that repeats an earlier one (same indicator, region and period) as repeating it', async () => {
    const before = await counts();
    const report = await run(
      'duplicates.csv',
      [
        'indicator,region,period,value,source',
        `dossiers_received,49,2023-07,100,${NLD}`,
        `dossiers_resolved,49,2023-07,90,${NLD}`,
        `dossiers_received,49,2023-07,101,${NLD}`,
        `dossiers_received,49,2023-08,100,${NLD}`,
        `dossiers_received,49,2023-07,100,${NLD}`,
      ].join('\n'),
    );
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      problem({ file: 'duplicates.csv', row: 4, column: null, value: null, expected: /this row repeats row 2$/ }),
      problem({ file: 'duplicates.csv', row: 6, column: null, value: null, expected: /this row repeats row 2$/ }),
    ]);
    expect(await counts()).toEqual(before);
  });

  it('reports a repeated row in the same report as the other problems of the file', async () => {
    const report = await run(
      'duplicates-and-more.csv',
      [
        'indicator,region,period,value,source',
        `dossiers_received,49,2023-09,100,${NLD}`,
        `dossiers_received,49,2023-09,100,${NLD}`,
        `dossiers_received,99,2023-09,100,${NLD}`,
      ].join('\n'),
    );
    expect(report.problems.map((p) => [p.row, p.column])).toEqual([
      [3, null],
      [4, 'region'],
    ]);
  });

  it('numbers rows as a spreadsheet shows them when a quoted cell holds a line break', async () => {
    const report = await run(
      'line-break.csv',
      [
        /* 1 */ 'indicator,region,period,value,source,note',
        /* 2 */ `dossiers_received,49,2023-10,100,${NLD},"Ghi chú:\nhai dòng"`,
        /* 3 */ `dossiers_received,01,2023-10,12a,${NLD},`,
      ].join('\n'),
    );
    expect(report.problems).toEqual([problem({ file: 'line-break.csv', row: 3, column: 'value', value: '12a', expected: /^a plain number/ })]);
  });

  it('reports a header without a required column, and an unknown column of the own format, before reading rows', async () => {
    const before = await counts();
    const report = await run('bad-header.csv', ['indicator,region,period,value,ghi_chu', `dossiers_received,49,2023-11,100,x`].join('\n'));
    expect(report).toMatchObject({ ok: false, rows: 0, importId: null });
    expect(report.problems).toEqual([
      problem({
        file: 'bad-header.csv',
        row: 1,
        column: 'source',
        value: null,
        expected: /^a column named "source" \(the header has: indicator, region, period, value, ghi_chu\)/,
      }),
      problem({
        file: 'bad-header.csv',
        row: 1,
        column: 'ghi_chu',
        value: 'ghi_chu',
        expected: /^one of chiso's columns \(indicator, region, .*\); for a file with its own columns, give a mapping file/,
      }),
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses an empty file and a file with only a header, and writes nothing', async () => {
    const before = await counts();
    const empty = await run('empty.csv', '').catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(ImportFileError);
    expect((empty as Error).message).toMatch(/^empty\.csv: no header row/);
    const headerOnly = await run('header-only.csv', 'indicator,region,period,value,source\n');
    expect(headerOnly).toMatchObject({ ok: false, rows: 0 });
    expect(headerOnly.problems).toEqual([
      problem({ file: 'header-only.csv', row: 2, column: null, value: null, expected: /^at least one row of data after the header/ }),
    ]);
    expect(await counts()).toEqual(before);
  });

  // ---------------------------------------------------------------------------------------------
  // 5: number conventions: stated, never guessed
  // ---------------------------------------------------------------------------------------------

  it('reads the same figures written plainly, the Vietnamese way and the English way, and refuses what is ambiguous', async () => {
    const header = 'indicator,region,period,value,source';
    const rows = (received: string, rate: string) =>
      [header, `dossiers_received,01,2023-Q1,${received},${NLD}`, `dossiers_on_time_rate,01,2023-Q1,${rate},${NLD}`].join('\n');
    const q1 = { from: '2023-01-01', to: '2023-03-31' };

    const plain = await run('numbers-plain.csv', rows('54913', '99.8'));
    expect(plain).toMatchObject({ ok: true, added: 2 });
    expect((await series('dossiers_received', '01', q1)).map((o) => o.exactValue)).toEqual(['54913']);
    expect((await series('dossiers_on_time_rate', '01', q1)).map((o) => o.value)).toEqual([99.8]);

    // The same figures the other ways are the same values: nothing changes.
    const vi = await run('numbers-vi.csv', rows('54.913', '"99,8"'), { numbers: 'vi' });
    expect(vi).toMatchObject({ ok: true, added: 0, revised: 0, unchanged: 2, importId: null });
    const en = await run('numbers-en.csv', rows('"54,913"', '99.8'), { numbers: 'en' });
    expect(en).toMatchObject({ ok: true, added: 0, revised: 0, unchanged: 2, importId: null });
    const bigger = await run('numbers-vi-decimals.csv', rows('"1.054.913"', '"99,85"'), { numbers: 'vi', dryRun: true });
    expect(bigger).toMatchObject({ ok: true, revised: 2 });
    expect(bigger.revisions.map((r) => String(r.after))).toEqual(['1054913', '99.85']);

    const before = await counts();
    // No convention stated: plain. "54.913" reads 54913 (vi) or 54.913 (en): refused, naming both.
    const ambiguous = await run('numbers-ambiguous.csv', rows('54.913', '"99,8"'));
    expect(ambiguous.ok).toBe(false);
    expect(ambiguous.problems).toEqual([
      problem({
        file: 'numbers-ambiguous.csv',
        row: 2,
        column: 'value',
        value: '54.913',
        expected: /"54\.913" is ambiguous \(54913 in Vietnamese writing, 54\.913 in English writing\): declare the convention/,
      }),
      problem({
        file: 'numbers-ambiguous.csv',
        row: 3,
        column: 'value',
        value: '99,8',
        expected: /a comma needs a declared convention \(numbers: vi for "99,8", numbers: en for "54,913"\)/,
      }),
    ]);
    // English writing does not read Vietnamese decimals.
    const wrong = await run('numbers-wrong.csv', rows('54913', '"99,8"'), { numbers: 'en' });
    expect(wrong.problems).toEqual([
      problem({ file: 'numbers-wrong.csv', row: 3, column: 'value', value: '99,8', expected: /^a number written the English way/ }),
    ]);
    expect(await counts()).toEqual(before);

    // A mapping states the convention; the caller's overrides it.
    const mapping = {
      name: 'so-lieu.yaml',
      text: [
        'numbers: vi',
        'region: { column: "Mã tỉnh" }',
        'period: { column: "Kỳ" }',
        'value: { column: "Giá trị" }',
        'indicator: { column: "Chỉ tiêu" }',
        `source: { constant: ${NLD} }`,
      ].join('\n'),
    };
    const foreign = ['Mã tỉnh,Kỳ,Chỉ tiêu,Giá trị', '01,2023-Q1,dossiers_received,54.913', '01,2023-Q1,dossiers_on_time_rate,"99,8"'].join('\n');
    expect(await run('so-lieu-vi.csv', foreign, { mapping })).toMatchObject({ ok: true, rows: 2, added: 0, revised: 0, unchanged: 2 });
    const overridden = await run('so-lieu-vi.csv', foreign, { mapping, numbers: 'en' });
    expect(overridden.problems.map((p) => [p.row, p.value])).toEqual([
      [2, '54.913'],
      [3, '99,8'],
    ]);
    expect(overridden.problems[0]!.expected).toMatch(/^a whole number: dossiers_received/);
    expect(await counts()).toEqual(before);
  });

  // ---------------------------------------------------------------------------------------------
  // 6: a foreign-shaped CSV read through a mapping
  // ---------------------------------------------------------------------------------------------

  const foreignMapping = {
    name: 'bao-cao-so-noi-vu.mapping.yaml',
    text: `# Báo cáo của Sở Nội vụ: tên tỉnh, năm, chỉ tiêu bằng tiếng Việt
numbers: vi
headerRow: 3
region:
  column: "Tỉnh/thành"
  by: name
  names:
    "Xứ Quảng": "49"
period: { column: "Năm" }
value: { column: "Số liệu" }
indicator:
  column: "Chỉ tiêu"
  values:
    "Hồ sơ tiếp nhận (nghìn hồ sơ)": { slug: dossiers_received, multiply: 1000 }
    "Tỷ lệ hồ sơ đúng hạn (%)": dossiers_on_time_rate
source:
  column: "Nguồn"
  contains:
    "Người Lao Động": ${NLD}
status: { constant: FINAL }
`,
  };
  const foreignTitle = ['"BÁO CÁO SỐ LIỆU CẢI CÁCH HÀNH CHÍNH NĂM 2022",,,,', '"(Đơn vị: nghìn hồ sơ; tỷ lệ: %)",,,,', 'Tỉnh/thành,Năm,Chỉ tiêu,Số liệu,Nguồn'];

  it('reads a foreign-shaped CSV through a mapping: Vietnamese column names, province names as people write them, dictionaries', async () => {
    const source = '"Báo Người Lao Động, 10/10/2021"';
    const report = await run(
      'bao-cao-2022.csv',
      [
        ...foreignTitle,
        `TP.HCM,2022,Hồ sơ tiếp nhận (nghìn hồ sơ),"1.234,5",${source}`,
        `TP. Hồ Chí Minh,2022,Tỷ lệ hồ sơ đúng hạn (%),"98,5",${source}`,
        `Thừa Thiên - Huế,2022,Hồ sơ tiếp nhận (nghìn hồ sơ),"56,7",${source}`,
        `BRVT,2022,Hồ sơ tiếp nhận (nghìn hồ sơ),12,${source}`,
        `Hoà Bình,2022,Hồ sơ tiếp nhận (nghìn hồ sơ),"8,25",${source}`,
        `Hòa Bình,2022,Tỷ lệ hồ sơ đúng hạn (%),97,${source}`,
        `Đắk Lắk,2022,Hồ sơ tiếp nhận (nghìn hồ sơ),"30,1",${source}`,
        `Xứ Quảng,2022,Tỷ lệ hồ sơ đúng hạn (%),"99,1",${source}`,
      ].join('\n'),
      { mapping: foreignMapping },
    );
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, rows: 8, added: 8, mappingName: foreignMapping.name });

    const y2022 = { from: '2022-01-01', to: '2022-12-31' };
    // Only the yearly figure: other tests add quarters of 2022.
    const one = async (slug: string, region: string) =>
      (await series(slug, region, y2022))
        .filter((o) => o.period.code === '2022')
        .map((o) => ({ v: o.exactValue, p: o.period.code, s: o.source.publisher, st: o.status }));
    const expected = (v: string) => [{ v, p: '2022', s: NLD_PUBLISHER, st: 'FINAL' }];
    expect(await one('dossiers_received', '79')).toEqual(expected('1234500'));
    expect(await one('dossiers_on_time_rate', '79')).toEqual(expected('98.5'));
    expect(await one('dossiers_received', '46')).toEqual(expected('56700'));
    expect(await one('dossiers_received', '77')).toEqual(expected('12000'));
    expect(await one('dossiers_received', '17')).toEqual(expected('8250'));
    expect(await one('dossiers_on_time_rate', '17')).toEqual(expected('97'));
    expect(await one('dossiers_received', '66')).toEqual(expected('30100'));
    expect(await one('dossiers_on_time_rate', '49')).toEqual(expected('99.1'));
  });

  it('reads a semicolon-separated file and takes the vintage its mapping states', async () => {
    const mapping = {
      name: 'so-lieu-2022.mapping.yaml',
      text: [
        'numbers: vi',
        'delimiter: ";"',
        'recordedAt: "2023-01-31"',
        'region: { column: "Tỉnh", by: name }',
        'period: { constant: "2022" }',
        'value: { column: "Hồ sơ tiếp nhận" }',
        'indicator: { constant: dossiers_received }',
        `source: { constant: ${NLD} }`,
      ].join('\n'),
    };
    const report = await run('so-lieu-2022.csv', ['Tỉnh;Hồ sơ tiếp nhận', 'Hà Nội;1.250.000', 'Cao Bằng;45.300'].join('\n'), { mapping });
    expect(report).toMatchObject({ ok: true, rows: 2, added: 2, problems: [] });
    const y2022 = { from: '2022-01-01', to: '2022-12-31' };
    expect((await series('dossiers_received', '01', y2022)).map((o) => o.exactValue)).toEqual(['1250000']);
    expect((await series('dossiers_received', '04', y2022)).map((o) => o.exactValue)).toEqual(['45300']);
    // mapping.ts: "recordedAt: The vintage: when these values became known. @default the time of the import"
    expect(report.recordedAt?.toISOString()).toBe('2023-01-31T00:00:00.000Z');
    expect((await series('dossiers_received', '01', y2022)).map((o) => o.recordedAt)).toEqual(['2023-01-31T00:00:00.000Z']);
  });

  it('says how to add an alias for a province name that matches nothing, and names unknown dictionary entries', async () => {
    const before = await counts();
    const report = await run(
      'bao-cao-loi.csv',
      [
        ...foreignTitle,
        `Hà Tây,2022,Hồ sơ tiếp nhận (nghìn hồ sơ),12,Báo Người Lao Động`,
        `Quảng Nam,2022,Hồ sơ giải quyết,12,Báo Người Lao Động`,
        `Quảng Nam,2022,Hồ sơ tiếp nhận (nghìn hồ sơ),12,Báo Tuổi Trẻ`,
      ].join('\n'),
      { mapping: foreignMapping },
    );
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      problem({
        file: 'bao-cao-loi.csv',
        row: 4,
        column: 'Tỉnh/thành',
        value: 'Hà Tây',
        expected: /province name from the reference list \(add it under region\.names in the mapping/,
      }),
      problem({
        file: 'bao-cao-loi.csv',
        row: 5,
        column: 'Chỉ tiêu',
        value: 'Hồ sơ giải quyết',
        expected: /^one of the indicator values the mapping lists \(Hồ sơ tiếp nhận \(nghìn hồ sơ\), Tỷ lệ hồ sơ đúng hạn \(%\)\)/,
      }),
      problem({
        file: 'bao-cao-loi.csv',
        row: 6,
        column: 'Nguồn',
        value: 'Báo Tuổi Trẻ',
        expected: /the mapping's dictionary for source has no entry for this value/,
      }),
    ]);
    expect(await counts()).toEqual(before);
  });

  // ---------------------------------------------------------------------------------------------
  // 7: XLSX, and the templates served by the gateway
  // ---------------------------------------------------------------------------------------------

  it('reads a real XLSX workbook: the sheet named in the mapping, codes as numbers and as text, numeric cells', async () => {
    const panel = await readCsv('provinces-63/population-enterprises-2016-2022-pci-2020-2022.csv');
    const pci2021 = new Map(panel.filter((r) => r.indicator === 'pci_score' && r.year === '2021').map((r) => [r.province_code, r]));
    const picked = ['01', '48', '49', '79', '08'].map((code) => pci2021.get(code)!);

    const workbook = new ExcelJS.Workbook();
    const notes = workbook.addWorksheet('Ghi chú');
    notes.addRow(['Điểm PCI 2021 của một số tỉnh, chép từ VCCI']);
    notes.addRow(['Mã', 'Tỉnh', 'Năm', 'PCI']);
    notes.addRow([99, 'không phải dữ liệu', 2021, 'x']);
    const sheet = workbook.addWorksheet('PCI 2021');
    sheet.addRow(['Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) 2021']);
    sheet.addRow(['Mã', 'Tỉnh', 'Năm', 'PCI']);
    // Excel drops the leading zero of a code typed as a number: 1 for "01", 8 for "08".
    picked.forEach((r, i) => {
      sheet.addRow([i % 2 === 0 ? Number(r.province_code) : r.province_code, r.province_name, 2021, Number(r.value)]);
    });
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const mapping = {
      name: 'pci-2021.mapping.yaml',
      text: [
        'sheet: PCI 2021',
        'headerRow: 2',
        'region: { column: "Mã" }',
        'period: { column: "Năm" }',
        'value: { column: PCI }',
        'indicator: { constant: pci_score }',
        'source: { constant: ueh-celg-2024-provincial-panel }',
        'status: { constant: FINAL }',
      ].join('\n'),
    };

    // The same figures as the bundled CSV file: every numeric cell reads exactly, so nothing changes.
    const report = await run('pci-2021.xlsx', xlsx, { mapping });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, format: 'XLSX', rows: 5, added: 0, revised: 0, unchanged: 5, importId: null });
    for (const r of picked) {
      const got = await series('pci_score', r.province_code, { from: '2021-01-01', to: '2021-12-31' });
      expect(
        got.map((o) => o.exactValue),
        r.province_name,
      ).toEqual([String(Number(r.value))]);
    }

    // Different figures in the same workbook shape are seen as revisions, with their rows.
    sheet.getCell('D4').value = 70.5;
    const changed = await run('pci-2021-changed.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()), { mapping, dryRun: true });
    expect(changed).toMatchObject({ ok: true, revised: 1, unchanged: 4 });
    expect(changed.revisions.map((r) => [r.row, r.region, String(r.before), String(r.after)])).toEqual([[4, '48', picked[1]!.value, '70.5']]);

    // A sheet that is not there is named, with the sheets that are.
    const missing = await run('pci-2021.xlsx', xlsx, { mapping: { ...mapping, text: mapping.text.replace('sheet: PCI 2021', 'sheet: PCI 2022') } }).catch(
      (e: unknown) => e,
    );
    expect(missing).toBeInstanceOf(ImportFileError);
    expect((missing as Error).message).toBe('pci-2021.xlsx: no sheet named "PCI 2022" (the workbook has: Ghi chú, PCI 2021)');
  });

  it('imports the templates served at /import/template.xlsx and /import/template.csv as they are', async () => {
    const before = await counts();
    for (const ext of ['xlsx', 'csv'] as const) {
      const response = await app.fetch(`http://chiso.test/import/template.${ext}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="chiso-import-template.${ext}"`);
      const body = Buffer.from(await response.arrayBuffer());
      const report = await run(`chiso-import-template.${ext}`, body, { dryRun: true });
      expect(report.problems, ext).toEqual([]);
      expect(report, ext).toMatchObject({ ok: true, dryRun: true, format: ext.toUpperCase(), rows: 2, importId: null });
      expect(report.added + report.revised + report.unchanged).toBe(2);
    }
    expect(await counts()).toEqual(before);
  });

  // ---------------------------------------------------------------------------------------------
  // 8: dry run
  // ---------------------------------------------------------------------------------------------

  it('counts what a dry run would change and writes nothing', async () => {
    const before = await counts();
    const report = await run(
      'dry-run.csv',
      [
        'indicator,region,period,value,source',
        `dossiers_received,49,2023-12,4100,${NLD}`,
        `dossiers_resolved,49,2023-12,3900,${NLD}`,
        `dossiers_on_time_rate,49,2020-12-15/2021-09-15,99.9,${NLD}`,
      ].join('\n'),
      { dryRun: true },
    );
    expect(report).toMatchObject({ ok: true, dryRun: true, rows: 3, added: 2, revised: 1, unchanged: 0, importId: null, recordedAt: null, problems: [] });
    expect(report.revisions.map((r) => [r.indicator, String(r.before), String(r.after)])).toEqual([['dossiers_on_time_rate', '99.8', '99.9']]);
    expect(await counts()).toEqual(before);
    expect(await series('dossiers_received', '49', { from: '2023-12-01', to: '2023-12-31' })).toEqual([]);
    expect((await series('dossiers_on_time_rate', '49', { from: '2020-12-15', to: '2021-09-15' })).map((o) => o.value)).toEqual([99.8]);
  });

  // ---------------------------------------------------------------------------------------------
  // 9: a catalogue with the rows
  // ---------------------------------------------------------------------------------------------

  const catalogueOf = (suffix: string) => ({
    name: `catalogue-${suffix}.json`,
    text: JSON.stringify({
      units: [{ code: `km_${suffix}`, nameVi: 'ki-lô-mét', nameEn: 'kilometre', symbol: 'km', minValue: '0', maxValue: null, integer: false }],
      indicators: [
        {
          slug: `rural_roads_paved_${suffix}`,
          nameVi: 'Đường giao thông nông thôn được cứng hoá',
          nameEn: 'Paved rural roads',
          descriptionVi: 'Chiều dài đường giao thông nông thôn được cứng hoá.',
          descriptionEn: 'Length of paved rural roads.',
          unit: `km_${suffix}`,
          scaleExponent: 0,
          decimals: 1,
          category: 'INVESTMENT',
          direction: 'HIGHER_IS_BETTER',
          aggregation: 'SUM',
          framework: null,
          numerator: null,
          denominator: null,
          ratioMultiplier: 1,
        },
      ],
      sources: [
        {
          key: `so-gtvt-quang-nam-${suffix}`,
          kind: 'OFFICIAL',
          publisher: 'Sở Giao thông vận tải Quảng Nam',
          title: 'Báo cáo giao thông nông thôn 2022',
          url: null,
          publishedAt: '2023-01-15',
          author: null,
          licence: null,
          originator: null,
          note: null,
        },
      ],
    }),
  });

  it('lands a catalogue (unit, indicator, source) and the rows of its new indicator together', async () => {
    const before = await counts();
    const catalogue = catalogueOf('a');
    const rows = [
      'indicator,region,period,value,source',
      'rural_roads_paved_a,49,2022,1234.5,so-gtvt-quang-nam-a',
      'rural_roads_paved_a,48,2022,410,so-gtvt-quang-nam-a',
    ].join('\n');
    const report = await run('roads-a.csv', rows, { catalogue });
    expect(report).toMatchObject({ ok: true, added: 2, catalogue: { units: 1, indicators: 1, sources: 1 } });
    expect(await counts()).toEqual({
      ...before,
      observations: before.observations + 2,
      batches: before.batches + 1,
      audits: before.audits + 2,
      indicators: before.indicators + 1,
      units: before.units + 1,
      sources: before.sources + 1,
    });
    const res = await query(
      `{ indicator(slug: "rural_roads_paved_a") { name(lang: EN) category series(region: "49") { exactValue source { publisher publishedAt } } } }`,
    );
    expect(res.data.indicator).toEqual({
      name: 'Paved rural roads',
      category: 'INVESTMENT',
      series: [{ exactValue: '1234.5', source: { publisher: 'Sở Giao thông vận tải Quảng Nam', publishedAt: '2023-01-15' } }],
    });
    const audit = await db.prisma.auditEvent.findMany({ where: { action: 'CATALOGUE_CHANGED', subject: catalogue.name } });
    expect(audit.map((a) => a.details)).toEqual([{ units: 1, indicators: 1, sources: 1, import: report.importId }]);

    // The same catalogue and rows again: nothing to write.
    const again = await run('roads-a.csv', rows, { catalogue });
    expect(again).toMatchObject({ ok: true, added: 0, unchanged: 2, importId: null, catalogue: { units: 0, indicators: 0, sources: 0 } });
  });

  it('rolls the catalogue back when a row has a problem', async () => {
    const before = await counts();
    const report = await run(
      'roads-b.csv',
      [
        'indicator,region,period,value,source',
        'rural_roads_paved_b,49,2022,1234.5,so-gtvt-quang-nam-b',
        'rural_roads_paved_b,48,2022,-3,so-gtvt-quang-nam-b',
      ].join('\n'),
      { catalogue: catalogueOf('b') },
    );
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      problem({ file: 'roads-b.csv', row: 3, column: 'value', value: '-3', expected: /^a value from 0 \(rural_roads_paved_b is in km_b\)/ }),
    ]);
    expect(await counts()).toEqual(before);
    expect((await query(`{ indicator(slug: "rural_roads_paved_b") { slug } }`)).data.indicator).toBeNull();
    expect(await db.prisma.unit.findUnique({ where: { code: 'km_b' } })).toBeNull();
    expect(await db.prisma.source.findUnique({ where: { key: 'so-gtvt-quang-nam-b' } })).toBeNull();
  });

  // ---------------------------------------------------------------------------------------------
  // 10: the bundled data
  // ---------------------------------------------------------------------------------------------

  it('finds every row of the bundled PCI 2017–2019 file unchanged when it is imported again', async () => {
    const rows = await readCsv('provinces-63/pci-2017-2019.csv');
    const before = await counts();
    const mappingFile = 'provinces-63/pci-2017-2019.mapping.yaml';
    const report = await importData(db.prisma, {
      file: { name: 'pci-2017-2019.csv', open: () => createReadStream(path.join(imports, 'provinces-63/pci-2017-2019.csv')) },
      mapping: { name: mappingFile, text: await fs.readFile(path.join(imports, mappingFile), 'utf8') },
    });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, rows: rows.length, added: 0, revised: 0, unchanged: rows.length, importId: null });
    expect(await counts()).toEqual(before);
  });

  // ---------------------------------------------------------------------------------------------
  // 11: through GraphQL with a file upload and keys
  // ---------------------------------------------------------------------------------------------

  describe('through the importData mutation', () => {
    let publish48: { key: string; prefix: string };
    let admin: { key: string; prefix: string };
    const bearer = (k: { key: string }) => ({ authorization: `Bearer ${k.key}` });
    const own = (...rows: string[]) => ['indicator,region,period,value,source', ...rows].join('\n');

    beforeAll(async () => {
      const p = await createApiKey(db.prisma, { name: 'Sở Nội vụ Đà Nẵng', scopes: ['PUBLISH'], regions: ['48'] });
      const a = await createApiKey(db.prisma, { name: 'Quản trị chiso', scopes: ['ADMIN'], regions: [] });
      publish48 = { key: p.key, prefix: p.record.prefix };
      admin = { key: a.key, prefix: a.record.prefix };
    });

    it('accepts a multipart upload without any preflight header (no CSRF-prevention plugin is configured)', async () => {
      const res = await upload({ file: ['check.csv', own(`dossiers_received,48,2024-01,100,${NLD}`)] }, { headers: bearer(publish48), dryRun: true });
      expect(res.errors).toBeUndefined();
      expect(res.status).toBe(200);
      expect(res.data.importData).toMatchObject({ ok: true, dryRun: true, added: 1, importId: null });
    });

    it('refuses a request without a key (401 UNAUTHENTICATED) and a revoked key (401), writing nothing', async () => {
      const before = await counts();
      const file: [string, string] = ['no-key.csv', own(`dossiers_received,48,2024-01,100,${NLD}`)];
      const none = await upload({ file });
      expect(none.status).toBe(401);
      expect(none.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(none.errors?.[0]?.message).toMatch(/this needs a publishing key \(scope PUBLISH\), sent as "Authorization: Bearer <key>"/);

      const revoked = await createApiKey(db.prisma, { name: 'Khoá đã thu hồi', scopes: ['PUBLISH'], regions: [] });
      await revokeApiKey(db.prisma, revoked.record.prefix);
      const after = await counts();
      const refused = await upload({ file }, { headers: { authorization: `Bearer ${revoked.key}` } });
      expect(refused.status).toBe(401);
      expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(refused.errors?.[0]?.message).toMatch(/was revoked on/);
      // Only the key's own creation and revocation were recorded.
      expect(after).toEqual({ ...before, audits: before.audits + 2 });
      expect(await counts()).toEqual(after);
    });

    it('lets a key limited to 48 publish for old Quảng Nam and old Đà Nẵng (its predecessors), and records who did', async () => {
      const before = await counts();
      const res = await upload(
        {
          file: [
            'da-nang-2021.csv',
            own(`dossiers_received,49,2021-Q4,"21.500",${NLD}`, `dossiers_received,48,2021-Q4,"30.250",${NLD}`, `dossiers_received,48,2025-Q3,"41.000",${NLD}`),
          ],
        },
        { headers: bearer(publish48), numbers: 'VI' },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.importData).toMatchObject({ ok: true, rows: 3, added: 3, problems: [], fileName: 'da-nang-2021.csv', format: 'CSV' });
      const importId = res.data.importData.importId;
      expect(importId).toEqual(expect.any(Number));
      expect(await counts()).toEqual({ ...before, observations: before.observations + 3, batches: before.batches + 1, audits: before.audits + 1 });

      const q4 = { from: '2021-10-01', to: '2021-12-31' };
      expect((await series('dossiers_received', '49', q4)).map((o) => [o.value, o.recordedBy])).toEqual([[21500, 'Sở Nội vụ Đà Nẵng']]);
      expect((await series('dossiers_received', '48', q4)).map((o) => [o.value, o.recordedBy])).toEqual([[30250, 'Sở Nội vụ Đà Nẵng']]);
      expect((await series('dossiers_received', '48', { from: '2025-07-01', to: '2025-09-30' })).map((o) => o.value)).toEqual([41000]);

      const log = await query(
        `query($prefix: String) { auditLog(action: IMPORT, keyPrefix: $prefix, first: 10) { totalCount edges { node { action actor subject details key { prefix name } } } } }`,
        { prefix: publish48.prefix },
        bearer(admin),
      );
      expect(log.errors).toBeUndefined();
      expect(log.data.auditLog.totalCount).toBe(1);
      const [entry] = log.data.auditLog.edges.map((e: any) => e.node);
      expect(entry).toMatchObject({
        action: 'IMPORT',
        actor: 'key',
        subject: `import ${importId}`,
        key: { prefix: publish48.prefix, name: 'Sở Nội vụ Đà Nẵng' },
      });
      expect(JSON.parse(entry.details)).toMatchObject({ file: 'da-nang-2021.csv', rows: 3, added: 3, revised: 0, unchanged: 0 });
      const batch = await db.prisma.importBatch.findUniqueOrThrow({ where: { id: importId }, include: { key: true } });
      expect(batch).toMatchObject({ actor: 'key', fileName: 'da-nang-2021.csv', format: 'CSV', rows: 3, added: 3, key: { prefix: publish48.prefix } });
      expect(batch.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    });

    it('refuses the whole file (403 FORBIDDEN, naming 01) when one row is for a province the key may not write', async () => {
      const before = await counts();
      const res = await upload(
        {
          file: [
            'one-row-for-01.csv',
            own(`dossiers_received,48,2024-02,100,${NLD}`, `dossiers_received,49,2024-02,100,${NLD}`, `dossiers_received,01,2024-02,100,${NLD}`),
          ],
        },
        { headers: bearer(publish48) },
      );
      expect(res.status).toBe(403);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', regions: ['01'] });
      expect(res.errors?.[0]?.message).toMatch(/may write for 48 and their predecessors and districts only, not for 01:/);
      expect(res.data?.importData ?? null).toBeNull();
      expect(await counts()).toEqual(before);
      expect(await series('dossiers_received', '49', { from: '2024-02-01', to: '2024-02-29' })).toEqual([]);
    });

    it('reports the problems of an uploaded file as data (HTTP 200), writing nothing', async () => {
      const before = await counts();
      const res = await upload(
        { file: ['loi.csv', own(`dossiers_received,48,2024-03,100,${NLD}`, `dossiers_received,48,2024-13,100,${NLD}`)] },
        { headers: bearer(publish48) },
      );
      expect(res.status).toBe(200);
      expect(res.data.importData).toMatchObject({
        ok: false,
        problemCount: 1,
        importId: null,
        problems: [{ file: 'loi.csv', row: 3, column: 'period', value: '2024-13' }],
      });
      expect(await counts()).toEqual(before);
    });

    it('needs an ADMIN key for a catalogue: FORBIDDEN with a PUBLISH key, done with an ADMIN key', async () => {
      const before = await counts();
      const catalogue = catalogueOf('c');
      const rows: [string, string] = ['roads-c.csv', own('rural_roads_paved_c,48,2022,800,so-gtvt-quang-nam-c')];
      const refused = await upload({ file: rows, catalogue: [catalogue.name, catalogue.text] }, { headers: bearer(publish48) });
      expect(refused.status).toBe(403);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'ADMIN' });
      expect(await counts()).toEqual(before);

      const done = await upload({ file: rows, catalogue: [catalogue.name, catalogue.text] }, { headers: bearer(admin) });
      expect(done.errors).toBeUndefined();
      expect(done.data.importData).toMatchObject({ ok: true, added: 1, catalogue: { units: 1, indicators: 1, sources: 1 } });
      expect((await series('rural_roads_paved_c', '48', { from: '2022-01-01', to: '2022-12-31' })).map((o) => [o.value, o.recordedBy])).toEqual([
        [800, 'Quản trị chiso'],
      ]);
    });

    it('imports a foreign-shaped file with its mapping as a second upload', async () => {
      const csv = [...foreignTitle, `Đà Nẵng,2023,Hồ sơ tiếp nhận (nghìn hồ sơ),"75,5",Báo Người Lao Động`].join('\n');
      const res = await upload({ file: ['bao-cao-da-nang.csv', csv], mapping: [foreignMapping.name, foreignMapping.text] }, { headers: bearer(publish48) });
      expect(res.errors).toBeUndefined();
      expect(res.data.importData).toMatchObject({ ok: true, added: 1 });
      expect((await series('dossiers_received', '48', { from: '2023-01-01', to: '2023-12-31' })).map((o) => o.exactValue)).toEqual(['75500']);
    });
  });
});
