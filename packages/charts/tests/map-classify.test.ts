import { describe, expect, it } from 'vitest';
import { classBreaks, classOf } from '../src/map/classify.ts';
import { classColours } from '../src/map/colours.ts';

describe('classBreaks', () => {
  it('gives at most 7 classes, about four provinces a class', () => {
    const values = Array.from({ length: 63 }, (_, i) => 55 + i * 0.29);
    expect(classBreaks(values)).toHaveLength(6);
    expect(classBreaks(values.slice(0, 34))).toHaveLength(6);
    expect(classBreaks(values.slice(0, 10))).toHaveLength(1);
    expect(classBreaks(values.slice(0, 7))).toEqual([]);
  });

  it('puts its limits on round numbers between the smallest and the largest value', () => {
    const values = Array.from({ length: 63 }, (_, i) => 56.29 + ((73.02 - 56.29) * i) / 62);
    const breaks = classBreaks(values);
    expect(breaks).toEqual([58.5, 61, 63.5, 66, 68, 70.5]);
    for (const b of breaks) expect(b).toBeGreaterThan(56.29);
  });

  it('keeps classes of about equal counts on skewed data (quantiles, not equal intervals)', () => {
    // 60 small provinces and two giants, like new enterprises.
    const values = [...Array.from({ length: 60 }, (_, i) => 200 + i * 10), 30_000, 45_000];
    const breaks = classBreaks(values);
    const counts = new Array(breaks.length + 1).fill(0);
    for (const v of values) counts[classOf(v, breaks)]++;
    expect(Math.max(...counts)).toBeLessThanOrEqual(10);
  });

  it('gives one class when every value is equal', () => {
    expect(classBreaks(new Array(20).fill(5))).toEqual([]);
  });
});

describe('classOf', () => {
  it('counts the limits at or below a value', () => {
    expect(classOf(1, [2, 4])).toBe(0);
    expect(classOf(2, [2, 4])).toBe(1);
    expect(classOf(9, [2, 4])).toBe(2);
  });
});

describe('classColours', () => {
  it('darkens towards the better end: high values, or low ones when lower is better', () => {
    const higher = classColours(5, 'HIGHER_IS_BETTER');
    expect(higher).toHaveLength(5);
    expect(classColours(5, 'LOWER_IS_BETTER')).toEqual([...higher].reverse());
    expect(higher[0]).toBe('#c6dbef');
    expect(higher[4]).toBe('#08519c');
    expect(classColours(2, 'NEUTRAL')).toHaveLength(2);
  });
});
