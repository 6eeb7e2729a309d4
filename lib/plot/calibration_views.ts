/**
 * What a notebook shows for lift-test calibration, in one call:
 * `await show(...calibrationSection(calibration, experimentsFile, { targetUnit }))`. Prose from the pipeline's
 * sentences, a table per experiment (model against experiment, the tension), a table per channel (ROI before
 * and after with intervals, ranks) and a chart of ROI before and after. Without an experiments file it says
 * so and how to give one.
 *
 * @module
 */
import type { ExperimentFile } from "../data/experiments.ts";
import type { CalibrationResult } from "../pipeline/calibration_core.ts";
import { estimateChart } from "./charts.ts";
import type { Figure } from "./figure.ts";
import { count, money, num, pValue, type TargetUnit } from "./format.ts";
import { channelLabel } from "./labels.ts";
import { type Markdown, md } from "./markdown.ts";
import { type Table, table } from "./table.ts";

/** Options of {@link calibrationSection}. */
export interface CalibrationSectionOptions {
  /** Money amounts (default) or counts. */
  readonly targetUnit?: TargetUnit;
  /** Display names for columns (a roles file's `labels`). */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * The calibration section: prose, the experiments table, the channels table and an ROI chart; or one
 * paragraph saying that no experiments were given (`result` and `file` null), that the model could not be
 * calibrated (`result.unavailable`), or that the file holds no experiment on this model's target.
 *
 * @param result `calibrateGeo(...)` / `calibrateNational(...)`, or null without experiments
 * @param file the experiments file as loaded (`loadExperiments`), or null
 * @example
 * await show(...calibrationSection(calibration, file, { targetUnit: dataset.roles.targetUnit }));
 */
export function calibrationSection(
  result: CalibrationResult | null,
  file: ExperimentFile | null,
  options: CalibrationSectionOptions = {},
): (Markdown | Table | Figure)[] {
  if (result === null || file === null) {
    return [
      md`No lift-test results were given, so the model is not calibrated. To weigh experiments against it, run the report with \`--experiments path.csv\` (columns \`channel, start, end, geos, lift, se, metric\`; see \`data/experiments.example.csv\`).`,
    ];
  }
  if (result.unavailable !== null) return [md`${result.unavailable}`];
  if (file.experiments.length === 0) {
    const other = file.skipped.map((s) => `"${s.metric}" (line ${s.line})`).join(", ");
    return [
      md`The experiments file \`${file.source}\` has no experiment measured in ${result.target}${
        other ? `: its rows measure ${other}` : ""
      }. The model is not calibrated.`,
    ];
  }
  const amount = options.targetUnit === "units" ? count : money;
  const label = (c: string) => c.split(/\s*\+\s*/).map((x) => channelLabel(x, options.labels)).join(" + ");
  const ratio = (x: number) => num(x, 2);
  const level = `${Math.round(result.level * 100)}%`;
  const hasBootstrap = result.experiments.some((e) => e.modelSeBootstrap !== null);
  const prose =
    md`Each experiment's lift is compared with what the model attributes to the same channel over the same weeks${
      result.model === "geo" ? " and geos" : ""
    }. The tension z is the difference divided by the combined standard error, with its two-sided p-value; below 0.05 the two disagree by more than their errors allow. Calibration then adds each experiment to the model's least squares as one more observation of that contribution, weighted by the model's error variance over the experiment's squared standard error (a Gaussian likelihood for the experiment), with carryover and saturation held at their chosen values.

${result.sentences.tension}

${result.experiments.map((e) => `- ${e.sentence}`).join("\n")}`;
  const experimentRows = result.experiments.map((e) => ({
    channel: label(e.channel),
    window: `${e.start} to ${e.end}`,
    geos: e.geos === "all" ? (result.model === "geo" ? "all" : "national") : e.geos.split(";").length,
    rows: e.rows,
    experiment: e.experimentLift,
    experimentSe: e.experimentSe,
    model: e.modelLift,
    modelSe: e.modelSeBootstrap ?? e.modelSe,
    z: e.zBootstrap ?? e.z,
    p: e.pValueBootstrap ?? e.pValue,
    verdict: e.verdict,
    calibrated: e.calibratedLift,
  }));
  const experimentsTable = table(experimentRows, {
    caption: `Lift tests against the model (${result.target})`,
    labels: {
      channel: "Channel",
      window: "Window",
      geos: "Geos",
      rows: "Rows",
      experiment: "Measured lift",
      experimentSe: "SE",
      model: "Model's lift",
      modelSe: hasBootstrap ? "Model SE (bootstrap)" : "Model SE",
      z: "z",
      p: "p-value",
      verdict: "Verdict",
      calibrated: "Model's lift after",
    },
    formats: {
      experiment: amount,
      experimentSe: amount,
      model: amount,
      modelSe: amount,
      z: (x) => num(x, 2),
      p: pValue,
      calibrated: amount,
    },
  });
  const byMarginal = result.ranking.by === "marginal ROI";
  const channelRows = result.channels.map((c) => ({
    channel: label(c.channel),
    tested: c.tested ? "yes" : "no",
    roiBefore: c.roiBefore,
    beforeLow: c.roiBeforeLower,
    beforeHigh: c.roiBeforeUpper,
    roiAfter: c.roiAfter,
    afterLow: c.roiAfterLower,
    afterHigh: c.roiAfterUpper,
    widthRatio: c.widthRatio,
    ...(byMarginal ? { marginalBefore: c.marginalRoiBefore, marginalAfter: c.marginalRoiAfter } : {}),
    rankBefore: Number.isFinite(c.rankBefore) ? c.rankBefore : "—",
    rankAfter: Number.isFinite(c.rankAfter) ? c.rankAfter : "—",
  }));
  const channelsTable = table(channelRows, {
    caption: `ROI before and after calibration (${level} intervals, carryover and saturation held fixed)`,
    labels: {
      channel: "Channel",
      tested: "Tested",
      roiBefore: "ROI before",
      beforeLow: "Low",
      beforeHigh: "High",
      roiAfter: "ROI after",
      afterLow: "Low",
      afterHigh: "High",
      widthRatio: "Width after ÷ before",
      marginalBefore: "Marginal ROI before",
      marginalAfter: "Marginal ROI after",
      rankBefore: `Rank by ${result.ranking.by}, before`,
      rankAfter: "Rank after",
    },
    formats: {
      roiBefore: ratio,
      beforeLow: ratio,
      beforeHigh: ratio,
      roiAfter: ratio,
      afterLow: ratio,
      afterHigh: ratio,
      widthRatio: ratio,
      marginalBefore: ratio,
      marginalAfter: ratio,
    },
  });
  const chart = estimateChart(
    result.channels.flatMap((c) => [
      {
        label: `${label(c.channel)} · before`,
        estimate: c.roiBefore,
        lower: c.roiBeforeLower,
        upper: c.roiBeforeUpper,
      },
      {
        label: `${label(c.channel)} · after`,
        estimate: c.roiAfter,
        lower: c.roiAfterLower,
        upper: c.roiAfterUpper,
      },
    ]),
    {
      title: `ROI before and after calibration (${level} intervals)`,
      x: `${result.target} per unit of spend`,
    },
  );
  const allocation = result.allocation;
  const moves = allocation
    ? Object.keys(allocation.before).filter((c) =>
      Math.abs(allocation.after[c] - allocation.before[c]) > 0.005
    )
    : [];
  const closing = md`${result.sentences.roi}

${result.sentences.ranking}${
    allocation
      ? moves.length === 0
        ? " The same-budget reallocation (each channel within 0.7–1.3 × its spend) is unchanged to within half a percentage point of spend per channel."
        : ` The same-budget reallocation changes: ${
          moves.map((c) =>
            `${label(c)} ${num(allocation.before[c] * 100, 0)}% → ${
              num(allocation.after[c] * 100, 0)
            }% of current spend`
          ).join("; ")
        } (modelled gain ${amount(allocation.liftBefore)} before, ${amount(allocation.liftAfter)} after).`
      : ""
  }

${result.notes.map((n) => `- ${n}`).join("\n")}`;
  return [prose, experimentsTable, channelsTable, chart, closing];
}
