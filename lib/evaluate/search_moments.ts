/**
 * Private engine of `searchTransforms`: every fold's normal equations from one set of row-block moments, updated
 * one column at a time, and an allocation-free ridge solve + test scoring per fold.
 *
 * Row blocks ("classes"). Rows are grouped by which folds they train: with `TimeSeriesSplit` the training sets
 * are prefixes (or windows) of the row order, so the rows between consecutive fold boundaries form one class and
 * there are at most `2 · folds + 1` of them. Per class we keep the count, the means and the *centered*
 * cross-product matrix `C_q = Σ_{i∈q} (a_i − ā_q)(a_i − ā_q)'` of `a = (features…, y)`. A fold's training moments
 * are then combined exactly (Chan, Golub & LeVeque 1979, "Updating formulae and a pairwise algorithm for
 * computing sample variances"):
 *
 *     n_f = Σ n_q,   ā_f = Σ n_q ā_q / n_f,   C_f = Σ_q [ C_q + n_q (ā_q − ā_f)(ā_q − ā_f)' ]
 *
 * Centering inside each class avoids the cancellation of raw sums (`Σx² − n x̄²`), so a control with a large
 * mean and a small spread (a year, a price, a population) keeps its precision. When one channel's transform
 * changes, only that channel's row of each `C_q` and `C_f` is recomputed: its moments with the controls and y are
 * precomputed per transform option, and only its cross-products with the other channels need a pass over rows.
 *
 * **Fixed effects (within transformation).** With group codes (`rowClasses(n, folds, groups)`), classes are
 * also split by group, and a fold's moments are combined per group and then summed *without* the
 * between-group term:
 *
 *     ā_fg = Σ_{q∈(f,g)} n_q ā_q / n_fg,   W_f = Σ_g Σ_{q∈(f,g)} [ C_q + n_q (ā_q − ā_fg)(ā_q − ā_fg)' ]
 *
 * `W_f` is the cross-product matrix of the columns demeaned within each group on the fold's training rows,
 * so least squares on it gives exactly the slopes of the regression with a dummy per group (Frisch–Waugh–
 * Lovell), and a test row of group g is predicted as `ȳ_fg + (x − x̄_fg)' b`, the dummy fit's prediction. The
 * test error needs no pass over test rows: classes are also split by test membership, and the test rows'
 * cross-products about the *training* group means, `T_f = Σ_{q∈test(f)} [C_q + n_q (ā_q − ā_fg)(ā_q − ā_fg)']`,
 * give `SSE_f = v' T_f v` with `v = (−b, 1)`. The cost per candidate is the one pass over rows that
 * recomputes the changed channel's cross-products, plus work in the number of classes (rows are never
 * revisited per fold); carrying G − 1 dummy columns instead costs O(G²) per candidate for the moments and
 * O(G³) for the solve. (Scoring from moments costs precision only for near-exact fits: an exact fit scores an
 * RMSE of order √ε times the spread of y within groups, not 0.) A column constant within every group on the fold's training rows (a
 * group-level variable, or a month not seen yet) is absorbed by the effects and gets coefficient 0.
 *
 * Per fold the model is scikit-learn's `make_pipeline(StandardScaler(), Ridge(alpha))` fitted on the training
 * rows: `z_j = (x_j − x̄_j) / s_j` with the training mean and population standard deviation (ddof = 0), y
 * centered on its training mean, and `(Z'Z + α I) β = Z'(y − ȳ)` solved by Cholesky. Without standardization
 * `s_j = 1`; without an intercept y is not centered (and x only when standardizing), exactly as the pipeline.
 * A feature that is zero on the training rows after that centering (constant, or all zeros when not centered;
 * detected exactly, min = max) gets coefficient 0, which is what scikit-learn gives (`StandardScaler` sets its
 * scale to 1, and both `Ridge` and `LinearRegression`'s minimum-norm least squares put 0 on a zero column).
 *
 * Files: `search_classes.ts` (row classes, column statistics), `search_fold_moments.ts` (`FoldMoments`),
 * `search_solve.ts` (`scoreAlphas`); this module re-exports them.
 *
 * @module
 */

export {
  type ColumnStats,
  columnStats,
  dot,
  type RowClasses,
  rowClasses,
  type RowGroups,
} from "./search_classes.ts";
export { FoldMoments, type SolverSetup } from "./search_fold_moments.ts";
export { scoreAlphas, SolverWork } from "./search_solve.ts";
