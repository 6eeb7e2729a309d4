/**
 * Inputs shared by the benchmarks (not a benchmark itself: the leading underscore keeps `deno bench bench/`
 * from collecting benches here, and it registers none).
 *
 * @module
 */
import { loadDataset } from "../lib/data/mod.ts";
import type { Dataset } from "../lib/data/types.ts";
import { buildDesign, type Design, type FeatureEntry } from "../lib/features/mod.ts";
import { xoshiro128ss } from "../lib/stats/random.ts";

/** The bundled 40-geo × 156-week panel. */
export function bundledGeo(): Dataset {
  return loadDataset(new URL("../data/mmm_geo.csv", import.meta.url).pathname, { kind: "geo" });
}

/**
 * `copies` copies of a panel as one larger panel: copy r's spend scaled by 1 + r/10 and its target shifted
 * by a seeded uniform amount in ±1,000, geo keys suffixed `_r`. Five copies of the bundled panel give the
 * 200-geo × 156-week panel the performance targets are stated for.
 */
export function replicatePanel(ds: Dataset, copies: number): Dataset {
  const uniform = xoshiro128ss(12345);
  const n = ds.n * copies;
  const columns: Record<string, Float64Array> = {};
  for (const [name, x] of Object.entries(ds.columns)) {
    const out = new Float64Array(n);
    for (let r = 0; r < copies; r++) {
      const f = ds.roles.media.includes(name) ? 1 + r / 10 : 1;
      for (let i = 0; i < ds.n; i++) out[r * ds.n + i] = x[i] * f;
    }
    columns[name] = out;
  }
  const y = columns[ds.roles.target];
  for (let i = ds.n; i < n; i++) y[i] += 2000 * (uniform() - 0.5);
  const geos: string[] = [], dates: string[] = [];
  for (let r = 0; r < copies; r++) {
    for (let i = 0; i < ds.n; i++) {
      geos.push(`${ds.geos![i]}_${r}`);
      dates.push(ds.dates[i]);
    }
  }
  return { ...ds, source: `${ds.source} × ${copies}`, n, geos, dates, columns };
}

/**
 * The geo model's design with the TRUE transforms of `data/truth.json` (media adstock and log saturation,
 * controls and population linear, month dummies, no intercept): what the inference benchmarks time, so that
 * they measure estimation, not the search.
 */
export function trueTransformGeoDesign(geo: Dataset): Design {
  const truth = JSON.parse(Deno.readTextFileSync(new URL("../data/truth.json", import.meta.url)));
  const R = geo.roles;
  const media: FeatureEntry[] = R.media.map((c) => {
    const t = truth.geo.channels[c.replace(/_spend$/, "")];
    return {
      column: c,
      adstock: { type: "geometric", theta: t.theta },
      saturation: { type: "log1p", scale: t.scale },
    };
  });
  return buildDesign(geo, {
    features: [...media, ...[...R.controls, R.population!].map((c) => ({ column: c }))],
    calendar: { seasonality: "month_dummies" },
  }, { intercept: false });
}
