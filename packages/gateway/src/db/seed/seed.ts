import fs from 'node:fs';
import path from 'node:path';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { applyCatalogue, catalogueFile } from '../../import/catalogue.ts';
import { importInTransaction, type ImportReport } from '../../import/import-data.ts';
import { ImportFileError } from '../../import/problems.ts';
import { checkChartConfig } from '../../embed/chart-config.ts';
import { bundledImportsFile, DataFileError, dataDir, exampleChartsFile, readDataFile, regionsFile, successionFile, utcDate } from './files.ts';

type Tx = Prisma.TransactionClient;

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
  const bundled = await readDataFile('imports/index.json', bundledImportsFile, dir);
  const examples = await readDataFile('example-charts.json', exampleChartsFile, dir);

  return prisma.$transaction(
    async (tx) => {
      const regionCount = await upsertRegions(tx, regions);
      const successions = await upsertSuccessions(tx, succession);
      await wrap('indicators.json', () => applyCatalogue(tx, 'indicators.json', catalogue));
      let observationsCreated = 0;
      let observationsRevised = 0;
      for (const set of bundled.imports) {
        for (const [index, file] of set.files.entries()) {
          const report = await wrap(file.file, () => importBundled(tx, dir, file, index === 0 ? (set.catalogue ?? null) : null));
          observationsCreated += report.added;
          observationsRevised += report.revised;
        }
      }
      await saveExampleCharts(tx, examples.charts);
      const indicators = await tx.indicator.count();
      return { regions: regionCount, successions, indicators, observationsCreated, observationsRevised };
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
}

/**
 * One bundled data file, through the import code a user runs (with the catalogue of its set
 * before the set's first file); any problem fails the seed with every problem listed.
 */
async function importBundled(
  tx: Tx,
  dir: string,
  file: { file: string; mapping?: string | undefined; recordedAt?: string | undefined },
  catalogue: string | null,
): Promise<ImportReport> {
  const at = (relative: string) => path.join(dir, 'imports', relative);
  const text = (relative: string) => ({ name: relative, text: fs.readFileSync(at(relative), 'utf8') });
  const report = await importInTransaction(
    tx,
    {
      file: { name: file.file, open: () => fs.createReadStream(at(file.file)), size: fs.statSync(at(file.file)).size },
      mapping: file.mapping ? text(file.mapping) : null,
      catalogue: catalogue ? text(catalogue) : null,
      recordedAt: file.recordedAt ? new Date(file.recordedAt) : null,
      actor: 'seed',
    },
    { rollbackOnProblems: false },
  );
  if (!report.ok) {
    const lines = report.problems
      .slice(0, 20)
      .map((p) => `  row ${p.row}${p.column ? `, ${p.column}` : ''}: ${p.value === null ? '' : `"${p.value}": `}expected ${p.expected}`);
    throw new DataFileError(`${file.file}: ${report.problemCount} problem(s):\n${lines.join('\n')}`);
  }
  return report;
}

/** A bundled file that cannot be read at all is a data file error of the seed. */
async function wrap<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ImportFileError) throw new DataFileError(`${name}: ${error.message}`);
    throw error;
  }
}

/** True once the reference data is in place; start-up seeds only an empty database. */
export async function isSeeded(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.indicator.count()) > 0;
}

const regionKey = (level: string, code: string, validFrom: string | null) => `${level.toLowerCase()}:${code}:${validFrom ?? '*'}`;

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

/**
 * The example pages' charts, as version 1 of each (saved by no key). A chart that exists already is
 * left as it is: a later version saved in the builder is the user's.
 */
async function saveExampleCharts(tx: Tx, charts: Array<{ id: string; config: Record<string, unknown> }>): Promise<void> {
  for (const chart of charts) {
    const config = await checkChartConfig(tx, chart.config).catch((error: Error) => {
      throw new DataFileError(`example-charts.json: chart ${chart.id}: ${error.message}`);
    });
    await tx.savedChart.upsert({
      where: { id: chart.id },
      create: { id: chart.id, versions: { create: { number: 1, element: config.element, config: config as Prisma.InputJsonValue } } },
      update: {},
    });
  }
}
