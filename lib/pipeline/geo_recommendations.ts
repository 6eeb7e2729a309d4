/**
 * What notebook 07 shows for the geo model (`geoRecommendations`): response curves, average and marginal
 * return, the same-budget reallocation behind the evidence gate, and what-if scenarios.
 *
 * @module
 */
import type { GeoTruth } from "../data/truth.ts";
import { type SignVerdict, signVerdict } from "../evaluate/verdicts.ts";
import { marginalRoi } from "../decompose/marginal_roi.ts";
import { ReplicateCurves } from "../decompose/model_replicates.ts";
import { type ResponseCurve, responseCurve } from "../decompose/response_curve.ts";
import { mediaModelFromGeoTruth } from "../decompose/truth_model.ts";
import { allocateBudget, type BudgetAllocation } from "../optimize/allocate_budget.ts";
import { scenario } from "../optimize/scenario.ts";
import type { GeoEstimateRow, GeoPipelineResult, GeoSentenceFormat } from "./geo_types.ts";
import { DEFAULT_FORMAT, listAnd, pct, plain, quote } from "./geo_words.ts";
import { curvesCaveat, marginalRankSentence } from "./geo_recommendation_words.ts";

/** Options of {@link geoRecommendations}. */
export interface GeoRecommendationOptions {
  /** Seed of the coefficient draws. */
  readonly seed: number;
  /** Coefficient draws when the pipeline ran without its bootstrap (default: the pipeline's). */
  readonly draws?: number;
  /** Each channel's spend may move between these multiples of its current spend (default 0.7 to 1.3). */
  readonly bounds?: { readonly min: number; readonly max: number };
  /** Ground truth (bundled data): the recommended move is evaluated under the true process. */
  readonly truth?: GeoTruth;
  /** How sentences write amounts and returns (default: three significant digits). */
  readonly format?: GeoSentenceFormat;
}

/** Average and marginal return of a channel. */
export interface GeoReturnRow {
  /** The modelled channel. */
  readonly channel: string;
  /** Its total spend over every row. */
  readonly spend: number;
  /** Average return: counterfactual contribution ÷ spend. */
  readonly roi: number;
  /** Lower end of the pipeline's 95% ROI interval (`GeoRoiRow.lower`). */
  readonly lower: number;
  /** Upper end of that interval. */
  readonly upper: number;
  /** Sign of the ROI by that interval. */
  readonly verdict: SignVerdict;
  /** Analytic marginal ROI: target per extra unit of spend at the current spend. */
  readonly marginalRoi: number;
  /** Interval of the marginal ROI (NaN without the bootstrap). */
  readonly marginalLower: number;
  /** Upper end of that interval (NaN without the bootstrap). */
  readonly marginalUpper: number;
  /** True ROI (bundled data, when known for the channel). */
  readonly trueRoi?: number;
}

/** One what-if scenario. */
export interface GeoScenarioRow {
  /** The scenario's name ("tv_spend +20%", "all media −10%"). */
  readonly scenario: string;
  /** New total spend minus current total spend. */
  readonly spendChange: number;
  /** Modelled change in the target over every row. */
  readonly change: number;
  /** Lower end of the change's 95% interval (bootstrap replicates, else coefficient draws). */
  readonly lower: number;
  /** Upper end of that interval. */
  readonly upper: number;
  /** Change in target per unit of spend change (NaN when spend does not change). */
  readonly perSpend: number;
  /** Sign of the change by its interval. */
  readonly verdict: SignVerdict;
}

