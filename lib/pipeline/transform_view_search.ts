/**
 * Notebook 02's view of the national transform search: the grids and effort in one paragraph, the anomalous
 * weeks and the CV profiles' charts, each from `nationalPipeline`'s result (the evidence table and verdicts are
 * in transform_view_evidence.ts). transform_view.ts re-exports it.
 *
 * @module
 */
import { channelLabel } from "../data/labels.ts";
import type { ResolvedWeeklySearchOptions, StageSearch } from "../evaluate/weekly_transforms_types.ts";
import { num } from "../data/format.ts";
import type { NationalResults, NationalSearchEvidence, NationalSearchProfile } from "./national_types.ts";

/** How the transform candidates were scored. */
export type SearchSelection = "cross-validation" | "in-sample";

/**
 * A searched stage as prose names it: "stage 1", "stage 2", or "the model" (the single-stage model).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose([searchStageName("1"), searchStageName("single")], ["stage 1", "the model"]);
 * ```
 */
export function searchStageName(stage: NationalSearchEvidence["stage"]): string {
  return stage === "1" ? "stage 1" : stage === "2" ? "stage 2" : "the model";
}

/** `text` with its first letter upper-cased. */
/** The text with its first letter in upper case. */
export function capitalized(text: string): string {
  return `${text[0].toUpperCase()}${text.slice(1)}`;
}

/** A searched stage's effort, as notebook 02 publishes it (`results.search`). */
export interface SearchEffortRow {
  /** Which search: stage 1 or 2 of the two-stage model, or the single-stage model. */
  readonly stage: NationalSearchEvidence["stage"];
  /** Candidates scored. */
  readonly candidates: number;
  /** Candidates that could not be scored. */
  readonly failed: number;
  /** Time-series folds the candidates were scored on. */
  readonly folds: number;
}

/**
 * Each searched stage's candidates, failures and folds, for the results JSON.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const e = { stage: "1" as const, candidates: 30, failed: 0, folds: 4, cvR2: 0.5 };
 * assertClose(searchEffortRows([e]), [{ stage: "1", candidates: 30, failed: 0, folds: 4 }]);
 * ```
 */
export function searchEffortRows(
  evidence: readonly Pick<NationalSearchEvidence, "stage" | "candidates" | "failed" | "folds">[],
): SearchEffortRow[] {
  return evidence.map((e) => ({
    stage: e.stage,
    candidates: e.candidates,
    failed: e.failed,
    folds: e.folds,
  }));
}

/**
 * One searched stage's effort in a clause: "stage 1: 1,200 candidates, 4 folds", or "…, scored in sample" for
 * an in-sample choice, with "(12 candidates could not be fitted on some fold and were left out)" when any
 * failed ("…could not be fitted and were left out" in sample, where there are no folds).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const e = { stage: "2" as const, candidates: 1200, failed: 12, folds: 4 };
 * assertClose(
 *   searchEffortClause(e, "cross-validation"),
 *   "stage 2: 1,200 candidates, 4 folds (12 candidates could not be fitted on some fold and were left out)",
 * );
 * ```
 */
export function searchEffortClause(
  e: Pick<NationalSearchEvidence, "stage" | "candidates" | "failed" | "folds">,
  selection: SearchSelection,
): string {
  const inSample = selection === "in-sample";
  const failed = e.failed > 0
    ? ` (${e.failed.toLocaleString("en-US")} candidates could not be fitted${
      inSample ? "" : " on some fold"
    } and were left out)`
    : "";
  return `${searchStageName(e.stage)}: ${e.candidates.toLocaleString("en-US")} candidates, ${
    inSample ? "scored in sample" : `${e.folds} folds`
  }${failed}`;
}

