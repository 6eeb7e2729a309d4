/**
 * The geo transform search's options, its option and result types, and its default grids of carryover θ and
 * log1p scale (`geo_transforms.ts` re-exports every name).
 *
 * @module
 */
import type { Fold } from "./time_series_split.ts";

/** Seasonality terms of the geo model. */
export type GeoSeasonality = "month_dummies" | "fourier" | "none";

/** Grids and folds of the geo transform search. */
export interface GeoSearchOptions {
  /** Carryover candidates in [0, 1) (default `DEFAULT_GEO_THETA_GRID`). */
  readonly thetaGrid?: readonly number[];
  /** log1p scale candidates as multiples of each channel's mean spend (default `DEFAULT_SCALE_MULTIPLES`). */
  readonly scaleMultiples?: readonly number[];
  /** Also try `s = 1` spend unit, the log1p of the raw adstock (default true). */
  readonly rawScale?: boolean;
  /** Folds asked of `panelTimeSeriesSplit` (`nSplits`, default 5), before short-training folds are dropped. */
  readonly folds?: number;
  /**
   * Folds whose training set has fewer periods are dropped (default 52: a full year, so that every month dummy
   * is estimated in every fold).
   */
  readonly minTrainSize?: number;
  /** Periods per test fold (default `floor(periods / (folds + 1))`, scikit-learn's). */
  readonly testSize?: number;
  /** Seasonality terms among the fixed columns (default `"month_dummies"`). */
  readonly seasonality?: GeoSeasonality;
  /**
   * Control columns among the fixed columns (default: the roles' controls, then population). Pass the columns
   * the design can identify (e.g. without a population that is constant within every geo).
   */
  readonly controls?: readonly string[];
  /** Most full passes of the coordinate search (default 6). */
  readonly maxPasses?: number;
  /** Weeks per block of the week-block bootstrap cells (default {@link geoBlockWeeks}). */
  readonly blockWeeks?: number;
}

/** One (θ, s) option of a channel. */
export interface GeoTransformOption {
  /** Geometric carryover θ in [0, 1), applied within each geo. */
  readonly theta: number;
  /** log1p scale in spend units. */
  readonly scale: number;
  /** `scale / mean spend`. */
  readonly scaleMultiple: number;
  /** True for `s = 1` spend unit (log1p of the raw adstock). */
  readonly raw: boolean;
}

/** The CV score of every option of a channel, the other channels at their final choice. */
export interface GeoTransformProfile {
  /** The channel's (θ, s) options, θ-major, scales ascending within each θ. */
  readonly options: readonly GeoTransformOption[];
  /** Mean test RMSE per option (NaN where a fold's fit was singular). */
  readonly rmse: Float64Array;
}

/** Result of {@link searchGeoTransforms}. */
export interface GeoTransforms {
  /** The options as used, defaults filled in (`testSize` absent for scikit-learn's default test size). */
  readonly options: {
    readonly thetaGrid: readonly number[];
    readonly scaleMultiples: readonly number[];
    readonly rawScale: boolean;
    readonly folds: number;
    readonly minTrainSize: number;
    readonly testSize?: number;
    readonly seasonality: GeoSeasonality;
    readonly controls: readonly string[];
    readonly maxPasses: number;
    readonly blockWeeks: number;
  };
  /** The folds used (row indices). */
  readonly folds: readonly Fold[];
  /** Folds kept (those training on at least `minTrainSize` weeks). */
  readonly nFolds: number;
  /** Chosen θ and log1p scale (spend units) per media column. */
  readonly chosen: Readonly<
    Record<string, { theta: number; scale: number; scaleMultiple: number; raw: boolean }>
  >;
  /** Mean spend per row of each media column over the whole panel, in spend units (the scales' unit). */
  readonly meanSpend: Readonly<Record<string, number>>;
  /**
   * Mean test RMSE of the chosen transforms, in the outcome's units (the mean within-geo test R² of the
   * chosen transforms is `crossValidatePanel`'s; here the score only).
   */
  readonly rmse: number;
  /** Fold-to-fold standard error of `rmse`, sd / √folds; NaN with a single fold. */
  readonly rmseSe: number;
  /** Full passes of the coordinate search over the channels. */
  readonly passes: number;
  /** True when the last pass changed no channel's choice (a coordinate-wise optimum); false at `maxPasses`. */
  readonly converged: boolean;
  /** Candidates scored. */
  readonly evaluated: number;
  /** Per channel: every (θ, s) option's score with the other channels at their choice. */
  readonly profiles: Readonly<Record<string, GeoTransformProfile>>;
  /** Per channel: the range of θ whose best score (over s) is within one standard error of the best. */
  readonly thetaWithinOneSe: Readonly<Record<string, { readonly min: number; readonly max: number }>>;
  /** Wall-clock seconds (for logs; keep it out of notebook output, which must not differ between runs). */
  readonly seconds: number;
}

/** Carryover candidates of the geo search. */
export const DEFAULT_GEO_THETA_GRID: readonly number[] = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
/**
 * log1p scale candidates, multiples of mean spend: half-decade steps from 10⁻⁴ to 0.03 (where the curve is
 * close to a pure log and the scale matters little), then steps of √2 from 0.1 to 4.5 (where the curvature over
 * the observed spend changes most).
 */
export const DEFAULT_SCALE_MULTIPLES: readonly number[] = [
  1e-4,
  3e-4,
  1e-3,
  3e-3,
  0.01,
  0.03,
  0.1,
  0.14,
  0.2,
  0.28,
  0.4,
  0.57,
  0.8,
  1.13,
  1.6,
  2.26,
  3.2,
  4.5,
];
