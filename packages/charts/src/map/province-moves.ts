import type { Mark } from '../scene.ts';

/** A mark the keyboard can reach: its key, its tip and the point it is anchored at. */
export interface Spot {
  key: string;
  tip: string;
  x: number;
  y: number;
}

/** Every keyed mark of a scene with a tip and a focus point (a map's provinces), in reading order: north to south, then west to east. */
export function spotsOf(marks: readonly Mark[]): Spot[] {
  const spots: Spot[] = [];
  const walk = (list: readonly Mark[]) => {
    for (const m of list) {
      if (m.type === 'group') walk(m.marks);
      else if (m.key !== undefined && m.tip && m.focusPoint) spots.push({ key: m.key, tip: m.tip, x: m.focusPoint.x, y: m.focusPoint.y });
    }
  };
  walk(marks);
  return spots.sort((a, b) => a.y - b.y || a.x - b.x);
}

/** The directions of the arrow keys, as unit vectors on the screen (y grows downwards). */
const DIRECTIONS: Record<string, [number, number]> = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };
/** How far off its axis a key still reaches: 60° either side, so that every province of a long, thin country has a neighbour each way it has one. */
const CONE = Math.tan((60 * Math.PI) / 180);
/** Distance across the key's axis counts this many times distance along it: the province straight ahead wins over a nearer one off to the side. */
const ACROSS = 2;

/**
 * Where a key moves the keyboard from the spot `from`: an arrow goes to the nearest spot in its
 * direction (centroids within a cone of 60° either side of it, nearest by distance with the
 * distance across the axis counted double), Home and End to the first and last in reading order.
 * @param spots in reading order (spotsOf)
 * @param from the key of the current spot; none: the first
 * @param key a KeyboardEvent's key
 * @returns the spot to move to; the current one when nothing lies that way; null for any other key
 */
export function moveFrom(spots: readonly Spot[], from: string | null, key: string): Spot | null {
  if (key === 'Home') return spots[0] ?? null;
  if (key === 'End') return spots.at(-1) ?? null;
  const direction = DIRECTIONS[key];
  if (!direction) return null;
  const current = spots.find((s) => s.key === from) ?? spots[0];
  if (!current) return null;
  let best = current;
  let bestScore = Infinity;
  for (const s of spots) {
    const dx = s.x - current.x;
    const dy = s.y - current.y;
    const along = dx * direction[0] + dy * direction[1];
    const across = Math.abs(dx * direction[1] - dy * direction[0]);
    if (s === current || along <= 0 || across > along * CONE) continue;
    const score = Math.hypot(along, ACROSS * across);
    if (score < bestScore) [best, bestScore] = [s, score];
  }
  return best;
}
