import { describe, expect, it } from 'vitest';
import { area, line } from 'd3-shape';
import { areaPath } from '../src/area-path.ts';
import { linePath } from '../src/line-path.ts';

describe('linePath', () => {
  it('draws a line through the points', () => {
    expect(
      linePath([
        { x: 0, y: 10 },
        { x: 50, y: 20 },
        { x: 100, y: 5 },
      ]),
    ).toBe('M0,10L50,20L100,5');
  });

  it('breaks the line at a missing value instead of dropping to zero', () => {
    const path = linePath([
      { x: 0, y: 10 },
      { x: 25, y: 12 },
      { x: 50, y: null },
      { x: 75, y: 8 },
      { x: 100, y: 5 },
    ]);
    expect(path).toBe('M0,10L25,12M75,8L100,5');
  });

  it('draws nothing for no points', () => {
    expect(linePath([])).toBe('');
  });

  it('draws nothing when every value is missing', () => {
    expect(
      linePath([
        { x: 0, y: null },
        { x: 10, y: null },
      ]),
    ).toBe('');
  });
});

describe('linePath and areaPath against d3-shape', () => {
  const points = [
    { x: 0, y: 10 },
    { x: 10, y: null },
    { x: 20, y: 5 },
    { x: 30, y: 7.5 },
    { x: 40, y: null },
    { x: 50, y: 1 },
  ];
  it('write the paths d3-shape writes, gaps and lone points included', () => {
    const defined = (p: { y: number | null }) => p.y !== null;
    expect(linePath(points)).toBe(
      line<(typeof points)[number]>()
        .defined(defined)
        .x((p) => p.x)
        .y((p) => p.y ?? 0)(points),
    );
    expect(areaPath(points, 100)).toBe(
      area<(typeof points)[number]>()
        .defined(defined)
        .x((p) => p.x)
        .y0(100)
        .y1((p) => p.y ?? 100)(points),
    );
  });
});
