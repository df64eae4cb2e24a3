import type { Mark } from '../scene.ts';
import type { MapInput } from './map-input.ts';
import { shownLimit, shownNumber, someNames } from './map-summary.ts';
import { mapText } from './map-text.ts';
import { wrapText } from './wrap-text.ts';

/**
 * The fill of a province without a class (no data, or a break), drawn hatched: the theme's grid
 * grey under stripes of the background, so that it is told from the lightest class without colour.
 */
export const NO_CLASS = 'grid';

const SWATCH = 14;
const ROW = 20;
const TEXT = 12;

/**
 * The legend: one swatch per class with its limits (lowest first: the first starts at the
 * smallest value, the last ends at the largest), then hatched swatches naming the provinces
 * without data and those at a break, then the notes.
 */
export function legendMarks(o: { input: MapInput; breaks: number[]; colours: string[]; x: number; y: number; width: number }): {
  marks: Mark[];
  bottom: number;
} {
  const { input } = o;
  const words = mapText[input.lang];
  const marks: Mark[] = [];
  let y = o.y;
  const values = input.provinces.flatMap((p) => (p.value !== null && !p.break ? [p.value] : []));
  if (values.length) {
    if (input.unit) {
      marks.push({ type: 'text', x: o.x, y: y + 11, text: input.unit, size: TEXT, weight: 'bold', fill: 'text', className: 'legend-unit' });
      y += ROW;
    }
    const limits = [Math.min(...values), ...o.breaks, Math.max(...values)];
    o.colours.forEach((fill, i) => {
      // The ends are the smallest and largest values as the tips write them; the limits between are round.
      const low = i === 0 ? shownNumber(limits[i]!, input) : shownLimit(limits[i]!, input);
      const high = i === o.colours.length - 1 ? shownNumber(limits[i + 1]!, input) : shownLimit(limits[i + 1]!, input);
      const text = low === high ? low : `${low} – ${high}`;
      marks.push({ type: 'rect', key: `class-${i}`, x: o.x, y, width: SWATCH, height: SWATCH, fill, stroke: 'muted', className: 'swatch' });
      marks.push({ type: 'text', x: o.x + SWATCH + 6, y: y + 11, text, size: TEXT, fill: 'text', className: 'legend-label' });
      y += ROW;
    });
  }
  const hatched = (key: string, title: string, names: string[], note?: string) => {
    if (names.length === 0) return;
    marks.push({ type: 'rect', key, x: o.x, y, width: SWATCH, height: SWATCH, fill: NO_CLASS, stroke: 'muted', hatch: true, className: 'swatch' });
    const lines = wrapText(`${title} (${names.length})${note ? `, ${note}` : ''}: ${someNames(names, input.lang)}`, o.width - SWATCH - 6, TEXT);
    for (const line of lines) {
      marks.push({ type: 'text', x: o.x + SWATCH + 6, y: y + 11, text: line, size: TEXT, fill: 'text', className: 'legend-label' });
      y += 16;
    }
    y += ROW - 16;
  };
  hatched(
    'no-data',
    words.noData,
    input.provinces.filter((p) => p.value === null && !p.break).map((p) => p.name),
  );
  hatched(
    'break',
    words.breakTitle,
    input.provinces.filter((p) => p.break).map((p) => p.name),
    words.breakNote,
  );
  for (const note of input.notes ?? []) {
    y += 4;
    for (const line of wrapText(note, o.width, TEXT)) {
      marks.push({ type: 'text', x: o.x, y: y + 11, text: line, size: TEXT, fill: 'muted', className: 'note' });
      y += 16;
    }
  }
  return { marks, bottom: y };
}
