/**
 * One replicate's transform choice in the re-choosing national bootstrap (`national_bootstrap.ts`): coordinate
 * descent over the paths (`transform_paths.ts`), each option scored by the residual sum of squares of its stage
 * on the replicate's resampled rows.
 *
 * **How a path is scored.** A path's options change one column of its stage's design (two for θ_M: the adstocked
 * fitted mediator and residual). The design at the current choice is factored once without those columns, and
 * each option is scored by swapping its columns in (`lib/linalg/column_swap.ts`, the Frisch–Waugh–Lovell
 * identity): `O(m·k)` per option instead of a new `O(m·k²)` QR. The choices equal those of a full refit per
 * option, up to rounding of scores that tie to ~1e-12.
 *
 * @module
 */

import { ModelError } from "../errors.ts";
import { geometricAdstock } from "../features/adstock.ts";
import { columnSwapScorer } from "../linalg/column_swap.ts";
import { qrLeastSquares } from "../linalg/qr.ts";
import {
  fillStage2,
  type MediationData,
  mediationData,
  type MediationInputs,
  type StageBuffers,
} from "../models/mediation.ts";
import type { TransformPaths } from "./transform_paths.ts";

/** Tolerance of the refined θ (golden-section search): far below the spread of any θ interval. */
const REFINE_TOL = 1e-3;

/** Re-chooses the transforms of replicates ({@link replicateChooser}). */
export interface ReplicateChooser {
  /**
   * Re-chooses `choice` (one option index per path, starting from the caller's values) in place for the rows
   * now in the chooser's `sample`: Gauss–Seidel sweeps over the paths, each path moved to its best-scoring
   * option (ties keep the current option), at most `sweeps` sweeps, stopping when a sweep changes nothing.
   */
  readonly choose: (choice: Int32Array) => void;
  /** The model's regressors for a choice, cached; `null` when the choice gives an invalid design. */
  readonly dataOf: (choice: Int32Array) => MediationData | null;
  /** Candidate designs scored so far, over every call of `choose`. */
  readonly fits: () => number;
  /**
   * Path `p`'s θ refined between grid points: the θ in `[θ_{b−1}, θ_{b+1}]` around the chosen grid value θ_b
   * (clipped at the grid's ends) that minimizes the stage's residual sum of squares on the current sample, the
   * other paths at `choice`, by golden-section search ({@link goldenSectionMinimum}). `thetas` are the path's
   * options, ascending. Call after `choose` for the same sample; only for carryover paths.
   */
  readonly refinedTheta: (choice: Int32Array, p: number, thetas: readonly number[]) => number;
}

/**
 * A minimum of `f` on `[lo, hi]` by golden-section search (Kiefer 1953; Press et al. 2007, "Numerical
 * Recipes", §10.2), to within `tol`: the bracket shrinks by 0.618 per evaluation, so `⌈log(tol/(hi−lo)) /
 * log 0.618⌉` evaluations after the first two. For a unimodal `f` it is the minimum; otherwise a local one.
 * The ends are candidates too: the smaller of `f(lo)`, `f(hi)` and the interior minimum is returned.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(goldenSectionMinimum((x) => (x - 0.57) ** 2, 0.5, 0.7, 1e-6), 0.57, 1e-6);
 * assertClose(goldenSectionMinimum((x) => x, 0, 0.1, 1e-6), 0, 1e-12); // at an end
 * ```
 */
export function goldenSectionMinimum(
  f: (x: number) => number,
  lo: number,
  hi: number,
  tol: number,
): number {
  if (!(lo <= hi) || !(tol > 0)) {
    throw new RangeError(`need lo <= hi and tol > 0, got [${lo}, ${hi}], ${tol}`);
  }
  const r = (Math.sqrt(5) - 1) / 2;
  let a = lo, b = hi;
  let c = b - r * (b - a), d = a + r * (b - a);
  let fc = f(c), fd = f(d);
  while (b - a > tol) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - r * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + r * (b - a);
      fd = f(d);
    }
  }
  const mid = (a + b) / 2, fm = f(mid);
  const flo = f(lo), fhi = f(hi);
  if (flo < fm && flo <= fhi) return lo;
  if (fhi < fm) return hi;
  return mid;
}

/**
 * A chooser for replicates whose resampled fit rows the caller writes into `sample` before each `choose`.
 *
 * @param inputs the model (its spec is the full-sample choice)
 * @param tp the paths ({@link TransformPaths})
 * @param sample m row indices (repeats allowed), read at each `choose`
 * @param work stage buffers for m rows (`stageBuffers`), overwritten
 * @param sweeps largest number of sweeps per `choose`
 * @example
 * ```ts ignore
 * const chooser = replicateChooser(inputs, tp, sample, stageBuffers(data0, m), 2);
 * chooser.choose(choice); // choice now holds the replicate's option per path
 * ```
 */
