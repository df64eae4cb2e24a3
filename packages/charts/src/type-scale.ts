/**
 * Type sizes of a drawing by its width: on a phone (under 480 px) every text is a fifth larger,
 * so that a drawing, or an image of it scaled to a phone's width, stays readable.
 * @returns sizes in px of axis ticks, labels and titles
 */
export function typeScale(width: number): { tick: number; label: number; title: number; body: number } {
  const k = width < 480 ? 1.2 : 1;
  return { tick: 11 * k, label: 10 * k, title: 16 * k, body: 12 * k };
}
