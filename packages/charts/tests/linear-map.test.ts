import { describe, expect, it } from 'vitest';
import { linearMap } from '../src/linear-map.ts';

describe('linearMap', () => {
  it('maps the domain ends to the range ends and values in between proportionally', () => {
    const map = linearMap([0, 200], [300, 100]);
    expect([map(0), map(50), map(200)]).toEqual([300, 250, 100]);
  });

  it('maps a zero-width domain to the middle of the range instead of NaN', () => {
    expect(linearMap([5, 5], [0, 10])(5)).toBe(5);
  });
});
