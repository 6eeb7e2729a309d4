/**
 * What-if scenarios: the predicted change in response when channels' historical spend is scaled by given
 * multipliers (every row of a channel by the same factor; channels not named stay as they were).
 *
 * ```
 * change_c = R_c(m_c · x_c) − R_c(x_c) = b_c · Σ_t [g_c(m_c · a_{c,t}) − g_c(a_{c,t})],     total = Σ_c change_c
 * ```
 *
 * (`lib/decompose/channel_curve.ts`). The model is additive in channels, so the total is the sum of the
 * channel changes. Uncertainty: the changes are linear in the coefficients, so each parametric
 * (Krinsky–Robb) draw `β⁽ʳ⁾ ~ N(β̂, coefCov)` gives a change per channel and a total (with the coefficients'
 * correlations), summarized by a percentile interval. It leaves out the uncertainty of the transform
 * parameters (carryover, saturation), which were chosen by a cross-validated search. With `replicates`
 * (replicate models of a bootstrap that re-chose the transforms, `lib/decompose/model_replicates.ts`) the
 * changes are computed under every replicate model instead, and their intervals include that uncertainty.
 *
 * Reference: King, Tomz & Wittenberg (2000), "Making the Most of Statistical Analyses: Improving
 * Interpretation and Presentation", AJPS 44(2) (simulated first differences).
 *
 * @module
 */

import {
  channelCurves,
  curveResponse,
  drawModelCoefficients,
  type DrawOptions,
  type DrawSummary,
  type GeoOptions,
  type MediaData,
  type MediaModel,
  type ReplicateCurves,
  replicateInterval,
  resolveDrawOptions,
  summarizeDraws,
} from "../decompose/mod.ts";
import { sum } from "./_sum.ts";

/** Options of {@link scenario}. */
export interface ScenarioOptions extends GeoOptions {
  /** Simulate the changes' uncertainty from `model.coefCov`. */
  readonly uncertainty?: DrawOptions;
  /** Intervals from replicate models instead (they win over `uncertainty`). */
  readonly replicates?: ReplicateCurves;
}

/** One channel of a scenario. */
export interface ChannelScenario {
  /** The channel's name in the media model. */
  readonly channel: string;
  /** Factor applied to every row of the channel's historical spend (1 when not in `changes`). */
  readonly multiplier: number;
  /** Historical total spend over the rows. */
  readonly currentSpend: number;
  /** `multiplier × currentSpend`. */
  readonly newSpend: number;
  /** The channel's modelled response at its historical spend (its contribution), in target units. */
  readonly currentResponse: number;
  /** The channel's modelled response with the scaled spend pattern (carryover and saturation applied). */
  readonly newResponse: number;
  /** `newResponse − currentResponse`. */
  readonly change: number;
  /** The change over the coefficient draws (only with `uncertainty`). */
  readonly changeDraws?: DrawSummary;
}

/** Result of {@link scenario}: every channel of the model, and the totals. */
export interface Scenario {
  /** Every channel of the model, in model order. */
  readonly channels: readonly ChannelScenario[];
  /** Historical total spend of all channels. */
  readonly currentSpend: number;
  /** Total spend of all channels after the changes. */
  readonly newSpend: number;
  /** Total media response at the historical spend (sum of the channels'). */
  readonly currentResponse: number;
  /** Total media response after the changes. */
  readonly newResponse: number;
  /** Total change in response. */
  readonly change: number;
  /** The total change over the coefficient draws (only with `uncertainty`). */
  readonly changeDraws?: DrawSummary;
  /** Coverage of the intervals (only with `uncertainty`). */
  readonly level?: number;
}

/**
 * Predicted response change when channels' spend is scaled (see the module doc).
 *
 * @param model a fitted media model (with `coefCov` for uncertainty)
 * @param ds spend columns (and geos): the historical patterns that are scaled
 * @param changes multiplier by channel name, finite and ≥ 0 (e.g. `{ tv: 0.8, search: 1.2 }`); others stay at 1
 * @param options `uncertainty: { seed, draws?, level? }` or `replicates`, `geos`
 * @example
 * ```ts ignore
 * const s = scenario(model, ds, { tv: 0.8, search: 1.25 }, { uncertainty: { seed: 1 } });
 * s.change; s.changeDraws!.lower; s.changeDraws!.upper;
 * ```
 */
export function scenario(
  model: MediaModel,
  ds: MediaData,
  changes: Readonly<Record<string, number>>,
  options: ScenarioOptions = {},
): Scenario {
  const curves = channelCurves(model, ds, options);
  for (const [name, m] of Object.entries(changes)) {
    if (!curves.some((c) => c.name === name)) {
      throw new RangeError(
        `no channel ${JSON.stringify(name)} in the model; channels: ${curves.map((c) => c.name).join(", ")}`,
      );
    }
    if (!(Number.isFinite(m) && m >= 0)) {
      throw new RangeError(`multiplier of "${name}" must be finite and >= 0, got ${m}`);
    }
  }
  const rows = curves.map((c) => {
    const multiplier = changes[c.name] ?? 1;
    const currentResponse = curveResponse(c, 1);
    const newResponse = multiplier === 1 ? currentResponse : curveResponse(c, multiplier);
    return {
      channel: c.name,
      multiplier,
      currentSpend: c.spend,
      newSpend: multiplier * c.spend,
      currentResponse,
      newResponse,
      change: newResponse - currentResponse,
    };
  });
  const totals = {
    currentSpend: sum(rows.map((r) => r.currentSpend)),
    newSpend: sum(rows.map((r) => r.newSpend)),
    currentResponse: sum(rows.map((r) => r.currentResponse)),
    newResponse: sum(rows.map((r) => r.newResponse)),
    change: sum(rows.map((r) => r.change)),
  };
  if (options.replicates) {
    const rc = options.replicates;
    const summary = (values: Float64Array): DrawSummary => {
      const s = replicateInterval(values, rc.rep.level, rc.rep.widening);
      let mean = 0;
      for (const v of values) mean += v / values.length;
      return { mean, sd: s.sd, lower: s.lower, upper: s.upper };
    };
    return {
      channels: rows.map((row) => ({
        ...row,
        changeDraws: summary(rc.change(row.multiplier === 1 ? {} : { [row.channel]: row.multiplier })),
      })),
      ...totals,
      changeDraws: summary(rc.change(Object.fromEntries(rows.map((r) => [r.channel, r.multiplier])))),
      level: rc.rep.level,
    };
  }
  if (!options.uncertainty) return { channels: rows, ...totals };

  const { draws, seed, level } = resolveDrawOptions(options.uncertainty);
  const beta = drawModelCoefficients(model, draws, seed);
  const m = model.channels.length;
  // Change per unit of each coefficient (the change is linear in β).
  const unit = curves.map((c, j) => {
    const mult = rows[j].multiplier;
    const one = { ...c, coef: 1 / (model.channels[j].scaling?.scale ?? 1) };
    return mult === 1 ? 0 : curveResponse(one, mult) - curveResponse(one, 1);
  });
  const perChannel = curves.map(() => new Float64Array(draws));
  const total = new Float64Array(draws);
  for (let r = 0; r < draws; r++) {
    let t = 0;
    for (let j = 0; j < m; j++) {
      const v = beta[r * m + j] * unit[j];
      perChannel[j][r] = v;
      t += v;
    }
    total[r] = t;
  }
  return {
    channels: rows.map((row, j) => ({ ...row, changeDraws: summarizeDraws(perChannel[j], level) })),
    ...totals,
    changeDraws: summarizeDraws(total, level),
    level,
  };
}
