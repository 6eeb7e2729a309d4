/**
 * Names a reader sees for the input file's columns and the model's derived terms: `facebook_spend` →
 * "Facebook", `sms_send` → "SMS", `competitor_sales_control` → "Competitor sales", `google_spend_fitted` →
 * "Google (social-driven)", `google_spend_residual` → "Google (other)", `month_sin` → "Season (sine)".
 * A roles file's `labels` map overrides any of them. Pure string functions, so every layer (pipeline
 * sentences, evaluate verdicts, plot tables) can name things the same way; results JSON keeps the column names.
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
 * Suffixes the two-stage model adds to a channel's column (lib/pipeline stage 2 splits the mediated
 * channel into the part stage 1 predicts from social spend and the remainder), and the words shown for them.
 */
const TERM_SUFFIXES: readonly [RegExp, string][] = [
  [/_fitted$/, "social-driven"],
  [/_residual$/, "other"],
];

/** Seasonal Fourier terms of the month (`month_sin`, `month_cos`). */
const SEASONAL = /^month_(sin|cos)$/;

function titleWords(column: string): string {
  const snake = column.replace(/([a-z0-9])([A-Z])/g, "$1_$2");
  const stem = snake.replace(SUFFIXES, "") || snake;
  const words = stem.split(/[_\-\s]+/).filter(Boolean).map((w) => w.toLowerCase());
  if (words.length === 0) return column;
  return words.map((w, i) => {
    if (ACRONYMS.has(w)) return w.toUpperCase();
    if (BRANDS[w]) return BRANDS[w];
    return i === 0 ? w[0].toUpperCase() + w.slice(1) : w;
  }).join(" ");
}

/**
 * A display name for a column or model term: the override if given; a stage prefix (`stage 2: x`) kept
 * with the rest named; a combined channel (`a + b`) named part by part; `x_fitted` / `x_residual` as
 * "X (social-driven)" / "X (other)"; `month_sin` / `month_cos` as "Season (sine)" / "Season (cosine)";
 * else the name without a measurement suffix, words split on `_`, `-` and camelCase, the first word
 * capitalized, acronyms in capitals.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(channelLabel("facebook_spend"), "Facebook", 1e-9);
 * assertClose(channelLabel("sms_send"), "SMS", 1e-9);
 * assertClose(channelLabel("google_spend_fitted"), "Google (social-driven)", 1e-9);
 * assertClose(channelLabel("tiktok_spend+instagram_spend"), "TikTok + Instagram", 1e-9);
 * assertClose(channelLabel("tv_spend", { tv_spend: "Television" }), "Television", 1e-9);
 * ```
 */
export function channelLabel(column: string, overrides?: Readonly<Record<string, string>>): string {
  const override = overrides?.[column];
  if (override) return override;
  const stage = /^(stage \d+): (.+)$/i.exec(column);
  if (stage) return `${stage[1][0].toUpperCase()}${stage[1].slice(1)}: ${channelLabel(stage[2], overrides)}`;
  // merged channels: the geo pipeline joins their columns with " + ", the national one with "+"
  if (column.includes("+")) {
    return column.split(/\s*\+\s*/).map((c) => channelLabel(c, overrides)).join(" + ");
  }
  for (const [re, words] of TERM_SUFFIXES) {
    if (re.test(column) && column.replace(re, "") !== "") {
      return `${channelLabel(column.replace(re, ""), overrides)} (${words})`;
    }
  }
  const seasonal = SEASONAL.exec(column);
  if (seasonal) return `Season (${seasonal[1] === "sin" ? "sine" : "cosine"})`;
  return titleWords(column);
}

/**
 * A two-stage model's term as readers name it with its stage after the channel: "stage 1: facebook_spend" →
 * "Facebook (stage 1)"; other terms as `channelLabel`.
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(stageTermLabel("stage 2: google_spend_fitted"), "Google (social-driven) (stage 2)", 1e-9);
 * assertClose(stageTermLabel("tv_spend"), "TV", 1e-9);
 * ```
 */
export function stageTermLabel(term: string): string {
  const m = term.match(/^stage ([12]): (.*)$/);
  return m ? `${channelLabel(m[2])} (stage ${m[1]})` : channelLabel(term);
}

/**
 * `channelLabel` with the same overrides for every call: the `label` option the verdict and sentence
 * builders take.
 */
export function labeller(overrides?: Readonly<Record<string, string>>): (column: string) => string {
  return (column) => channelLabel(column, overrides);
}
