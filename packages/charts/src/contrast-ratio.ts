/** Linearised sRGB channel, as WCAG 2.x defines relative luminance. */
function channel(hex: string): number {
  const c = Number.parseInt(hex, 16) / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function luminance(colour: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour.trim());
  // An unreadable colour counts as black: the ratio then fails loudly in the palette tests
  // rather than throwing inside a render.
  if (!match) return 0;
  const [, r = '00', g = '00', b = '00'] = match;
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/**
 * WCAG 2.x contrast ratio of two colours, from 1 (same) to 21 (black on white). Text needs 4.5,
 * graphical parts of a chart 3 (WCAG 1.4.3 and 1.4.11).
 * @param foreground a `#rrggbb` colour
 * @param background a `#rrggbb` colour
 * @returns the ratio; the order of the two colours does not matter
 * @see https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio
 */
export function contrastRatio(foreground: string, background: string): number {
  const a = luminance(foreground);
  const b = luminance(background);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
