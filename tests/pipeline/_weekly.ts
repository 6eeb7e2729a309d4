/**
 * Small generated weekly series for the national pipeline's tests: the bundled schema, a known process
 * (social spend drives Google spend, Google spend, Facebook, email (Hill), SMS, price, promotions, followers
 * and the holiday months drive revenue), seeded, and an `edit` hook to break one thing at a time.
 *
 * @module
 */
import { resolveRoles } from "../../lib/data/roles.ts";
import type { Dataset, Roles } from "../../lib/data/types.ts";
import { geometricAdstock } from "../../lib/features/adstock.ts";
import { xoshiro128ss } from "../../lib/stats/random.ts";

/** Options of {@link weeklyDataset}. */
export interface WeeklyTestOptions {
  /** Weeks (default 104). */
  readonly n?: number;
  /** First Monday (default 2023-01-02). */
  readonly start?: string;
  readonly seed?: number;
  /** Revenue per adstocked Facebook dollar, direct path (default 1). */
  readonly facebookDirect?: number;
  /** Google dollars per TikTok dollar in stage 1 (default 0.2). */
  readonly tiktokToGoogle?: number;
  /** Changes the generated columns before the dataset is built. */
  readonly edit?: (columns: Record<string, Float64Array>, dates: readonly string[]) => void;
  /** Role overrides. */
  readonly roles?: Partial<Roles>;
}

/** Monday dates, one week apart. */
export function mondays(start: string, n: number): string[] {
  const t0 = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => new Date(t0 + i * 7 * 86_400_000).toISOString().slice(0, 10));
}

/**
 * A weekly dataset in the bundled schema from a known process (see the module doc).
 *
 * @example
 * const ds = weeklyDataset({ n: 52, edit: (c) => c.promotions.fill(0) });
 */
export function weeklyDataset(options: WeeklyTestOptions = {}): Dataset {
  const n = options.n ?? 104;
  const dates = mondays(options.start ?? "2023-01-02", n);
  const next = xoshiro128ss(options.seed ?? 7);
  const unif = () => next() / 2 ** 32;
  const normal = () => {
    const u = Math.max(unif(), 1e-12), v = unif();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const ar = (mean: number, sd: number) => {
    const out = new Float64Array(n);
    let z = 0;
    for (let t = 0; t < n; t++) {
      z = 0.6 * z + normal();
      out[t] = Math.max(0, mean + sd * z);
    }
    return out;
  };
  const month = dates.map((d) => Number(d.slice(5, 7)));
  const holiday = Float64Array.from(month, (m) => (m >= 11 ? 1 : 0));
  const facebook = ar(10_000, 3_000), tiktok = ar(4_000, 1_500), instagram = ar(5_000, 1_500);
  const snapchat = ar(3_000, 1_000);
  const aFb = geometricAdstock(facebook, 0.3), aIg = geometricAdstock(instagram, 0.3);
  const tiktokToGoogle = options.tiktokToGoogle ?? 0.2;
  const google = Float64Array.from(
    { length: n },
    (_, t) =>
      Math.max(
        0,
        2_000 + 0.6 * aFb[t] + 0.4 * aIg[t] + tiktokToGoogle * tiktok[t] + 3_000 * holiday[t] +
          600 * normal(),
      ),
  );
  const emails = Float64Array.from({ length: n }, () => Math.round(Math.max(0, 100_000 + 25_000 * normal())));
  const sms = Float64Array.from({ length: n }, () => Math.round(Math.max(0, 15_000 + 4_000 * normal())));
  const price = Float64Array.from({ length: n }, () => 50 + 2 * normal());
  const promotions = Float64Array.from({ length: n }, (_, t) => (t % 6 === 2 ? 1 : 0));
  const followers = Float64Array.from({ length: n }, (_, t) => 40_000 + 100 * t);
  const aGoogle = geometricAdstock(google, 0.5);
  const fbDirect = options.facebookDirect ?? 1;
  const revenue = Float64Array.from(
    { length: n },
    (_, t) =>
      150_000 + 3 * aGoogle[t] + fbDirect * aFb[t] + 60_000 * (emails[t] / (emails[t] + 100_000)) +
      1 * sms[t] -
      2_000 * price[t] + 15_000 * promotions[t] + 0.5 * followers[t] + 20_000 * holiday[t] + 6_000 * normal(),
  );
  const columns: Record<string, Float64Array> = {
    facebook_spend: facebook,
    google_spend: google,
    tiktok_spend: tiktok,
    instagram_spend: instagram,
    snapchat_spend: snapchat,
    social_followers: followers,
    average_price: price,
    promotions,
    emails_send: emails,
    sms_send: sms,
    revenue,
  };
  options.edit?.(columns, dates);
  return {
    source: "generated.csv",
    n,
    dates,
    columns,
    roles: resolveRoles("weekly", options.roles),
    warnings: [],
  };
}
