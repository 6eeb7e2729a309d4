/**
 * Names a reader sees for the input file's columns: `facebook_spend` → "Facebook", `sms_send` → "SMS",
 * `competitor_sales_control` → "Competitor sales". A roles file's `labels` map overrides any of them.
 *
 * @module
 */

/** Words shown in capitals wherever they appear in a column name. */
const ACRONYMS: ReadonlySet<string> = new Set([
  "tv",
  "sms",
  "ooh",
  "dooh",
  "ctv",
  "seo",
  "sem",
  "roi",
  "cpm",
  "dma",
  "id",
  "uk",
  "us",
  "eu",
]);

/** Trailing words that say what was measured (spend, sends, impressions) rather than which channel. */
const SUFFIXES = /_(spend|spends|send|sends|cost|costs|control|amount|usd|eur)$/i;

/** Brand capitalization that plain title case gets wrong. */
const BRANDS: Readonly<Record<string, string>> = {
  tiktok: "TikTok",
  youtube: "YouTube",
  linkedin: "LinkedIn",
};

/**
 * A display name for a column: the override if given, else the name without a measurement suffix, words
 * split on `_`, `-` and camelCase, the first word capitalized, acronyms in capitals.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(channelLabel("facebook_spend"), "Facebook", 1e-9);
 * assertClose(channelLabel("sms_send"), "SMS", 1e-9);
 * assertClose(channelLabel("tv_spend", { tv_spend: "Television" }), "Television", 1e-9);
 * ```
 */
export function channelLabel(column: string, overrides?: Readonly<Record<string, string>>): string {
  const override = overrides?.[column];
  if (override) return override;
  const snake = column.replace(/([a-z0-9])([A-Z])/g, "$1_$2");
  const stem = snake.replace(SUFFIXES, "") || snake;
  const words = stem.split(/[_\-\s]+/).filter(Boolean)
    .map((w) => w.toLowerCase());
  if (words.length === 0) return column;
  return words.map((w, i) => {
    if (ACRONYMS.has(w)) return w.toUpperCase();
    if (BRANDS[w]) return BRANDS[w];
    return i === 0 ? w[0].toUpperCase() + w.slice(1) : w;
  }).join(" ");
}
