import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { validOn } from '../validity.ts';
import { catalogueFile, DataFileError, dataDir, readDataFile, regionsFile, sourceFile, successionFile, utcDate } from './files.ts';

type Tx = Prisma.TransactionClient;

/** Source report files loaded into every database. */
export const bundledSources = ['sources/nld-2021-quang-nam.json'];

export interface SeedResult {
  regions: number;
  successions: number;
  indicators: number;
  observationsCreated: number;
  observationsRevised: number;
}

/**
 * Loads the reference data (regions, successions, units, indicators) and the bundled source
 * reports. Every file is validated first and everything is written in one transaction, so a bad
 * file leaves the database as it was. Running it again updates in place and adds nothing twice.
 */
export async function seedDatabase(prisma: PrismaClient, options: { dataDir?: string } = {}): Promise<SeedResult> {
  const dir = options.dataDir ?? dataDir;
  const regions = await readDataFile('regions.json', regionsFile, dir);
  const succession = await readDataFile('province-succession-2025.json', successionFile, dir);
  const catalogue = await readDataFile('indicators.json', catalogueFile, dir);
  const sources = await Promise.all(bundledSources.map((f) => readDataFile(f, sourceFile, dir)));
  checkCatalogue(catalogue);

  return prisma.$transaction(
    async (tx) => {
      const regionCount = await upsertRegions(tx, regions);
      const successions = await upsertSuccessions(tx, succession);
      const indicators = await upsertCatalogue(tx, catalogue);
      let observationsCreated = 0;
      let observationsRevised = 0;
      for (const file of sources) {
        const result = await loadSource(tx, file);
        observationsCreated += result.created;
        observationsRevised += result.revised;
      }
      return { regions: regionCount, successions, indicators, observationsCreated, observationsRevised };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/** True once the reference data is in place; start-up seeds only an empty database. */
export async function isSeeded(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.indicator.count()) > 0;
}

const regionKey = (level: string, code: string, validFrom: string | null) =>
  `${level.toLowerCase()}:${code}:${validFrom ?? '*'}`;

async function upsertRegions(tx: Tx, file: ReturnType<typeof regionsFile.parse>): Promise<number> {
  const { country } = file;
  const countryData = { code: country.code, level: 'COUNTRY' as const, nameVi: country.nameVi, nameEn: country.nameEn, fullNameVi: country.fullNameVi };
  const vn = await tx.region.upsert({
    where: { key: regionKey('COUNTRY', country.code, null) },
    create: { key: regionKey('COUNTRY', country.code, null), ...countryData },
    update: countryData,
  });
  let count = 1;
  /** Province ids of the set that ends when the district level ends, by code: the districts' parents. */
  const districtParents = new Map<string, number>();
  for (const set of file.provinceSets) {
    for (const p of set.provinces) {
      const key = regionKey('PROVINCE', p.code, set.validFrom);
      const data = {
        code: p.code,
        level: 'PROVINCE' as const,
        nameVi: p.nameVi,
        nameEn: p.nameEn,
        fullNameVi: p.fullNameVi,
        parentId: vn.id,
        validFrom: set.validFrom ? utcDate(set.validFrom) : null,
        validTo: set.validTo ? utcDate(set.validTo) : null,
      };
      const row = await tx.region.upsert({ where: { key }, create: { key, ...data }, update: data });
      if (set.validTo === file.districtsValidTo) districtParents.set(p.code, row.id);
      count++;
    }
  }
  return count + (await upsertDistricts(tx, file, districtParents));
}

/**
 * The ~705 districts, loaded at every seed: one read, one `createMany` for the missing ones and an
 * update only for each one whose data changed, instead of one upsert per district.
 */
async function upsertDistricts(tx: Tx, file: ReturnType<typeof regionsFile.parse>, parents: Map<string, number>): Promise<number> {
  const validTo = utcDate(file.districtsValidTo);
  const wanted = file.districts.map((d) => {
    const parentId = parents.get(d.parentCode);
    if (parentId === undefined) throw new DataFileError(`regions.json: district ${d.code}: no province ${d.parentCode} valid until ${file.districtsValidTo}`);
    return {
      key: regionKey('DISTRICT', d.code, null),
      code: d.code,
      level: 'DISTRICT' as const,
      nameVi: d.nameVi,
      nameEn: d.nameEn,
      fullNameVi: d.fullNameVi,
      parentId,
      validFrom: null,
      validTo,
    };
  });
  const existing = new Map((await tx.region.findMany({ where: { level: 'DISTRICT' } })).map((r) => [r.key, r]));
  const missing = wanted.filter((d) => !existing.has(d.key));
  if (missing.length) await tx.region.createMany({ data: missing, skipDuplicates: true });
  for (const { key, ...data } of wanted) {
    const row = existing.get(key);
    if (!row) continue;
    const same =
      row.code === data.code &&
      row.level === data.level &&
      row.nameVi === data.nameVi &&
      row.nameEn === data.nameEn &&
      row.fullNameVi === data.fullNameVi &&
      row.parentId === data.parentId &&
      row.validFrom === null &&
      row.validTo?.getTime() === validTo.getTime();
    if (!same) await tx.region.update({ where: { key }, data });
  }
  return wanted.length;
}

async function upsertSuccessions(tx: Tx, file: ReturnType<typeof successionFile.parse>): Promise<number> {
  const effectiveFrom = utcDate(file.effectiveFrom);
  const dayBefore = new Date(effectiveFrom.getTime() - 86_400_000);
  const provinces = await tx.region.findMany({ where: { level: 'PROVINCE' } });
  const before = new Map(provinces.filter((r) => r.validTo?.getTime() === dayBefore.getTime()).map((r) => [r.code, r]));
  const after = new Map(provinces.filter((r) => r.validFrom?.getTime() === effectiveFrom.getTime()).map((r) => [r.code, r]));
  let count = 0;
  for (const { code, predecessors } of file.successors) {
    const successor = after.get(code);
    if (!successor) throw new DataFileError(`province-succession-2025.json: no province ${code} valid from ${file.effectiveFrom}`);
    for (const oldCode of predecessors) {
      const predecessor = before.get(oldCode);
      if (!predecessor) throw new DataFileError(`province-succession-2025.json: no province ${oldCode} valid until ${dayBefore.toISOString().slice(0, 10)}`);
      const data = {
        effectiveFrom,
        kind: predecessors.length === 1 ? ('CONTINUATION' as const) : ('MERGER' as const),
        legalBasis: file.legalBasis,
      };
      await tx.regionSuccession.upsert({
        where: { predecessorId_successorId: { predecessorId: predecessor.id, successorId: successor.id } },
        create: { predecessorId: predecessor.id, successorId: successor.id, ...data },
        update: data,
      });
      count++;
    }
  }
  return count;
}

function checkCatalogue(file: ReturnType<typeof catalogueFile.parse>): void {
  const units = new Set(file.units.map((u) => u.code));
  const slugs = new Set(file.indicators.map((i) => i.slug));
  const problems: string[] = [];
  for (const i of file.indicators) {
    if (!units.has(i.unit)) problems.push(`${i.slug}: unknown unit "${i.unit}"`);
    for (const ref of [i.numerator, i.denominator]) if (ref && !slugs.has(ref)) problems.push(`${i.slug}: unknown indicator "${ref}"`);
  }
  if (slugs.size !== file.indicators.length) problems.push('a slug appears twice');
  if (problems.length) throw new DataFileError(`indicators.json is not valid:\n  ${problems.join('\n  ')}`);
}

async function upsertCatalogue(tx: Tx, file: ReturnType<typeof catalogueFile.parse>): Promise<number> {
  for (const u of file.units) {
    await tx.unit.upsert({ where: { code: u.code }, create: u, update: u });
  }
  const ids = new Map<string, number>();
  for (const { numerator, denominator, unit, ...i } of file.indicators) {
    const data = { ...i, unitCode: unit };
    const row = await tx.indicator.upsert({ where: { slug: i.slug }, create: data, update: data });
    ids.set(i.slug, row.id);
  }
  for (const i of file.indicators) {
    if (!i.numerator || !i.denominator) continue;
    await tx.indicator.update({
      where: { slug: i.slug },
      data: { numeratorId: ids.get(i.numerator)!, denominatorId: ids.get(i.denominator)! },
    });
  }
  return file.indicators.length;
}

async function loadSource(tx: Tx, file: ReturnType<typeof sourceFile.parse>): Promise<{ created: number; revised: number }> {
  const { key, publishedAt, ...rest } = file.source;
  const sourceData = { ...rest, publishedAt: publishedAt ? utcDate(publishedAt) : null };
  const source = await tx.source.upsert({ where: { key }, create: { key, ...sourceData }, update: sourceData });
  const recordedAt = new Date(file.recordedAt);
  const indicators = new Map((await tx.indicator.findMany({ select: { id: true, slug: true } })).map((i) => [i.slug, i.id]));
  let created = 0;
  let revised = 0;
  for (const [index, o] of file.observations.entries()) {
    const where = `${key}: observations.${index} (${o.indicator})`;
    const indicatorId = indicators.get(o.indicator);
    if (indicatorId === undefined) throw new DataFileError(`${where}: unknown indicator "${o.indicator}"`);
    const periodStart = utcDate(o.periodStart);
    const periodEnd = utcDate(o.periodEnd);
    const region = await tx.region.findFirst({ where: { level: 'PROVINCE', code: o.region, ...validOn(periodEnd) } });
    if (!region) throw new DataFileError(`${where}: no province ${o.region} was valid on ${o.periodEnd}`);
    const outcome = await recordObservation(tx, {
      indicatorId,
      regionId: region.id,
      periodKind: o.periodKind,
      periodStart,
      periodEnd,
      value: o.value,
      qualifier: o.qualifier,
      status: o.status,
      reportedChangePercent: o.reportedChange?.percent ?? null,
      reportedChangeAbsolute: o.reportedChange?.absolute ?? null,
      reportedChangeAgainst: o.reportedChange?.against ?? null,
      sourceId: source.id,
      recordedAt,
      note: o.note,
    });
    if (outcome === 'created') created++;
    if (outcome === 'revised') revised++;
  }
  return { created, revised };
}

/**
 * Stores one value. The same value again changes nothing; a different value for the same
 * indicator, unit and period becomes a new vintage and the current one is marked superseded.
 */
export async function recordObservation(
  tx: Tx,
  data: Prisma.ObservationUncheckedCreateInput & { recordedAt: Date },
): Promise<'created' | 'revised' | 'unchanged'> {
  const key = {
    indicatorId: data.indicatorId,
    regionId: data.regionId,
    periodKind: data.periodKind,
    periodStart: data.periodStart,
    periodEnd: data.periodEnd,
  };
  // This very vintage is already stored (a re-run of the same load): nothing to do, even if a
  // later revision has superseded it since.
  const sameVintage = await tx.observation.findFirst({ where: { ...key, recordedAt: data.recordedAt } });
  if (sameVintage) {
    if (!sameVintage.value.equals(String(data.value))) {
      throw new DataFileError(
        `a different value (${sameVintage.value.toString()}) was already recorded at ${data.recordedAt.toISOString()} for this indicator, unit and period`,
      );
    }
    return 'unchanged';
  }
  const current = await tx.observation.findFirst({ where: { ...key, supersededAt: null } });
  if (current) {
    const same =
      current.value.equals(String(data.value)) &&
      current.qualifier === (data.qualifier ?? 'EXACT') &&
      current.sourceId === data.sourceId &&
      current.status === (data.status ?? 'PROVISIONAL');
    if (same) return 'unchanged';
    if (current.recordedAt >= data.recordedAt) {
      throw new DataFileError(
        `a value recorded at ${current.recordedAt.toISOString()} already exists for this indicator, unit and period; ` +
          `a revision must be recorded later (got ${data.recordedAt.toISOString()})`,
      );
    }
    await tx.observation.update({ where: { id: current.id }, data: { supersededAt: data.recordedAt } });
  }
  await tx.observation.create({ data });
  return current ? 'revised' : 'created';
}
