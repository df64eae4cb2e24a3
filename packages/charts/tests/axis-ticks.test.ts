import { describe, expect, it } from 'vitest';
import { axisTicks } from '../src/axis-ticks.ts';
import { linearScale } from '../src/linear-scale.ts';

import { usdMillions, dossiers, percent } from './formats.ts';

describe('axisTicks', () => {
  it('labels millions of USD as scaled numbers without unit words', () => {
    const ticks = axisTicks(linearScale([34_000_000], [200, 0]), 'vi', usdMillions);
    expect(ticks.map((t) => t.label)).toEqual(['0', '5', '10', '15', '20', '25', '30', '35']);
  });

  it('keeps the tick value in base units', () => {
    const ticks = axisTicks(linearScale([34_000_000], [200, 0]), 'vi', usdMillions);
    expect(ticks[4]?.value).toBe(20_000_000);
  });

  it('groups thousands in Vietnamese tick labels', () => {
    const ticks = axisTicks(linearScale([54913], [300, 0]), 'vi', dossiers);
    expect(ticks.map((t) => t.label)).toEqual(['0', '10.000', '20.000', '30.000', '40.000', '50.000', '60.000']);
  });

  it('groups thousands in English tick labels', () => {
    const ticks = axisTicks(linearScale([54913], [300, 0]), 'en', dossiers, 3);
    expect(ticks.map((t) => t.label)).toEqual(['0', '20,000', '40,000', '60,000']);
  });

  it('places each tick where the scale puts its value', () => {
    const ticks = axisTicks(linearScale([100], [300, 0]), 'vi', percent);
    // 80 % is four fifths of the way up a 300 px axis drawn from the bottom.
    expect(ticks[4]?.position).toBeCloseTo(60, 9);
  });

  it('shows whole ticks without the decimals of the format', () => {
    const ticks = axisTicks(linearScale([100], [300, 0]), 'vi', percent);
    expect(ticks.map((t) => t.label)).toEqual(['0', '20', '40', '60', '80', '100']);
  });

  it('shows the decimals a fine step needs', () => {
    const ticks = axisTicks(linearScale([2.5], [300, 0]), 'vi', percent);
    expect(ticks.map((t) => t.label)).toEqual(['0,0', '0,5', '1,0', '1,5', '2,0', '2,5']);
  });
});
