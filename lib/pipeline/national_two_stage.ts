/**
 * The two-stage model's results as notebooks 03–07 read them (`twoStageResults`): stage 1, mediation effects
 * and verdicts, the outcome stage, contributions, importance and cross-validation.
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import { ModelError } from "../errors.ts";
import { selectDesignColumns } from "../features/design.ts";
import { mediationData, stage2Design } from "../models/mediation.ts";
import { intervalWidening } from "../evaluate/national_bootstrap.ts";
import { fitRandomForest } from "../models/random_forest.ts";
import { crossValidateMediation, stage2Importance } from "../evaluate/mediation_evaluate.ts";
import { nationalAmountFormat, nationalRatioFormat } from "./national_format.ts";
import { contributionPlausibility, mediationVerdict } from "../evaluate/verdicts.ts";
import type {
  NationalImportanceRow,
  NationalMediation,
  NationalOutcome,
  NationalResults,
  NationalStage1,
} from "./national_types.ts";
import type { SearchViews } from "./national_search_views.ts";
import {
  bootstrapSummary,
  type BuildContext,
  directRows,
  importanceRows,
  intervalRow,
  priceAndPromotion,
  runCrossValidation,
  signSentence,
  sumOver,
} from "./national_common.ts";

/**
 * The two-stage model's results: stage 1 (mediator dollars per social dollar), the social channels' paths and
 * mediation verdicts, and the outcome stage (bootstrap summary, price and promotion, carryover with re-chosen
 * θ intervals, contributions and ROI, plausibility, direct channels, importance, cross-validation).
 */
