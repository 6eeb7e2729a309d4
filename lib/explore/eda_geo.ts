/**
 * Notebook 01's view of the geo panel: the geos by mean target, how the target goes with population
 * across geos (with the sentence on it and on the largest geo against the smallest), and the panel's
 * national totals.
 *
 * @module
 */
import type { Dataset } from "../data/types.ts";
import { channelLabel } from "../data/labels.ts";
import { pearson } from "../stats/describe.ts";
import { correlationStrength } from "../evaluate/verdicts.ts";
import { num } from "../plot/format.ts";
import { type GeoProfile, geoProfile, nationalTotals } from "./profile.ts";

/** Fewest geos for which a correlation across geos is computed. */
export const MIN_GEOS_FOR_CORRELATION = 3;

/** The geos of a panel and what they say. */
export interface EdaGeo {
  /** Every geo's profile, largest mean target first. */
  readonly geos: readonly GeoProfile[];
  /**
   * Correlation across geos of mean target with mean population: undefined when the roles map no
   * population; null with fewer than {@link MIN_GEOS_FOR_CORRELATION} geos or when it is not finite (a
   * population or target equal in every geo).
   */
  readonly populationCorrelation: number | null | undefined;
  /**
   * The correlation in words (or why there is none: too few geos, or a population or target equal in every
   * geo) and how many times the smallest geo's mean the largest one averages (none when the smallest averages
   * zero or less); or, without a population, that geos are compared in levels only.
   */
  readonly sentence: string;
}

/**
 * The geos of a panel by mean target, and the sentence on population and the spread between geos.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * import { GEO_ROLES } from "../data/roles.ts";
 * const panel = { source: "x", n: 2, dates: ["2024-01-01", "2024-01-01"], geos: ["a", "b"],
 *   roles: { ...GEO_ROLES, population: undefined, media: [] }, warnings: [],
 *   columns: { sales: new Float64Array([4, 2]) } };
 * assertClose(edaGeo(panel).sentence, "The roles map no population column, so sales is compared across geos in levels only.", 0);
 * ```
 */
export function edaGeo(ds: Dataset): EdaGeo {
  const R = ds.roles;
  const geos = geoProfile(ds).sort((a, b) => b.meanTarget - a.meanTarget);
  const target = channelLabel(R.target).toLowerCase();
  if (!R.population) {
    return {
      geos,
      populationCorrelation: undefined,
      sentence: `The roles map no population column, so ${target} is compared across geos in levels only.`,
    };
  }
  const r = geos.length >= MIN_GEOS_FOR_CORRELATION
    ? pearson(geos.map((g) => g.meanPopulation), geos.map((g) => g.meanTarget))
    : NaN;
  const same = (v: readonly number[]) => v.every((x) => x === v[0]);
  const correlation = Number.isFinite(r)
    ? `Across ${geos.length} geos, mean ${target} and population have a ${
      correlationStrength(r).phrase
    } correlation (**${num(r, 2)}**).`
    : geos.length < MIN_GEOS_FOR_CORRELATION
    ? `With ${geos.length} geos a correlation across geos says nothing.`
    : same(geos.map((g) => g.meanPopulation))
    ? `Population is the same in every geo, so it cannot explain why ${target} differs between geos.`
    : `Mean ${target} is the same in every geo, so there is nothing between geos for population to explain.`;
  const largest = geos[0], smallest = geos[geos.length - 1];
  const spread = smallest.meanTarget > 0
    ? `The largest geo\n(${largest.geo}) averages ${
      num(largest.meanTarget / smallest.meanTarget, 2)
    }× the smallest (${smallest.geo}).`
    : `The smallest geo (${smallest.geo}) averages zero or less, so no ratio to the largest (${largest.geo}) is given.`;
  return {
    geos,
    populationCorrelation: Number.isFinite(r) ? r : null,
    sentence: `${correlation} ${spread}`,
  };
}

/** A panel summed over geos, week by week. */
export interface EdaGeoTotals {
  /** The weeks, ascending ISO dates. */
  readonly dates: readonly string[];
  /** The target summed over geos each week. */
  readonly target: Float64Array;
  /** Each media column (header name) summed over geos each week, in the roles' order. */
  readonly media: Readonly<Record<string, Float64Array>>;
}

/**
 * The national series of a panel: target and media summed over geos for each week (`nationalTotals`).
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * import { GEO_ROLES } from "../data/roles.ts";
 * const panel = { source: "x", n: 2, dates: ["2024-01-01", "2024-01-01"], geos: ["a", "b"],
 *   roles: { ...GEO_ROLES, media: ["tv"] }, warnings: [],
 *   columns: { sales: new Float64Array([4, 2]), tv: new Float64Array([1, 1]) } };
 * assertClose([...edaGeoTotals(panel).target], [6], 0);
 * ```
 */
export function edaGeoTotals(ds: Dataset): EdaGeoTotals {
  const target = nationalTotals(ds, ds.roles.target);
  return {
    dates: target.dates,
    target: target.values,
    media: Object.fromEntries(ds.roles.media.map((m) => [m, nationalTotals(ds, m).values])),
  };
}
