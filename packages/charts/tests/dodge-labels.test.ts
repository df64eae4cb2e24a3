import { describe, expect, it } from 'vitest';
import { dodgeLabels } from '../src/dodge-labels.ts';

const line = 12;
const boxes = (...ys: number[]) => ys.map((y) => ({ y, height: line }));

describe('dodgeLabels', () => {
  it('leaves labels that do not touch where they are', () => {
    expect(dodgeLabels(boxes(10, 40, 80), 0, 200)).toEqual([10, 40, 80]);
  });

  it('moves two close labels apart by a line, each half the way', () => {
    // Hà Nội 66,74 and Quảng Nam 66,52 end 3 px apart.
    expect(dodgeLabels(boxes(100, 103), 0, 200)).toEqual([95.5, 107.5]);
  });

  it('keeps the labels in the order of their wishes, whatever order they come in', () => {
    const tops = dodgeLabels(boxes(50, 48, 52), 0, 200);
    expect(tops[1]! < tops[0]! && tops[0]! < tops[2]!).toBe(true);
    expect(tops[0]! - tops[1]!).toBe(line);
    expect(tops[2]! - tops[0]!).toBe(line);
  });

  it('never lets two labels overlap: each is at least a line below the one above', () => {
    const wished = [5, 7, 7, 30, 31, 33, 90, 91, 180, 195, 199];
    const tops = dodgeLabels(boxes(...wished), 0, 200).sort((a, b) => a - b);
    for (let i = 1; i < tops.length; i++) expect(tops[i]! - tops[i - 1]!).toBeGreaterThanOrEqual(line - 1e-9);
  });

  it('stays within the plot: a crowd at an edge is pushed inside', () => {
    expect(dodgeLabels(boxes(-4, 0), 0, 200)).toEqual([0, 12]);
    expect(dodgeLabels(boxes(195, 196), 0, 200)).toEqual([176, 188]);
  });

  it('makes room for a taller label (a name over its value)', () => {
    expect(
      dodgeLabels(
        [
          { y: 100, height: 2 * line },
          { y: 104, height: line },
        ],
        0,
        200,
      ),
    ).toEqual([90, 114]);
  });

  it('starts at the top and keeps the gaps where the labels cannot all fit', () => {
    expect(dodgeLabels(boxes(10, 10, 10), 0, 20)).toEqual([0, 12, 24]);
  });
});
