/**
 * The options a replicate of the re-choosing national bootstrap (`national_bootstrap.ts`) may choose from for
 * each transform path: carryover θ's on the searched grid and the searched saturation curves.
 *
 * @module
 */

import type { SaturationSpec } from "../features/saturation.ts";
import type { MediationSpec } from "../models/mediation.ts";
import type { NationalTransforms } from "./weekly_transforms.ts";

/** Carryover and saturation options per path that a replicate may choose from. */
export interface TransformShortlist {
  /** Stage-1 θ options per social channel. */
  readonly social: Readonly<Record<string, readonly number[]>>;
  /** θ_M options. */
  readonly mediator: readonly number[];
  /** θ' options per direct-path social channel. */
  readonly directSocial: Readonly<Record<string, readonly number[]>>;
  /** Saturation options per direct channel (`null`: none). */
  readonly direct: Readonly<Record<string, readonly (SaturationSpec | null)[]>>;
}

/**
 * The grid values within `k` grid steps of `value` (which must be on the grid), in grid order.
 *
 * @example
 * neighbourGrid([0, 0.1, 0.2, 0.3, 0.4], 0.1, 2); // [0, 0.1, 0.2, 0.3]
 */
export function neighbourGrid(grid: readonly number[], value: number, k: number): number[] {
  if (!(Number.isInteger(k) && k >= 0)) throw new RangeError(`k must be an integer >= 0, got ${k}`);
  const sorted = [...grid].sort((a, b) => a - b);
  let at = sorted.findIndex((g) => Math.abs(g - value) < 1e-12);
  if (at < 0) {
    // off the grid (a caller's own θ): the nearest grid point is the centre, the value itself is kept
    at = sorted.reduce((best, g, i) => (Math.abs(g - value) < Math.abs(sorted[best] - value) ? i : best), 0);
    const out = sorted.slice(Math.max(0, at - k), at + k + 1);
    return [...new Set([...out, value])].sort((a, b) => a - b);
  }
  return sorted.slice(Math.max(0, at - k), at + k + 1);
}

/**
 * The shortlist of a two-stage search (see the module doc): θ within `neighbours` grid steps of each chosen θ on
 * the stage's searched grid (default: the whole grid), and every saturation option searched for each direct
 * channel.
 *
 * @param t a two-stage `searchNationalTransforms` result
 * @param spec the model's spec (the chosen transforms, e.g. `mediationInputsFromSearch(ds, t).spec`)
 * @param neighbours grid steps kept on each side of the chosen θ (default: every searched value)
 * @example
 * transformShortlist(t, inputs.spec).social.facebook_spend; // e.g. [0, 0.1, …, 0.9]
 * transformShortlist(t, inputs.spec, 2).social.facebook_spend; // e.g. [0.3, 0.4, 0.5, 0.6, 0.7]
 */
export function transformShortlist(
  t: NationalTransforms,
  spec: MediationSpec,
  neighbours?: number,
): TransformShortlist {
  if (t.model !== "two-stage" || t.stage1 === null) {
    throw new RangeError("transformShortlist needs a two-stage search (this one is single-stage)");
  }
  const g1 = t.stage1.thetaGrid, g2 = t.stage2.thetaGrid;
  neighbours ??= Math.max(g1.length, g2.length);
  const hill = (c: string): (SaturationSpec | null)[] => [
    null,
    ...t.options.halfSaturationMultiples.flatMap((m) =>
      t.options.hillShapes.map((shape) => ({
        type: "hill" as const,
        halfSaturation: m * t.saturationScales[c],
        shape,
      }))
    ),
  ];
  return {
    social: Object.fromEntries(spec.social.map((s) => [s.column, neighbourGrid(g1, s.theta, neighbours)])),
    mediator: neighbourGrid(g2, spec.mediator.theta, neighbours),
    directSocial: Object.fromEntries(
      spec.directSocial.map((s) => [s.column, neighbourGrid(g2, s.theta, neighbours)]),
    ),
    direct: Object.fromEntries(spec.direct.map((d) => {
      const options = hill(d.column);
      const chosen = d.saturation ?? null;
      const has = options.some((o) => sameSaturation(o, chosen));
      return [d.column, has ? options : [chosen, ...options]];
    })),
  };
}

/** Whether two saturation options are the same curve (`null`: none). */
export function sameSaturation(a: SaturationSpec | null, b: SaturationSpec | null): boolean {
  if (a === null || b === null) return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}
