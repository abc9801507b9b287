import { describe, expect, it } from '@jest/globals';
import { mulberry32, SeededRandom } from './seeded-random';

describe('mulberry32', () => {
  it('gives the published first draw for seed 1 and stays on 32-bit integers', () => {
    const next = mulberry32(1);
    expect(next()).toBe(0.6270739405881613);
    expect([next(), next()].map((value) => value * 4294967296)).toEqual([11749833, 2265367787]);
  });

  it('repeats the same draws for the same seed and differs for another', () => {
    const draws = (seed: number) => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 20 }, () => random.integer(1, 1000));
    };
    expect(draws(42)).toEqual(draws(42));
    expect(draws(42)).not.toEqual(draws(43));
  });

  it('keeps integers within bounds and honours weights', () => {
    const random = new SeededRandom(7);
    const values = Array.from({ length: 2000 }, () => random.integer(3, 5));
    expect(new Set(values)).toEqual(new Set([3, 4, 5]));
    const picks = Array.from({ length: 2000 }, () =>
      random.weighted([
        ['a', 9],
        ['b', 1],
      ] as const),
    );
    const share = picks.filter((pick) => pick === 'a').length / picks.length;
    expect(share).toBeGreaterThan(0.85);
    expect(share).toBeLessThan(0.95);
  });
});
