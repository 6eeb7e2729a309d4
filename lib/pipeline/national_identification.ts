/**
 * Identification of the national model's columns, before any fit: duplicated channels of one role merged by
 * summing, the other unidentified columns (all zero, constant, duplicates across roles, linear combinations)
 * left out, each with its sentence; and the short clauses that say why a column is gone. Used by
 * `nationalPipeline` (national.ts).
 *
 * @module
 */
import { findUnidentifiedTerms, type UnidentifiedTerm } from "../data/identification.ts";
import type { Dataset, Roles } from "../data/types.ts";
import type { NationalMergedChannel } from "./national_types.ts";

/**
 * Applies `findUnidentifiedTerms` to the model's columns: merges duplicated channels of one role by summing,
 * drops the other unidentified columns, and returns the dataset with the roles (and merged columns) updated.
 */
export function identify(
  ds: Dataset,
  notes: string[],
): { ds: Dataset; dropped: UnidentifiedTerm[]; merged: NationalMergedChannel[] } {
  const R = ds.roles;
  const columns = [
    ...(R.mediator ? [R.mediator] : []),
    ...R.social,
    ...R.direct,
    ...(R.price ? [R.price] : []),
    ...(R.promotion ? [R.promotion] : []),
    ...R.controls,
  ].filter((c, i, all) => all.indexOf(c) === i);
  const report = findUnidentifiedTerms(ds, columns, { geoFixedEffects: false });
  const roleOf = (c: string): "social" | "direct" | null =>
    R.social.includes(c) ? "social" : R.direct.includes(c) ? "direct" : null;
  const groups = new Map<string, string[]>(); // kept column → columns merged into it
  const copies = new Set<string>(); // kept columns with at least one exact copy (factor 1)
  const dropped: UnidentifiedTerm[] = [];
  for (const d of report.dropped) {
    const role = roleOf(d.column);
    if (d.reason === "duplicate" && d.of !== undefined && role !== null && roleOf(d.of) === role) {
      groups.set(d.of, [...(groups.get(d.of) ?? [d.of]), d.column]);
      if (d.factor === 1) copies.add(d.of);
      continue;
    }
    dropped.push(
      d.reason === "duplicate" && d.of !== undefined
        ? {
          ...d,
          sentence:
            `"${d.column}" ${
              d.factor === 1 ? "is identical to" : "is a multiple of"
            } "${d.of}" in every row, ` +
            `and the two play different roles, so the data cannot tell them apart; "${d.column}" is left out.`,
        }
        : d,
    );
    notes.push(dropped[dropped.length - 1].sentence);
  }
  const columnsOut: Record<string, Float64Array> = { ...ds.columns };
  const rename = new Map<string, string>();
  const mergedOut: NationalMergedChannel[] = [];
  for (const [kept, members] of groups) {
    const name = members.join("+");
    const sum = new Float64Array(ds.n);
    for (const c of members) {
      const x = ds.columns[c];
      for (let i = 0; i < ds.n; i++) sum[i] += x[i];
    }
    columnsOut[name] = sum;
    rename.set(kept, name);
    for (const c of members.slice(1)) rename.set(c, "");
    const sentence = `${
      members.map((c) => `"${c}"`).join(" and ")
    } are identical (or one is a multiple of the ` +
      `other) in every week, so the data cannot tell their effects apart: they are merged into one channel, ` +
      `"${name}", their sum, and its effect is the combined effect of each dollar spent on either.` +
      (copies.has(kept)
        ? ` If the file repeats one channel's spend by mistake (an export that duplicated a column), the sum ` +
          `counts that spend ${
            members.length === 2 ? "twice" : `${members.length} times`
          }: drop the copy from ` +
          `the roles, or read this channel's return per dollar as ${
            members.length === 2 ? "half" : `1/${members.length} of`
          } the true one.`
        : "");
    mergedOut.push({ name, columns: members, role: roleOf(kept)!, sentence });
    notes.push(sentence);
  }
  const gone = new Set(dropped.map((d) => d.column));
  const mapList = (list: readonly string[]) =>
    list.filter((c) => !gone.has(c)).map((c) => rename.get(c) ?? c).filter((c) => c !== "");
  const keep = (c: string | undefined) => (c !== undefined && !gone.has(c) ? c : undefined);
  const roles: Roles = {
    ...R,
    mediator: keep(R.mediator),
    social: mapList(R.social),
    direct: mapList(R.direct),
    price: keep(R.price),
    promotion: keep(R.promotion),
    controls: mapList(R.controls),
  };
  return { ds: { ...ds, columns: columnsOut, roles }, dropped, merged: mergedOut };
}

/** A short clause for a dropped column: `"x" is zero in every week`. */
export function whyDropped(dropped: readonly UnidentifiedTerm[], column: string): string {
  const d = dropped.find((x) => x.column === column);
  switch (d?.reason) {
    case "all-zero":
      return `"${column}" is zero in every week`;
    case "constant":
      return `"${column}" has the same value in every week`;
    case "duplicate":
    case "near-duplicate":
      return `"${column}" duplicates "${d.of}"`;
    case "linear-combination":
      return `"${column}" is a combination of other columns`;
    default:
      return `"${column}" was left out`;
  }
}

/** The sentence `findUnidentifiedTerms` wrote for a dropped column, or "`"x" was left out.`" when it has none. */
export function droppedSentence(dropped: readonly UnidentifiedTerm[], column: string): string {
  return dropped.find((d) => d.column === column)?.sentence ?? `"${column}" was left out.`;
}
