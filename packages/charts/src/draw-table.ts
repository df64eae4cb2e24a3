import type { Mark, Scene } from './scene.ts';
import { tableCells } from './table-cells.ts';
import { textWidth } from './text-width.ts';
import { typeScale } from './type-scale.ts';
import type { Lang } from './types.ts';
import type { WidgetData } from './widget-data.ts';

/** At most this many rows go into a table drawing (the latest periods); the CSV has them all. */
export const TABLE_IMAGE_ROWS = 36;

/**
 * The table as a drawing, for images: the rows of tableCells, values right-aligned, alternate rows
 * shaded. Columns are at least as wide as their longest text: a table of many regions is wider
 * than asked rather than overlap its figures (the scene's width says so). A long series shows its
 * latest periods and says how many of how many. The element itself shows an HTML table of the
 * same cells, which a screen reader can walk cell by cell.
 */
export function drawTable({ data, width, lang }: { data: WidgetData; width: number; lang: Lang }): Scene {
  const t = typeScale(width);
  const size = t.body + 1;
  const { header, rows: all } = tableCells(data, lang);
  const rows = all.slice(-TABLE_IMAGE_ROWS);
  const first = Math.max(120, ...rows.map((r) => textWidth(r.label, size) + 24));
  const columns = header.length - 1;
  const longest = Math.max(1, ...header.slice(1).map((h) => textWidth(h, size, true)), ...rows.flatMap((r) => r.cells.map((c) => textWidth(c, size))));
  const column = Math.max((width - first) / Math.max(1, columns), longest + 20);
  const full = Math.max(width, Math.ceil(first + column * columns));
  const right = (i: number) => first + column * (i + 1) - 8;
  const row = Math.round(size * 1.85);
  const marks: Mark[] = [{ type: 'text', className: 'header', x: 8, y: size, text: header[0]!, size, weight: 'bold', fill: 'text' }];
  header.slice(1).forEach((h, i) => {
    marks.push({ type: 'text', className: 'header', x: right(i), y: size, text: h, size, weight: 'bold', fill: 'text', anchor: 'end' });
  });
  marks.push({ type: 'rect', className: 'rule', x: 0, y: size + 8, width: full, height: 1.5, fill: 'muted' });
  let y = size + 10;
  rows.forEach((r, ri) => {
    if (ri % 2 === 1) marks.push({ type: 'rect', className: 'stripe', x: 0, y, width: full, height: row, fill: 'grid', opacity: 0.35 });
    marks.push({ type: 'text', className: 'period', x: 8, y: y + row * 0.7, text: r.label, size, fill: 'text' });
    r.cells.forEach((c, i) => {
      marks.push({ type: 'text', className: 'cell', x: right(i), y: y + row * 0.7, text: c, size, fill: 'text', anchor: 'end' });
    });
    y += row;
  });
  if (rows.length < all.length) {
    const note =
      lang === 'vi'
        ? `${rows.length} kỳ gần nhất trong ${all.length} kỳ; tệp CSV có đủ số liệu.`
        : `Latest ${rows.length} of ${all.length} periods; the CSV has them all.`;
    marks.push({ type: 'text', className: 'note', x: 0, y: y + size + 6, text: note, size: size - 1, fill: 'muted' });
    y += size + 12;
  }
  return { width: full, height: Math.ceil(y + 4), title: header.join(', '), marks };
}
