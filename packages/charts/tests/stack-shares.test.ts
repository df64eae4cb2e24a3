import { describe, expect, it } from 'vitest';
import { stackShares } from '../src/stack-shares.ts';

const dossierShares = [
  { key: 'online', value: 27.6 },
  { key: 'four-step', value: 35 },
  { key: 'post', value: 36.9 },
];

describe('stackShares', () => {
  it('lays the first share from 0', () => {
    expect(stackShares(dossierShares).segments[0]).toEqual({ key: 'online', value: 27.6, start: 0, end: 27.6 });
  });

  it('starts each share where the previous one ends', () => {
    const second = stackShares(dossierShares).segments[1];
    expect([second?.start, second?.end]).toEqual([27.6, 62.6]);
  });

  it('leaves the rest of 100 as the remainder', () => {
    expect(stackShares(dossierShares).remainder).toBe(0.5);
  });

  it('does not report overlap for shares within 100', () => {
    expect(stackShares(dossierShares).overlap).toBe(false);
  });

  it('reports overlap when the shares add up to more than 100', () => {
    const result = stackShares([
      { key: 'digital-certificates', value: 100 },
      { key: 'digital-signatures', value: 90 },
    ]);
    expect(result.overlap).toBe(true);
  });

  it('leaves no negative remainder when the shares pass 100', () => {
    expect(
      stackShares([
        { key: 'a', value: 70 },
        { key: 'b', value: 60 },
      ]).remainder,
    ).toBe(0);
  });

  it('does not count shares that add up to exactly 100 as overlap', () => {
    expect(
      stackShares([
        { key: 'a', value: 0.1 },
        { key: 'b', value: 0.2 },
        { key: 'c', value: 99.7 },
      ]).overlap,
    ).toBe(false);
  });

  it('skips a missing share', () => {
    const result = stackShares([
      { key: 'online', value: 27.6 },
      { key: 'post', value: null },
    ]);
    expect(result.segments.map((s) => s.key)).toEqual(['online']);
  });

  it('leaves the whole as remainder when no share is known', () => {
    expect(stackShares([{ key: 'online', value: null }]).remainder).toBe(100);
  });
});
