/**
 * Notebook 06's diagnostics of both fitted models, computed once: residual tests (national, and geo pooled
 * plus Ljung–Box within each geo), collinearity (national design, geo design within geos), a holdout of the
 * last weeks (transforms held; geo also re-chosen on the training weeks) and expanding-window stability; and
 * the model-health scorecard built from them ({@link healthScorecard}). Every diagnostics section reads them.
 *
 * The national residual tests use 8 lags (two months of weekly data); the geo tests 4 lags within each geo
 * (its panel is shorter per series). The remedies named in each test's meaning are those the fits use: HAC
 * errors and the block bootstrap nationally; the panel's covariance type (clustered by geo or Driscoll–Kraay)
 * for the geo model.
 *
 * @module
 */

import { channelLabel, stageTermLabel } from "../data/labels.ts";
import type { Dataset } from "../data/types.ts";
import { conditionNumber, vif } from "../evaluate/collinearity.ts";
import { type CollinearityVerdict, collinearityVerdict } from "../evaluate/collinearity_verdict.ts";
import { groupLjungBox, residualTests } from "../evaluate/diagnostic_report.ts";
import {
  type CarryoverSensitivity,
  mediationCarryoverSensitivity,
  panelCarryoverSensitivity,
} from "../evaluate/carryover_sensitivity.ts";
import { isHoldoutResult, linearHoldout, mediationHoldout, panelHoldout } from "../evaluate/holdout.ts";
import { pText } from "../evaluate/evidence_gate.ts";
import {
  autocorrelationCheck,
  collinearityCheck,
  gateCheck,
  holdoutCheck,
  holdoutRefusedCheck,
  plausibilityCheck,
  type ScorecardRow,
  scorecardRows,
  signCheck,
  stabilityCheck,
} from "../evaluate/scorecard.ts";
import {
  linearRollingCoefficients,
  mediationRollingCoefficients,
  panelRollingCoefficients,
} from "../evaluate/rolling_stability.ts";
import { type RejectionShareVerdict, rejectionShareVerdict } from "../evaluate/verdicts.ts";
import { withIntercept } from "../features/design.ts";
import { withinTransform } from "../models/fixed_effects.ts";
import { groupCodes } from "../models/group_codes.ts";
import type { GeoPipelineResult } from "./geo_types.ts";
import type { NationalResults } from "./national_types.ts";
import { geoHoldoutRechosen } from "./geo_holdout.ts";
import { geoNormalityRemedy } from "./diagnostics_remedies.ts";
export { geoNormalityRemedy } from "./diagnostics_remedies.ts";

/** Lags of the national residual tests (weeks). */
export const NATIONAL_TEST_LAGS = 8;
/** Lags of the geo residual tests, within each geo (weeks). */
export const GEO_TEST_LAGS = 4;

/** Options of {@link diagnostics}. */
export interface DiagnosticsOptions {
  /** Level of every test (default 0.05). */
  readonly level?: number;
  /** HAC lags of the national fit (notebook 04's), for the remedy sentence and the stability refits. */
  readonly hacLags: number;
  /** Time-series folds of the geo transform search on the holdout's training weeks (notebook 05's). */
  readonly geoFolds: number;
  /** Formats VIFs and condition numbers in sentences (default one decimal). */
  readonly format?: (x: number) => string;
  /** Formats ROIs in the carryover sensitivity's sentences (default two decimals). */
  readonly roiFormat?: (x: number) => string;
}

