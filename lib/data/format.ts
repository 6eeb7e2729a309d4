/**
 * Number formatting for prose and tables. Every number a notebook states goes through one of these, so the
 * same value reads the same everywhere.
 *
 * Conventions, the same in every formatter here:
 * - negative numbers carry the Unicode minus sign `−` (U+2212), never the hyphen `-`;
 * - a value that rounds to zero at the digits shown is shown without a sign ("0.00", never "−0.00");
 * - missing values (NaN, null, undefined) read "n/a", infinities "∞" and "−∞".
 *
 * The target of a model is money (revenue) or a count (conversions, units sold): `targetFormat(unit)` returns
 * the formatters and words for amounts of target and for returns per dollar of spend in that unit, so a
 * count is never printed with a currency sign.
 *
 * @module
 */

/** The minus sign used by every formatter here (U+2212). */
export const MINUS = "−";

const nf = (options: Intl.NumberFormatOptions) => new Intl.NumberFormat("en-US", options);
const sig3 = nf({ maximumSignificantDigits: 3 });
const int = nf({ maximumFractionDigits: 0 });
const fixedCache = new Map<number, Intl.NumberFormat>();
function fixed(digits: number): Intl.NumberFormat {
  let f = fixedCache.get(digits);
  if (!f) fixedCache.set(digits, f = nf({ minimumFractionDigits: digits, maximumFractionDigits: digits }));
  return f;
}

function finite(x: number, render: (v: number) => string): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "n/a";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : `${MINUS}∞`;
  return render(x);
}

/**
 * Puts the sign in front of an already formatted magnitude: `−` for a negative value whose shown digits are
 * not all zero, nothing otherwise (so −0.001 at two decimals reads "0.00").
 */
function signed(v: number, magnitude: string, prefix = ""): string {
  return `${v < 0 && /[1-9]/.test(magnitude) ? MINUS : ""}${prefix}${magnitude}`;
}

/**
 * `num(1234.567)` → "1,235"; `num(0.012345)` → "0.0123"; fixed decimals with `digits`. Negative values carry
 * `−`; a value that rounds to zero reads "0" (never "−0").
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(num(0.30000000000000004), "0.3", 1e-9);
 * assertClose(num(-0.001, 2), "0.00", 1e-9);
 * assertClose(num(-1.5, 2), "−1.50", 1e-9);
 * ```
 */
export function num(x: number, digits?: number): string {
  return finite(x, (v) => {
    const a = Math.abs(v);
    if (digits !== undefined) return signed(v, fixed(digits).format(a));
    return signed(v, a >= 1000 ? int.format(a) : sig3.format(a));
  });
}

/**
 * Share as a percentage: `pct(0.1234)` → "12.3%"; `pct(-0.25)` → "−25.0%".
 *
 * @example
 * ```ts
 * pct(-0.00001); // "0.0%"
 * ```
 */
export function pct(x: number, digits = 1): string {
  return finite(x, (v) => `${signed(v, fixed(digits).format(Math.abs(v) * 100))}%`);
}

/** A compact scale: divide by `divisor` and append `suffix`. */
interface Scale {
  readonly divisor: number;
  readonly suffix: string;
}
const UNIT: Scale = { divisor: 1, suffix: "" };
const MILLION: Scale = { divisor: 1e6, suffix: "M" };
const BILLION: Scale = { divisor: 1e9, suffix: "B" };

/**
 * The compact scale for a magnitude, chosen after rounding: at or above $999,999.50 (which would print as
 * "$1,000,000") millions, at or above 999.995 million (which would print as "1,000.00M") billions.
 */
function scaleOf(a: number): Scale {
  if (a >= 999.995e6) return BILLION;
  if (a >= 999_999.5) return MILLION;
  return UNIT;
}

function moneyAt(v: number, scale: Scale, digits?: number): string {
  const a = Math.abs(v);
  if (scale !== UNIT) return signed(v, `${fixed(digits ?? 2).format(a / scale.divisor)}${scale.suffix}`, "$");
  const d = digits ?? (a >= 100 ? 0 : 2);
  return signed(v, fixed(d).format(a), "$");
}

