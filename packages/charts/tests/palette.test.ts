import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../src/contrast-ratio.ts';
import { palette } from '../src/palette.ts';

describe.each([
  ['light', palette.light],
  ['dark', palette.dark],
] as const)('palette %s', (_name, theme) => {
  it('has six series colours', () => {
    expect(theme.series).toHaveLength(6);
  });

  it('has six different series colours', () => {
    expect(new Set(theme.series).size).toBe(6);
  });

  it('gives text 4.5:1 against the background', () => {
    expect(contrastRatio(theme.text, theme.background)).toBeGreaterThanOrEqual(4.5);
  });

  it('gives muted text 4.5:1 against the background', () => {
    expect(contrastRatio(theme.muted, theme.background)).toBeGreaterThanOrEqual(4.5);
  });

  it.each([0, 1, 2, 3, 4, 5])('gives series colour %i 3:1 against the background', (i) => {
    expect(contrastRatio(theme.series[i] ?? '', theme.background)).toBeGreaterThanOrEqual(3);
  });

  it('gives the positive colour 3:1 against the background', () => {
    expect(contrastRatio(theme.positive, theme.background)).toBeGreaterThanOrEqual(3);
  });

  it('gives the negative colour 3:1 against the background', () => {
    expect(contrastRatio(theme.negative, theme.background)).toBeGreaterThanOrEqual(3);
  });

  it('gives the highlight colour 3:1 against the background', () => {
    expect(contrastRatio(theme.highlight, theme.background)).toBeGreaterThanOrEqual(3);
  });
});

describe('palette backgrounds', () => {
  it('uses white for the light theme', () => {
    expect(palette.light.background).toBe('#ffffff');
  });

  it('uses #16181d for the dark theme', () => {
    expect(palette.dark.background).toBe('#16181d');
  });
});
