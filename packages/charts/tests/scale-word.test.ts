import { describe, expect, it } from 'vitest';
import { scaleWord } from '../src/scale-word.ts';

describe('scaleWord', () => {
  it('reads 10^9 as tỷ in Vietnamese', () => {
    expect(scaleWord(9, 'vi')).toBe('tỷ');
  });

  it('reads 10^12 as nghìn tỷ in Vietnamese', () => {
    expect(scaleWord(12, 'vi')).toBe('nghìn tỷ');
  });

  it('reads 10^6 as million in English', () => {
    expect(scaleWord(6, 'en')).toBe('million');
  });

  it('has no word for unscaled values', () => {
    expect(scaleWord(0, 'vi')).toBeNull();
  });

  it('has no word for a power of ten news does not use', () => {
    expect(scaleWord(4, 'en')).toBeNull();
  });
});
