/**
 * The seeded pseudo-random generator of `lib/` (bootstraps, permutations): xoshiro128** (Blackman & Vigna
 * 2018, "Scrambled linear pseudorandom number generators", <https://prng.di.unimi.it/>), its 128-bit state
 * filled by splitmix32 (the 32-bit finalizer of MurmurHash3) from a seed. Independent streams for the same seed
 * (e.g. one per column) mix a stream index into the seed. Deterministic: the same (seed, stream) always gives the
 * same sequence.
 *
 * @module
 */

/**
 * A generator of uint32 values.
 *
 * @param seed an integer in [0, 2³²)
 * @param stream optional stream index (0 = the seed's own stream)
 * @example
 * ```ts
 * const next = xoshiro128ss(42);
 * next(); // a uint32
 * ```
 */
export function xoshiro128ss(seed: number, stream = 0): () => number {
  if (!(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32)) {
    throw new RangeError(`seed must be an integer in [0, 2^32), got ${seed}`);
  }
  let z = (stream === 0 ? seed : seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  const splitmix32 = (): number => {
    z = (z + 0x9e3779b9) >>> 0;
    let t = z;
    t = Math.imul(t ^ (t >>> 16), 0x85ebca6b) >>> 0;
    t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35) >>> 0;
    return (t ^ (t >>> 16)) >>> 0;
  };
  let a = splitmix32(), b = splitmix32(), c = splitmix32(), d = splitmix32();
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    return result;
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