/** {@link diagnostics}' result: every quantity notebook 06 shows, named as its cells use them. */
export interface Diagnostics {
  /** National residual tests (empty without a national outcome model). */
  readonly nationalTests: ReturnType<typeof residualTests>;
  /** Geo pooled residual tests, without Ljung–Box and Durbin–Watson (pooled over geos they mean nothing). */
  readonly geoTests: ReturnType<typeof residualTests>;
  /** Ljung–Box within each geo. */
  readonly perGeo: ReturnType<typeof groupLjungBox>;
  /** Whether more geos reject than chance gives. */
  readonly perGeoVerdict: RejectionShareVerdict;
  /** Geo VIFs of the modelled terms (channels and controls), within geos, largest first. */
  readonly geoVifRows: readonly { readonly regressor: string; readonly vif: number }[];
  /** Condition number of the standardized within-geo design. */
  readonly geoCond: number;
  /** The geo collinearity verdict. */
  readonly geoCollinearity: CollinearityVerdict;
  /** National VIFs (largest first), condition number and verdict; null without a national outcome model. */
  readonly nationalCollinearity: {
    readonly rows: readonly { readonly name: string; readonly vif: number }[];
    readonly cond: number;
    readonly verdict: CollinearityVerdict;
  } | null;
  /** National holdout of the last weeks, transforms held (null without a national model). */
  readonly nationalHoldout: ReturnType<typeof mediationHoldout> | ReturnType<typeof linearHoldout> | null;
  /** Geo holdout, transforms held. */
  readonly geoHoldout: ReturnType<typeof panelHoldout>;
  /** Geo holdout with carryover and saturation re-chosen on the training weeks. */
  readonly geoRechosen: ReturnType<typeof geoHoldoutRechosen>;
  /** National expanding-window stability (null without a national model). */
  readonly nationalStability:
    | ReturnType<typeof mediationRollingCoefficients>
    | ReturnType<typeof linearRollingCoefficients>
    | null;
  /** Geo expanding-window stability. */
  readonly geoStability: ReturnType<typeof panelRollingCoefficients>;
  /**
   * ROI against each channel's carryover θ ({@link carryoverSensitivities}): nationally for the two-stage
   * model's social channels and mediator (empty for the single-stage model), on the panel for every channel.
   */
  readonly carryoverSensitivity: {
    readonly national: readonly CarryoverSensitivity[];
    readonly geo: readonly CarryoverSensitivity[];
  };
}

/**
 * Every diagnostic of notebook 06 for the national and geo pipeline results (see the module doc).
 *
 * @param national `nationalPipeline`'s result
 * @param weekly the national dataset it was fitted on
 * @param geo `geoPipeline`'s result
 * @param options level, HAC lags, geo folds, number format
 * @example
 * ```ts ignore
 * const d = diagnostics(national, weekly, geo, { hacLags: 4, geoFolds: 5 });
 * d.perGeoVerdict.sentence; d.geoCollinearity.sentence;
 * ```
 */
