/**
 * Design of the two-stage mediation model (see `mediation.ts` for the model): validates the inputs, computes
 * every regressor over the full series in time order (`mediationData`), builds each stage's design on the fit
 * rows, and fits both stages by least squares into caller-owned buffers (`fitStages`, the bootstrap's loop).
 *
 * @module
 */

import { geometricAdstock } from "../features/adstock.ts";
import type { Design } from "../features/design.ts";
import { saturate, validateSaturationSpec } from "../features/saturation.ts";
import { qrLeastSquares } from "../linalg/mod.ts";
import { rowMajorFromColumns } from "../linalg/products.ts";
import type { MediationData, MediationInputs } from "./mediation_types.ts";

/**
 * Validates the inputs and computes the model's regressors over the full series (see {@link MediationData}).
 *
 * @param inputs spec, columns, outcome, optional fit rows
 * @throws RangeError for a missing or mis-sized column, θ outside [0, 1), a direct social channel not in
 *   `social`, a repeated stage-2 term, bad rows, or a non-finite value
 * @example
 * ```ts ignore
 * const data = mediationData({ spec, columns: weekly.columns, y: weekly.columns.revenue });
 * data.stage2Terms; // ["const", "google_spend_fitted", "google_spend_residual", "facebook_spend", ...]
 * ```
 */
export function mediationData(inputs: MediationInputs): MediationData {
  const { spec, columns, y } = inputs;
  const n = y.length;
  if (!(y instanceof Float64Array)) throw new RangeError("y must be a Float64Array");
  if (n < 3) throw new RangeError(`the series has ${n} weeks; need at least 3`);
  checkFinite(y, inputs.yName ?? "y");
  const raw: Record<string, Float64Array> = {};
  const col = (name: string, role: string): Float64Array => {
    const x = columns[name];
    if (x === undefined) {
      throw new RangeError(
        `${role} column "${name}" is not in columns (have: ${Object.keys(columns).join(", ")})`,
      );
    }
    if (x.length !== n) throw new RangeError(`column "${name}" has ${x.length} values, the outcome has ${n}`);
    checkFinite(x, name);
    raw[name] = x;
    return x;
  };
  const theta = (t: number | undefined, what: string): number => {
    const v = t ?? 0;
    if (!(v >= 0 && v < 1)) throw new RangeError(`theta of ${what} must be in [0, 1), got ${t}`);
    return v;
  };
  if (!spec || !Array.isArray(spec.social) || spec.social.length === 0) {
    throw new RangeError("spec.social must list at least one social channel (the stage-1 regressors)");
  }
  const socialNames = spec.social.map((s) => s.column);
  for (const s of spec.directSocial) {
    if (!socialNames.includes(s.column)) {
      throw new RangeError(
        `direct social channel "${s.column}" is not among spec.social (${socialNames.join(", ")}); ` +
          `a direct path needs the channel's stage-1 path for its total effect`,
      );
    }
  }
  for (const d of spec.direct) if (d.saturation) validateSaturationSpec(d.saturation);
  const rows = fitRows(inputs.rows, n);

  // stage 1 over every week
  const stage1Columns = [
    new Float64Array(n).fill(1),
    ...spec.social.map((s) => geometricAdstock(col(s.column, "social"), theta(s.theta, s.column))),
    ...spec.stage1Controls.map((c) => col(c, "stage-1 control")),
  ];
  const stage1Terms = ["const", ...socialNames, ...spec.stage1Controls];
  checkUnique(stage1Terms, "stage 1");
  const thetaM = theta(spec.mediator.theta, `the mediator "${spec.mediator.column}"`);
  const mediator = col(spec.mediator.column, "mediator");
  const stage1X = rowMajorFromColumns(stage1Columns, n);
  const stage1XAdstocked = rowMajorFromColumns(stage1Columns.map((x) => geometricAdstock(x, thetaM)), n);

  // stage 2: the columns after the two mediator columns
  const fixedNames: string[] = [];
  const fixedColumns: Float64Array[] = [];
  for (const s of spec.directSocial) {
    fixedNames.push(s.column);
    fixedColumns.push(
      geometricAdstock(col(s.column, "direct social"), theta(s.theta, `${s.column} (direct)`)),
    );
  }
  for (const d of spec.direct) {
    fixedNames.push(d.column);
    const a = geometricAdstock(col(d.column, "direct"), theta(d.theta, d.column));
    fixedColumns.push(d.saturation ? saturate(a, d.saturation) : a);
  }
  for (const [c, role] of [[spec.price, "price"], [spec.promotion, "promotion"]] as const) {
    if (c === undefined) continue;
    fixedNames.push(c);
    fixedColumns.push(col(c, role));
  }
  for (const c of spec.stage2Controls) {
    fixedNames.push(c);
    fixedColumns.push(col(c, "stage-2 control"));
  }
  const m = spec.mediator.column;
  const stage2Terms = ["const", `${m}_fitted`, `${m}_residual`, ...fixedNames];
  checkUnique(stage2Terms, "stage 2");
  return {
    spec,
    yName: inputs.yName ?? "y",
    n,
    rows,
    y,
    mediator,
    raw,
    stage1Terms,
    stage1X,
    stage1XAdstocked,
    mediatorAdstocked: geometricAdstock(mediator, thetaM),
    stage2Terms,
    stage2Fixed: rowMajorFromColumns(fixedColumns, n),
  };
}

