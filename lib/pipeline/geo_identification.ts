/**
 * Identification of the geo model from the data's structure, before any fit: which channels and controls the
 * panel can estimate, and which duplicated channels are merged into one (`applyGeoIdentification`, step 2 of
 * `geoPipeline`; the report comes from `findUnidentifiedTerms` with geo fixed effects, via `checkEnvelope`).
 *
 * @module
 */
import type { UnidentifiedTerm, ZeroInGeos } from "../data/identification.ts";
import type { Dataset, Roles } from "../data/types.ts";
import type { GeoIdentification, GeoMergedChannel } from "./geo_types.ts";
import { listAnd, plain, quote } from "./geo_words.ts";

/**
 * Applies an identification report to a panel: the channels and controls that can be modelled, with
 * duplicated channels merged by summing their spend (see the module doc), and the dataset that holds the
 * merged columns (roles updated: `media` the modelled channels, `controls` the modelled controls other than
 * population, `population` only when modelled).
 *
 * @param ds the panel
 * @param report `findUnidentifiedTerms(ds, [...media, ...controls, population], { geoFixedEffects: true })`
 * @example
 * const { dataset, identification } = applyGeoIdentification(geo, checkEnvelope(geo, "geo").identification);
 * identification.merged; // [{ channel: "tv_spend + radio_spend", columns: [...], sentence }] for two copies
 */
export function applyGeoIdentification(
  ds: Dataset,
  report: { readonly dropped: readonly UnidentifiedTerm[]; readonly zeroInGeos: readonly ZeroInGeos[] },
): { dataset: Dataset; identification: GeoIdentification } {
  const R = ds.roles;
  const droppedBy = new Map(report.dropped.map((d) => [d.column, d]));
  const media = R.media.filter((c) => !droppedBy.has(c));
  // copies of a kept channel: merge (transitively, by the kept column they copy)
  const mergeInto = new Map<string, string[]>();
  const left: UnidentifiedTerm[] = [];
  for (const d of report.dropped) {
    const isMedia = R.media.includes(d.column);
    const copies = d.reason === "duplicate" || d.reason === "near-duplicate";
    if (isMedia && copies && d.of !== undefined && media.includes(d.of)) {
      mergeInto.set(d.of, [...(mergeInto.get(d.of) ?? []), d.column]);
    } else left.push(d);
  }
  const columns: Record<string, Float64Array> = { ...ds.columns };
  const merged: GeoMergedChannel[] = [];
  const channels = media.map((c) => {
    const copies = mergeInto.get(c);
    if (!copies) return c;
    const group = R.media.filter((m) => m === c || copies.includes(m));
    const name = group.join(" + ");
    const sum = new Float64Array(ds.n);
    for (const m of group) {
      const x = ds.columns[m];
      for (let i = 0; i < ds.n; i++) sum[i] += x[i];
    }
    columns[name] = sum;
    const how = copies.map((m) => {
      const d = droppedBy.get(m)!;
      return d.reason === "near-duplicate"
        ? `${quote(m)} moves almost exactly with ${quote(c)} (correlation ${
          plain(d.correlation ?? NaN)
        } within geos)`
        : d.factor !== undefined && Math.abs(d.factor - 1) > 1e-9
        ? `${quote(m)} is ${plain(d.factor)} × ${quote(c)} in every row`
        : `${quote(m)} is identical to ${quote(c)}`;
    });
    merged.push({
      channel: name,
      columns: group,
      sentence: `${capitalize(listAnd(how))}, so the data cannot tell their effects apart (two separate ` +
        `estimates would be large, of opposite signs and meaningless). They are modelled as one channel, ` +
        `${quote(name)}, with their spend summed: its ROI is the return on the spend of both together.`,
    });
    return name;
  });
  const population = R.population !== undefined && !droppedBy.has(R.population) ? R.population : undefined;
  const otherControls = R.controls.filter((c) => !droppedBy.has(c) && c !== R.population);
  const controls = [...otherControls, ...(population ? [population] : [])];
  const roles: Roles = { ...R, media: channels, controls: otherControls, population };
  return {
    dataset: { ...ds, columns, roles },
    identification: {
      dropped: left,
      merged,
      zeroInGeos: report.zeroInGeos,
      channels,
      controls,
      populationModelled: population !== undefined,
    },
  };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