/**
 * The search's grids and effort in one paragraph: the carryover grid of each stage (one set when the stages
 * share it, "{…} / {…}" when a grid was thinned), the ridge penalties (none in sample, where the smallest error
 * is always without one), the Hill candidates, the anomaly threshold, then each stage's effort
 * ({@link searchEffortClause}) as a sentence.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const transforms = {
 *   selection: "in-sample" as const,
 *   options: { alphaGrid: [0, 1], halfSaturationMultiples: [1], hillShapes: [1, 2], anomalyThreshold: 5 },
 *   stage1: null,
 *   stage2: { thetaGrid: [0, 0.5] },
 * };
 * const evidence = [{ stage: "single" as const, candidates: 20, failed: 0, folds: 0 }];
 * assertClose(
 *   searchGridSentence(transforms, evidence),
 *   "Grid: θ ∈ {0, 0.5} per channel, no ridge penalty (in sample the smallest error is always without one); " +
 *     "Hill half-saturation 1 × the typical active level with shape 1 or 2, or no saturation; " +
 *     "anomalous weeks: |robust z| > 5. The model: 20 candidates, scored in sample.",
 * );
 * ```
 */
export function searchGridSentence(
  transforms: {
    readonly selection: SearchSelection;
    readonly options: Pick<
      ResolvedWeeklySearchOptions,
      "alphaGrid" | "halfSaturationMultiples" | "hillShapes" | "anomalyThreshold"
    >;
    readonly stage1: Pick<StageSearch, "thetaGrid"> | null;
    readonly stage2: Pick<StageSearch, "thetaGrid">;
  },
  evidence: readonly Pick<NationalSearchEvidence, "stage" | "candidates" | "failed" | "folds">[],
): string {
  const o = transforms.options;
  const grids = [transforms.stage1, transforms.stage2].filter((s) => s !== null).map((s) =>
    s!.thetaGrid.join(", ")
  );
  const ridge = transforms.selection === "in-sample"
    ? "no ridge penalty (in sample the smallest error is always without one)"
    : `ridge α ∈ {${o.alphaGrid.join(", ")}}`;
  const efforts = evidence.map((e) => `${capitalized(searchEffortClause(e, transforms.selection))}.`).join(
    " ",
  );
  return `Grid: θ ∈ {${[...new Set(grids)].join("} / {")}} per channel, ${ridge}; Hill half-saturation ${
    o.halfSaturationMultiples.join(", ")
  } × the typical active level with shape ${o.hillShapes.join(" or ")}, or no saturation; anomalous weeks: ` +
    `|robust z| > ${num(o.anomalyThreshold)}. ${efforts}`;
}

/** A week left out of the target's fit as a likely data error (`results.anomalies` holds the raw rows). */
export interface AnomalyRow {
  /** The week's date (ISO). */
  readonly week: string;
  /** The target in that week. */
  readonly value: number;
  /** The median of the surrounding weeks it was compared with. */
  readonly localMedian: number;
  /** Robust z of the week. */
  readonly robustZ: number;
  /** "yes" when the truth records the week as corrupted, else "no"; present only with a truth. */
  readonly recordedInTruth?: "yes" | "no";
}

/**
 * The anomalous weeks as table rows, each marked against the truth's corrupted weeks when a truth is given.
 *
 * @param truth the ground truth (bundled data), or undefined
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const a = [{ week: "2024-03-04", value: 9e5, expected: 3e5, z: 12 }];
 * assertClose(anomalyRows(a), [{ week: "2024-03-04", value: 9e5, localMedian: 3e5, robustZ: 12 }]);
 * ```
 */
export function anomalyRows(
  anomalies: NationalResults["anomalies"],
  truth?: { readonly weekly: { readonly outliers: readonly { readonly week: string }[] } },
): AnomalyRow[] {
  const recorded = truth ? new Set(truth.weekly.outliers.map((o) => o.week)) : undefined;
  return anomalies.map((a) => ({
    week: a.week,
    value: a.value,
    localMedian: a.expected,
    robustZ: a.z,
    ...(recorded ? { recordedInTruth: recorded.has(a.week) ? "yes" as const : "no" as const } : {}),
  }));
}

/**
 * The sentence shown instead of the anomaly table when no week was left out; null when some were (the table
 * is shown).
 *
 * @param target the target column, as the reader names it
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(noAnomalySentence([], "revenue"), "No week is left out of the revenue fit as a likely data error; every week is used.");
 * ```
 */
export function noAnomalySentence(anomalies: NationalResults["anomalies"], target: string): string | null {
  return anomalies.length === 0
    ? `No week is left out of the ${target} fit as a likely data error; every week is used.`
    : null;
}

