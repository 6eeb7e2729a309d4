/**
 * Golden headline numbers: the tidy estimates file a report writes (`results/estimates.json`) compared with
 * the committed `tests/golden/estimates.json`, so a change to what stakeholders read cannot land unnoticed.
 *
 * ```sh
 * deno task golden check [reports]    # exit 1 listing every row that moved beyond tolerance, or appeared/vanished
 * deno task golden update [reports]   # after an intended change: rewrite the golden file from that report
 * ```
 *
 * Tolerance: a value `a` matches golden `g` when `|a − g| ≤ ABS + REL · max(|a|, |g|)`, with REL = 1e-6 and
 * ABS = 1e-9 · (the largest |value| of the same model and unit). Every number in the file is deterministic
 * (seeded bootstraps, fixed folds), so runs on one machine agree exactly and machines differ only by floating
 * point rounding in sums of a few thousand terms (relative error ~1e-12); 1e-6 leaves room for a different
 * libm while catching any change a reader could see at the precision reports print (3–4 significant digits).
 * Intervals are compared like estimates; a null bound must stay null.
 *
 * @module
 */
import type { TidyEstimate } from "../lib/plot/estimates.ts";

/** Relative tolerance of {@link compareEstimates}. */
export const GOLDEN_REL = 1e-6;
/** Absolute tolerance, as a share of the largest |value| with the same model and unit. */
export const GOLDEN_ABS_SHARE = 1e-9;

/** One difference between a run and the golden file. */
export interface GoldenDifference {
  readonly key: string;
  readonly field: "row" | "estimate" | "lower" | "upper" | "level" | "unit";
  readonly golden: number | string | null;
  readonly actual: number | string | null;
}

const keyOf = (r: TidyEstimate) => `${r.model} ${r.quantity} ${r.channel || "-"}`;

/**
 * Every difference between `actual` and `golden` beyond the tolerance above: rows present in one only, and
 * per shared row each numeric field (estimate, lower, upper, level) and the unit.
 *
 * @example
 * const row = { model: "geo", quantity: "roi", channel: "tv_spend", estimate: 1.2, lower: 0.8, upper: 1.7,
 *   level: 0.95, unit: "sales per unit of spend" } as const;
 * compareEstimates([row], [{ ...row, estimate: 1.2000000001 }]).length; // 0
 * compareEstimates([row], [{ ...row, estimate: 1.21 }])[0].field; // "estimate"
 */
export function compareEstimates(
  golden: readonly TidyEstimate[],
  actual: readonly TidyEstimate[],
): GoldenDifference[] {
  const scale = new Map<string, number>();
  for (const r of [...golden, ...actual]) {
    const k = `${r.model}\u0000${r.unit}`;
    const m = Math.max(Math.abs(r.estimate), Math.abs(r.lower ?? 0), Math.abs(r.upper ?? 0));
    scale.set(k, Math.max(scale.get(k) ?? 0, m));
  }
  const close = (g: number | null, a: number | null, s: number) =>
    g === null || a === null
      ? g === a
      : Math.abs(a - g) <= GOLDEN_ABS_SHARE * s + GOLDEN_REL * Math.max(Math.abs(a), Math.abs(g));
  const byKey = new Map(actual.map((r) => [keyOf(r), r]));
  const out: GoldenDifference[] = [];
  for (const g of golden) {
    const key = keyOf(g), a = byKey.get(key);
    if (!a) {
      out.push({ key, field: "row", golden: "present", actual: "missing" });
      continue;
    }
    byKey.delete(key);
    const s = scale.get(`${g.model}\u0000${g.unit}`) ?? 0;
    for (const f of ["estimate", "lower", "upper", "level"] as const) {
      if (!close(g[f], a[f], s)) out.push({ key, field: f, golden: g[f], actual: a[f] });
    }
    if (g.unit !== a.unit) out.push({ key, field: "unit", golden: g.unit, actual: a.unit });
  }
  for (const [key] of byKey) out.push({ key, field: "row", golden: "missing", actual: "present" });
  return out;
}

const REPO = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const GOLDEN = `${REPO}/tests/golden/estimates.json`;

function readRows(path: string): TidyEstimate[] {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch {
    throw new Error(`cannot read ${path}: run \`deno task report\` first (or name the report folder)`);
  }
  const parsed = JSON.parse(text);
  const rows = Array.isArray(parsed) ? parsed : parsed.estimates;
  if (!Array.isArray(rows)) throw new Error(`${path} holds no estimates array`);
  return rows as TidyEstimate[];
}

if (import.meta.main) {
  const [mode, folder = `${REPO}/reports`] = Deno.args;
  const runFile = `${folder.replace(/\/$/, "")}/results/estimates.json`;
  try {
    if (mode === "update") {
      const rows = readRows(runFile);
      Deno.mkdirSync(`${REPO}/tests/golden`, { recursive: true });
      Deno.writeTextFileSync(GOLDEN, JSON.stringify(rows, null, 1) + "\n");
      console.log(`golden: wrote ${rows.length} rows from ${runFile} to tests/golden/estimates.json`);
    } else if (mode === "check") {
      const diffs = compareEstimates(readRows(GOLDEN), readRows(runFile));
      if (diffs.length === 0) {
        console.log(`golden: ${runFile} matches tests/golden/estimates.json`);
      } else {
        console.error(`golden: ${diffs.length} difference(s) from tests/golden/estimates.json:`);
        for (const d of diffs) console.error(`  ${d.key} ${d.field}: golden ${d.golden}, now ${d.actual}`);
        console.error("If the change is intended, run `deno task golden update` and commit the file.");
        Deno.exit(1);
      }
    } else {
      console.error("usage: deno task golden check|update [report folder, default reports]");
      Deno.exit(2);
    }
  } catch (e) {
    console.error(`golden: ${(e as Error).message}`);
    Deno.exit(2);
  }
}