/**
 * Money with a currency sign and thousands separators; compact from a million: `money(2.5e6)` → "$2.50M",
 * `money(3.2e9)` → "$3.20B". Below a million, whole dollars from $100 and cents below. With `digits` the
 * amount is shown in full with that many decimals. Negative amounts read "−$1,235".
 *
 * For several amounts that must read on one scale (an estimate and its interval, a table column), use
 * `moneyFormatter(values)` or `moneyInterval`.
 *
 * @example
 * ```ts
 * money(-1234.5); // "−$1,235"
 * money(-0.001); // "$0.00"
 * ```
 */
export function money(x: number, digits?: number): string {
  return finite(x, (v) => digits !== undefined ? moneyAt(v, UNIT, digits) : moneyAt(v, scaleOf(Math.abs(v))));
}

/**
 * One money formatter for a set of amounts, on the compact scale of the largest finite magnitude among them,
 * so that all of them read in the same unit: `moneyFormatter([950_000, 2.5e6])` formats both in millions
 * ("$0.95M", "$2.50M") where `money` would give "$950,000" and "$2.50M".
 *
 * @param values the amounts that will be shown together (non-finite values are ignored)
 * @example
 * ```ts
 * const f = moneyFormatter([950_000, 2.5e6]);
 * [f(950_000), f(2.5e6)]; // ["$0.95M", "$2.50M"]
 * ```
 */
export function moneyFormatter(values: ArrayLike<number>): (x: number) => string {
  let largest = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (Number.isFinite(a) && a > largest) largest = a;
  }
  const scale = scaleOf(largest);
  if (scale === UNIT) {
    // Whole dollars for all of them when any reaches $100, so a column does not mix "$5.00" and "$1,234".
    const d = largest >= 100 ? 0 : 2;
    return (x: number) => finite(x, (v) => moneyAt(v, UNIT, d));
  }
  return (x: number) => finite(x, (v) => moneyAt(v, scale));
}

/**
 * An interval of money on one scale: `moneyInterval(950_000, 2.5e6)` → "$0.95M to $2.50M".
 *
 * @example
 * ```ts
 * moneyInterval(-1200, 3400); // "−$1,200 to $3,400"
 * ```
 */
export function moneyInterval(low: number, high: number): string {
  const f = moneyFormatter([low, high]);
  return `${f(low)} to ${f(high)}`;
}

/** A p-value the way statsmodels prints it: three decimals, "<0.001" below. */
export function pValue(p: number): string {
  return finite(p, (v) => (v < 0.001 ? "<0.001" : v.toFixed(3)));
}

/**
 * A p-value as a statement for prose: "p < 0.001" below 0.001, else "p = 0.012" (three decimals).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose([pStatement(0.0004), pStatement(0.0123)], ["p < 0.001", "p = 0.012"], 1e-9);
 * ```
 */
export function pStatement(p: number): string {
  // the rule of `pText` (lib/evaluate/evidence_gate.ts), restated rather than imported: with that import
  // (which lib/plot/show.ts, and so every progress line, then loads) the executor's progress-flood test
  // (tests/tools/executor_test.ts) failed in 3 of 3 runs, and passed again without it; the cause is not known
  return finite(p, (v) => (v < 0.001 ? "p < 0.001" : `p = ${v.toFixed(3)}`));
}

/** An interval: `interval(1, 2)` → "[1, 2]" with `num` formatting (or a custom formatter). */
export function interval(low: number, high: number, f: (x: number) => string = num): string {
  return `[${f(low)}, ${f(high)}]`;
}

/**
 * A count (units sold, conversions): whole numbers with thousands separators from 100, three significant
 * digits below, compact from a million ("2.50M").
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(count(12340), "12,340", 1e-9);
 * assertClose(count(2.5e6), "2.50M", 1e-9);
 * assertClose(count(0.0456), "0.0456", 1e-9);
 * ```
 */