/** A heatmap of the best score by two channels' carryover (`heatmapChart`'s arguments). */
export interface ProfileHeatmap {
  /** Row labels, "θ 0.1", one per θ of the first channel. */
  readonly rows: string[];
  /** Column labels, one per θ of the second channel. */
  readonly columns: string[];
  /** Best score per cell, rows × columns, row-major. */
  readonly score: Float64Array;
  /** Smallest and largest score, the colour scale's domain. */
  readonly domain: [number, number];
  /** The chart's title. */
  readonly title: string;
  /** The chart's subtitle: what each cell is the best over. */
  readonly subtitle: string;
}

/** One searched stage's CV profile as notebook 02 draws it: a heatmap, curves, or a sentence. */
export interface ProfileView {
  /** The heatmap over two channels' carryover; null with fewer than two adstocked channels or no profile. */
  readonly heatmap: ProfileHeatmap | null;
  /** The best score at each θ, per channel (display name), with the chart's title and y label; null without. */
  readonly curves: {
    /** Curves by channel label. */
    readonly series: Record<string, { readonly x: readonly number[]; readonly y: Float64Array }>;
    /** The chart's title. */
    readonly title: string;
    /** The y axis label. */
    readonly y: string;
  } | null;
  /** Said instead of the curves when there is nothing to draw; null when the curves are drawn. */
  readonly sentence: string | null;
}

/**
 * The CV profile of one searched stage for the charts: the heatmap over the first two channels' carryover,
 * the curves per channel, or the sentence saying the stage has no carryover to choose. Titles name the score
 * ("CV RMSE", or "in-sample RMSE" for an in-sample choice, where no ridge penalty is searched).
 *
 * @param say rewrites the outcome column for display (default: as it is)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const p = { stage: "2" as const, outcome: "revenue", grid: null, curves: [] };
 * assertClose(profileView(p, "cross-validation").sentence, "Stage 2 has no carryover to choose (only direct channels and controls).");
 * ```
 */
export function profileView(
  profile: NationalSearchProfile,
  selection: SearchSelection,
  say: (text: string) => string = (s) => s,
): ProfileView {
  const inSample = selection === "in-sample";
  const what = capitalized(searchStageName(profile.stage));
  const scoreName = inSample ? "in-sample RMSE" : "CV RMSE";
  const g = profile.grid;
  const heatmap = g === null ? null : {
    rows: g.thetaA.map((t) => `θ ${t}`),
    columns: g.thetaB.map((t) => `θ ${t}`),
    score: g.score,
    domain: [Math.min(...g.score), Math.max(...g.score)] as [number, number],
    title: `${what}: best ${scoreName} of ${say(profile.outcome)} by carryover of ${
      channelLabel(g.channels[0])
    } (rows) and ${channelLabel(g.channels[1])} (columns)`,
    subtitle: inSample
      ? "each cell: the best over the other parameters"
      : "each cell: the best over the other parameters and the ridge penalty",
  };
  if (profile.curves.length === 0) {
    return {
      heatmap,
      curves: null,
      sentence: `${what} has no carryover to choose (only direct channels and controls).`,
    };
  }
  return {
    heatmap,
    curves: {
      series: Object.fromEntries(
        profile.curves.map((c) => [channelLabel(c.channel), { x: c.theta, y: c.score }]),
      ),
      title: `${what}: best ${scoreName} of ${say(profile.outcome)} at each carryover, per channel`,
      y: inSample ? "in-sample RMSE" : "mean CV RMSE",
    },
    sentence: null,
  };
}

/**
 * The two profile displays of notebook 02: stage 1 and stage 2 of the two-stage model, or the single-stage
 * model's search and, second, the sentence that it has only the one.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const p = { stage: "single" as const, outcome: "sales", grid: null, curves: [] };
 * assertClose(profileViews([p], "in-sample")[1].sentence, "The single-stage model has one search, shown above.");
 * ```
 */
export function profileViews(
  profiles: readonly NationalSearchProfile[],
  selection: SearchSelection,
  say: (text: string) => string = (s) => s,
): [ProfileView, ProfileView] {
  const second: ProfileView = profiles.length > 1
    ? profileView(profiles[1], selection, say)
    : { heatmap: null, curves: null, sentence: "The single-stage model has one search, shown above." };
  return [profileView(profiles[0], selection, say), second];
}
