/**
 * The number formats of the national pipeline's own sentences, chosen from the target's unit so that prose
 * reads like the notebooks' tables: amounts of a money target as money, compact from a million ("$33.15M",
 * "$12,340", "−$1,235"), amounts of a count target as whole counts with separators ("12,340 units"), and
 * returns per dollar with two decimals ("−0.15"), the tables' ratio format. lib/plot's formatters cannot be
 * imported here (lib/pipeline sits below lib/plot, tests/layering_test.ts), so the rule is restated: the
 * scale is chosen after rounding (at or above $999,999.50 millions, at or above 999.995 million billions),
 * whole dollars from $100, cents below; a negative value whose shown digits are all zero reads without sign.
 *
 * @module
 */
import type { TargetUnit } from "../data/types.ts";

const MINUS = "−";
const fixed = (d: number) =>
  new Intl.NumberFormat("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });

function finite(x: number, render: (v: number) => string): string {
  if (Number.isNaN(x)) return "n/a";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : `${MINUS}∞`;
  return render(x);
}

function signed(v: number, magnitude: string, prefix = ""): string {
  return `${v < 0 && /[1-9]/.test(magnitude) ? MINUS : ""}${prefix}${magnitude}`;
}

/**
 * An amount of the target in words for the pipeline's sentences: money for a `"currency"` target (compact
 * from a million: `$x.xxM`, `$x.xxB`; whole dollars from $100; cents below), a whole count with separators
 * and the word "units" for a `"units"` target. Non-finite: "n/a", "∞".
 *
 * @param unit the target's unit (`roles.targetUnit`)
 * @example
 * nationalAmountFormat("currency")(33_151_275); // "$33.15M"
 * nationalAmountFormat("units")(12_340.4); // "12,340 units"
 */
export function nationalAmountFormat(unit: TargetUnit): (x: number) => string {
  if (unit === "units") return (x) => finite(x, (v) => `${signed(v, fixed(0).format(Math.abs(v)))} units`);
  return (x) =>
    finite(x, (v) => {
      const a = Math.abs(v);
      if (a >= 999.995e6) return signed(v, `${fixed(2).format(a / 1e9)}B`, "$");
      if (a >= 999_999.5) return signed(v, `${fixed(2).format(a / 1e6)}M`, "$");
      return signed(v, fixed(a >= 100 ? 0 : 2).format(a), "$");
    });
}

/**
 * A return per dollar for the pipeline's sentences, two decimals with a Unicode minus (the tables' ratio
 * format, so prose and tables quote the same digits): `nationalRatioFormat(-0.1472)` → "−0.15".
 *
 * @example
 * nationalRatioFormat(-0.1472); // "−0.15"
 */
export function nationalRatioFormat(x: number): string {
  return finite(x, (v) => signed(v, fixed(2).format(Math.abs(v))));
}
