import { arc } from 'd3-shape';
import { describe, expect, it } from 'vitest';
import { donutArc } from '../src/donut-arc.ts';

/** The points a path visits (every number pair after a command letter or comma run), rounded. */
const numbers = (d: string) => (d.match(/-?[\d.]+(e-?\d+)?/g) ?? []).map((n) => Math.round(Number(n) * 100) / 100);

describe('donutArc', () => {
  it.each([
    [0, 0.276],
    [0.276, 0.645],
    [0.1, 0.8],
  ])('draws the slice d3-shape arc draws, from %d to %d of the turn', (start, end) => {
    const d3 = arc()({ innerRadius: 55, outerRadius: 100, startAngle: start * 2 * Math.PI, endAngle: end * 2 * Math.PI })!;
    expect(numbers(donutArc(start, end, 55, 100))).toEqual(numbers(d3));
  });

  it('draws a whole turn as two halves and nothing for an empty slice', () => {
    expect(donutArc(0, 1, 55, 100).match(/M/g)).toHaveLength(2);
    expect(donutArc(0.3, 0.3, 55, 100)).toBe('');
  });
});
