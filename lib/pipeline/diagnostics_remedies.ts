/**
 * What a rejected residual test of the geo model means for the intervals it reports (the remedy words of
 * `diagnostics`' residual tests): `geoNormalityRemedy`.
 *
 * @module
 */

/**
 * What a rejected normality test of the geo residuals means for the reported intervals: they rest on a
 * central limit theorem over the clusters of the reported covariance (geos when clustered by geo, weeks for
 * Driscoll–Kraay), not on normal errors; only for errors clustered by few geos is that approximation rough
 * (Driscoll–Kraay relies on the weeks, not on the number of geos).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(
 *   geoNormalityRemedy({ covType: "driscoll-kraay", fewGeos: true }, 2, 104),
 *   "the intervals rest on a central limit theorem over 104 weeks, not on normal errors",
 *   0,
 * );
 * ```
 */
export function geoNormalityRemedy(
  inference: { readonly covType: string; readonly fewGeos: boolean },
  geos: number,
  weeks: number,
): string {
  const clustered = inference.covType === "cluster";
  return `the intervals rest on a central limit theorem over ${
    clustered ? `${geos} geos` : `${weeks} weeks`
  }, ` +
    `not on normal errors${
      clustered && inference.fewGeos ? ", and with this few geos that approximation is rough" : ""
    }`;
}
