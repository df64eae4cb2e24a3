import { describe, expect, it } from 'vitest';
import { areaPath } from '../src/area-path.ts';

describe('areaPath', () => {
  it('fills between the points and the baseline', () => {
    expect(
      areaPath(
        [
          { x: 0, y: 10 },
          { x: 100, y: 20 },
        ],
        200,
      ),
    ).toBe('M0,10L100,20L100,200L0,200Z');
  });

  it('breaks the area at a missing value instead of dropping to the baseline', () => {
    const path = areaPath(
      [
        { x: 0, y: 10 },
        { x: 50, y: 20 },
        { x: 100, y: null },
        { x: 150, y: 30 },
        { x: 200, y: 40 },
      ],
      200,
    );
    expect(path).toBe('M0,10L50,20L50,200L0,200ZM150,30L200,40L200,200L150,200Z');
  });

  it('draws nothing for no points', () => {
    expect(areaPath([], 200)).toBe('');
  });
});
