/**
 * Shared inputs of the decompose and optimize tests: the reference fixture (tests/fixtures/decompose.py →
 * decompose.json, numpy/pandas/scipy) turned into `MediaModel`s and datasets, and a seeded synthetic panel.
 *
 * @module
 */

import type { MediaData, MediaModel } from "../../lib/decompose/mod.ts";

interface FixtureModel {
  channels: MediaModel["channels"];
  coefCov?: number[];
}

export interface PanelFixture {
  geos: string[];
  dates: string[];
  columns: Record<string, number[]>;
  model: FixtureModel;
  yhatMinusAllZero: number[];
  contributions: Record<string, number[]>;
  totals: Record<string, number>;
  spend: Record<string, number>;
  roi: Record<string, number>;
  marginalRoiStep: number;
  marginalRoi: Record<string, number>;
  marginalRoiAnalytic: Record<string, number>;
  curveMultipliers: number[];
  curves: Record<string, number[]>;
  byPeriod: {
    geo: string;
    year: number;
    month: number;
    channel: string;
    spend: number;
    contribution: number;
  }[];
  byGeoMonth: { geo: string; year: number; month: number; spend: number; contribution: number }[];
  scenario: { changes: Record<string, number>; channels: Record<string, number>; total: number };
}

export interface AllocationFixture {
  name: string;
  columns: Record<string, number[]>;
  model: FixtureModel;
  bounds: Record<string, { min: number; max: number }>;
  total: number;
  currentSpend: number[];
  currentResponse: number;
  optimalSpend: number[];
  optimalResponse: number;
  marginalRoi: number[];
  interior: boolean[];
  fromCurrentSpend: number[];
  fromCurrentResponse: number;
}

export const fixture: { panel: PanelFixture; allocation: AllocationFixture[] } = JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/decompose.json", import.meta.url)),
);

export function toModel(m: FixtureModel): MediaModel {
  return { channels: m.channels, coefCov: m.coefCov ? Float64Array.from(m.coefCov) : undefined };
}

export function toColumns(columns: Record<string, number[]>): Record<string, Float64Array> {
  return Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, Float64Array.from(v)]));
}

/** The fixture panel as a dataset (geos, dates, spend columns). */
export function panelData(): MediaData & { dates: readonly string[] } {
  const p = fixture.panel;
  return { n: p.geos.length, geos: p.geos, dates: p.dates, columns: toColumns(p.columns) };
}

/** A seeded pseudo-random uniform stream (Park–Miller), for synthetic test inputs only. */
export function uniforms(seed: number): () => number {
  let s = seed % 2147483647;
  if (s <= 0) s += 2147483646;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** A synthetic panel of `geos × weeks` rows with spend columns `ch0..ch{k-1}` and ISO weekly dates from 2022-01-03. */
export function syntheticPanel(
  geos: number,
  weeks: number,
  k: number,
  seed = 1,
): MediaData & { dates: string[] } {
  const u = uniforms(seed);
  const n = geos * weeks;
  const geoKeys: string[] = [], dates: string[] = [];
  const start = Date.UTC(2022, 0, 3);
  for (let g = 0; g < geos; g++) {
    for (let t = 0; t < weeks; t++) {
      geoKeys.push(`geo_${String(g + 1).padStart(2, "0")}`);
      dates.push(new Date(start + t * 7 * 86400000).toISOString().slice(0, 10));
    }
  }
  const columns: Record<string, Float64Array> = {};
  for (let j = 0; j < k; j++) {
    const x = new Float64Array(n);
    for (let g = 0; g < geos; g++) {
      const size = 0.3 + 2 * u();
      for (let t = 0; t < weeks; t++) {
        x[g * weeks + t] = j === 0 && t % 7 >= 5 ? 0 : size * 1000 * (0.5 + u());
      }
    }
    columns[`ch${j}`] = x;
  }
  return { n, geos: geoKeys, dates, columns };
}