/** Everything notebook 07 shows. */
export interface GeoRecommendations {
  /** Multiples of current spend each channel may move between. */
  readonly bounds: {
    /** Smallest multiple (default 0.7). */
    readonly min: number;
    /** Largest multiple (default 1.3). */
    readonly max: number;
  };
  /** Coefficient draws behind the intervals when the pipeline ran without its bootstrap. */
  readonly draws: number;
  /** Seed of those draws. */
  readonly seed: number;
  /** One response curve per channel, with its 95% band. */
  readonly curves: readonly ResponseCurve[];
  /** Average and marginal return per channel. */
  readonly returns: readonly GeoReturnRow[];
  /** The same-budget allocation within `bounds` that maximizes the modelled target. */
  readonly allocation: BudgetAllocation;
  /** That allocation as a scenario: its gain with an interval. */
  readonly reallocation: {
    /** Modelled change in the target from moving to the allocation. */
    readonly lift: number;
    /** Lower end of the gain's 95% interval. */
    readonly lower: number;
    /** Upper end of the gain's 95% interval. */
    readonly upper: number;
    /** Sign of the gain by its interval. */
    readonly verdict: SignVerdict;
    /** Spend multiplier per channel. */
    readonly multipliers: Readonly<Record<string, number>>;
  };
  /** Whether the reallocation is recommended, and the sentence that says so or why not. */
  readonly recommendation: {
    /** True when the gate passes, the contributions are plausible and the gain's interval lies above zero. */
    readonly shown: boolean;
    /** The recommended moves, or the reason when none is shown. */
    readonly sentence: string;
    /** Why the reallocation is withheld (the first failing condition); empty when it is shown. */
    readonly reason: string;
  };
  /** What-if rows: each channel ±20%, and all media −10%. */
  readonly scenarios: readonly GeoScenarioRow[];
  /** Tidy estimates rows: marginal ROI per channel, with the pipeline's interval. */
  readonly estimates: readonly GeoEstimateRow[];
  /** The proposal under the true process (bundled data, no merged channel); absent otherwise. */
  readonly truthCheck?: {
    /** True change in the target from the proposed multipliers. */
    readonly trueLift: number;
    /** True gain of the best allocation within the same bounds. */
    readonly bestPossibleLift: number;
    /** `trueLift / bestPossibleLift`. */
    readonly captured: number;
    /** What the check found, in words. */
    readonly sentence: string;
  };
  /** Computed statements for notebook 07's prose. */
  readonly sentences: {
    /** Out-of-sample fit and whether it passes the evidence gate. */
    readonly evidence: string;
    /** What the curves' bands include, and how far to trust the curves. */
    readonly curves: string;
    /** The same-budget reallocation's modelled gain and interval. */
    readonly reallocation: string;
    /** How many scenarios change the target distinguishably from zero. */
    readonly scenarios: string;
    /** Short closing points: strongest and weakest marginal return, payback, the reallocation. */
    readonly summary: readonly string[];
  };
}

/**
 * Fewest geos for a geo holdout test to be suggested: treated and control groups of at least five markets each,
 * the smallest split matched-market designs work with (Vaver & Koehler 2011, "Measuring ad effectiveness using
 * geo experiments", Google; their designs use tens of geos).
 */
export const MIN_GEOS_FOR_HOLDOUT = 10;

/**
 * What the geo model recommends: response curves (with bands), average and marginal returns, the same-budget
 * reallocation within `bounds` with its interval, whether it is recommended, and what-if scenarios.
 *
 * The reallocation is recommended only when all hold: the evidence gate passes (the model predicts out of
 * sample), no contribution is implausible (`contributionPlausibility`), and the gain's 95% interval lies above
 * zero. Otherwise the sentence gives the first reason that fails, and the allocation is not to be shown as
 * advice.
 *
 * @param geo the result of {@link geoPipeline}
 * @param options `seed`, draws, bounds (default 0.7–1.3 × current spend), truth, sentence formats
 * @example
 * const rec = geoRecommendations(geo, { seed: 7 });
 * rec.recommendation.shown ? rec.recommendation.sentence : rec.recommendation.reason;
 */
