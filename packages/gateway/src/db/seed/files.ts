import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { prismaDir } from '../../config.ts';

/** Data files that ship with chiso, validated before anything is written. */
export const dataDir = path.join(prismaDir, 'data');

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date like 2021-09-15');
const regionCode = z.string().regex(/^\d{2}$|^VN$/, 'expected a two-digit province code or VN');

const namedRegion = z.object({ code: regionCode, nameVi: z.string().min(1), nameEn: z.string().min(1), fullNameVi: z.string().min(1) });

const district = z.object({
  code: z.string().regex(/^\d{3}$/, 'expected a three-digit district code'),
  nameVi: z.string().min(1),
  nameEn: z.string().min(1),
  fullNameVi: z.string().min(1),
  parentCode: z.string().regex(/^\d{2}$/, 'expected the two-digit code of the parent province'),
});

export const regionsFile = z
  .object({
    country: namedRegion,
    provinceSets: z.array(z.object({ validFrom: isoDate.nullable(), validTo: isoDate.nullable(), provinces: z.array(namedRegion).min(1) })),
    /** Districts (level abolished on 2025-07-01): valid from the data's horizon until this day. */
    districtsValidTo: isoDate,
    districts: z.array(district),
  })
  .superRefine((file, ctx) => {
    // A district's parent is the province with its code in the set that ends when districts end.
    const parents = new Set(file.provinceSets.filter((s) => s.validTo === file.districtsValidTo).flatMap((s) => s.provinces.map((p) => p.code)));
    const seen = new Set<string>();
    for (const [index, d] of file.districts.entries()) {
      if (!parents.has(d.parentCode)) {
        ctx.addIssue({ code: 'custom', path: ['districts', index, 'parentCode'], message: `no province ${d.parentCode} valid until ${file.districtsValidTo}` });
      }
      if (seen.has(d.code)) ctx.addIssue({ code: 'custom', path: ['districts', index, 'code'], message: `district ${d.code} appears twice` });
      seen.add(d.code);
    }
  });

export const successionFile = z.object({
  effectiveFrom: isoDate,
  legalBasis: z.string().min(1),
  successors: z.array(z.object({ code: regionCode, predecessors: z.array(regionCode).min(1) })).min(1),
});

/** The data files loaded on first start through the import code, in order (prisma/data/imports/index.json). */
export const bundledImportsFile = z.object({
  imports: z.array(
    z.object({
      name: z.string().min(1),
      /** Units, indicators and sources the set defines, applied before its first file. */
      catalogue: z.string().min(1).nullish(),
      files: z.array(z.object({ file: z.string().min(1), mapping: z.string().min(1).optional(), recordedAt: z.iso.datetime().optional() })).min(1),
    }),
  ),
});

/**
 * Saved charts the example pages embed (prisma/data/example-charts.json): saved with the reference
 * data, so that examples/news-article shows its iframe and image on a new database without a
 * publishing key. Each configuration is checked as a saved chart's is (embed/chart-config.ts).
 */
export const exampleChartsFile = z.object({
  charts: z.array(
    z.object({ id: z.string().regex(/^example-[a-z0-9-]+$/, 'an example chart id starts with "example-"'), config: z.record(z.string(), z.unknown()) }),
  ),
});

/** Thrown when a data file does not validate; the message names the file and each problem. */
export class DataFileError extends Error {
  override name = 'DataFileError';
}

export async function readDataFile<T extends z.ZodType>(relative: string, schema: T, dir = dataDir): Promise<z.infer<T>> {
  const file = path.join(dir, relative);
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    throw new DataFileError(`${file}: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  at ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new DataFileError(`${file} is not valid:\n${problems}`);
  }
  return parsed.data;
}

export const utcDate = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);
