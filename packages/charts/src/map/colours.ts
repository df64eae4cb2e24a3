import { schemeBlues } from 'd3-scale-chromatic';

export type Direction = 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER' | 'NEUTRAL';

/**
 * The fill of each class, lowest values first, from ColorBrewer's sequential Blues (one hue, light
 * to dark, readable by colour-blind readers and in greyscale print). The darker end is the better
 * one: high values for HIGHER_IS_BETTER and NEUTRAL (more is darker), low values for
 * LOWER_IS_BETTER, so the ramp is reversed there.
 */
export function classColours(classes: number, direction: Direction): string[] {
  if (classes < 1) return [];
  // The scheme of one class more without its lightest colour, which is hardly told from the page
  // (and from the white borders); one class: the darkest of the three-class scheme.
  const scheme = schemeBlues[Math.max(3, classes + 1)]!;
  const colours = scheme.slice(scheme.length - classes);
  return direction === 'LOWER_IS_BETTER' ? colours.reverse() : colours;
}