export function replicateChooser(
  inputs: MediationInputs,
  tp: TransformPaths,
  sample: Int32Array,
  work: StageBuffers,
  sweeps: number,
): ReplicateChooser {
  const { paths, specOf, optionColumns, mediatorAdstocks, mediatorThetas, nSocial } = tp;
  const m = sample.length;
  let fits = 0;
  // the model's regressors per choice, built once per distinct choice (bounded cache: cleared when full)
  const cache = new Map<string, MediationData | null>();
  const dataOf = (c: Int32Array) => {
    const key = c.join(",");
    let d = cache.get(key);
    if (d === undefined) {
      if (cache.size >= 4000) cache.clear();
      try {
        d = mediationData({ ...inputs, spec: specOf(c) });
      } catch (e) {
        if (!(e instanceof ModelError || e instanceof RangeError)) throw e;
        d = null;
      }
      cache.set(key, d);
    }
    return d;
  };
  const socialKey = (c: Int32Array) => c.subarray(0, nSocial).join(",");
  // stage 1's coefficients on the sample for the social θ's of `c` (null when its design is rank deficient)
  let stage1Key = "", stage1Coef: Float64Array | null = null;
  const stage1CoefOf = (data: MediationData, c: Int32Array): Float64Array | null => {
    if (stage1Key !== socialKey(c)) {
      stage1Key = socialKey(c);
      const k1 = data.stage1Terms.length;
      for (let t = 0; t < m; t++) {
        const i = sample[t];
        work.x1.set(data.stage1X.subarray(i * k1, i * k1 + k1), t * k1);
        work.y1[t] = data.mediator[i];
      }
      try {
        stage1Coef = qrLeastSquares(work.x1, work.y1, m, k1, data.stage1Terms).coef;
      } catch (e) {
        if (!(e instanceof ModelError)) throw e;
        stage1Coef = null;
      }
    }
    return stage1Coef;
  };
  const zs = [new Float64Array(m), new Float64Array(m)];
  let fittedMediator = new Float64Array(0);
  const gather = (x: Float64Array, into: Float64Array) => {
    for (let t = 0; t < m; t++) into[t] = x[sample[t]];
  };
  // the score of each option of path `p`, the other paths at `choice` (module doc)
  const pathScorer = (choice: Int32Array, p: number): (o: number, theta?: number) => number => {
    const path = paths[p];
    const data = dataOf(choice);
    // no valid design at the current choice: nothing to swap into, so the path keeps its option. (Unreachable
    // with a shortlist whose options all build: a choice only moves to an option that scored, and an option
    // scores only when its column exists.)
    if (data === null) return () => Infinity;
    const k1 = data.stage1Terms.length, k2 = data.stage2Terms.length;
    let scorer: ReturnType<typeof columnSwapScorer>;
    if (path.stage === 1) {
      for (let t = 0; t < m; t++) {
        const i = sample[t];
        work.x1.set(data.stage1X.subarray(i * k1, i * k1 + k1), t * k1);
        work.y1[t] = data.mediator[i];
      }
      scorer = columnSwapScorer(work.x1, work.y1, m, k1, path.swap);
    } else {
      const a = stage1CoefOf(data, choice);
      if (a === null) return () => Infinity;
      fillStage2(data, a, sample, work.x2);
      for (let t = 0; t < m; t++) work.y2[t] = data.y[sample[t]];
      scorer = columnSwapScorer(work.x2, work.y2, m, k2, path.swap);
      if (path.swap.length === 2) {
        // M̂ = X₁ a over the full series; its adstock is the fitted column for each θ_M
        if (fittedMediator.length !== data.n) fittedMediator = new Float64Array(data.n);
        for (let i = 0; i < data.n; i++) {
          let v = 0;
          for (let j = 0; j < k1; j++) v += data.stage1X[i * k1 + j] * a[j];
          fittedMediator[i] = v;
        }
      }
    }
    const columns = optionColumns[p];
    const raw = tp.rawColumns[p];
    return (o: number, theta?: number): number => {
      fits++;
      if (columns === null) {
        const th = o < 0 ? theta! : mediatorThetas[o];
        gather(geometricAdstock(fittedMediator, th), zs[0]);
        const am = o < 0 ? geometricAdstock(tp.mediator, th) : mediatorAdstocks[o];
        for (let t = 0; t < m; t++) zs[1][t] = am[sample[t]] - zs[0][t];
        return scorer.sse(zs);
      }
      if (o < 0) {
        gather(geometricAdstock(raw!, theta!), zs[0]);
        return scorer.sse([zs[0]]);
      }
      const z = columns[o];
      if (z === null) return Infinity;
      gather(z, zs[0]);
      return scorer.sse([zs[0]]);
    };
  };

  // the stage's residual sum of squares for path p at any θ (a carryover path), the others at `choice`
  const thetaScorer = (choice: Int32Array, p: number): (theta: number) => number => {
    const byOption = pathScorer(choice, p);
    const raw = tp.rawColumns[p];
    if (raw === null && p !== tp.mediatorPath) throw new RangeError(`path ${p} is not a carryover path`);
    return (theta: number) => byOption(-1, theta);
  };
  const choose = (choice: Int32Array): void => {
    stage1Key = ""; // a new sample: the cached stage-1 fit is another replicate's
    for (let sweep = 0; sweep < sweeps; sweep++) {
      let changed = false;
      for (let p = 0; p < paths.length; p++) {
        const path = paths[p];
        if (path.options < 2) continue;
        const current = choice[p];
        const scoreOf = pathScorer(choice, p);
        let best = current, bestScore = scoreOf(current);
        for (let o = 0; o < path.options; o++) {
          if (o === current) continue;
          const s = scoreOf(o);
          if (s < bestScore) {
            bestScore = s;
            best = o;
          }
        }
        choice[p] = best;
        if (best !== current) changed = true;
      }
      if (!changed) break;
    }
  };
  const refinedTheta = (choice: Int32Array, p: number, thetas: readonly number[]): number => {
    const b = choice[p];
    if (thetas.length < 2) return thetas[b];
    const lo = thetas[Math.max(0, b - 1)], hi = thetas[Math.min(thetas.length - 1, b + 1)];
    if (!(lo < hi)) return thetas[b];
    const scoreAt = thetaScorer(choice, p);
    return goldenSectionMinimum(scoreAt, lo, hi, REFINE_TOL);
  };
  return { choose, dataOf, fits: () => fits, refinedTheta };
}
