import { describe, expect, it } from 'vitest';
import { fold, matchesProvince } from '../src/model/fold.ts';

describe('fold', () => {
  it('drops accents and đ, so a journalist can type without them', () => {
    expect(fold('Quảng Nam')).toBe('quang nam');
    expect(fold('Đà Nẵng')).toBe('da nang');
    expect(fold('Thừa Thiên Huế')).toBe('thua thien hue');
  });
});

describe('matchesProvince', () => {
  const danang = { code: '48', name: 'Đà Nẵng' };
  it('finds a province by its name without accents', () => {
    expect(matchesProvince(danang, 'da nang')).toBe(true);
    expect(matchesProvince(danang, ' nẵng ')).toBe(true);
  });
  it('finds a province by the start of its code, not its middle', () => {
    expect(matchesProvince(danang, '4')).toBe(true);
    expect(matchesProvince(danang, '8')).toBe(false);
  });
  it('keeps every province for an empty filter and none for another name', () => {
    expect(matchesProvince(danang, '')).toBe(true);
    expect(matchesProvince(danang, 'quang nam')).toBe(false);
  });
});