/**
 * The stage-1 design on `rows` (default the fit rows): `const`, adstocked social columns, controls.
 *
 * @example
 * ```ts ignore
 * const d = stage1Design(data); // fitOls(d, takeRows(data.mediator, data.rows)) is stage 1
 * ```
 */
export function stage1Design(data: MediationData, rows: ArrayLike<number> = data.rows): Design {
  const k = data.stage1Terms.length;
  const x = new Float64Array(rows.length * k);
  for (let t = 0; t < rows.length; t++) x.set(data.stage1X.subarray(rows[t] * k, rows[t] * k + k), t * k);
  return { names: data.stage1Terms, n: rows.length, k, x };
}

/**
 * The stage-2 design on `rows` (default the fit rows) for stage-1 coefficients `a`:
 * `[1, adstock(M̂)_t, adstock(û)_t, fixed columns…]` with `M̂ = X₁ a` over the full series (adstock is linear,
 * so `adstock(M̂) = adstock(X₁) a`).
 *
 * @param a stage-1 coefficients, in the order of `data.stage1Terms`
 * @example
 * ```ts ignore
 * const d = stage2Design(data, fit.stage1.coef); // the rows fit.stage2 was fitted on
 * ```
 */
export function stage2Design(
  data: MediationData,
  a: ArrayLike<number>,
  rows: ArrayLike<number> = data.rows,
): Design {
  const k = data.stage2Terms.length;
  const x = new Float64Array(rows.length * k);
  fillStage2(data, a, rows, x);
  return { names: data.stage2Terms, n: rows.length, k, x };
}

/**
 * Writes the stage-2 design rows into `out` (rows.length × k₂), allocation-free (for the bootstrap).
 *
 * @example
 * ```ts ignore
 * fillStage2(data, a, rows, buffer); // buffer now holds stage2Design(data, a, rows).x
 * ```
 */
export function fillStage2(
  data: MediationData,
  a: ArrayLike<number>,
  rows: ArrayLike<number>,
  out: Float64Array,
): void {
  const k1 = data.stage1Terms.length, k = data.stage2Terms.length, kf = k - 3;
  if (a.length !== k1) throw new RangeError(`stage-1 coefficients: got ${a.length}, expected ${k1}`);
  if (out.length < rows.length * k) {
    throw new RangeError(`out holds ${out.length} values, need ${rows.length * k}`);
  }
  const { stage1XAdstocked: ax, mediatorAdstocked: am, stage2Fixed: f } = data;
  for (let t = 0; t < rows.length; t++) {
    const i = rows[t];
    let fittedAdstock = 0;
    for (let j = 0; j < k1; j++) fittedAdstock += ax[i * k1 + j] * a[j];
    const o = t * k;
    out[o] = 1;
    out[o + 1] = fittedAdstock;
    out[o + 2] = am[i] - fittedAdstock;
    for (let j = 0; j < kf; j++) out[o + 3 + j] = f[i * kf + j];
  }
}

