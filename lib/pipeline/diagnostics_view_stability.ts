/**
 * Notebook 06's coefficient-stability section: one table row per tracked coefficient (its full-sample value,
 * the range of its window estimates and the verdict), the published record, and the sentence saying where the
 * windows start and which could not be fitted ({@link stabilityView}).
 *
 * @module
 */
import { channelLabel, stageTermLabel } from "../data/labels.ts";
import type { RollingCoefficients } from "../evaluate/rolling_stability.ts";

/** One row of the stability table. */
export interface StabilityRow {
  /** `national` or `geo`. */
  readonly model: string;
  /** The coefficient as readers name it (stage and channel nationally, the channel on the panel). */
  readonly term: string;
  /** The full-sample estimate. */
  readonly full: number;
  /** Lowest window estimate (Infinity when no window was fitted). */
  readonly min: number;
  /** Highest window estimate (−Infinity when no window was fitted). */
  readonly max: number;
  /** Windows fitted. */
  readonly windows: number;
  /** Share of the windows' 95% intervals containing the full-sample estimate. */
  readonly share: number;
  /** Binomial p-value of that many misses. */
  readonly pValue: number;
  /** The verdict's label ("stable", "still moving", "drifts"). */
  readonly verdict: string;
}

/** The stability section as notebook 06 shows and publishes it. */
export interface StabilityView {
  /** National rows (when there is a national model), then the panel's. */
  readonly rows: readonly StabilityRow[];
  /** The published record: the window rule, each model's windows, estimates, verdicts and skipped windows, rows. */
  readonly results: Record<string, unknown>;
  /** Where the windows start and, when any could not be fitted, which and why. */
  readonly sentence: string;
}

/**
 * The table rows of one model's rolling coefficients: per verdict (in the verdicts' order) the full-sample
 * estimate, the lowest and highest window estimate, and the verdict.
 *
 * @param label the coefficient's display name
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const verdict = { term: "tv", windows: 2, shareContaining: 1, pValue: 1, label: "stable" as const };
 * const rows = stabilityRows({ verdicts: [verdict], full: { tv: 1 }, estimates: [
 *   { weeks: 10, term: "tv", estimate: 0.8, lower: 0, upper: 2 }, { weeks: 14, term: "tv", estimate: 1.1, lower: 0, upper: 2 },
 * ] }, "geo", (t) => t);
 * assertClose([rows[0].min, rows[0].max], [0.8, 1.1], 1e-12);
 * ```
 */
export function stabilityRows(
  r: {
    readonly verdicts: readonly {
      readonly term: string;
      readonly windows: number;
      readonly shareContaining: number;
      readonly pValue: number;
      readonly label: string;
    }[];
    readonly full: RollingCoefficients["full"];
    readonly estimates: RollingCoefficients["estimates"];
  },
  model: string,
  label: (term: string) => string,
): StabilityRow[] {
  return r.verdicts.map((v) => {
    const est = r.estimates.filter((e) => e.term === v.term).map((e) => e.estimate);
    return {
      model,
      term: label(v.term),
      full: r.full[v.term],
      min: Math.min(...est),
      max: Math.max(...est),
      windows: v.windows,
      share: v.shareContaining,
      pValue: v.pValue,
      verdict: v.label,
    };
  });
}

/**
 * Where the expanding windows start (nationally, when there is a national model, and on the panel) and the
 * windows that could not be fitted, with the reason.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const geo = { windows: { start: 52 }, skipped: [{ weeks: 56, reason: "singular" }] };
 * assertClose(stabilitySentence(null, geo), "Windows start at 52 weeks on the panel. Windows left out: geo, 56 weeks: singular.", 0);
 * ```
 */
export function stabilitySentence(
  national: Pick<RollingCoefficients, "skipped"> & { readonly windows: { readonly start: number } } | null,
  geo: Pick<RollingCoefficients, "skipped"> & { readonly windows: { readonly start: number } },
): string {
  const skipped = [
    ...(national?.skipped ?? []).map((s) => `national, ${s.weeks} weeks: ${s.reason}`),
    ...geo.skipped.map((s) => `geo, ${s.weeks} weeks: ${s.reason}`),
  ];
  return `Windows start at ${
    national ? `${national.windows.start} weeks nationally and ` : ""
  }${geo.windows.start} weeks on the panel.${
    skipped.length > 0 ? ` Windows left out: ${skipped.join("; ")}.` : ""
  }`;
}

const record = (r: RollingCoefficients) => ({
  start: r.windows.start,
  estimates: r.estimates,
  verdicts: r.verdicts,
  skipped: r.skipped,
});

/**
 * The stability section: rows (national coefficients named by stage, the panel's by channel), the published
 * record and the windows sentence.
 *
 * @param national the national model's rolling coefficients (null without a national model)
 * @param geo the panel's
 * @example
 * ```ts ignore
 * stabilityView(d.nationalStability, d.geoStability).rows;
 * ```
 */
export function stabilityView(national: RollingCoefficients | null, geo: RollingCoefficients): StabilityView {
  const rows = [
    ...(national ? stabilityRows(national, "national", stageTermLabel) : []),
    ...stabilityRows(geo, "geo", channelLabel),
  ];
  return {
    rows,
    results: {
      windows: `expanding, every ${geo.windows.step} weeks`,
      national: national ? record(national) : null,
      geo: record(geo),
      rows,
    },
    sentence: stabilitySentence(national, geo),
  };
}
