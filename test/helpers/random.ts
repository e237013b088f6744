/**
 * A deterministic pseudo-random source for generated test inputs: `next(n)` gives an integer in
 * [0, n), the same sequence for the same seed (a failing case can be replayed).
 */
export function seededRandom(seed: number): (n: number) => number {
  let x = seed;
  return (n) => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 8) % n;
  };
}
