/**
 * The national run's rows of the tidy estimates contract (DESIGN.md, "Contracts"): stage 1's Google per dollar,
 * the social channels' indirect, direct and total effects, the single-stage model's total per dollar, ROI and
 * contribution per paid channel, the direct channels' contributions, price elasticity, promotion lift and
 * carryover, each with its bootstrap interval where there is one. Used by `nationalPipeline` (national.ts).
 *
 * @module
 */
import type { Roles } from "../data/types.ts";
import type {
  NationalEstimate,
  NationalInterval,
  NationalMediation,
  NationalOutcome,
  NationalStage1,
} from "./national_types.ts";

/** The tidy estimate rows of a run (see {@link NationalEstimate}). */
export function tidyRows(
  R: Roles,
  stage1: NationalStage1 | null,
  mediation: NationalMediation | null,
  outcome: NationalOutcome,
): NationalEstimate[] {
  const unit = R.targetUnit === "units" ? `${R.target} (units)` : R.target;
  const perDollar = `${unit} per dollar`;
  const rows: NationalEstimate[] = [];
  const add = (quantity: NationalEstimate["quantity"], channel: string, v: NationalInterval, u: string) => {
    if (!Number.isFinite(v.estimate)) return;
    const interval = Number.isFinite(v.lower) && Number.isFinite(v.upper);
    rows.push({
      model: "national",
      quantity,
      channel,
      estimate: v.estimate,
      lower: interval ? v.lower : null,
      upper: interval ? v.upper : null,
      level: interval ? 0.95 : null,
      unit: u,
    });
  };
  for (const p of stage1?.perDollar ?? []) {
    add("google_per_dollar", p.channel, p, `${stage1!.mediator} dollars per dollar`);
  }
  for (const e of mediation?.socialEffects ?? []) add(`${e.effect}_per_dollar`, e.channel, e, perDollar);
  for (const p of outcome.perDollar) add("total_per_dollar", p.channel, p, perDollar);
  for (const c of outcome.contributions) {
    add("roi", c.channel, c, perDollar);
    add("contribution", c.channel, {
      estimate: c.contribution,
      lower: c.contributionLower,
      upper: c.contributionUpper,
      shareNonPositive: NaN,
      verdict: null,
    }, unit);
  }
  for (const d of outcome.direct) {
    add("contribution", d.channel, {
      estimate: d.contribution,
      lower: d.lower,
      upper: d.upper,
      shareNonPositive: NaN,
      verdict: null,
    }, unit);
  }
  if (outcome.elasticity) {
    add("price_elasticity", outcome.elasticity.column, outcome.elasticity, "elasticity");
  }
  if (outcome.promotion) {
    add("promotion_lift", outcome.promotion.column, outcome.promotion, `${unit} per promotion week`);
  }
  for (const c of outcome.carryover) {
    // the one-standard-error range of θ is not a confidence interval: bounds only from a bootstrap that
    // re-chose θ (NaN otherwise); a direct path's θ' is listed after the channel's stage-1 θ and left out
    if (!rows.some((r) => r.quantity === "carryover" && r.channel === c.channel)) {
      add("carryover", c.channel, {
        estimate: c.theta,
        lower: c.lower,
        upper: c.upper,
        shareNonPositive: NaN,
        verdict: null,
      }, "geometric θ");
    }
  }
  return rows;
}