export function count(x: number, digits?: number): string {
  return finite(x, (v) => {
    const a = Math.abs(v);
    if (digits !== undefined) return signed(v, fixed(digits).format(a));
    const scale = scaleOf(a);
    if (scale !== UNIT) return signed(v, `${fixed(2).format(a / scale.divisor)}${scale.suffix}`);
    return signed(v, a >= 100 ? int.format(a) : sig3.format(a));
  });
}

import type { TargetUnit } from "./types.ts";
/** What the modelled target measures (the dataset's `TargetUnit`, one definition in `lib/data/types.ts`). */
export type { TargetUnit };

/** Formatters and words for amounts of the target, from `targetFormat`. */
export interface TargetFormat {
  /** The unit the formatters were made for: `"currency"` (money amounts) or `"units"` (counts). */
  readonly unit: TargetUnit;
  /** An amount of target for prose: "$12,340" or "12,340 units". */
  readonly amount: (x: number) => string;
  /** An amount of target for a table cell under a labelled column: "$12,340" or "12,340" (no unit word). */
  readonly value: (x: number) => string;
  /** Amounts that are shown together, on one scale (see `moneyFormatter`); counts keep `value`'s format. */
  readonly values: (values: ArrayLike<number>) => (x: number) => string;
  /**
   * Amounts shown together in prose (an estimate and its interval), on one scale: money as `values` ("$1.54M
   * (95% interval −$0.43M to $2.95M)", never "−$430,205 to $2.95M"), counts as `amount` with the unit word.
   */
  readonly amounts: (values: ArrayLike<number>) => (x: number) => string;
  /** A return per dollar of spend for prose: "$1.23 of revenue per dollar" or "0.045 units per dollar". */
  readonly perDollar: (x: number) => string;
  /** A return per dollar for a table cell: "1.23" (the column label carries the unit). */
  readonly ratio: (x: number) => string;
  /** Words for a return per dollar, for column labels and axes: "revenue per dollar", "units per dollar". */
  readonly perDollarLabel: string;
  /** Words for an amount of target, for column labels and axes: "revenue ($)", "conversions (units)". */
  readonly amountLabel: string;
}

/**
 * Formatters for amounts of the target in its unit. Money targets read as money ("$12,340", ROI "$1.23 of
 * revenue per dollar"); count targets as counts ("12,340 units", "0.045 units per dollar"), never with a
 * currency sign.
 *
 * @param unit "currency" or "units"
 * @param options `name` of the target (default "revenue" for currency, "units" for counts) and, for counts,
 *   the `unitName` written after amounts (default "units", e.g. "conversions")
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(targetFormat("units", { unitName: "conversions" }).amount(12340), "12,340 conversions", 1e-9);
 * targetFormat("currency").perDollar(1.234); // "$1.23 of revenue per dollar"
 * ```
 */
export function targetFormat(
  unit: TargetUnit,
  options: { readonly name?: string; readonly unitName?: string } = {},
): TargetFormat {
  const ratio = (x: number) => num(x, 2);
  if (unit === "currency") {
    const name = options.name ?? "revenue";
    return {
      unit,
      amount: (x) => money(x),
      value: (x) => money(x),
      values: moneyFormatter,
      amounts: moneyFormatter,
      perDollar: (x) =>
        finite(x, (v) => `${signed(v, fixed(2).format(Math.abs(v)), "$")} of ${name} per dollar`),
      ratio,
      perDollarLabel: `${name} per dollar`,
      amountLabel: `${name} ($)`,
    };
  }
  if (unit !== "units") throw new RangeError(`unit must be "currency" or "units", got ${String(unit)}`);
  const unitName = options.unitName ?? "units";
  const name = options.name ?? unitName;
  const perDollar = (x: number) =>
    finite(x, (v) => signed(v, Math.abs(v) >= 100 ? int.format(Math.abs(v)) : sig3.format(Math.abs(v))));
  return {
    unit,
    amount: (x) => finite(x, (v) => `${count(v)} ${unitName}`),
    value: (x) => count(x),
    values: () => (x: number) => count(x),
    amounts: () => (x: number) => finite(x, (v) => `${count(v)} ${unitName}`),
    perDollar: (x) => finite(x, (v) => `${perDollar(v)} ${unitName} per dollar`),
    ratio: (x) => finite(x, (v) => Math.abs(v) >= 0.1 ? num(v, 2) : perDollar(v)),
    perDollarLabel: `${unitName} per dollar`,
    amountLabel: name === unitName ? unitName : `${name} (${unitName})`,
  };
}

