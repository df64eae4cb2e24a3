import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { createApiKey, revokeApiKey } from '../src/auth/keys.ts';
import { regionForbidden, writableRegionIds, type Principal } from '../src/auth/principal.ts';
import { keysCommand } from '../src/cli/keys-command.ts';
import { openDatabase } from '../src/db/database.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from './helpers/databases.ts';
import { graphqlClient, testKey } from './helpers/graphql.ts';
import { observationWhere } from './helpers/observations.ts';

const gatewayDir = fileURLToPath(new URL('..', import.meta.url));

const kpi = `{ element: KPI, indicators: ["dossiers_on_time_rate"], regions: ["49"], title: "Tỷ lệ đúng hạn" }`;
const createChart = `mutation { createChart(input: ${kpi}) { id version } }`;
const updateChart = `mutation($id: String!) { updateChart(id: $id, input: { element: KPI, indicators: ["dossiers_on_time_rate"], regions: ["49"], title: $id }) { version } }`;
const auditLog = `query($action: AuditAction, $keyPrefix: String) {
  auditLog(first: 20, action: $action, keyPrefix: $keyPrefix) { totalCount edges { node { action actor subject details key { prefix name } } } }
}`;

describe.each(databaseKinds)('API keys, permissions and the audit log (%s)', (kind) => {
  let db: TestDatabase;
  let query: ReturnType<typeof graphqlClient>;
  let publisher: Awaited<ReturnType<typeof testKey>>;
  let other: Awaited<ReturnType<typeof testKey>>;
  let admin: Awaited<ReturnType<typeof testKey>>;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    query = graphqlClient(db.prisma);
    publisher = await testKey(db.prisma, { name: 'Sở Nội vụ Quảng Nam' });
    other = await testKey(db.prisma, { name: 'Báo Người Lao Động' });
    admin = await testKey(db.prisma, { name: 'quản trị', scopes: ['ADMIN'] });
  });
  afterAll(() => db?.dispose());

  const savedCharts = () => db.prisma.savedChart.count();

  it('refuses to save a chart without a key: UNAUTHENTICATED, HTTP 401, saying how to get one, nothing written', async () => {
    const before = await savedCharts();
    const res = await query(createChart);
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toMatch(/Authorization: Bearer <key>.*pnpm chiso keys create/);
    expect(await savedCharts()).toBe(before);
    // RFC 6750: a 401 names the scheme.
    const app = createApp({ prisma: db.prisma, logger: pino({ level: 'silent' }) });
    const raw = await app.fetch('http://chiso.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: createChart }),
    });
    expect(raw.headers.get('www-authenticate')).toBe('Bearer realm="chiso"');
  });

  it('refuses a malformed, an unknown and a revoked key with 401, while public reads ignore a bad header', async () => {
    const before = await savedCharts();
    const unknown = `chiso_${'A'.repeat(43)}`;
    for (const authorization of ['Bearer not-a-key', `Basic ${unknown}`, `Bearer ${unknown}`]) {
      const res = await query(createChart, {}, { authorization });
      expect(res.status, authorization).toBe(401);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const revoked = await testKey(db.prisma, { name: 'revoked' });
    expect((await query(`{ viewer { name } }`, {}, revoked.auth)).data.viewer).toEqual({ name: 'revoked' });
    await revokeApiKey(db.prisma, revoked.prefix);
    const res = await query(createChart, {}, revoked.auth);
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.message).toMatch(new RegExp(`^the key ${revoked.prefix}… was revoked on \\d{4}-\\d{2}-\\d{2}`));
    expect(await savedCharts()).toBe(before);

    const read = await query(
      `{ indicator(slug: "dossiers_on_time_rate") { series(region: "49", from: "2020-12-15", to: "2021-09-15") { value } } }`,
      {},
      revoked.auth,
    );
    expect(read.status).toBe(200);
    expect(read.data.indicator.series[0].value).toBe(99.8);
  });

  it('tells a page who a pasted key is (viewer), and null without a key', async () => {
    expect((await query(`{ viewer { prefix } }`)).data.viewer).toBeNull();
    const res = await query(`{ viewer { prefix name scopes regions } }`, {}, publisher.auth);
    expect(res.data.viewer).toEqual({ prefix: publisher.prefix, name: 'Sở Nội vụ Quảng Nam', scopes: ['PUBLISH'], regions: [] });
    const row = await db.prisma.apiKey.findUniqueOrThrow({ where: { prefix: publisher.prefix } });
    expect(row.lastUsedAt).toBeInstanceOf(Date);
  });

  it('keeps the audit log and the key list for ADMIN keys: a PUBLISH key gets FORBIDDEN, 403', async () => {
    for (const document of [auditLog, `{ apiKeys { prefix } }`]) {
      const res = await query(document, {}, publisher.auth);
      expect(res.status).toBe(403);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.errors?.[0]?.message).toMatch(/has scope PUBLISH; this needs ADMIN/);
      expect((await query(document)).status).toBe(401);
    }
    const keys = await query(`{ apiKeys { prefix name scopes regions createdAt lastUsedAt revokedAt } }`, {}, admin.auth);
    expect(keys.data.apiKeys.map((k: { prefix: string }) => k.prefix)).toEqual(expect.arrayContaining([publisher.prefix, other.prefix, admin.prefix]));
    expect(JSON.stringify(keys.data)).not.toContain(publisher.key);
  });

  it('saves a chart with a PUBLISH key, recording the key on the version and a CHART_CREATED entry', async () => {
    const res = await query(createChart, {}, publisher.auth);
    expect(res.errors).toBeUndefined();
    const { id } = res.data.createChart;
    const version = await db.prisma.savedChartVersion.findFirstOrThrow({ where: { chartId: id }, include: { key: true } });
    expect(version.key?.prefix).toBe(publisher.prefix);

    const log = await query(auditLog, { action: 'CHART_CREATED' }, admin.auth);
    const entry = log.data.auditLog.edges.map((e: any) => e.node).find((n: any) => n.subject === id);
    expect(entry).toMatchObject({ action: 'CHART_CREATED', actor: 'key', key: { prefix: publisher.prefix, name: 'Sở Nội vụ Quảng Nam' } });
    expect(JSON.parse(entry.details)).toEqual({ version: 1, element: 'KPI', indicators: ['dossiers_on_time_rate'], regions: ['49'] });
    const mine = await query(auditLog, { keyPrefix: publisher.prefix }, admin.auth);
    expect(mine.data.auditLog.totalCount).toBe(1);
  });

  it('lets only the creating key or an ADMIN key change a chart: another key gets 403 and nothing is written', async () => {
    const { id } = (await query(createChart, {}, publisher.auth)).data.createChart;
    const events = await db.prisma.auditEvent.count();
    const refused = await query(updateChart, { id }, other.auth);
    expect(refused.status).toBe(403);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(new RegExp(`chart ${id} was created with another key`));
    expect(await db.prisma.savedChartVersion.count({ where: { chartId: id } })).toBe(1);
    expect(await db.prisma.auditEvent.count()).toBe(events);

    expect((await query(updateChart, { id }, admin.auth)).data.updateChart.version).toBe(2);
    expect((await query(updateChart.replace('title: $id', 'title: "mine"'), { id }, publisher.auth)).data.updateChart.version).toBe(3);
    const updates = await query(auditLog, { action: 'CHART_UPDATED' }, admin.auth);
    expect(updates.data.auditLog.edges.map((e: any) => [e.node.subject, e.node.key.prefix, JSON.parse(e.node.details).version])).toEqual([
      [id, publisher.prefix, 3],
      [id, admin.prefix, 2],
    ]);
  });

  it('stores only a prefix and a hash: the key is nowhere in the database', async () => {
    const row = await db.prisma.apiKey.findUniqueOrThrow({ where: { prefix: publisher.prefix } });
    expect(publisher.key).toMatch(/^chiso_[A-Za-z0-9_-]{43}$/);
    expect(row.prefix).toBe(publisher.key.slice(0, 14));
    expect(row.hash).toBe(createHash('sha256').update(publisher.key).digest('hex'));
    expect(row.hash).not.toBe(publisher.key);
    const everything = JSON.stringify([await db.prisma.apiKey.findMany(), await db.prisma.auditEvent.findMany(), await db.prisma.savedChartVersion.findMany()]);
    expect(everything).not.toContain(publisher.key.slice(14));
    const created = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'KEY_CREATED', subject: publisher.prefix } });
    expect(created).toMatchObject({ actor: 'cli', keyId: null, details: { name: 'Sở Nội vụ Quảng Nam', scopes: ['PUBLISH'], regions: [] } });
  });

  it('lets a key for 48 (Đà Nẵng from 2025) write the new 48, old Đà Nẵng, old Quảng Nam and its districts, not Hà Nội', async () => {
    const { record } = await createApiKey(db.prisma, { name: 'Sở Nội vụ Đà Nẵng', scopes: ['PUBLISH'], regions: ['48'] });
    expect(record.regions).toEqual(['48']);
    const principal: Principal = { keyId: record.id, prefix: record.prefix, name: record.name, scopes: record.scopes, regions: record.regions };
    const ids = (await writableRegionIds(db.prisma, principal))!;
    const byKey = async (key: string) => (await db.prisma.region.findUniqueOrThrow({ where: { key } })).id;
    expect(ids.has(await byKey('province:48:2025-07-01'))).toBe(true);
    expect(ids.has(await byKey('province:48:*'))).toBe(true);
    const quangNam = await byKey('province:49:*');
    expect(ids.has(quangNam)).toBe(true);
    const districts = await db.prisma.region.findMany({ where: { parentId: quangNam } });
    expect(districts.length).toBeGreaterThan(10);
    expect(districts.every((d) => ids.has(d.id))).toBe(true);
    expect(ids.has(await byKey('province:01:*'))).toBe(false);
    expect(ids.has(await byKey('province:01:2025-07-01'))).toBe(false);

    expect(await writableRegionIds(db.prisma, { ...principal, regions: [] })).toBeNull();
    const error = regionForbidden(principal, ['01', '79', '01']);
    expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', http: { status: 403 } });
    expect(error.message).toMatch(/may write for 48 .*not for 01, 79/);
  });

  it('refuses a key for a code that no province ever had', async () => {
    await expect(createApiKey(db.prisma, { name: 'x', scopes: ['PUBLISH'], regions: ['49', '99'] })).rejects.toThrow(/no province has the code "99"/);
    const lines: string[] = [];
    await expect(keysCommand(['create', '--name', 'x', '--region', '99'], db, (l) => lines.push(l))).rejects.toThrow(/no province has the code "99"/);
    await expect(keysCommand(['create', '--region', '48'], db, (l) => lines.push(l))).rejects.toThrow(
      /needs --name NAME[\s\S]*usage:[\s\S]*pnpm chiso keys create --name NAME/,
    );
    await expect(keysCommand(['create', '--name', 'x', '--scope', 'owner'], db, (l) => lines.push(l))).rejects.toThrow(/unknown scope "owner"/);
    await expect(keysCommand(['rotate'], db, (l) => lines.push(l))).rejects.toThrow(/unknown keys command "rotate"[\s\S]*keys revoke PREFIX/);
    expect(lines).toEqual([]);
  });

  it('says who recorded an imported value (Observation.recordedBy)', async () => {
    const observation = await db.prisma.observation.findFirstOrThrow({
      where: await observationWhere(db.prisma, { indicator: 'dossiers_on_time_rate', supersededAt: null }),
    });
    const keyRow = await db.prisma.apiKey.findUniqueOrThrow({ where: { prefix: publisher.prefix } });
    const batch = await db.prisma.importBatch.create({
      data: {
        keyId: keyRow.id,
        actor: 'key',
        fileName: 'q3.csv',
        fileSha256: '0'.repeat(64),
        format: 'CSV',
        recordedAt: observation.recordedAt,
        rows: 1,
        added: 0,
        revised: 0,
        unchanged: 1,
      },
    });
    await db.prisma.observation.update({ where: { id: observation.id }, data: { importId: batch.id } });
    const res = await query(`{ indicator(slug: "dossiers_on_time_rate") { series(region: "49", from: "2020-12-15", to: "2021-09-15") { value recordedBy } } }`);
    expect(res.data.indicator.series[0]).toEqual({ value: 99.8, recordedBy: 'Sở Nội vụ Quảng Nam' });
  });
});

