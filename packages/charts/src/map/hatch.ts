import type { Mark } from '../scene.ts';

/**
 * How a hatched mark is drawn, by both renderers: its fill under diagonal lines 6 px apart, a
 * pattern per fill colour. Hatching, not only a grey, so that "no data" is told from a light class
 * in print and by readers who cannot tell the greys apart.
 */
export interface HatchPattern {
  id: string;
  fill: string;
  line: string;
}

export function hatchPatterns(marks: Mark[]): HatchPattern[] {
  const fills = new Set<string>();
  const walk = (list: Mark[]) => {
    for (const m of list) {
      if (m.type === 'group') walk(m.marks);
      else if ((m.type === 'path' || m.type === 'rect') && m.hatch && m.fill) fills.add(m.fill);
    }
  };
  walk(marks);
  return [...fills].map((fill) => ({ id: hatchId(fill), fill, line: '#8c8c8c' }));
}

/** The pattern id of a hatched fill. */
export const hatchId = (fill: string): string => `chiso-hatch-${fill.replace(/[^a-zA-Z0-9]/g, '')}`;
