import { z } from 'zod';
import type { Prisma } from '../generated/prisma/client.ts';
import { ImportFileError } from './problems.ts';
import { parseDocument } from './parse-document.ts';

type Tx = Prisma.TransactionClient;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date like 2021-09-15');
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a plain decimal like "0" or "100"');

export const unitEntry = z.object({
  code: z.string().min(1),
  nameVi: z.string().min(1),
  nameEn: z.string().min(1),
  symbol: z.string().nullable(),
  /** Smallest value allowed (a rate: "0"). */
  minValue: decimal.nullable().default(null),
  /** Largest value allowed (a rate: "100"). */
  maxValue: decimal.nullable().default(null),
  /** Whole numbers only (counts). */
  integer: z.boolean().default(false),
});

export const indicatorEntry = z
  .object({
    slug: z.string().regex(/^[a-z][a-z0-9_]*$/, 'slugs are lower_snake_case'),
    nameVi: z.string().min(1),
    nameEn: z.string().min(1),
    descriptionVi: z.string().min(1),
    descriptionEn: z.string().min(1),
    unit: z.string().min(1),
    scaleExponent: z.number().int().min(0).max(12),
    decimals: z.number().int().min(0).max(6),
    category: z.enum(['ADMIN_REFORM_PUBLIC_SERVICES', 'DIGITAL_GOVERNMENT', 'INVESTMENT', 'ENTERPRISE', 'GOVERNANCE_INDEX', 'POPULATION']),
    direction: z.enum(['HIGHER_IS_BETTER', 'LOWER_IS_BETTER', 'NEUTRAL']),
    aggregation: z.enum(['SUM', 'RATIO', 'LAST_VALUE', 'NONE']),
    framework: z.enum(['PAR_INDEX', 'SIPAS', 'PAPI', 'PCI', 'SERVICE_INDEX_766']).nullable(),
    numerator: z.string().nullable(),
    denominator: z.string().nullable(),
    ratioMultiplier: z.number().int().positive(),
  })
  .refine((i) => (i.aggregation === 'RATIO') === (i.numerator !== null && i.denominator !== null), {
    message: 'a RATIO indicator needs numerator and denominator slugs, and only a RATIO indicator has them',
  });

export const sourceEntry = z.object({
  key: z.string().regex(/^[a-z0-9-]+$/, 'source keys are lower-case letters, digits and dashes'),
  kind: z.enum(['OFFICIAL', 'PRESS', 'SYNTHETIC', 'OTHER']),
  publisher: z.string().min(1),
  title: z.string().min(1),
  url: z.url().nullable(),
  publishedAt: isoDate.nullable(),
  author: z.string().nullable(),
  licence: z.string().nullable(),
  originator: z.string().nullable(),
  note: z.string().nullable(),
});

/** A catalogue file: units, indicators and sources that an import defines or updates. */
export const catalogueFile = z.object({
  units: z.array(unitEntry).default([]),
  indicators: z.array(indicatorEntry).default([]),
  sources: z.array(sourceEntry).default([]),
});

export type Catalogue = z.infer<typeof catalogueFile>;
export type SourceEntry = z.infer<typeof sourceEntry>;

/** Parses a catalogue file (JSON or YAML) and checks it; every problem names its place. */
export function parseCatalogue(name: string, text: string): Promise<Catalogue> {
  return parseDocument(name, text, catalogueFile, 'catalogue');
}

export interface CatalogueChanges {
  units: number;
  indicators: number;
  sources: number;
}

export const isEmptyCatalogue = (c: Catalogue) => c.units.length + c.indicators.length + c.sources.length === 0;

/**
 * Writes a catalogue's units, indicators and sources (insert or update by code, slug or key).
 * Units and ratio parts may refer to ones already in the database. Throws ImportFileError
 * listing every unresolved reference, before anything is written.
 */
export async function applyCatalogue(tx: Tx, name: string, catalogue: Catalogue): Promise<CatalogueChanges> {
  const units = new Set([...catalogue.units.map((u) => u.code), ...(await tx.unit.findMany({ select: { code: true } })).map((u) => u.code)]);
  const slugs = new Set([...catalogue.indicators.map((i) => i.slug), ...(await tx.indicator.findMany({ select: { slug: true } })).map((i) => i.slug)]);
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [index, i] of catalogue.indicators.entries()) {
    if (!units.has(i.unit)) problems.push(`indicators.${index} (${i.slug}): unknown unit "${i.unit}"`);
    for (const ref of [i.numerator, i.denominator]) if (ref && !slugs.has(ref)) problems.push(`indicators.${index} (${i.slug}): unknown indicator "${ref}"`);
    if (seen.has(i.slug)) problems.push(`indicators.${index}: the slug "${i.slug}" appears twice`);
    seen.add(i.slug);
  }
  if (problems.length) throw new ImportFileError(`${name} is not a valid catalogue:\n  ${problems.join('\n  ')}`);

  // Only what differs is written, so the same catalogue again changes nothing and counts nothing.
  const changed = { units: 0, indicators: 0, sources: 0 };
  const unitsNow = new Map((await tx.unit.findMany()).map((u) => [u.code, u]));
  for (const u of catalogue.units) {
    if (same(unitsNow.get(u.code), u)) continue;
    await tx.unit.upsert({ where: { code: u.code }, create: u, update: u });
    changed.units++;
  }
  const sourcesNow = new Map((await tx.source.findMany()).map((x) => [x.key, x]));
  for (const { key, publishedAt, ...rest } of catalogue.sources) {
    const data = { ...rest, publishedAt: publishedAt ? new Date(`${publishedAt}T00:00:00.000Z`) : null };
    if (same(sourcesNow.get(key), data)) continue;
    await tx.source.upsert({ where: { key }, create: { key, ...data }, update: data });
    changed.sources++;
  }
  const indicatorsNow = new Map((await tx.indicator.findMany()).map((i) => [i.slug, i]));
  for (const { numerator: _n, denominator: _d, unit, ...i } of catalogue.indicators) {
    const data = { ...i, unitCode: unit };
    if (same(indicatorsNow.get(i.slug), data)) continue;
    await tx.indicator.upsert({ where: { slug: i.slug }, create: data, update: data });
    changed.indicators++;
  }
  const ratios = catalogue.indicators.filter((i) => i.numerator && i.denominator);
  if (ratios.length) {
    const all = await tx.indicator.findMany({ select: { id: true, slug: true, numeratorId: true, denominatorId: true } });
    const ids = new Map(all.map((i) => [i.slug, i.id]));
    for (const i of ratios) {
      const data = { numeratorId: ids.get(i.numerator!)!, denominatorId: ids.get(i.denominator!)! };
      const now = all.find((x) => x.slug === i.slug);
      if (now?.numeratorId === data.numeratorId && now?.denominatorId === data.denominatorId) continue;
      await tx.indicator.update({ where: { slug: i.slug }, data });
      if (indicatorsNow.has(i.slug)) changed.indicators++;
    }
  }
  return changed;
}

/** Whether a stored row already holds every given field (decimals and dates compared by value). */
function same(stored: Record<string, unknown> | undefined, wanted: Record<string, unknown>): boolean {
  if (!stored) return false;
  return Object.entries(wanted).every(([k, v]) => {
    const s = stored[k];
    if (s instanceof Date || v instanceof Date) return (s as Date | null)?.getTime?.() === (v as Date | null)?.getTime?.() || (s == null && v == null);
    if (s !== null && typeof s === 'object' && 'equals' in (s as object)) return v !== null && (s as { equals(x: unknown): boolean }).equals(v);
    return s === v;
  });
}
