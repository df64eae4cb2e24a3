import { describe, expect, it } from 'vitest';
import { barLayout } from '../src/bar-layout.ts';
import { linearScale } from '../src/linear-scale.ts';

// A value axis from 0 (at 200 px) to 100 (at 0 px), as for a column chart 200 px high.
const scale = linearScale([100], [200, 0]);

describe('barLayout', () => {
  it('runs a bar from zero to its value', () => {
    const [bar] = barLayout([60], { length: 400, thickness: 1000, scale });
    expect(bar).toMatchObject({ start: 200, end: 80 });
  });

  it('divides the band axis into equal bands with a gap between them', () => {
    // 380 px for 4 bands and 3 gaps of a fifth of a band: 100 px a step, 80 px a band.
    const bars = barLayout([10, 20, 30, 40], { length: 380, thickness: 1000, scale });
    expect(bars.map((b) => [b?.offset, b?.size])).toEqual([
      [0, 80],
      [100, 80],
      [200, 80],
      [300, 80],
    ]);
  });

  it('takes the gap as a share of the band', () => {
    const bars = barLayout([10, 20], { length: 100, thickness: 1000, gap: 0, scale });
    expect(bars.map((b) => b?.size)).toEqual([50, 50]);
  });

  it('caps the bar at its thickness and centres it in the band', () => {
    const [bar] = barLayout([10, 20], { length: 180, thickness: 40, gap: 0.2, scale });
    // Bands are 80 px wide with 20 px between them: a 40 px bar starts 20 px in.
    expect([bar?.offset, bar?.size]).toEqual([20, 40]);
  });

  it('fills the band when the thickness sets no cap', () => {
    const bars = barLayout([10, 20, 30, 40], { length: 380, thickness: 0, scale });
    expect(bars.map((b) => b?.size)).toEqual([80, 80, 80, 80]);
  });

  it('leaves no bar for a missing value', () => {
    expect(barLayout([10, null, 30], { length: 300, thickness: 40, scale })[1]).toBeNull();
  });

  it('runs a negative bar down from zero', () => {
    const signed = linearScale([-50, 50], [200, 0], { count: 10 });
    const [bar] = barLayout([-25], { length: 100, thickness: 40, scale: signed });
    expect(bar).toMatchObject({ start: 100, end: 150 });
  });

  it('starts bars at the axis edge when the axis does not reach zero', () => {
    // The domain is 44.000 to 55.000, so 49.500 sits halfway up.
    const far = linearScale([44657, 54913], [300, 0], { zero: false, count: 10 });
    const [bar] = barLayout([49500], { length: 100, thickness: 40, scale: far });
    expect(bar).toMatchObject({ start: 300, end: 150 });
  });
});
