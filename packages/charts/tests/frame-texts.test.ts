import { describe, expect, it } from 'vitest';
import { sourceLine } from '../src/frame-texts.ts';
import { series } from './fixtures.ts';

describe('sourceLine', () => {
  it('names each publisher once: with the date of its one publication, without dates for several', () => {
    const vcci = (publishedAt: string) => ({
      publisher: 'Phòng Thương mại và Công nghiệp Việt Nam (VCCI)',
      title: `PCI ${publishedAt.slice(0, 4)}`,
      url: null,
      publishedAt,
    });
    const data = {
      ...series,
      sources: [vcci('2018-05-01'), vcci('2019-05-01'), { publisher: 'Người Lao Động', title: 'Quảng Nam', url: null, publishedAt: '2021-10-10' }],
    };
    expect(sourceLine(data, 'vi')).toBe('Nguồn: Phòng Thương mại và Công nghiệp Việt Nam (VCCI); Người Lao Động (10/10/2021)');
    expect(sourceLine({ ...data, sources: [vcci('2019-05-01')] }, 'en')).toMatch(/^Source: Phòng Thương mại và Công nghiệp Việt Nam \(VCCI\) \(.*2019\)$/);
    expect(sourceLine({ ...data, sources: [] }, 'vi')).toBe('');
  });
});
