import { describe, expect, it } from 'vitest';
import { linePath } from '../src/line-path.ts';

describe('linePath', () => {
  it('draws a line through the points', () => {
    expect(linePath([{ x: 0, y: 10 }, { x: 50, y: 20 }, { x: 100, y: 5 }])).toBe('M0,10L50,20L100,5');
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
    expect(linePath([{ x: 0, y: null }, { x: 10, y: null }])).toBe('');
  });
});
