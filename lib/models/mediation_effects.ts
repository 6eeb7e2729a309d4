/**
 * Effects of the two-stage mediation model (definitions in `mediation.ts`'s module doc): every quantity as a
 * flat named vector (`mediationEstimates`, evaluated through a precomputed `EstimatePlan` so that the bootstrap
 * does the sums over the series once), the structured view of a fit (`structureEffects`, with Sobel standard
 * errors) and standardized coefficients.
 *
 * @module
 */

import { geometricAdstock } from "../features/adstock.ts";
import type { Design } from "../features/design.ts";
import { saturationAt } from "../features/saturation.ts";
import { normalSf } from "../stats/mod.ts";
import type { OlsFit } from "./ols.ts";
import type {
  DirectChannelEffect,
  MediationData,
  MediationEffects,
  MediationEstimates,
  MediationSpec,
  MediatorEffect,
  SocialEffect,
} from "./mediation_types.ts";

/**
 * Every effect of the model (see the module doc) computed from stage-1 coefficients `a` and stage-2
 * coefficients `c`, as a flat vector named `<channel>.<quantity>`:
 * - each social channel: `a`, `mediatorPerDollar`, `indirectPerDollar`, `directPerDollar`, `totalPerDollar`,
 *   `contributionIndirect`, `contributionDirect`, `contribution`, `roi`;
 * - the mediator: `b`, `bResidual`, `bDifference` (`b − b_u`), `perDollar`, `contribution`, `roi`;
 * - each direct channel: `coef`, `contribution`, `contributionPerThousand`;
 * - price: `elasticity`; promotion: `lift`, `liftPercent`, `contribution`.
 * Sums run over every week of the series; means for the elasticity and lift too.
 *
 * @param a stage-1 coefficients (order of `data.stage1Terms`)
 * @param c stage-2 coefficients (order of `data.stage2Terms`)
 * @example
 * ```ts ignore
 * const est = mediationEstimates(data, fit.stage1.coef, fit.stage2.coef);
 * est.values[est.names.indexOf("facebook_spend.indirectPerDollar")];
 * ```
 */
export function mediationEstimates(
  data: MediationData,
  a: ArrayLike<number>,
  c: ArrayLike<number>,
): MediationEstimates {
  const plan = estimatePlan(data);
  const values = new Float64Array(plan.names.length);
  plan.write(a, c, values, 0);
  return { names: plan.names, values };
}

/** A precomputed evaluator of {@link mediationEstimates} (sums over the series done once). */
export interface EstimatePlan {
  /** `<channel>.<quantity>` of each estimate, in the order `write` fills them. */
  readonly names: readonly string[];
  /** Writes the estimates for coefficients `a`, `c` into `out[offset …]`. */
  write(a: ArrayLike<number>, c: ArrayLike<number>, out: Float64Array, offset: number): void;
}

/**
 * Precomputes the sums over the series that the effects need, for evaluating {@link mediationEstimates} many
 * times (the bootstrap): each evaluation is then O(number of effects).
 *
 * @example
 * ```ts ignore
 * const plan = estimatePlan(data);
 * plan.write(a, c, row, 0);
 * ```
 */
