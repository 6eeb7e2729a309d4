/**
 * Number formats of the verdict sentences (`verdicts.ts`, `evidence_gate.ts`, `contribution_plausibility.ts`).
 *
 * @module
 */

const sig3 = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 3 });
const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** Three significant digits (whole numbers from 1,000), `−` for negatives, no sign on a value shown as 0. */
export function defaultFormat(x: number): string {
  if (Number.isNaN(x)) return "n/a";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  const a = Math.abs(x);
  const body = a >= 1000 ? int.format(a) : sig3.format(a);
  return `${x < 0 && /[1-9]/.test(body) ? "−" : ""}${body}`;
}

/** A level as a percentage with at most one decimal (0.95 → "95%"). */
export function percentOf(level: number): string {
  return `${+(level * 100).toFixed(1)}%`;
}