/** Alias of `targetFormat`, read as `fmt.target("units")` in notebooks. */
export const target = targetFormat;

/** What an axis measures, so its ticks read in the unit of the labels drawn beside them. */
export type AxisUnit = "number" | "money" | "percent";

/** Options of `axisFormat`. */
export interface AxisFormatOptions {
  /** "money" puts "$" before each tick; "percent" shows fractions as percentages (0.25 → "25%"). */
  readonly unit?: AxisUnit;
}

/** Compact scales for axes, largest first, each used from `from` on (thousands only from 10,000). */
const AXIS_SCALES: readonly (Scale & { readonly from: number })[] = [
  { divisor: 1e9, suffix: "B", from: 1e9 },
  { divisor: 1e6, suffix: "M", from: 1e6 },
  { divisor: 1e3, suffix: "K", from: 1e4 },
];

/**
 * One format for all the ticks of an axis: the compact scale (K from 10,000, M from a million, B from a
 * billion) is chosen from the largest tick, and the number of decimals from the smallest that tells every
 * tick apart, so an axis never mixes "5,000" with "10K", or "0.5M" with "1M". Zero reads "0"; negative
 * ticks carry `−`. With `unit: "percent"` the ticks are fractions shown as percentages; with `"money"` they
 * carry "$".
 *
 * @param ticks every tick of the axis (Plot passes them to a `tickFormat` function as its third argument)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const f = axisFormat([0, 5000, 10000, 15000]);
 * assertClose([0, 5000, 10000, 15000].map(f), ["0", "5K", "10K", "15K"], 1e-9);
 * axisFormat([0, 0.1, 0.2], { unit: "percent" })(0.1); // "10%"
 * assertClose(axisFormat([0, 500_000, 1_000_000, 1_500_000])(500_000), "0.5M", 1e-9);
 * ```
 */
export function axisFormat(ticks: ArrayLike<number>, options: AxisFormatOptions = {}): (x: number) => string {
  const unit = options.unit ?? "number";
  const k = unit === "percent" ? 100 : 1;
  const values: number[] = [];
  for (let i = 0; i < ticks.length; i++) {
    const v = Number(ticks[i]) * k;
    if (Number.isFinite(v)) values.push(v);
  }
  const largest = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const scale: Scale = unit === "percent" ? UNIT : AXIS_SCALES.find((s) => largest >= s.from) ?? UNIT;
  const scaled = values.map((v) => v / scale.divisor);
  // The fewest decimals (up to 6) at which every tick prints as its value.
  let digits = 0;
  while (
    digits < 6 &&
    scaled.some((v) => Math.abs(Number(v.toFixed(digits)) - v) > 1e-9 * Math.max(1, Math.abs(v)))
  ) {
    digits++;
  }
  const prefix = unit === "money" ? "$" : "";
  const suffix = unit === "percent" ? "%" : scale.suffix;
  return (x: number) =>
    finite(x, (v) => {
      const a = Math.abs(v * k) / scale.divisor;
      const magnitude = fixed(digits).format(a);
      if (!/[1-9]/.test(magnitude)) return "0";
      return signed(v, `${magnitude}${suffix}`, prefix);
    });
}

/**
 * The axis unit that matches a value formatter's output, read from what it prints for `sample`: "percent" when
 * it ends in "%", "money" when it carries "$", else "number". Lets a chart put its axis in the unit of its value
 * labels.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(unitOf(pct, 0.25), "percent", 1e-9);
 * assertClose(unitOf(money, 1234), "money", 1e-9);
 * ```
 */
export function unitOf(format: (x: number) => string, sample: number): AxisUnit {
  const shown = format(Number.isFinite(sample) ? sample : 1);
  if (/%\s*$/.test(shown)) return "percent";
  if (shown.includes("$")) return "money";
  return "number";
}
