/**
 * Number formatting for prose and tables. Every number a notebook states goes through one of these, so the
 * same value reads the same everywhere.
 *
 * @module
 */

const nf = (options: Intl.NumberFormatOptions) => new Intl.NumberFormat("en-US", options);
const sig3 = nf({ maximumSignificantDigits: 3 });
const int = nf({ maximumFractionDigits: 0 });

function finite(x: number, render: (v: number) => string): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "n/a";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  return render(x);
}

/**
 * `num(1234.567)` → "1,235"; `num(0.012345)` → "0.0123"; fixed decimals with `digits`.
 *
 * @example
 * num(0.30000000000000004); // "0.3"
 */
export function num(x: number, digits?: number): string {
  return finite(x, (v) => {
    if (digits !== undefined) {
      return nf({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
    }
    return Math.abs(v) >= 1000 ? int.format(v) : sig3.format(v);
  });
}

/** Share as a percentage: `pct(0.1234)` → "12.3%". */
export function pct(x: number, digits = 1): string {
  return finite(
    x,
    (v) => `${nf({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v * 100)}%`,
  );
}

/** Money with a currency sign and thousands separators; compact above a million: `money(2.5e6)` → "$2.50M". */
export function money(x: number, digits?: number): string {
  return finite(x, (v) => {
    const sign = v < 0 ? "−" : "";
    const a = Math.abs(v);
    if (a >= 1e6 && digits === undefined) return `${sign}$${(a / 1e6).toFixed(2)}M`;
    const d = digits ?? (a >= 100 ? 0 : 2);
    return `${sign}$${nf({ minimumFractionDigits: d, maximumFractionDigits: d }).format(a)}`;
  });
}

/** A p-value the way statsmodels prints it: three decimals, "<0.001" below. */
export function pValue(p: number): string {
  return finite(p, (v) => (v < 0.001 ? "<0.001" : v.toFixed(3)));
}

/** An interval: `interval(1, 2)` → "[1, 2]" with `num` formatting (or a custom formatter). */
export function interval(low: number, high: number, f: (x: number) => string = num): string {
  return `[${f(low)}, ${f(high)}]`;
}
