/**
 * A geo panel per capita: the target and every spend column divided by population, row by row.
 *
 * ```
 * y*_gt = y_gt / p_gt,   x*_c,gt = x_c,gt / p_gt
 * ```
 *
 * Next to geo fixed effects, population that is (nearly) constant within geos cannot be estimated as a
 * regressor (lib/data/identification.ts); dividing by it instead takes geo size out of the target and the
 * spend, so big and small geos are compared per person and nothing about size needs estimating. A per-capita
 * model's prediction times population is a prediction of the total, so contributions and ROI in totals are
 * `Σ_gt p_gt · contribution*_gt` over total spend. Controls (indices, competitor sales) are left as they are.
 * See Wooldridge, "Econometric Analysis of Cross Section and Panel Data", 2nd ed., §10.5, and Google's
 * Meridian, which scales geo KPIs and media by population for the same reason.
 *
 * @module
 */
import { DataError } from "../errors.ts";
import { spendColumns } from "./roles.ts";
import type { Dataset } from "./types.ts";

/**
 * Why a panel cannot be modelled per capita (no population column, or a value that is not finite and
 * positive, naming the first such row), or undefined when it can.
 *
 * @example
 * ```ts ignore
 * perCapitaProblem(geo); // undefined for the bundled panel
 * ```
 */
export function perCapitaProblem(ds: Dataset): string | undefined {
  const name = ds.roles.population;
  if (name === undefined || !(name in ds.columns)) {
    return "per-capita modelling needs a population column; the data have none";
  }
  const p = ds.columns[name];
  for (let i = 0; i < ds.n; i++) {
    if (!(Number.isFinite(p[i]) && p[i] > 0)) {
      const geo = ds.geos ? ` in geo "${ds.geos[i]}"` : "";
      return `population is ${p[i]} in the week of ${
        ds.dates[i]
      }${geo}; per-capita modelling needs positive values`;
    }
  }
  return undefined;
}

/**
 * The per-capita panel (see the module doc): target and spend columns divided by the population column,
 * population no longer a role (its column is kept for reference and for re-weighting).
 *
 * @param ds a panel whose roles name a population column
 * @throws DataError naming the row, geo and date when population is missing, not finite or not positive
 * @example
 * ```ts ignore
 * const pc = perCapitaDataset(geo);
 * pc.columns.sales[0]; // sales per person in the first row
 * ```
 */
export function perCapitaDataset(ds: Dataset): Dataset {
  const problem = perCapitaProblem(ds);
  if (problem !== undefined) {
    throw new DataError(problem, {
      file: ds.source,
      ...(ds.roles.population ? { column: ds.roles.population } : {}),
    });
  }
  const p = ds.columns[ds.roles.population!];
  const divided = new Set([ds.roles.target, ...spendColumns(ds.roles)].filter((c) => c in ds.columns));
  const columns: Record<string, Float64Array> = {};
  for (const [c, values] of Object.entries(ds.columns)) {
    columns[c] = divided.has(c) ? values.map((v, i) => v / p[i]) : values;
  }
  return {
    ...ds,
    columns,
    roles: { ...ds.roles, population: undefined },
    warnings: [...ds.warnings],
  };
}