export function twoStageResults(
  ds: Dataset,
  two: NonNullable<NationalResults["twoStage"]>,
  views: SearchViews,
  ctx: BuildContext,
): { outcome: NationalOutcome; stage1: NationalStage1; mediation: NationalMediation } {
  const R = ds.roles;
  const { fit, bootstrap, inputs } = two;
  const mediator = R.mediator!;
  const find = (name: string) => bootstrap?.effects.find((e) => e.name === name);
  const perDollar = fit.effects.social.map((s) => ({
    channel: s.channel,
    theta: s.theta,
    a: s.a,
    aSe: s.aSe,
    ...intervalRow(s.mediatorPerDollar, find(`${s.channel}.mediatorPerDollar`)),
  }));
  const stage1: NationalStage1 = {
    fit: fit.stage1,
    mediator,
    perDollar,
    sentence: signSentence(perDollar, {
      positive: (who, one) =>
        `${who} ${one ? "raises" : "raise"} ${mediator}: the 95% interval lies above zero.`,
      negative: (who, one) =>
        `${who} ${one ? "goes" : "go"} with lower ${mediator}: the 95% interval lies below zero.`,
      zero: (who, one) =>
        `For ${who} the 95% interval includes zero: the data cannot show that ${
          one ? "it changes" : "they change"
        } ${mediator}.`,
      none: `Without bootstrap intervals the effects on ${mediator} cannot be judged.`,
    }),
    mediatorFitted: fit.mediatorFitted,
    evidence: views.searchEvidence[0],
  };

  const directIdentified = inputs.spec.directSocial.length > 0;
  const socialEffects = fit.effects.social.flatMap((s) =>
    (["indirect", "direct", "total"] as const)
      .filter((kind) => kind !== "direct" || s.directTheta !== null)
      .map((effect) => ({
        channel: s.channel,
        effect,
        ...intervalRow(
          effect === "indirect"
            ? s.indirectPerDollar
            : effect === "direct"
            ? s.directPerDollar
            : s.totalPerDollar,
          find(`${s.channel}.${effect}PerDollar`),
        ),
      }))
  );
  const verdicts = fit.effects.social.map((s) => {
    const ind = intervalRow(s.indirectPerDollar, find(`${s.channel}.indirectPerDollar`));
    const dir = s.directTheta === null
      ? null
      : intervalRow(s.directPerDollar, find(`${s.channel}.directPerDollar`));
    const tot = intervalRow(s.totalPerDollar, find(`${s.channel}.totalPerDollar`));
    const v = ind.verdict === null || (dir !== null && dir.verdict === null) ? null : mediationVerdict(
      {
        indirect: { estimate: ind.estimate, lower: ind.lower, upper: ind.upper },
        direct: dir ? { estimate: dir.estimate, lower: dir.lower, upper: dir.upper } : null,
        total: tot.verdict === null ? null : { estimate: tot.estimate, lower: tot.lower, upper: tot.upper },
      },
      { mediator, format: nationalRatioFormat },
    );
    return {
      channel: s.channel,
      indirect: ind.estimate,
      indirectLower: ind.lower,
      indirectUpper: ind.upper,
      sobelPValue: s.sobelPValue,
      direct: dir?.estimate ?? NaN,
      directLower: dir?.lower ?? NaN,
      directUpper: dir?.upper ?? NaN,
      kind: v?.kind ?? null,
      sentence: v
        ? `${s.channel}: ${v.sentence}`
        : `${s.channel}: without bootstrap intervals the kind of mediation cannot be judged.`,
    };
  });
  const eq = fit.equalMediatorEffects;
  const b = intervalRow(fit.effects.mediator.b, find(`${mediator}.b`));
  const bResidual = intervalRow(fit.effects.mediator.bResidual, find(`${mediator}.bResidual`));
  const mediationResults: NationalMediation = {
    socialEffects,
    verdicts,
    directIdentified,
    mediator: {
      channel: mediator,
      b,
      bResidual,
      waldF: eq.statistic,
      waldP: eq.pValue,
      sentence: Number.isFinite(eq.pValue)
        ? eq.pValue < 0.05
          ? `The test that both parts of ${mediator} work alike rejects it at the 5% level: the effect of ${mediator} depends on whether social spend drove it.`
          : `The test that both parts of ${mediator} work alike does not reject it at the 5% level: no evidence that the effect of ${mediator} depends on its source.`
        : `The test that both parts of ${mediator} work alike cannot be computed.`,
    },
  };

  const stage2 = fit.stage2;
  const design2 = stage2Design(mediationData(inputs), fit.stage1.coef, fit.rows);
  const spend = (c: string) => ds.columns[c].reduce((a, v) => a + v, 0);
  const contributions = [
    ...fit.effects.social.map((s) => ({
      channel: s.channel,
      spend: s.spend,
      contribution: s.contribution,
      ...intervalRow(s.roi, find(`${s.channel}.roi`)),
      contributionLower: find(`${s.channel}.contribution`)?.lower ?? NaN,
      contributionUpper: find(`${s.channel}.contribution`)?.upper ?? NaN,
    })),
    {
      channel: mediator,
      spend: spend(mediator),
      contribution: fit.effects.mediator.contribution,
      ...intervalRow(fit.effects.mediator.roi, find(`${mediator}.roi`)),
      contributionLower: find(`${mediator}.contribution`)?.lower ?? NaN,
      contributionUpper: find(`${mediator}.contribution`)?.upper ?? NaN,
    },
  ];
  const plausibility = contributionPlausibility(
    contributions.filter((c) => c.channel !== mediator).map((c) => ({
      channel: c.channel,
      contribution: c.contribution,
    }))
      .concat(fit.effects.direct.map((d) => ({ channel: d.channel, contribution: d.contribution }))),
    sumOver(fit.fitted, Int32Array.from({ length: fit.n }, (_, i) => i)),
    // email, SMS and the other direct channels are marketing too: a negative contribution is as implausible
    {
      paid: [...R.social, ...R.direct],
      target: R.target,
      format: nationalAmountFormat(R.targetUnit ?? "currency"),
    },
  );
  const direct = directRows(fit.effects.direct, find);
  const common = priceAndPromotion(
    R,
    fit.effects.priceElasticity,
    fit.effects.promotionLift?.absolute ?? null,
    find,
    ctx,
  );

  // importance
  let importance: NationalImportanceRow[] | null = null;
  if (ctx.options.importance !== false) {
    try {
      const imp = stage2Importance(fit, {
        seed: ctx.seed,
        bootstrap: bootstrap ?? undefined,
        nRepeats: ctx.options.importanceRepeats ?? 20,
      });
      const drivers = stage2.terms.filter((x) => x !== "const");
      const forest = fitRandomForest(
        selectDesignColumns(design2, drivers),
        stage2.fitted.map((f, i) => f + stage2.residuals[i]),
        {
          seed: ctx.seed,
          nEstimators: ctx.options.forestTrees ?? 300,
        },
      );
      importance = importanceRows(
        imp.map((r) => ({
          driver: r.term,
          standardized: r.standardized,
          lower: r.standardizedLower,
          upper: r.standardizedUpper,
          permutation: r.permutationMean,
          permutationSd: r.permutationSd,
        })),
        (d) => forest.importance[drivers.indexOf(d)],
      );
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
      ctx.skip("importance", `Driver importance cannot be computed: ${e.message}.`);
    }
  }

  // cross-validation
  const k = Math.max(fit.stage1.terms.length, stage2.terms.length);
  const crossValidation = runCrossValidation(
    ds,
    k,
    (folds) => {
      const cv = crossValidateMediation(inputs, folds);
      return { cv: cv.cv, inSampleR2: cv.inSample.stage2R2, trainSizes: cv.foldFits.map((f) => f.trainSize) };
    },
    ctx,
  );

  const outcome: NationalOutcome = {
    kind: "two-stage",
    ols: stage2,
    design: design2,
    rows: fit.rows,
    fitted: fit.fitted,
    bootstrap: bootstrap
      ? bootstrapSummary(
        bootstrap,
        "transforms" in bootstrap ? bootstrap.transforms : "fixed",
        two.fixedBootstrap ? intervalWidening(bootstrap.effects, two.fixedBootstrap.effects) : null,
      )
      : null,
    ...common,
    carryover: views.carryover.map((c) => {
      const rechosen = bootstrap && "carryover" in bootstrap ? bootstrap.carryover : [];
      const name = c.stage === "1" || c.channel === mediator
        ? `${c.channel}.carryover`
        : `${c.channel}.directCarryover`;
      const b = rechosen.find((x) => x.name === name);
      return b ? { ...c, lower: b.lower, upper: b.upper } : c;
    }),
    contributions,
    perDollar: [],
    plausibility,
    direct,
    importance,
    crossValidation,
  };
  return { outcome, stage1, mediation: mediationResults };
}
