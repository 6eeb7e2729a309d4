/**
 * Number and name formats of the geo pipeline's sentences (geo.ts, geo_recommendations.ts).
 *
 * @module
 */
import { channelLabel } from "../data/labels.ts";
import type { GeoSentenceFormat } from "./geo_types.ts";

/** Three significant digits, en-US grouping. */
export const sig3: Intl.NumberFormat = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 3 });

/** Whole numbers, en-US grouping. */
export const int: Intl.NumberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** Three significant digits (whole numbers from 1,000), Unicode minus. */
export function plain(x: number): string {
  if (Number.isNaN(x)) return "n/a";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  const a = Math.abs(x);
  const body = a >= 1000 ? int.format(a) : sig3.format(a);
  return `${x < 0 && /[1-9]/.test(body) ? "−" : ""}${body}`;
}

/** The sentences' default format: {@link plain} for amounts and returns ("n/a" for a non-finite return). */
export const DEFAULT_FORMAT: GeoSentenceFormat = {
  amount: plain,
  ratio: (x) => (Number.isFinite(x) ? plain(x) : "n/a"),
};

/** Items joined as prose: "a", "a and b", "a, b and c" (no serial comma). */
export function listAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** A channel as a reader names it in a sentence (lib/data/labels.ts); results keep the column name. */
export function quote(c: string): string {
  return channelLabel(c);
}

/** A share as a percentage with one decimal: 0.237 → "23.7%". */
export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