export function estimatePlan(data: MediationData): EstimatePlan {
  const { spec, n } = data;
  const k1 = data.stage1Terms.length;
  const thetaM = spec.mediator.theta;
  const sum = (x: Float64Array) => x.reduce((s, v) => s + v, 0);
  const mediatorSpend = sum(data.mediator);
  const sumAx = new Float64Array(k1);
  for (let i = 0; i < n; i++) for (let j = 0; j < k1; j++) sumAx[j] += data.stage1XAdstocked[i * k1 + j];
  const sumAm = sum(data.mediatorAdstocked);
  const meanY = sum(data.y) / n;
  const kf = data.stage2Terms.length - 3;
  const fixedColumn = (j: number) => Float64Array.from({ length: n }, (_, i) => data.stage2Fixed[i * kf + j]);

  // social channels: Σ_t adstock(adstock(S_s, θ_s), θ_M)_t, spend, direct-path sums
  const social = spec.social.map((s, idx) => {
    const stage1Column = Float64Array.from({ length: n }, (_, i) => data.stage1X[i * k1 + 1 + idx]);
    const direct = spec.directSocial.findIndex((d) => d.column === s.column);
    return {
      channel: s.column,
      index: 1 + idx,
      longRun: 1 / (1 - s.theta),
      sumNested: sum(geometricAdstock(stage1Column, thetaM)),
      spend: sum(data.raw[s.column]),
      directIndex: direct < 0 ? -1 : 3 + direct,
      directLongRun: direct < 0 ? 0 : 1 / (1 - spec.directSocial[direct].theta),
      sumDirect: direct < 0 ? 0 : sum(fixedColumn(direct)),
    };
  });
  const nDirectSocial = spec.directSocial.length;
  const direct = spec.direct.map((d, idx) => {
    const j = nDirectSocial + idx;
    const g0 = d.saturation ? saturationAt(0, d.saturation) : 0;
    return {
      channel: d.column,
      index: 3 + j,
      sum: sum(fixedColumn(j)) - n * g0,
      volume: sum(data.raw[d.column]),
    };
  });
  const { priceIndex, promotionIndex: promoIndex } = priceAndPromotionIndex(spec);
  const meanPrice = spec.price === undefined ? NaN : sum(data.raw[spec.price]) / n;
  const sumPromo = spec.promotion === undefined ? NaN : sum(data.raw[spec.promotion]);

  const names: string[] = [];
  for (const s of social) {
    for (
      const q of [
        "a",
        "mediatorPerDollar",
        "indirectPerDollar",
        "directPerDollar",
        "totalPerDollar",
        "contributionIndirect",
        "contributionDirect",
        "contribution",
        "roi",
      ]
    ) names.push(`${s.channel}.${q}`);
  }
  const m = spec.mediator.column;
  for (const q of ["b", "bResidual", "bDifference", "perDollar", "contribution", "roi"]) {
    names.push(`${m}.${q}`);
  }
  for (const d of direct) {
    for (const q of ["coef", "contribution", "contributionPerThousand"]) names.push(`${d.channel}.${q}`);
  }
  if (priceIndex >= 0) names.push(`${spec.price}.elasticity`);
  if (promoIndex >= 0) {
    for (const q of ["lift", "liftPercent", "contribution"]) names.push(`${spec.promotion}.${q}`);
  }

  const write = (a: ArrayLike<number>, c: ArrayLike<number>, out: Float64Array, offset: number): void => {
    const b = c[1], bu = c[2], mult = 1 / (1 - thetaM);
    let o = offset;
    for (const s of social) {
      const as = a[s.index];
      const indirect = as * s.longRun * b * mult;
      const cs = s.directIndex < 0 ? 0 : c[s.directIndex];
      const directPerDollar = cs * s.directLongRun;
      const contributionIndirect = b * as * s.sumNested;
      const contributionDirect = cs * s.sumDirect;
      out[o++] = as;
      out[o++] = as * s.longRun;
      out[o++] = indirect;
      out[o++] = directPerDollar;
      out[o++] = directPerDollar + indirect;
      out[o++] = contributionIndirect;
      out[o++] = contributionDirect;
      out[o++] = contributionIndirect + contributionDirect;
      out[o++] = (contributionIndirect + contributionDirect) / s.spend;
    }
    let sumFitted = 0;
    for (let j = 0; j < k1; j++) sumFitted += sumAx[j] * a[j];
    const mediatorContribution = b * sumFitted + bu * (sumAm - sumFitted);
    out[o++] = b;
    out[o++] = bu;
    out[o++] = b - bu;
    out[o++] = b * mult;
    out[o++] = mediatorContribution;
    out[o++] = mediatorContribution / mediatorSpend;
    for (const d of direct) {
      const contribution = c[d.index] * d.sum;
      out[o++] = c[d.index];
      out[o++] = contribution;
      out[o++] = (1000 * contribution) / d.volume;
    }
    if (priceIndex >= 0) out[o++] = (c[priceIndex] * meanPrice) / meanY;
    if (promoIndex >= 0) {
      out[o++] = c[promoIndex];
      out[o++] = (100 * c[promoIndex]) / meanY;
      out[o++] = c[promoIndex] * sumPromo;
    }
  };
  return { names, write };
}

/**
 * Standardized coefficients `β_j · sd(x_j) / sd(y)` (the change in y, in its standard deviations, per
 * standard deviation of x_j), for every column but `const`; the ddof of the standard deviations cancels.
 * Reference: e.g. Wooldridge, "Introductory Econometrics", §6.1 (beta coefficients).
 *
 * @param design the rows and columns the coefficients were fitted on
 * @param coef one coefficient per design column
 * @param y the responses
 * @example
 * ```ts ignore
 * const design = stage2Design(data, fit.stage1.coef);
 * standardizedCoefficients(design, fit.stage2.coef, yOnFitRows).values; // comparable across units
 * ```
 */
export function standardizedCoefficients(
  design: Design,
  coef: ArrayLike<number>,
  y: ArrayLike<number>,
): MediationEstimates {
  const { n, k, x, names } = design;
  if (coef.length !== k) throw new RangeError(`got ${coef.length} coefficients for ${k} columns`);
  const sdY = populationSd((i) => y[i], n);
  const out: string[] = [];
  const values: number[] = [];
  for (let j = 0; j < k; j++) {
    if (names[j] === "const") continue;
    out.push(names[j]);
    values.push((coef[j] * populationSd((i) => x[i * k + j], n)) / sdY);
  }
  return { names: out, values: Float64Array.from(values) };
}