describe('pnpm chiso keys, as a process on an embedded database', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'chiso-keys-'));
  });
  afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

  const chiso = async (...args: string[]) => {
    const { stdout } = await promisify(execFile)(path.join(gatewayDir, 'node_modules', '.bin', 'tsx'), ['src/cli/chiso.ts', ...args], {
      cwd: gatewayDir,
      env: { ...process.env, CHISO_DATA_DIR: dataDir, DATABASE_URL: '' },
    });
    return stdout;
  };

  // Each process opens the PGlite folder (WASM) and checks the migrations: seconds each, more on a busy machine.
  it('prints a new key once; list shows its prefix but never the key; revoke stops it', { timeout: 300_000 }, async () => {
    const created = await chiso('keys', 'create', '--name', 'Sở Nội vụ Quảng Nam', '--scope', 'publish', '--scope', 'admin');
    const key = /^ {2}(chiso_[A-Za-z0-9_-]{43})$/m.exec(created)?.[1];
    expect(key).toBeDefined();
    expect(created.split(key!)).toHaveLength(2); // printed exactly once
    expect(created).toMatch(/will not be shown again/);
    const prefix = key!.slice(0, 14);
    expect(created).toContain(`created key ${prefix} for "Sở Nội vụ Quảng Nam": scopes PUBLISH, ADMIN; regions all`);

    const listed = await chiso('keys', 'list');
    expect(listed).not.toContain(key!.slice(14));
    const [header, row] = listed.trim().split('\n');
    expect(header).toMatch(/^prefix\s+name\s+scopes\s+regions\s+created\s+last used\s+revoked$/);
    expect(row).toMatch(new RegExp(`^${prefix}\\s+Sở Nội vụ Quảng Nam\\s+PUBLISH,ADMIN\\s+all\\s+\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC\\s+-\\s+-$`));

    expect(await chiso('keys', 'revoke', prefix)).toMatch(new RegExp(`^revoked ${prefix} \\("Sở Nội vụ Quảng Nam"\\)`));

    const db = await openDatabase({ CHISO_DATA_DIR: dataDir });
    try {
      const row = await db.prisma.apiKey.findUniqueOrThrow({ where: { prefix } });
      expect(row.hash).toBe(createHash('sha256').update(key!).digest('hex'));
      expect(row.revokedAt).toBeInstanceOf(Date);
      const keyEvents = await db.prisma.auditEvent.findMany({
        where: { action: { in: ['KEY_CREATED', 'KEY_REVOKED'] } },
        orderBy: { id: 'asc' },
        select: { action: true, actor: true, subject: true },
      });
      expect(keyEvents).toEqual([
        { action: 'KEY_CREATED', actor: 'cli', subject: prefix },
        { action: 'KEY_REVOKED', actor: 'cli', subject: prefix },
      ]);
    } finally {
      await db.close();
    }
  });
});
