import { describe, expect, it } from 'vitest';
import { linearScale } from '../src/linear-scale.ts';

describe('linearScale', () => {
  it('starts the domain at zero and rounds the top up to a nice number', () => {
    expect(linearScale([44657, 54913], [300, 0]).domain()).toEqual([0, 60000]);
  });

  it.each([
    [[54913], 60000],
    [[892], 1000],
    [[27.6, 36.9, 35], 40],
  ])('ends the axis on a tick at or above the data (%j)', (values, top) => {
    const scale = linearScale(values, [300, 0]);
    expect(scale.domain()[1]).toBe(top);
    expect(scale.ticks().at(-1)).toBe(top);
  });

  it('keeps the domain close to the data without zero', () => {
    expect(linearScale([44657, 54913], [300, 0], { zero: false }).domain()).toEqual([44000, 56000]);
  });

  it('ignores missing values', () => {
    expect(linearScale([null, 27.6, null, 36.9], [300, 0]).domain()).toEqual([0, 40]);
  });

  it('reaches below zero for a fall', () => {
    expect(linearScale([-56.8, 44], [300, 0]).domain()).toEqual([-60, 60]);
  });

  it('maps the domain onto the range', () => {
    expect(linearScale([100], [300, 0])(50)).toBe(150);
  });

  it('gives a single value the domain from zero to a tick above it', () => {
    expect(linearScale([90], [300, 0]).domain()).toEqual([0, 100]);
  });

  it('gives a single value one unit either side without zero', () => {
    expect(linearScale([90], [300, 0], { zero: false }).domain()).toEqual([89, 91]);
  });

  it('gives no values the domain 0 to 1', () => {
    expect(linearScale([null, null], [300, 0]).domain()).toEqual([0, 1]);
  });

  it('gives an empty input the domain 0 to 1', () => {
    expect(linearScale([], [300, 0]).domain()).toEqual([0, 1]);
  });

  it('gives a series of zeros the domain 0 to 1', () => {
    expect(linearScale([0, 0], [300, 0]).domain()).toEqual([0, 1]);
  });
});
