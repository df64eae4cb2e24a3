import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { dataDir } from '../../src/db/seed/files.ts';

/**
 * What the seed loads, counted from the data files themselves (regions.json, the succession table,
 * indicators.json and the sets of prisma/data/imports/index.json), so a changed file changes the
 * expectation with it.
 */
export interface BundledCounts {
  /** The country, every province of every set, and the districts. */
  regions: number;
  successions: number;
  /** Slugs of indicators.json and of every bundled catalogue. */
  indicatorSlugs: Set<string>;
  /** Slugs of indicators.json alone: the Quảng Nam 2021 report's indicators. */
  reportSlugs: string[];
  /** Data rows of every bundled file (each one observation). */
  observations: number;
  /** Bundled data files (each one import batch on a fresh seed). */
  files: number;
}

const readJson = (relative: string) => JSON.parse(fs.readFileSync(path.join(dataDir, relative), 'utf8'));

/** Data rows of one bundled CSV file (relative to prisma/data/imports). */
export const bundledRows = (relative: string): number =>
  (parse(fs.readFileSync(path.join(dataDir, 'imports', relative), 'utf8'), { columns: true, skip_empty_lines: true }) as unknown[]).length;

export function bundledCounts(): BundledCounts {
  const regions = readJson('regions.json');
  const succession = readJson('province-succession-2025.json');
  const index = readJson('imports/index.json') as { imports: Array<{ catalogue?: string | null; files: Array<{ file: string }> }> };
  const reportSlugs: string[] = readJson('indicators.json').indicators.map((i: { slug: string }) => i.slug);
  const indicatorSlugs = new Set(reportSlugs);
  let observations = 0;
  let files = 0;
  for (const set of index.imports) {
    if (set.catalogue) for (const i of readJson(path.join('imports', set.catalogue)).indicators ?? []) indicatorSlugs.add(i.slug);
    for (const f of set.files) {
      observations += bundledRows(f.file);
      files++;
    }
  }
  return {
    regions: 1 + regions.provinceSets.reduce((n: number, s: { provinces: unknown[] }) => n + s.provinces.length, 0) + regions.districts.length,
    successions: succession.successors.reduce((n: number, s: { predecessors: unknown[] }) => n + s.predecessors.length, 0),
    indicatorSlugs,
    reportSlugs,
    observations,
    files,
  };
}