export function geoRecommendations(
  geo: GeoPipelineResult,
  options: GeoRecommendationOptions,
): GeoRecommendations {
  const f = options.format ?? DEFAULT_FORMAT;
  const seed = options.seed;
  const draws = options.draws ?? geo.draws;
  const bounds = options.bounds ?? { min: 0.7, max: 1.3 };
  const { mediaModel } = geo.model;
  const ds = geo.dataset;
  const channels = geo.identification.channels;
  const currency = geo.targetUnit === "currency";
  const target = geo.target;
  const uncertainty = { seed, draws };
  // With the pipeline's bootstrap every interval is over its replicate models (transforms re-chosen).
  const rc = geo.replicates ? new ReplicateCurves(geo.replicates, ds) : undefined;
  const withIntervals = rc ? { replicates: rc } : { uncertainty };

  const curves = channels.map((c) => responseCurve(mediaModel, ds, c, withIntervals));
  const mroi = marginalRoi(mediaModel, ds);
  const returns: GeoReturnRow[] = mroi.map((m) => {
    const r = geo.roi.find((x) => x.channel === m.channel)!;
    return {
      channel: m.channel,
      spend: m.spend,
      roi: m.roi,
      lower: r.lower,
      upper: r.upper,
      verdict: r.verdict,
      marginalRoi: m.marginalRoiAnalytic,
      marginalLower: r.marginalLower,
      marginalUpper: r.marginalUpper,
      ...(r.trueRoi !== undefined ? { trueRoi: r.trueRoi } : {}),
    };
  });

  const allocation = allocateBudget(mediaModel, ds, { defaultBounds: { ...bounds, units: "multiplier" } });
  const multipliers = Object.fromEntries(allocation.channels.map((c) => [c.channel, c.multiplier]));
  const moved = scenario(mediaModel, ds, multipliers, withIntervals);
  const lower = moved.changeDraws!.lower, upper = moved.changeDraws!.upper;
  const verdict = signVerdict(lower, upper);
  // the gain and its interval on one scale ("$0.43M to $2.95M", not "$430,205 to $2.95M")
  const g = f.amounts ? f.amounts([moved.change, allocation.lift, lower, upper]) : f.amount;
  const interval = `95% interval ${g(lower)} to ${g(upper)}`;
  const reason = !geo.gate.passed
    ? geo.gate.reason
    : geo.plausibility.verdict !== "plausible"
    ? `Recommendations are withheld because the model's contributions are implausible. ${geo.plausibility.sentence}`
    : verdict !== "positive"
    ? `No reallocation is recommended: the modelled gain, ${g(moved.change)} (${interval}), is ` +
      `${verdict === "negative" ? "negative" : "not distinguishable from zero"}.`
    : "";
  const shown = reason === "";
  const increases = allocation.channels.filter((c) => c.multiplier > 1.001)
    .map((c) => `increase ${quote(c.channel)} by ${pct(c.multiplier - 1)}`);
  const decreases = allocation.channels.filter((c) => c.multiplier < 0.999)
    .map((c) => `reduce ${quote(c.channel)} by ${pct(1 - c.multiplier)}`);
  const moves = [...increases, ...decreases];
  const recommendationSentence = shown
    ? moves.length > 0
      ? `Recommendation: ${moves.join("; ")}, then measure (${
        geo.geos >= MIN_GEOS_FOR_HOLDOUT
          ? "a geo holdout test would confirm the largest move"
          : `a lift test on the largest move: with ${geo.geos} geos a geo holdout has too few markets to compare`
      }).`
      : "Recommendation: keep the current split; no move within the bounds improves the modelled outcome."
    : reason;

  const scenarios: Record<string, Record<string, number>> = {
    ...Object.fromEntries(channels.map((c) => [`${c} +20%`, { [c]: 1.2 }])),
    ...Object.fromEntries(channels.map((c) => [`${c} −20%`, { [c]: 0.8 }])),
    "all media −10%": Object.fromEntries(channels.map((c) => [c, 0.9])),
  };
  const scenarioRows: GeoScenarioRow[] = Object.entries(scenarios).map(([name, change]) => {
    const s = scenario(mediaModel, ds, change, withIntervals);
    const spendChange = s.newSpend - s.currentSpend;
    const lo = s.changeDraws!.lower, hi = s.changeDraws!.upper;
    return {
      scenario: name,
      spendChange,
      change: s.change,
      lower: lo,
      upper: hi,
      perSpend: spendChange !== 0 ? s.change / spendChange : NaN,
      verdict: signVerdict(lo, hi),
    };
  });

  let truthCheck: GeoRecommendations["truthCheck"];
  if (options.truth && geo.identification.merged.length === 0) {
    const trueModel = mediaModelFromGeoTruth(options.truth, channels);
    const trueLift = scenario(trueModel, ds, multipliers).change;
    const best = allocateBudget(trueModel, ds, { defaultBounds: { ...bounds, units: "multiplier" } });
    const captured = trueLift / best.lift;
    const inside = lower <= trueLift && trueLift <= upper;
    truthCheck = {
      trueLift,
      bestPossibleLift: best.lift,
      captured,
      sentence:
        `Under the true process the reallocation the model proposes adds ${f.amount(trueLift)} (the model ` +
        `predicted ${
          f.amount(allocation.lift)
        }). The best reallocation within the same bounds, computed with the ` +
        `true parameters, adds ${f.amount(best.lift)}: the proposal captures ${pct(captured)} of it. ` +
        (inside
          ? "The true gain lies inside the model's 95% interval."
          : `The true gain lies outside the model's 95% interval (${g(lower)} to ${g(upper)}): the ` +
            `size of the gain is ${trueLift < lower ? "overstated" : "understated"}${
              rc
                ? ", although the interval includes the uncertainty of the chosen transforms: a miss at " +
                  "95% happens one time in twenty, and more often when the true curves are not in the model's family."
                : ", as expected from intervals that ignore the uncertainty in the chosen transforms."
            }`),
    };
  }

  const cv = geo.crossValidation;
  const caveat = curvesCaveat(geo.gate, geo.plausibility);
  const notForDecisions = caveat === "implausible"
    ? "The model's contributions are implausible"
    : "The model does not pass the evidence gate";
  const evidence =
    `The model explains ${plain(cv.mean.withinR2)} (sd ${plain(cv.sd.withinR2)}) of each geo's ` +
    `week-to-week variation out of sample (in sample ${plain(geo.model.fit.stats.withinRsquared)}). ` +
    (caveat === null
      ? "That passes the evidence gate below, so its response curves may inform budget decisions within the spend ranges the data cover."
      : caveat === "implausible"
      ? "That passes the evidence gate below, but the model's contributions are implausible (notebook 05), so " +
        "recommendations are withheld and the curves are shown for illustration only."
      : "That does not pass the evidence gate below: recommendations are withheld, and the curves are shown for illustration only.");
  const bandWords = rc
    ? `Bands are 95% intervals over the ${
      geo.replicates!.replicates
    } bootstrap replicates, each with its own ` +
      `re-chosen carryover and saturation, so they include the uncertainty of the curve's shape`
    : "Bands are 95% intervals from the coefficient uncertainty with carryover and saturation held at their " +
      "chosen values (too narrow by the uncertainty of that choice)";
  const curvesSentence = caveat === null
    ? `${bandWords}; far from today's spend the curve is an extrapolation.`
    : `${bandWords}. ${notForDecisions}, so these curves illustrate the fitted model only; they are not a basis for budget decisions.`;
  const reallocationSentence =
    `Moving the same ${(f.spend ?? plain)(allocation.total)} of spend between channels is ` +
    `modelled to change ${target} by ${g(allocation.lift)} (${interval}; ${
      rc
        ? `over the ${
          geo.replicates!.replicates
        } bootstrap replicates, carryover and saturation re-chosen in each`
        : "the interval holds carryover and saturation at their chosen values, so it understates the uncertainty"
    }).`;
  const distinguishable = scenarioRows.filter((r) => r.verdict !== "not distinguishable from zero").length;
  const scenariosSentence = `${distinguishable} of ${scenarioRows.length} scenarios change ${target} by an ` +
    `amount distinguishable from zero at 95%; a change whose interval spans zero is not distinguishable from no change.` +
    (caveat === null
      ? ""
      : ` ${notForDecisions}, so read these as properties of the fitted model, not forecasts.`);
  const byMarginal = [...returns].filter((r) => Number.isFinite(r.marginalRoi)).sort((a, b) =>
    b.marginalRoi - a.marginalRoi
  );
  const summary: string[] = [];
  if (byMarginal.length > 0) {
    summary.push(marginalRankSentence(byMarginal, quote, f.ratio));
  }
  if (currency) {
    const under = returns.filter((r) => r.marginalRoi < 1).map((r) => quote(r.channel));
    summary.push(
      under.length > 0
        ? `At the point estimates the next unit of spend does not pay back (marginal ROI below 1) for ${
          listAnd(under)
        }.`
        : "At the point estimates every channel's next unit of spend pays back (marginal ROI of at least 1).",
    );
  } else {
    summary.push(
      `The target is counted in units, so whether a channel's next unit of spend pays back depends on the value of a unit of ${target}.`,
    );
  }
  summary.push(
    shown
      ? `Reallocation: recommended, worth ${g(allocation.lift)} (${interval}) at the same budget.`
      : `Reallocation: not recommended. ${reason}`,
  );
  return {
    bounds,
    draws,
    seed,
    curves,
    returns,
    allocation,
    reallocation: { lift: moved.change, lower, upper, verdict, multipliers },
    recommendation: { shown, sentence: recommendationSentence, reason },
    scenarios: scenarioRows,
    estimates: geo.estimates.filter((r) => r.quantity === "marginal_roi"),
    ...(truthCheck ? { truthCheck } : {}),
    sentences: {
      evidence,
      curves: curvesSentence,
      reallocation: reallocationSentence,
      scenarios: scenariosSentence,
      summary,
    },
  };
}
