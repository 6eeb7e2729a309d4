/**
 * Small helpers the data generators share (`generate.ts` for the bundled files, `corpus.ts` for the test
 * corpus, `simulate.ts` for the coverage study): weekly dates, calendar months, AR(1) noise, sums and means.
 *
 * @module
 */

/** Milliseconds in a day. */
export const DAY_MS = 86400000;

/**
 * `weeks` ISO dates seven days apart from `start` (a Monday for weekly data).
 *
 * @example
 * mondays("2024-01-01", 2); // ["2024-01-01", "2024-01-08"]
 */
export function mondays(start: string, weeks: number): string[] {
  const t0 = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: weeks }, (_, t) => new Date(t0 + 7 * t * DAY_MS).toISOString().slice(0, 10));
}

/** Calendar month (1–12) of an ISO date. */
export const monthOf = (iso: string): number => Number(iso.slice(5, 7));

/**
 * AR(1) series `x_t = φ x_{t−1} + √(1 − φ²)·sd·ε_t` with stationary standard deviation `sd`, started in its
 * stationary distribution (`x_0 = sd·ε_0`).
 */
export function ar1(rng: { normal(): number }, n: number, phi: number, sd: number): Float64Array {
  const out = new Float64Array(n);
  const innovation = sd * Math.sqrt(1 - phi * phi);
  let x = sd * rng.normal();
  for (let t = 0; t < n; t++) {
    if (t > 0) x = phi * x + innovation * rng.normal();
    out[t] = x;
  }
  return out;
}

/** Sum of the values. */
export const sum = (x: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
};

/** Arithmetic mean of the values. */
export const mean = (x: ArrayLike<number>): number => sum(x) / x.length;
