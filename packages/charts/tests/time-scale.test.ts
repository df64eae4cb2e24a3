import { describe, expect, it } from 'vitest';
import { timeScale } from '../src/time-scale.ts';
import type { Point } from '../src/types.ts';

function point(start: string, end: string, value: number | null = 1): Point {
  return { period: { code: start, start, end, label: start }, value };
}

const january = point('2021-01-01', '2021-01-31');
const february = point('2021-02-01', '2021-02-28');
const march = point('2021-03-01', '2021-03-31');

describe('timeScale', () => {
  it('places the first month at the middle of its days', () => {
    // 31 of 90 days: the middle of January is at 15.5 days.
    expect(timeScale([january, february, march], [0, 900])(january)).toBeCloseTo(155, 6);
  });

  it('places a shorter month by its own days', () => {
    // February covers days 31 to 59: its middle is at day 45.
    expect(timeScale([january, february, march], [0, 900])(february)).toBeCloseTo(450, 6);
  });

  it('places the last month at the middle of its days', () => {
    expect(timeScale([january, february, march], [0, 900])(march)).toBeCloseTo(745, 6);
  });

  it('places a single period at the middle of the range', () => {
    const period = point('2020-12-15', '2021-09-15');
    expect(timeScale([period], [0, 600])(period)).toBeCloseTo(300, 6);
  });

  it('places a point without a value at its period too', () => {
    const gap = point('2021-02-01', '2021-02-28', null);
    expect(timeScale([january, gap, march], [0, 900])(gap)).toBeCloseTo(450, 6);
  });

  it('places a point of no period at the middle when nothing has dates', () => {
    expect(timeScale([], [0, 600])(january)).toBe(300);
  });

  it('gives NaN for a point whose dates cannot be read', () => {
    expect(timeScale([january], [0, 600])(point('2021', '2021'))).toBeNaN();
  });
});
