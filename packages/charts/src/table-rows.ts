import type { Point, Series } from './types.ts';

export interface TableRow {
  /** The period code ("2021-09"). */
  code: string;
  label: string;
  /** One cell per series, in series order; undefined where that series has no point. */
  cells: Array<Point | undefined>;
}

/**
 * The rows of an indicator table: one per period that any series has, oldest first, with one cell
 * per series. Shared by `<chiso-table>`, every element's table toggle and the static table image.
 */
export function tableRows(series: readonly Series[]): TableRow[] {
  const periods = new Map<string, { label: string; start: string }>();
  for (const s of series) for (const p of s.points) periods.set(p.period.code, { label: p.period.label, start: p.period.start });
  return [...periods.entries()]
    .sort((a, b) => a[1].start.localeCompare(b[1].start))
    .map(([code, { label }]) => ({ code, label, cells: series.map((s) => s.points.find((p) => p.period.code === code)) }));
}
