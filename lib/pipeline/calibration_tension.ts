/**
 * An experiment against the model in words: the tension verdict at the 5% level, the sentence of one
 * experiment's tension, and the number formats calibration's prose uses (p-values, z statistics, three
 * significant digits, a level in %). calibration_core.ts re-exports them.
 *
 * @module
 */
import type { Experiment } from "../data/experiments.ts";
import { channelLabel } from "../data/labels.ts";
import type { LiftTension } from "../models/calibration.ts";
import type { CalibrationOptions, TensionVerdict } from "./calibration_types.ts";

/**
 * `"in tension"` when the two-sided p-value of model against experiment is below `level` (default 0.05),
 * else `"consistent"` (the difference is within what both errors allow).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(tensionVerdict(0.01), "in tension", 1e-9);
 * assertClose(tensionVerdict(0.4), "consistent", 1e-9);
 * ```
 */
export function tensionVerdict(pValue: number, level = 0.05): TensionVerdict {
  if (!(pValue >= 0 && pValue <= 1)) throw new RangeError(`p-value must be in [0, 1], got ${pValue}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  return pValue < level ? "in tension" : "consistent";
}

const sig3: Intl.NumberFormat = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 3 });
/** Three significant digits, Unicode minus (the default format of amounts and returns). */
export const plain = (x: number): string =>
  Number.isFinite(x) ? (x < 0 ? "−" : "") + sig3.format(Math.abs(x)) : "n/a";

/** An interval level in %, rounded: 0.95 → "95%". */
export function pct(level: number): string {
  return `${Math.round(level * 100)}%`;
}

/** A p-value in prose: three decimals, "< 0.001" below that. */
export function pText(p: number): string {
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

/** The sentence of one experiment's tension (with the bootstrap's when given). */
export function tensionSentence(
  e: Experiment,
  t: LiftTension,
  boot: { se: number; z: number; p: number } | null,
  kind: "geo" | "national",
  target: string,
  f: NonNullable<CalibrationOptions["format"]>,
): string {
  const where = e.geos
    ? ` in ${e.geos.length} geo${e.geos.length === 1 ? "" : "s"}`
    : kind === "geo"
    ? " in every geo"
    : "";
  const p = boot ? boot.p : t.pValue;
  const verdict = tensionVerdict(p);
  const test = boot
    ? `with the bootstrap's SE of the model's lift (${
      f.amount(boot.se)
    }: carryover and saturation re-chosen ` +
      `in every replicate) z = ${signedFixed(boot.z)}, p = ${
        pText(boot.p)
      }; with the chosen transforms held ` +
      `fixed (SE ${f.amount(t.modelSe)}) z = ${signedFixed(t.z)}, p = ${pText(t.pValue)}`
    : `z = ${signedFixed(t.z)}, p = ${pText(t.pValue)}`;
  return `${channelLabel(e.channel)}, ${e.start} to ${e.end}${where}: the model attributes ${
    f.amount(t.modelLift)
  }` +
    `${boot ? "" : ` (SE ${f.amount(t.modelSe)})`} of ${target} to it, the experiment measured ` +
    `${f.amount(e.lift)} (SE ${f.amount(e.se)}); ${test}. ${
      verdict === "in tension"
        ? "The two disagree by more than their errors allow: the model is biased for this channel, or the test measured something else."
        : "The difference is within what their errors allow."
    }`;
}

/** A z statistic with two decimals and a Unicode minus. */
export function signedFixed(z: number): string {
  return `${z < 0 ? "−" : ""}${Math.abs(z).toFixed(2)}`;
}
