/**
 * The single-stage national model's design and effect map (national_single_stage.ts): the regressors over
 * every week (adstock and saturation in time order), the linear map `e = L b` from coefficients to every
 * effect, and the fit rows' check. national_single_stage.ts re-exports `singleStageDesign`.
 *
 * @module
 */
import { geometricAdstock } from "../features/adstock.ts";
import type { Design } from "../features/design.ts";
import { saturate, saturationAt } from "../features/saturation.ts";
import type { SingleStageInputs } from "./national_single_stage_types.ts";

/**
 * The design over every week: adstock (and saturation) in time order over the whole series.
 *
 * @example
 * ```ts ignore
 * singleStageDesign(inputs).names; // ["const", "google_spend", "emails_send", "average_price", ...]
 * ```
 */
export function singleStageDesign(inputs: SingleStageInputs): Design {
  const { spec, columns, y } = inputs;
  const n = y.length;
  const col = (name: string) => {
    const x = columns[name];
    if (!x || x.length !== n) throw new RangeError(`column "${name}" is missing or not ${n} long`);
    return x;
  };
  const cols: [string, Float64Array][] = [["const", new Float64Array(n).fill(1)]];
  for (const m of spec.media) cols.push([m.column, geometricAdstock(col(m.column), m.theta)]);
  for (const d of spec.direct) {
    const a = geometricAdstock(col(d.column), d.theta ?? 0);
    cols.push([d.column, d.saturation ? saturate(a, d.saturation) : a]);
  }
  for (const c of [spec.price, spec.promotion, ...spec.controls]) if (c !== undefined) cols.push([c, col(c)]);
  const names = cols.map(([name]) => name);
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new RangeError(`the single-stage model would have the term "${name}" twice`);
    seen.add(name);
  }
  const k = cols.length;
  const x = new Float64Array(n * k);
  cols.forEach(([, v], j) => {
    for (let i = 0; i < n; i++) x[i * k + j] = v[i];
  });
  return { names, n, k, x };
}

/** The linear map from coefficients to effects, `e = L b`. */
export interface EffectMap {
  /** Effect names, `<channel>.<quantity>`, one per row of `weights`. */
  readonly names: readonly string[];
  /** q × k row-major. */
  readonly weights: Float64Array;
}

/**
 * The effects of the single-stage model (see national_single_stage.ts's module doc) as rows of `L`, named
 * `<channel>.<quantity>`: per media channel `coef`, `perDollar`, `contribution`, `roi`; per direct channel
 * `coef`, `contribution`, `contributionPerThousand`; `<price>.elasticity`; `<promotion>.lift`, `.liftPercent`,
 * `.contribution`. Sums and means run over every week.
 */
export function effectMap(inputs: SingleStageInputs, design: Design): EffectMap {
  const { spec, columns, y } = inputs;
  const n = y.length, k = design.k;
  const sum = (x: ArrayLike<number>) => {
    let s = 0;
    for (let i = 0; i < x.length; i++) s += x[i];
    return s;
  };
  const meanY = sum(y) / n;
  const names: string[] = [];
  const rows: Float64Array[] = [];
  const add = (name: string, j: number, w: number) => {
    const r = new Float64Array(k);
    r[j] = w;
    names.push(name);
    rows.push(r);
  };
  const column = (j: number) => Float64Array.from({ length: n }, (_, i) => design.x[i * k + j]);
  spec.media.forEach((m, idx) => {
    const j = 1 + idx;
    const spend = sum(columns[m.column]);
    const adstockSum = sum(column(j));
    add(`${m.column}.coef`, j, 1);
    add(`${m.column}.perDollar`, j, 1 / (1 - m.theta));
    add(`${m.column}.contribution`, j, adstockSum);
    add(`${m.column}.roi`, j, adstockSum / spend);
  });
  spec.direct.forEach((d, idx) => {
    const j = 1 + spec.media.length + idx;
    const g0 = d.saturation ? saturationAt(0, d.saturation) : 0;
    const s = sum(column(j)) - n * g0;
    const volume = sum(columns[d.column]);
    add(`${d.column}.coef`, j, 1);
    add(`${d.column}.contribution`, j, s);
    add(`${d.column}.contributionPerThousand`, j, (1000 * s) / volume);
  });
  let j = 1 + spec.media.length + spec.direct.length;
  if (spec.price !== undefined) add(`${spec.price}.elasticity`, j++, sum(columns[spec.price]) / n / meanY);
  if (spec.promotion !== undefined) {
    add(`${spec.promotion}.lift`, j, 1);
    add(`${spec.promotion}.liftPercent`, j, 100 / meanY);
    add(`${spec.promotion}.contribution`, j, sum(columns[spec.promotion]));
  }
  const weights = new Float64Array(names.length * k);
  rows.forEach((r, q) => weights.set(r, q * k));
  return { names, weights };
}

/** Writes `L b` (one value per effect, in `map.names` order) into `out` from `offset` on. */
export function applyMap(map: EffectMap, coef: ArrayLike<number>, out: Float64Array, offset: number): void {
  const k = coef.length;
  for (let q = 0; q < map.names.length; q++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += map.weights[q * k + j] * coef[j];
    out[offset + q] = s;
  }
}

/** The fit rows as `Int32Array` (every row when `rows` is undefined); throws unless strictly increasing in 0..n − 1. */
export function fitRows(rows: readonly number[] | undefined, n: number): Int32Array {
  const out = rows === undefined ? Int32Array.from({ length: n }, (_, i) => i) : Int32Array.from(rows);
  for (let t = 0; t < out.length; t++) {
    if (!(out[t] >= 0 && out[t] < n) || (t > 0 && out[t] <= out[t - 1])) {
      throw new RangeError(`rows must be strictly increasing indices in 0..${n - 1}; rows[${t}] = ${out[t]}`);
    }
  }
  return out;
}
