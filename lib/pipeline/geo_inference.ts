/**
 * The geo model's coefficient covariance, chosen from the panel's shape: clustered by geo when there are
 * enough geos for it, otherwise Driscoll–Kraay (`geoInferencePlan`, step 3 of `geoPipeline`).
 *
 * @module
 */
import { FEW_GEOS } from "../data/envelope.ts";
import { geoCovariance } from "../decompose/geo_model.ts";
import type { GeoInferencePlan } from "./geo_types.ts";

/**
 * The covariance for a geo fixed-effects fit with `geos` geos, `weeks` weeks and `slopes` coefficients:
 *
 * - clustered by geo when `geos − 1 ≥ slopes`. (The clustered covariance has rank at most `G − 1`: the
 *   residuals are orthogonal to the regressors, so the geo score sums add to zero; with fewer geos it is
 *   singular: each coefficient's clustered standard error can still be computed, but joint tests and draws
 *   of the coefficients from the covariance cannot, and single errors over so few clusters are unreliable.) With fewer than `FEW_GEOS` (30) geos its intervals
 *   are optimistic: cluster-robust errors are consistent as the number of clusters grows, and with few they
 *   are biased down (Cameron & Miller 2015, "A Practitioner's Guide to Cluster-Robust Inference", §VI);
 * - otherwise Driscoll–Kraay errors (Driscoll & Kraay 1998, "Consistent covariance matrix estimation with
 *   spatially dependent panel data", Rev. Econ. Stat. 80(4)): Newey–West over the weekly sums of the scores
 *   across geos, with `L = ⌊4 (T/100)^{2/9}⌋` lags (Newey & West 1994's rule). They allow correlation within
 *   a geo over time and between geos in the same week, and rely on many weeks rather than many geos; being a
 *   kernel estimator they are still biased down in finite samples, so intervals are optimistic.
 *
 * @example
 * geoInferencePlan(40, 156, 19).covType; // "cluster"
 * geoInferencePlan(10, 156, 19).covType; // "driscoll-kraay"
 */
export function geoInferencePlan(geos: number, weeks: number, slopes: number): GeoInferencePlan {
  const few = geos < FEW_GEOS;
  const cov = geoCovariance(geos, weeks, slopes);
  if (cov.covType === "cluster") {
    return {
      covType: "cluster",
      fewGeos: few,
      sentence:
        `Standard errors are clustered by geo (${geos} clusters): each geo's errors may be correlated ` +
        `over time and differ in size between geos.` + (few
          ? ` With only ${geos} geos (fewer than about ${FEW_GEOS}) cluster-robust intervals are optimistic: ` +
            `they rely on many clusters and are too narrow with few, so read every interval below as a lower ` +
            `bound on the uncertainty.`
          : ""),
    };
  }
  const maxLags = cov.maxLags!;
  return {
    covType: "driscoll-kraay",
    maxLags,
    fewGeos: few,
    sentence:
      `With only ${geos} geos for ${slopes} coefficients, the covariance clustered by geo is singular (its ` +
      `rank is at most ${
        geos - 1
      }, the number of geos minus one): joint tests and draws of the coefficients ` +
      `from it are impossible, and each coefficient's clustered standard error, though it can be computed, ` +
      `rests on ${geos} clusters and is unreliable. Standard errors are ` +
      `Driscoll–Kraay instead (Newey–West over the weekly sums across geos, ${maxLags} lags): they allow ` +
      `correlation within a geo over time and between geos in the same week, and rely on the ${weeks} weeks ` +
      `rather than on the number of geos. With so few geos every interval is still optimistic: read them as a ` +
      `lower bound on the uncertainty.`,
  };
}