/**
 * The value of one named estimate (`"<channel>.<quantity>"`), throwing a `RangeError` listing the names when
 * it is missing.
 *
 * @example
 * ```ts ignore
 * estimateOf(fit.estimates, "facebook_spend", "indirectPerDollar");
 * ```
 */
export function estimateOf(estimates: MediationEstimates, channel: string, quantity: string): number {
  const i = estimates.names.indexOf(`${channel}.${quantity}`);
  if (i < 0) {
    throw new RangeError(`no estimate "${channel}.${quantity}"; have: ${estimates.names.join(", ")}`);
  }
  return estimates.values[i];
}

/**
 * The structured view of a fit's effects (per social channel, the mediator, direct channels, price and
 * promotion), read from the flat estimates, with the Sobel (1982) standard error of each indirect effect.
 */
export function structureEffects(
  data: MediationData,
  estimates: MediationEstimates,
  stage1: OlsFit,
  stage2: OlsFit,
): MediationEffects {
  const { spec } = data;
  const get = (channel: string, q: string) => estimateOf(estimates, channel, q);
  const thetaM = spec.mediator.theta;
  const b = stage2.coef[1], bSe = stage2.bse[1];
  const social = spec.social.map((s, idx): SocialEffect => {
    const ds = spec.directSocial.findIndex((d) => d.column === s.column);
    const a = stage1.coef[1 + idx], aSe = stage1.bse[1 + idx];
    const mult = 1 / ((1 - s.theta) * (1 - thetaM));
    const sobelSe = mult * Math.sqrt(b * b * aSe * aSe + a * a * bSe * bSe);
    const indirect = get(s.column, "indirectPerDollar");
    const z = indirect / sobelSe;
    const directTheta = ds < 0 ? null : spec.directSocial[ds].theta;
    const spend = data.raw[s.column].reduce((acc, v) => acc + v, 0);
    return {
      channel: s.column,
      theta: s.theta,
      directTheta,
      a,
      aSe,
      mediatorPerDollar: get(s.column, "mediatorPerDollar"),
      indirectPerDollar: indirect,
      sobelSe,
      sobelZ: z,
      sobelPValue: 2 * normalSf(Math.abs(z)),
      directPerDollar: get(s.column, "directPerDollar"),
      directPerDollarSe: directTheta === null ? 0 : stage2.bse[3 + ds] / (1 - directTheta),
      totalPerDollar: get(s.column, "totalPerDollar"),
      spend,
      contributionIndirect: get(s.column, "contributionIndirect"),
      contributionDirect: get(s.column, "contributionDirect"),
      contribution: get(s.column, "contribution"),
      roi: get(s.column, "roi"),
    };
  });
  const m = spec.mediator.column;
  const mediator: MediatorEffect = {
    channel: m,
    theta: thetaM,
    b,
    bSe,
    bResidual: stage2.coef[2],
    bResidualSe: stage2.bse[2],
    perDollar: get(m, "perDollar"),
    spend: data.mediator.reduce((acc, v) => acc + v, 0),
    contribution: get(m, "contribution"),
    roi: get(m, "roi"),
  };
  const direct = spec.direct.map((d, idx): DirectChannelEffect => {
    const j = 3 + spec.directSocial.length + idx;
    return {
      channel: d.column,
      coef: stage2.coef[j],
      coefSe: stage2.bse[j],
      contribution: get(d.column, "contribution"),
      volume: data.raw[d.column].reduce((acc, v) => acc + v, 0),
      contributionPerThousand: get(d.column, "contributionPerThousand"),
    };
  });
  const promoIndex = priceAndPromotionIndex(spec).promotionIndex;
  return {
    social,
    mediator,
    direct,
    priceElasticity: spec.price === undefined ? null : get(spec.price, "elasticity"),
    promotionLift: spec.promotion === undefined ? null : {
      absolute: get(spec.promotion, "lift"),
      absoluteSe: stage2.bse[promoIndex],
      percentOfMeanOutcome: get(spec.promotion, "liftPercent"),
      contribution: get(spec.promotion, "contribution"),
    },
  };
}

/** Stage-2 coefficient indices of price and promotion (−1 when absent): after the direct channels. */
function priceAndPromotionIndex(spec: MediationSpec): { priceIndex: number; promotionIndex: number } {
  const first = 3 + spec.directSocial.length + spec.direct.length;
  return {
    priceIndex: spec.price === undefined ? -1 : first,
    promotionIndex: spec.promotion === undefined ? -1 : first + (spec.price === undefined ? 0 : 1),
  };
}

function populationSd(at: (i: number) => number, n: number): number {
  let mean = 0;
  for (let i = 0; i < n; i++) mean += at(i);
  mean /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (at(i) - mean) ** 2;
  return Math.sqrt(s / n);
}
