import { seriesColour } from './paint.ts';
import type { Mark } from './scene.ts';
import { textWidth } from './text-width.ts';

export interface LegendItem {
  name: string;
  /** The series' index: its colour, and its hatching after the first (as columns and bars are drawn). */
  index: number;
  /** A series without a value: its swatch is an empty outline and its name says so. */
  empty: boolean;
}

/**
 * One swatch and name per series, wrapped to the width. A series without data keeps its place,
 * outlined, with the words "không có số liệu" / "no data", so that it never vanishes unsaid.
 * @returns the marks (from y = 0) and the height they take
 */
export function chartLegend(items: LegendItem[], width: number, size: number, noData: string): { marks: Mark[]; height: number } {
  const marks: Mark[] = [];
  const line = Math.round(size * 1.6);
  let x = 0;
  let y = 0;
  for (const item of items) {
    const text = item.empty ? `${item.name}: ${noData}` : item.name;
    const w = size * 1.5 + textWidth(text, size);
    if (x > 0 && x + w > width) {
      x = 0;
      y += line;
    }
    const colour = seriesColour(item.index);
    marks.push(
      item.empty
        ? { type: 'rect', className: 'swatch', x, y: y + 2, width: size, height: size, fill: 'background', stroke: 'muted', strokeWidth: 1 }
        : { type: 'rect', className: 'swatch', x, y: y + 2, width: size, height: size, fill: colour, hatch: item.index > 0, stroke: colour, strokeWidth: 1 },
      { type: 'text', className: 'legend-label', x: x + size * 1.4, y: y + size + 1, text, size, fill: item.empty ? 'muted' : 'text' },
    );
    x += w + size;
  }
  return { marks, height: items.length ? y + line : 0 };
}
