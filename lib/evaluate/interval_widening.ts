/**
 * How much wider the national bootstrap's intervals become when the transforms are re-chosen in every replicate
 * (`national_bootstrap.ts`) than when they are held at the full-sample choice (`mediation_bootstrap.ts`).
 *
 * @module
 */

import type { BootstrapInterval } from "../models/mediation_bootstrap.ts";

/** How much wider one quantity's interval is when the transforms are re-chosen. */
export interface IntervalWidening {
  /** The estimate's flat name, `"<channel>.<quantity>"` (as in `mediationEstimates`). */
  readonly name: string;
  /** The channel (input column) the quantity belongs to. */
  readonly channel: string;
  /** The quantity, one of {@link HEADLINE_QUANTITIES} by default. */
  readonly quantity: string;
  /** `upper − lower` of the interval with the transforms held fixed. */
  readonly fixedWidth: number;
  /** `upper − lower` of the interval with the transforms re-chosen in every replicate. */
  readonly width: number;
  /** `width / fixedWidth`. */
  readonly ratio: number;
}

/** The headline quantities of `mediationEstimates` that {@link intervalWidening} compares by default. */
export const HEADLINE_QUANTITIES: readonly string[] = [
  "mediatorPerDollar",
  "indirectPerDollar",
  "directPerDollar",
  "totalPerDollar",
  "contribution",
  "roi",
  "elasticity",
  "lift",
];

/**
 * Width ratio `(upper − lower)_re-chosen / (upper − lower)_fixed` of each effect present in both bootstraps
 * whose quantity is in `quantities` and whose fixed interval has positive width (a quantity that is 0 by
 * construction, such as the direct effect of a channel without a direct path, is left out), and the median
 * ratio over them (NaN when there is none).
 *
 * @example
 * const w = intervalWidening(rechosen.effects, fixed.effects);
 * `${w.median.toFixed(2)} × as wide`;
 */
export function intervalWidening(
  rechosen: readonly BootstrapInterval[],
  fixed: readonly BootstrapInterval[],
  quantities: readonly string[] = HEADLINE_QUANTITIES,
): {
  readonly rows: readonly IntervalWidening[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
} {
  const rows: IntervalWidening[] = [];
  for (const r of rechosen) {
    if (!quantities.includes(r.quantity)) continue;
    const f = fixed.find((x) => x.name === r.name);
    if (!f) continue;
    const fixedWidth = f.upper - f.lower, width = r.upper - r.lower;
    if (!(fixedWidth > 0) || !Number.isFinite(width)) continue;
    rows.push({
      name: r.name,
      channel: r.channel,
      quantity: r.quantity,
      fixedWidth,
      width,
      ratio: width / fixedWidth,
    });
  }
  const sorted = rows.map((r) => r.ratio).sort((a, b) => a - b);
  const k = sorted.length;
  const median = k === 0 ? NaN : k % 2 === 1 ? sorted[(k - 1) / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
  return { rows, median, min: k ? sorted[0] : NaN, max: k ? sorted[k - 1] : NaN };
}
