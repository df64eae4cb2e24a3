import { describe, expect, it } from 'vitest';
import { moveFrom, type Spot } from '../src/map/province-moves.ts';

// A plus of spots round C, in reading order, and two further off.
const spot = (key: string, x: number, y: number): Spot => ({ key, tip: key, x, y });
const spots = [
  spot('N', 100, 0),
  spot('far-NE', 300, 10),
  spot('W', 0, 100),
  spot('C', 100, 100),
  spot('E', 200, 110),
  spot('near-SE', 140, 150),
  spot('S', 100, 200),
];

describe('moveFrom', () => {
  it('moves each arrow to the nearest spot that way', () => {
    expect(moveFrom(spots, 'C', 'ArrowUp')!.key).toBe('N');
    expect(moveFrom(spots, 'C', 'ArrowLeft')!.key).toBe('W');
    expect(moveFrom(spots, 'C', 'ArrowDown')!.key).toBe('near-SE');
    expect(moveFrom(spots, 'N', 'ArrowDown')!.key).toBe('C');
  });

  it('prefers the spot on the axis to a nearer one far off it, and ignores spots outside the cone', () => {
    // near-SE is 64 px away at 51° from east, E 100 px away at 6°: distance across counts double.
    expect(moveFrom(spots, 'C', 'ArrowRight')!.key).toBe('E');
    // From W, N lies at 45° (in the cone) and C straight ahead.
    expect(moveFrom(spots, 'W', 'ArrowRight')!.key).toBe('C');
    // From N, far-NE is east (2.9° off), C is straight south, outside the cone of ArrowRight.
    expect(moveFrom(spots, 'N', 'ArrowRight')!.key).toBe('far-NE');
  });

  it('stays where nothing lies that way', () => {
    expect(moveFrom(spots, 'W', 'ArrowLeft')!.key).toBe('W');
    expect(moveFrom(spots, 'N', 'ArrowUp')!.key).toBe('N');
  });

  it('goes to the first and last in reading order with Home and End, and ignores other keys', () => {
    expect(moveFrom(spots, 'C', 'Home')!.key).toBe('N');
    expect(moveFrom(spots, 'C', 'End')!.key).toBe('S');
    expect(moveFrom(spots, 'C', 'a')).toBeNull();
    expect(moveFrom([], null, 'ArrowRight')).toBeNull();
  });

  it('starts from the first spot when none is current', () => {
    expect(moveFrom(spots, null, 'ArrowDown')!.key).toBe('C');
  });
});