/** Caller-owned buffers for {@link fitStages} in a loop (sizes for `m` rows): reused across calls. */
export interface StageBuffers {
  /** m × k₁ */
  readonly x1: Float64Array;
  /** m */
  readonly y1: Float64Array;
  /** m × k₂: holds the stage-2 design of the last call. */
  readonly x2: Float64Array;
  /** m */
  readonly y2: Float64Array;
}

/**
 * Allocates {@link StageBuffers} for fits on `m` rows.
 *
 * @example
 * ```ts ignore
 * const work = stageBuffers(data, data.rows.length);
 * ```
 */
export function stageBuffers(data: MediationData, m: number): StageBuffers {
  const k1 = data.stage1Terms.length, k2 = data.stage2Terms.length;
  return {
    x1: new Float64Array(m * k1),
    y1: new Float64Array(m),
    x2: new Float64Array(m * k2),
    y2: new Float64Array(m),
  };
}

/**
 * Both stages' OLS coefficients on `rows` (which may repeat, as in a bootstrap sample), by Householder QR:
 * stage 1 on the rows' stage-1 design, then stage 2 on {@link stage2Design} for those coefficients. Reads the
 * outcome and the mediator only at `rows`. The coefficients equal `fitMediation`'s on the same rows; this is
 * the lean path for refitting many times (cross-validation folds, bootstrap replicates).
 *
 * @param rows row indices into the series (any order, repeats allowed); more rows than stage-2 terms
 * @param work optional buffers from {@link stageBuffers} (sized for `rows.length`), reused across calls
 * @throws ModelError when a stage's design is rank deficient on these rows (naming the columns)
 * @example
 * ```ts ignore
 * const { stage1, stage2 } = fitStages(data, trainRows); // stage 1 never sees the other rows
 * ```
 */
export function fitStages(
  data: MediationData,
  rows: ArrayLike<number> = data.rows,
  work: StageBuffers = stageBuffers(data, rows.length),
): { stage1: Float64Array; stage2: Float64Array } {
  const m = rows.length, k1 = data.stage1Terms.length, k2 = data.stage2Terms.length;
  if (work.y1.length !== m) throw new RangeError(`buffers are sized for ${work.y1.length} rows, got ${m}`);
  for (let t = 0; t < m; t++) {
    const i = rows[t];
    if (!(i >= 0 && i < data.n)) {
      throw new RangeError(`row ${i} at position ${t} is outside 0..${data.n - 1}`);
    }
    work.x1.set(data.stage1X.subarray(i * k1, i * k1 + k1), t * k1);
    work.y1[t] = data.mediator[i];
    work.y2[t] = data.y[i];
  }
  const stage1 = qrLeastSquares(work.x1, work.y1, m, k1, data.stage1Terms).coef;
  fillStage2(data, stage1, rows, work.x2);

  const stage2 = qrLeastSquares(work.x2, work.y2, m, k2, data.stage2Terms).coef;
  return { stage1, stage2 };
}

function fitRows(rows: ArrayLike<number> | undefined, n: number): Int32Array {
  if (rows === undefined) return Int32Array.from({ length: n }, (_, i) => i);
  const out = Int32Array.from(rows);
  for (let t = 0; t < out.length; t++) {
    if (!(Number.isInteger(rows[t]) && rows[t] >= 0 && rows[t] < n)) {
      throw new RangeError(`rows[${t}] = ${rows[t]} is not a row index in 0..${n - 1}`);
    }
    if (t > 0 && out[t] <= out[t - 1]) {
      throw new RangeError(
        `rows must be strictly increasing (time order); rows[${t}] = ${out[t]} follows ${out[t - 1]}`,
      );
    }
  }
  return out;
}

function checkUnique(names: readonly string[], where: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      throw new RangeError(
        `${where} would have the term "${name}" twice; each column may enter a stage once`,
      );
    }
    seen.add(name);
  }
}

function checkFinite(x: Float64Array, name: string): void {
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      throw new RangeError(
        `column "${name}" has a non-finite value (${x[i]}) at row ${i}; fill or drop it first`,
      );
    }
  }
}
