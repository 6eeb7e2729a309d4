/**
 * What the national transform search chose, as the rows notebooks 02 and 04 show (`searchViews`): saturation
 * and carryover per channel, the search evidence, profiles and the feature matrix.
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import { saturationScale } from "../features/saturation.ts";
import { searchCandidate } from "../evaluate/search.ts";
import { profileCurve, profileGrid } from "../evaluate/search_profile.ts";
import { transformedChannels } from "../evaluate/search_refit.ts";
import { evidenceGate } from "../evaluate/verdicts.ts";
import { type NationalTransforms, type StageSearch } from "../evaluate/weekly_transforms.ts";
import { describe } from "../stats/describe.ts";
import type {
  NationalCarryoverRow,
  NationalResults,
  NationalSaturationRow,
  NationalSearchEvidence,
  NationalSearchProfile,
} from "./national_types.ts";
/** What the search chose, as rows for 02 and 04. */
export function searchViews(
  ds: Dataset,
  t: NationalTransforms,
): Pick<NationalResults, "saturation" | "carryover" | "searchEvidence" | "profiles" | "featureMatrix"> {
  const R = ds.roles;
  const s2 = t.stage2;
  const carry = (
    stage: NationalCarryoverRow["stage"],
    path: string,
    channel: string,
    s: StageSearch,
  ): NationalCarryoverRow => {
    const theta = s.search.best.theta[channel];
    // an in-sample choice has no standard error across folds, so no range of θ the data cannot tell apart
    const range = t.selection === "in-sample" ? { min: NaN, max: NaN } : s.oneStandardError.theta[channel];
    return {
      stage,
      path,
      channel,
      theta,
      halfLifeWeeks: theta > 0 ? Math.log(0.5) / Math.log(theta) : 0,
      thetaMin: range.min,
      thetaMax: range.max,
      lower: NaN,
      upper: NaN,
    };
  };
  const carryover: NationalCarryoverRow[] = [];
  if (t.stage1) {
    for (const c of R.social) carryover.push(carry("1", `social → ${R.mediator}`, c, t.stage1));
    carryover.push(carry("2", `${R.mediator} → ${R.target}`, R.mediator!, s2));
    for (const c of t.options.directSocial) {
      carryover.push(carry("2", `social → ${R.target} (direct)`, c, s2));
    }
  } else {
    for (const c of s2.search.channels.filter((c) => !R.direct.includes(c))) {
      carryover.push(carry("single", `media → ${R.target}`, c, s2));
    }
  }
  const saturation: NationalSaturationRow[] = R.direct.map((c) => {
    const s = saturationScale(ds.columns[c]);
    return {
      channel: c,
      scale: s.scale,
      activeWeeks: s.activeWeeks,
      weeks: s.weeks,
      chosen: s2.search.best.saturation[c] ?? null,
    };
  });
  const evidence = (
    stage: NationalSearchEvidence["stage"],
    outcome: string,
    s: StageSearch,
  ): NationalSearchEvidence => {
    const best = searchCandidate(s.search, s.search.best.index);
    const foldR2 = Array.from(best.foldR2);
    return {
      stage,
      outcome,
      folds: s.search.nFolds,
      cvR2: best.r2,
      cvR2Sd: describe(best.foldR2).sd,
      foldR2,
      cvRmse: best.rmse,
      inSampleR2: s.refit.r2,
      alpha: best.alpha,
      candidates: s.search.total,
      failed: s.search.failed,
      selection: t.selection,
      gate: t.selection === "in-sample"
        ? null
        : evidenceGate(foldR2.map((v) => (Number.isFinite(v) ? v : 0)), { metric: "cross-validated R²" }),
    };
  };
  const searchEvidence: NationalSearchEvidence[] = [];
  if (t.stage1) searchEvidence.push(evidence("1", R.mediator!, t.stage1));
  searchEvidence.push(evidence(t.stage1 ? "2" : "single", R.target, s2));
  const profile = (
    stage: NationalSearchProfile["stage"],
    outcome: string,
    s: StageSearch,
    pair: string[],
  ): NationalSearchProfile => {
    const adstocked = s.search.channels.filter((c) => !R.direct.includes(c));
    return {
      stage,
      outcome,
      grid: pair.length === 2 ? profileGrid(s.search, pair[0], pair[1]) : null,
      curves: adstocked.map((c) => profileCurve(s.search, c)),
    };
  };
  const profiles: NationalSearchProfile[] = [];
  if (t.stage1) {
    profiles.push(profile("1", R.mediator!, t.stage1, R.social.length >= 2 ? R.social.slice(0, 2) : []));
    const pair = t.options.directSocial.length > 0 ? [R.mediator!, t.options.directSocial[0]] : [];
    profiles.push(profile("2", R.target, s2, pair));
  } else {
    const adstocked = s2.search.channels.filter((c) => !R.direct.includes(c));
    profiles.push(profile("single", R.target, s2, adstocked.length >= 2 ? adstocked.slice(0, 2) : []));
  }
  const columns = { ...transformedChannels(s2.problem, s2.search.best), ...s2.problem.fixed };
  const names = Object.keys(columns);
  const k = names.length, n = ds.n;
  const x = new Float64Array(n * k);
  names.forEach((name, j) => {
    for (let i = 0; i < n; i++) x[i * k + j] = columns[name][i];
  });
  return { saturation, carryover, searchEvidence, profiles, featureMatrix: { names, n, k, x } };
}

/** What {@link searchViews} returns. */
export type SearchViews = ReturnType<typeof searchViews>;