export function diagnostics(
  national: NationalResults,
  weekly: Dataset,
  geo: GeoPipelineResult,
  options: DiagnosticsOptions,
): Diagnostics {
  const level = options.level ?? 0.05;
  const format = options.format ?? ((x: number) => x.toFixed(1));
  const outcome = national.outcome;
  const nationalTests = outcome
    ? residualTests(outcome.ols.residuals, outcome.design, {
      lags: NATIONAL_TEST_LAGS,
      level,
      autocorrelationRemedy: `the reported OLS errors are HAC (Newey–West, ${options.hacLags} lags)${
        outcome.bootstrap
          ? ` and the effect intervals come from a block bootstrap (blocks of ` +
            `${outcome.bootstrap.blockLength} ` +
            "weeks)"
          : ""
      }`,
      heteroskedasticityRemedy: `HAC errors are also heteroskedasticity-robust${
        outcome.bootstrap ? ", and the bootstrap does not assume constant variance" : ""
      }`,
      normalityRemedy: outcome.bootstrap
        ? "the effect intervals come from a bootstrap, which does not assume normal errors"
        : `with ${outcome.rows.length} weeks and no bootstrap, the t-based intervals are approximate`,
    })
    : [];
  const geoFit = geo.model.fit;
  const geoRows = geo.dataset;
  const geoTests = residualTests(geoFit.residuals, withIntercept(geo.model.design), {
    lags: GEO_TEST_LAGS,
    white: false,
    level,
    autocorrelationRemedy: geo.inference.sentence,
    heteroskedasticityRemedy: `the reported ${
      geo.inference.covType === "cluster"
        ? "geo-clustered"
        : geo.inference.covType === "driscoll-kraay"
        ? "Driscoll–Kraay"
        : geo.inference.covType
    } errors also allow unequal variances`,
    normalityRemedy: geoNormalityRemedy(geo.inference, geo.geos, geo.weeks),
  }).filter((r) => !r.test.startsWith("Ljung") && !r.test.startsWith("Durbin"));
  const perGeo = groupLjungBox(geoFit.residuals, geoRows.geos!, GEO_TEST_LAGS);
  const perGeoVerdict = rejectionShareVerdict(
    Math.round(perGeo.shareRejected * perGeo.groups.length),
    perGeo.groups.length,
    level,
    "no autocorrelation",
  );
  const { codes: geoCodes, levels: geoLevels } = groupCodes(geoRows.geos!, geoRows.n);
  const within = withinTransform(
    geo.model.design.x,
    geoRows.columns[geo.target],
    geoRows.n,
    geo.model.design.k,
    geoCodes,
    geoLevels.length,
  );
  const geoVif = vif({ names: geo.model.design.names, n: geoRows.n, k: geo.model.design.k, x: within.x });
  const modelledTerms = new Set([...geo.identification.channels, ...geo.identification.controls]);
  const geoVifRows = geoVif.names.map((name, i) => ({ regressor: name, vif: geoVif.vif[i] }))
    .filter((r) => modelledTerms.has(r.regressor))
    .sort((a, b) => b.vif - a.vif);
  const geoCond = conditionNumber({
    names: geo.model.design.names,
    n: geoRows.n,
    k: geo.model.design.k,
    x: within.x,
  }, { scale: "standardize" });
  const geoCollinearity = collinearityVerdict(
    geoVifRows.map((r) => ({ name: r.regressor, vif: r.vif })),
    geoCond,
    format,
    (name) => channelLabel(name),
  );
  const nationalCollinearity = outcome
    ? (() => {
      const v = vif(outcome.design);
      const cond = conditionNumber(outcome.design, { scale: "standardize" });
      const rows = v.names.map((name, i) => ({ name, vif: v.vif[i] })).sort((a, b) => b.vif - a.vif);
      return { rows, cond, verdict: collinearityVerdict(rows, cond, format, (n) => channelLabel(n)) };
    })()
    : null;
  const nationalY = weekly.columns[weekly.roles.target];
  const geoY = geoRows.columns[geo.target];
  const two = national.twoStage;
  // holdout: the last weeks, transforms held at the full-sample choice, coefficients refitted
  const nationalHoldout = two
    ? mediationHoldout(two.inputs)
    : outcome
    ? linearHoldout(outcome.design, nationalY, outcome.rows, national.weeks)
    : null;
  const geoHoldout = panelHoldout(geo.model.design, geoY, geoRows.geos!, geoRows.dates);
  // the geo holdout again with carryover and saturation re-chosen on the training weeks (one transform search)
  const geoRechosen = geoHoldoutRechosen(geo, options.geoFolds);
  // stability: expanding windows, same transforms and covariance type as the full fit
  const nationalMedia = outcome
    ? outcome.contributions.map((c) => c.channel).filter((c) => outcome.design.names.includes(c))
    : [];
  const nationalStability = two
    ? mediationRollingCoefficients(two.inputs, options.hacLags)
    : outcome
    ? linearRollingCoefficients(outcome.design, nationalY, outcome.rows, nationalMedia, options.hacLags)
    : null;
  const geoStability = panelRollingCoefficients(
    geo.model.design,
    geoY,
    geoRows.geos!,
    geoRows.dates,
    geo.identification.channels,
    {
      covType: geo.inference.covType,
      ...(geo.inference.maxLags !== undefined ? { maxLags: geo.inference.maxLags } : {}),
    },
  );
  return {
    nationalTests,
    geoTests,
    perGeo,
    perGeoVerdict,
    geoVifRows,
    geoCond,
    geoCollinearity,
    nationalCollinearity,
    nationalHoldout,
    geoHoldout,
    geoRechosen,
    nationalStability,
    geoStability,
    carryoverSensitivity: carryoverSensitivities(national, geo, options.roiFormat),
  };
}

/**
 * ROI against the carryover θ of each channel, every other choice held: nationally (two-stage model) each
 * social channel over its stage-1 search grid and the mediator over stage 2's, with the θ range the search's
 * CV cannot tell apart from the choice (its one-standard-error range; none when the choice was in sample); on
 * the panel each channel over the search's θ grid, with its one-standard-error range. The single-stage
 * national model gets none (its carryover profile is in notebook 04).
 *
 * @param national `nationalPipeline`'s result
 * @param geo `geoPipeline`'s result
 * @param format ROIs in the sentences (default two decimals)
 * @example
 * ```ts ignore
 * carryoverSensitivities(national, geo).geo.map((s) => s.swing?.relative);
 * ```
 */
export function carryoverSensitivities(
  national: NationalResults,
  geo: GeoPipelineResult,
  format: (x: number) => string = (x) => x.toFixed(2),
): { national: CarryoverSensitivity[]; geo: CarryoverSensitivity[] } {
  const two = national.twoStage;
  const nationalRows = two
    ? [...two.inputs.spec.social.map((s) => s.column), two.inputs.spec.mediator.column].map((c) => {
      const stage = c === two.inputs.spec.mediator.column ? "2" : "1";
      const grid = national.profiles.find((p) => p.stage === stage)?.curves.find((k) => k.channel === c)
        ?.theta;
      const row = national.carryover.find((r) => r.channel === c && r.stage === stage);
      const plausible = row && Number.isFinite(row.thetaMin)
        ? { min: row.thetaMin, max: row.thetaMax }
        : null;
      const chosen = two.inputs.spec.social.find((s) => s.column === c)?.theta ??
        two.inputs.spec.mediator.theta;
      return mediationCarryoverSensitivity(two.inputs, c, grid ?? [chosen], plausible, format);
    })
    : [];
  const ds = geo.dataset;
  const y = ds.columns[geo.target];
  const t = geo.transforms;
  const geoRows = geo.identification.channels.map((c) =>
    panelCarryoverSensitivity(
      geo.model.design,
      y,
      ds.geos!,
      c,
      ds.columns[c],
      t.chosen[c].scale,
      t.chosen[c].theta,
      t.options.thetaGrid,
      t.thetaWithinOneSe[c] ?? null,
      format,
    )
  );
  return { national: nationalRows, geo: geoRows };
}

/**
 * The model-health scorecard of both models from their diagnostics: per model the evidence gate, the holdout
 * against its naive benchmark (nationally with the transforms held, on the panel re-chosen on the training
 * weeks), residual autocorrelation (nationally Ljung–Box at {@link NATIONAL_TEST_LAGS} lags; within geos the
 * share of geos rejecting against chance), collinearity, coefficient stability, signs and plausibility.
 *
 * @param national `nationalPipeline`'s result
 * @param geo `geoPipeline`'s result
 * @param d their {@link diagnostics}
 * @example
 * ```ts ignore
 * healthScorecard(national, geo, diagnostics(national, weekly, geo, { hacLags: 4, geoFolds: 5 }));
 * ```
 */
export function healthScorecard(
  national: NationalResults,
  geo: GeoPipelineResult,
  d: Diagnostics,
): ScorecardRow[] {
  const outcome = national.outcome;
  const label = (c: string) => channelLabel(c);
  const nationalSkip = (section: string) =>
    national.skipped.find((s) => s.section === section)?.reason ??
      "not cross-validated, so it has no out-of-sample evidence.";
  const nh = d.nationalHoldout;
  const lb = d.nationalTests.find((r) => r.test.startsWith("Ljung"));
  const nationalChecks = outcome
    ? [
      gateCheck(outcome.crossValidation?.gate ?? null, nationalSkip("cross-validation")),
      nh && isHoldoutResult(nh)
        ? holdoutCheck(
          nh.scores.rmseRatio,
          nh.plan.testWeeks,
          nh.benchmark.kind,
          nh.scores.percentError,
          nh.scores.percentMetric,
          { transforms: "held" },
        )
        : holdoutRefusedCheck(nh?.reason ?? "No national model."),
      autocorrelationCheck(
        lb?.rejected ?? false,
        true,
        lb ? `Ljung-Box (lag ${NATIONAL_TEST_LAGS}): ${pText(lb.pValue)}; ${lb.meaning}` : "Not tested.",
      ),
      collinearityCheck(d.nationalCollinearity!.verdict),
      stabilityCheck(d.nationalStability?.verdicts ?? [], stageTermLabel),
      signCheck(outcome.contributions, label),
      plausibilityCheck(outcome.plausibility),
    ]
    : [];
  const gr = d.geoRechosen;
  const geoChecks = [
    gateCheck(geo.gate, ""),
    "holdout" in gr
      ? holdoutCheck(
        gr.holdout.scores.rmseRatio,
        gr.holdout.plan.testWeeks,
        gr.holdout.benchmark.kind,
        gr.holdout.scores.percentError,
        gr.holdout.scores.percentMetric,
        { transforms: "re-chosen" },
      )
      : holdoutRefusedCheck(gr.reason!),
    autocorrelationCheck(
      d.perGeoVerdict.moreThanChance,
      true,
      `Ljung-Box within geos: ${d.perGeoVerdict.sentence}`,
    ),
    collinearityCheck(d.geoCollinearity),
    stabilityCheck(d.geoStability.verdicts, label),
    signCheck(geo.roi, label),
    plausibilityCheck(geo.plausibility),
  ];
  return [
    ...scorecardRows(`national ${national.model ?? ""}`.trim(), nationalChecks),
    ...scorecardRows("geo panel", geoChecks),
  ];
}
