import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { prismaDir } from '../../config.ts';

/** Data files that ship with chiso, validated before anything is written. */
export const dataDir = path.join(prismaDir, 'data');

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date like 2021-09-15');
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a plain decimal like "54913" or "-56.8"');
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
    provinceSets: z.array(
      z.object({ validFrom: isoDate.nullable(), validTo: isoDate.nullable(), provinces: z.array(namedRegion).min(1) }),
    ),
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

const category = z.enum(['ADMIN_REFORM_PUBLIC_SERVICES', 'DIGITAL_GOVERNMENT', 'INVESTMENT', 'ENTERPRISE', 'GOVERNANCE_INDEX', 'POPULATION']);
export const catalogueFile = z.object({
  units: z.array(z.object({ code: z.string().min(1), nameVi: z.string().min(1), nameEn: z.string().min(1), symbol: z.string().nullable() })),
  indicators: z.array(
    z
      .object({
        slug: z.string().regex(/^[a-z][a-z0-9_]*$/, 'slugs are lower_snake_case'),
        nameVi: z.string().min(1),
        nameEn: z.string().min(1),
        descriptionVi: z.string().min(1),
        descriptionEn: z.string().min(1),
        unit: z.string().min(1),
        scaleExponent: z.number().int().min(0).max(12),
        decimals: z.number().int().min(0).max(6),
        category,
        direction: z.enum(['HIGHER_IS_BETTER', 'LOWER_IS_BETTER', 'NEUTRAL']),
        aggregation: z.enum(['SUM', 'RATIO', 'LAST_VALUE', 'NONE']),
        framework: z.enum(['PAR_INDEX', 'SIPAS', 'PAPI', 'PCI', 'SERVICE_INDEX_766']).nullable(),
        numerator: z.string().nullable(),
        denominator: z.string().nullable(),
        ratioMultiplier: z.number().int().positive(),
      })
      .refine((i) => (i.aggregation === 'RATIO') === (i.numerator !== null && i.denominator !== null), {
        message: 'a RATIO indicator needs numerator and denominator slugs, and only a RATIO indicator has them',
      }),
  ),
});

export const sourceFile = z.object({
  source: z.object({
    key: z.string().regex(/^[a-z0-9-]+$/),
    kind: z.enum(['OFFICIAL', 'PRESS', 'SYNTHETIC', 'OTHER']),
    publisher: z.string().min(1),
    title: z.string().min(1),
    url: z.url().nullable(),
    publishedAt: isoDate.nullable(),
    author: z.string().nullable(),
    licence: z.string().nullable(),
    originator: z.string().nullable(),
    note: z.string().nullable(),
  }),
  recordedAt: z.iso.datetime(),
  observations: z.array(
    z
      .object({
        indicator: z.string().min(1),
        region: regionCode,
        periodKind: z.enum(['MONTH', 'QUARTER', 'YEAR', 'YEAR_TO_DATE', 'REPORTING_PERIOD', 'AS_OF_DATE']),
        periodStart: isoDate,
        periodEnd: isoDate,
        value: decimal,
        qualifier: z.enum(['EXACT', 'MORE_THAN', 'LESS_THAN', 'APPROXIMATELY']),
        status: z.enum(['PROVISIONAL', 'FINAL']),
        reportedChange: z
          .object({ percent: decimal.nullable(), absolute: decimal.nullable(), against: z.enum(['SAME_PERIOD_LAST_YEAR', 'PREVIOUS_PERIOD']) })
          .nullable(),
        note: z.string().nullable(),
      })
      .refine((o) => o.periodStart <= o.periodEnd, { message: 'periodStart is after periodEnd' }),
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
