import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../src/contrast-ratio.ts';

describe('contrastRatio', () => {
  it('gives 21 for black on white', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBe(21);
  });

  it('gives 1 for a colour on itself', () => {
    expect(contrastRatio('#0b63c4', '#0b63c4')).toBe(1);
  });

  it('does not depend on which colour is in front', () => {
    expect(contrastRatio('#ffffff', '#767676')).toBe(contrastRatio('#767676', '#ffffff'));
  });

  it('puts #767676 on white just above the 4.5 text threshold', () => {
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('puts #777777 on white just below the 4.5 text threshold', () => {
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('reads upper-case hex digits', () => {
    expect(contrastRatio('#FFFFFF', '#000000')).toBe(21);
  });
});
