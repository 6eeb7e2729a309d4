/**
 * Small generated geo panels for the geo pipeline's tests: the bundled file's layout (three media, one control,
 * population), sales from per-geo adstock and log saturation, a month-of-year wave and noise, seeded, with
 * switches for the shapes of data users bring.
 *
 * @module
 */
import { parseDataset } from "../../lib/data/load.ts";
import type { Dataset } from "../../lib/data/types.ts";
import { geometricAdstock } from "../../lib/features/adstock.ts";

/** Deterministic uniform(0, 1) stream (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PanelSpec {
  geos: number;
  weeks: number;
  seed?: number;
  /** Population constant within each geo. */
  constantPopulation?: boolean;
  /** Radio spend is zero in every week of the second geo. */
  radioZeroInGeo?: boolean;
  /** Radio spend equals TV spend in every row. */
  radioCopiesTv?: boolean;
  /** Sales do not depend on media at all. */
  noMedia?: boolean;
  /** ... nor on the season or the control: noise around each geo's level. */
  noiseOnly?: boolean;
}

/**
 * A geo × week panel in the bundled file's layout (three media, one control, population), sales generated
 * from per-geo adstock and log saturation of TV, search and radio, a month-of-year wave and noise.
 */
export function panel(spec: PanelSpec): Dataset {
  const u = rng(spec.seed ?? 7);
  const lines = ["geo,date,tv_spend,search_spend,radio_spend,population,competitor_sales_control,sales"];
  for (let g = 0; g < spec.geos; g++) {
    const tv: number[] = [], search: number[] = [], radio: number[] = [];
    for (let t = 0; t < spec.weeks; t++) {
      tv.push(u() < 0.2 ? 0 : 5000 * (1 + g / 4) * u());
      search.push(2000 * (0.5 + u()));
      radio.push(spec.radioZeroInGeo && g === 1 ? 0 : 800 * u());
    }
    if (spec.radioCopiesTv) radio.splice(0, radio.length, ...tv);
    const tvA = geometricAdstock(Float64Array.from(tv), 0.5);
    const radioA = geometricAdstock(Float64Array.from(radio), 0.3);
    for (let t = 0; t < spec.weeks; t++) {
      const date = new Date(Date.UTC(2022, 0, 3 + 7 * t)).toISOString().slice(0, 10);
      const population = spec.constantPopulation
        ? 1e6 * (g + 1)
        : Math.round(1e6 * (g + 1) * (1 + 0.002 * t));
      const competitor = 100 + 10 * Math.sin(t / 7) + 5 * u();
      const season = spec.noiseOnly ? 0 : 2000 * Math.sin((2 * Math.PI * t) / 52.18);
      const media = spec.noMedia
        ? 0
        : 6000 * Math.log1p(tvA[t] / 5000) + 3000 * Math.log1p(search[t] / 2000) +
          1500 * Math.log1p(radioA[t] / 800);
      const sales = 50000 * (g + 1) + media + season - (spec.noiseOnly ? 0 : 40) * competitor +
        1500 * (u() - 0.5) * (spec.noMedia ? 4 : 1);
      lines.push(
        [
          `g${g + 1}`,
          date,
          tv[t].toFixed(2),
          search[t].toFixed(2),
          radio[t].toFixed(2),
          population,
          competitor.toFixed(2),
          sales.toFixed(2),
        ]
          .join(","),
      );
    }
  }
  return parseDataset(lines.join("\n") + "\n", "generated.csv", {
    kind: "geo",
    roles: {
      media: ["tv_spend", "search_spend", "radio_spend"],
      impressions: [],
      controls: ["competitor_sales_control"],
      population: "population",
    },
  });
}
