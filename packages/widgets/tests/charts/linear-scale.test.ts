import { describe, expect, it } from 'vitest';
import { linearScale } from '../../src/charts/linear-scale.ts';

describe('linearScale', () => {
  it('starts the domain at zero and rounds the top up to a nice number', () => {
    expect(linearScale([44657, 54913], [300, 0]).domain()).toEqual([0, 55000]);
  });

  it('keeps the domain close to the data without zero', () => {
    expect(linearScale([44657, 54913], [300, 0], { zero: false }).domain()).toEqual([44000, 55000]);
  });

  it('ignores missing values', () => {
    expect(linearScale([null, 27.6, null, 36.9], [300, 0]).domain()).toEqual([0, 40]);
  });

  it('reaches below zero for a fall', () => {
    expect(linearScale([-56.8, 44], [300, 0]).domain()).toEqual([-60, 50]);
  });

  it('maps the domain onto the range', () => {
    expect(linearScale([100], [300, 0])(50)).toBe(150);
  });

  it('gives a single value the domain from zero to it', () => {
    expect(linearScale([90], [300, 0]).domain()).toEqual([0, 90]);
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
