/**
 * Python's `%`-formatting for the few conversions statsmodels' summaries use (internal), so that our
 * summaries print numbers exactly as statsmodels does.
 *
 * @module
 */

/**
 * Formats a number like Python's `spec % x` for specs `%[#][width][.precision](d|f|g)`:
 * `%9.3f`, `%#8.3g`, `%#6d`, ... (`#` keeps trailing zeros of `g`; exponents have at least two digits).
 * Ties in rounding follow JavaScript's `toFixed`/`toExponential` (exact ties are rare in practice).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(pyFormat(7.186e-7, "%#6.3g"), "7.19e-07", 1e-9);
 * assertClose(pyFormat(0.9441, "%#8.3f"), "   0.944", 1e-9);
 * ```
 */
export function pyFormat(x: number, spec: string): string {
  const m = /^%(#?)(\d*)(?:\.(\d+))?([dfg])$/.exec(spec);
  if (m === null) throw new RangeError(`unsupported format "${spec}"`);
  const alt = m[1] === "#";
  const width = m[2] === "" ? 0 : Number(m[2]);
  const precision = m[3] === undefined ? 6 : Number(m[3]);
  const kind = m[4];
  let s: string;
  if (Number.isNaN(x)) s = "nan";
  else if (!Number.isFinite(x)) s = x > 0 ? "inf" : "-inf";
  else if (kind === "d") s = Math.trunc(x).toFixed(0);
  else if (kind === "f") s = signed(x, Math.abs(x).toFixed(precision));
  else s = formatG(x, precision, alt);
  return s.padStart(width);
}

function signed(x: number, body: string): string {
  return x < 0 || Object.is(x, -0) ? `-${body}` : body;
}

function formatG(x: number, precision: number, alt: boolean): string {
  const p = precision === 0 ? 1 : precision;
  const a = Math.abs(x);
  const exponent = a === 0 ? 0 : Number(a.toExponential(p - 1).split("e")[1]);
  let body: string;
  if (exponent >= -4 && exponent < p) {
    body = a.toFixed(p - 1 - exponent);
    if (!alt) body = stripZeros(body);
  } else {
    let [mantissa] = a.toExponential(p - 1).split("e");
    if (!alt) mantissa = stripZeros(mantissa);
    else if (p === 1) mantissa += ".";
    body = `${mantissa}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  if (alt && !body.includes(".")) body = body.replace(/^(\d+)/, "$1.");
  return signed(x, body);
}

function stripZeros(s: string): string {
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}
