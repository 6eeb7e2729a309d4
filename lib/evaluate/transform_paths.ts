/**
 * The transform paths of the re-choosing national bootstrap (`national_bootstrap.ts`): which stage scores each
 * path, which columns of that stage's design its options replace, the options' columns over the full series,
 * and the model spec of a choice (one option index per path).
 *
 * Paths, in sweep order: each social channel's stage-1 θ_s, the mediator's θ_M, each direct-path θ'_s, each
 * direct channel's saturation. Stage-1 columns are `const`, the social channels (spec order), the controls;
 * stage-2 columns are `const`, the adstocked fitted mediator and residual, the direct social channels, the
 * direct channels, price, promotion, controls (`lib/models/mediation_design.ts`).
 *
 * @module
 */

import { geometricAdstock } from "../features/adstock.ts";
import { saturate } from "../features/saturation.ts";
import type { MediationData, MediationSpec } from "../models/mediation.ts";
import { sameSaturation, type TransformShortlist } from "./transform_shortlist.ts";

/** One path of the shortlist: which stage scores it and how an option index writes into a spec. */
export interface Path {
  /** The stage whose residual sum of squares scores the path's options. */
  readonly stage: 1 | 2;
  /** Number of options on the shortlist. */
  readonly options: number;
  /** Index of the full-sample choice among the options (every replicate starts there). */
  readonly start: number;
  /** The columns of the stage's design that the path's options replace. */
  readonly swap: readonly number[];
}

/** Every path of a model and shortlist ({@link transformPaths}). */
export interface TransformPaths {
  /** The paths in sweep order (module doc). */
  readonly paths: readonly Path[];
  /** The model's spec for a choice: option index per path, in the order of `paths`. */
  readonly specOf: (choice: Int32Array) => MediationSpec;
  /**
   * Per path, each option's column over the full series (length n, time order): adstocked social spend for
   * θ paths, saturated adstock for saturation paths; `null` for an option whose curve is invalid, and `null`
   * for the mediator path, whose columns depend on each replicate's stage-1 fit ({@link mediatorAdstocks}).
   */
  readonly optionColumns: readonly (readonly (Float64Array | null)[] | null)[];
  /**
   * Per path, the raw column its θ adstocks (social spend for stage-1 and direct-path θ's), for θ's off the
   * grid; `null` for the mediator path and saturation paths.
   */
  readonly rawColumns: readonly (Float64Array | null)[];
  /** The observed mediator over the full series (the mediator path adstocks it). */
  readonly mediator: Float64Array;
  /** Index of the mediator path in `paths`. */
  readonly mediatorPath: number;
  /** θ_M options. */
  readonly mediatorThetas: readonly number[];
  /** The observed mediator adstocked with each θ_M option, over the full series. */
  readonly mediatorAdstocks: readonly Float64Array[];
  /** Number of social channels: the first `nSocial` paths, which alone change the stage-1 design. */
  readonly nSocial: number;
  /** The θ options of each carryover path (social, mediator, direct social), for refining a replicate's θ between them. */
  readonly carryLists: readonly (readonly number[])[];
}

/**
 * The paths of `data`'s model over `shortlist` (see the module doc).
 *
 * @param spec the full-sample choice (each path's option must be on the shortlist)
 * @param data the model's regressors at that choice (`mediationData`), whose raw columns the options transform
 * @throws RangeError when the shortlist of a path lacks the full-sample choice
 * @example
 * ```ts ignore
 * const tp = transformPaths(inputs.spec, transformShortlist(t, inputs.spec), mediationData(inputs));
 * tp.paths.length; // social channels + 1 + direct social + direct channels
 * ```
 */
export function transformPaths(
  spec: MediationSpec,
  shortlist: TransformShortlist,
  data: MediationData,
): TransformPaths {
  const spec0 = spec;
  const thetaIndex = (list: readonly number[] | undefined, theta: number, what: string) => {
    const i = (list ?? []).findIndex((v) => Math.abs(v - theta) < 1e-12);
    if (i < 0) throw new RangeError(`the shortlist of ${what} does not contain the chosen θ = ${theta}`);
    return i;
  };
  const socialLists = spec0.social.map((s) => shortlist.social[s.column]);
  const directSocialLists = spec0.directSocial.map((s) => shortlist.directSocial[s.column]);
  const directLists = spec0.direct.map((d) => shortlist.direct[d.column]);
  const paths: Path[] = [
    ...spec0.social.map((s, i) => ({
      stage: 1 as const,
      options: socialLists[i].length,
      start: thetaIndex(socialLists[i], s.theta, s.column),
      swap: [1 + i],
    })),
    {
      stage: 2,
      options: shortlist.mediator.length,
      start: thetaIndex(shortlist.mediator, spec0.mediator.theta, spec0.mediator.column),
      swap: [1, 2],
    },
    ...spec0.directSocial.map((s, i) => ({
      stage: 2 as const,
      options: directSocialLists[i].length,
      start: thetaIndex(directSocialLists[i], s.theta, `${s.column} (direct)`),
      swap: [3 + i],
    })),
    ...spec0.direct.map((d, i) => {
      const at = (directLists[i] ?? []).findIndex((o) => sameSaturation(o, d.saturation ?? null));
      if (at < 0) throw new RangeError(`the shortlist of ${d.column} does not contain the chosen saturation`);
      return {
        stage: 2 as const,
        options: directLists[i].length,
        start: at,
        swap: [3 + spec0.directSocial.length + i],
      };
    }),
  ];
  const nSocial = spec0.social.length, nDirectSocial = spec0.directSocial.length;
  const specOf = (choice: Int32Array): MediationSpec => {
    const social = spec0.social.map((s, i) => ({ column: s.column, theta: socialLists[i][choice[i]] }));
    return {
      ...spec0,
      social,
      mediator: { column: spec0.mediator.column, theta: shortlist.mediator[choice[nSocial]] },
      directSocial: spec0.directSocial.map((s, i) => ({
        column: s.column,
        theta: directSocialLists[i][choice[nSocial + 1 + i]],
      })),
      direct: spec0.direct.map((d, i) => {
        const sat = directLists[i][choice[nSocial + 1 + nDirectSocial + i]];
        const { saturation: _, ...rest } = d;
        return sat ? { ...rest, saturation: sat } : rest;
      }),
    };
  };
  const optionColumns: (readonly (Float64Array | null)[] | null)[] = [
    ...spec0.social.map((sp, i) => socialLists[i].map((th) => geometricAdstock(data.raw[sp.column], th))),
    null,
    ...spec0.directSocial.map((sp, i) =>
      directSocialLists[i].map((th) => geometricAdstock(data.raw[sp.column], th))
    ),
    ...spec0.direct.map((d, i) => {
      const adstocked = geometricAdstock(data.raw[d.column], d.theta ?? 0);
      return directLists[i].map((sat) => {
        try {
          return sat ? saturate(adstocked, sat) : adstocked;
        } catch (e) {
          if (!(e instanceof RangeError)) throw e;
          return null;
        }
      });
    }),
  ];
  return {
    paths,
    specOf,
    optionColumns,
    rawColumns: [
      ...spec0.social.map((sp) => data.raw[sp.column]),
      null,
      ...spec0.directSocial.map((sp) => data.raw[sp.column]),
      ...spec0.direct.map(() => null),
    ],
    mediator: data.mediator,
    mediatorPath: nSocial,
    mediatorThetas: shortlist.mediator,
    mediatorAdstocks: shortlist.mediator.map((th) => geometricAdstock(data.mediator, th)),
    nSocial,
    carryLists: [...socialLists, shortlist.mediator, ...directSocialLists],
  };
}
