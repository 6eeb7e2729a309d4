import { assert, assertEquals } from "../assert.ts";
import { interactionEffects } from "../../lib/evaluate/interactions.ts";
import { promotionFrequency } from "../../lib/evaluate/promotion_frequency.ts";
import { interactionSection, promotionFrequencySection } from "../../lib/plot/interaction_views.ts";
import { bundleOf } from "../../lib/plot/show.ts";
import type { Table } from "../../lib/plot/table.ts";
import { designSource, randomStreams, testDataset, testRoles, weeks } from "../fixtures/interactions.ts";

function data(n: number) {
  const { normal, uniform } = randomStreams(5);
  const price = Float64Array.from({ length: n }, () => 50 + 2 * normal());
  const promotions = Float64Array.from({ length: n }, () => (uniform() < 0.3 ? 1 : 0));
  const email = Float64Array.from({ length: n }, () => 100_000 + 20_000 * normal());
  const revenue = Float64Array.from(
    { length: n },
    (_, t) => 200_000 - 2_000 * price[t] + 10_000 * promotions[t] + 0.2 * email[t] + 3_000 * normal(),
  );
  const ds = testDataset(
    weeks("2022-01-03", n),
    { average_price: price, promotions, emails_send: email, revenue },
    testRoles(),
  );
  return { ds, source: designSource(ds, ["average_price", "promotions", "emails_send"]) };
}

/** Every header a reader sees: labels, never identifiers. */
function headers(t: Table): string[] {
  return t.columns.map((c) => t.labels?.[c] ?? c);
}

Deno.test("interactionSection: the verdicts in prose, a labelled table, one chart per interaction", () => {
  const { ds, source } = data(104);
  const r = interactionEffects(ds, source);
  assert(r.available);
  const parts = interactionSection(r);
  assertEquals(parts.map((p) => p.kind), ["markdown", "table", "figure", "figure"]);
  const prose = parts[0].kind === "markdown" ? parts[0].text : "";
  for (const e of r.effects) assert(prose.includes(e.verdict.sentence), e.verdict.sentence);
  assert(prose.includes("joint Wald test"));
  const t = parts[1] as Table;
  assertEquals(t.rows.length, 2);
  for (const h of headers(t)) assert(!/[a-z][A-Z]|_/.test(h), `header "${h}" looks like an identifier`);
  for (const p of parts) assert(Object.keys(bundleOf(p)).includes("text/html"));
});

Deno.test("promotionFrequencySection: verdict, quarters and (with curvature) the lift by frequency", () => {
  const { ds, source } = data(156);
  const r = promotionFrequency(ds, source);
  assert(r.available);
  const parts = promotionFrequencySection(r);
  const prose = parts[0].kind === "markdown" ? parts[0].text : "";
  assert(prose.includes(r.verdict.sentence));
  const kinds = parts.map((p) => p.kind);
  assert(r.curve.length > 0, "random promotions give quarters of several frequencies");
  assertEquals(kinds, ["markdown", "table", "table", "figure"]);
  for (const p of parts.filter((x): x is Table => x.kind === "table")) {
    for (const h of headers(p)) assert(!/[a-z][A-Z]|_/.test(h), `header "${h}" looks like an identifier`);
  }
  // one year: the reason, and the quarters table, no curve
  const short = data(52);
  const one = promotionFrequency(short.ds, short.source);
  assert(one.available);
  assertEquals(promotionFrequencySection(one).map((p) => p.kind), ["markdown", "table"]);
});

Deno.test("sections without data say why, in one paragraph", () => {
  const { ds, source } = data(104);
  const roles = { ...source.roles, promotion: undefined };
  const ia = interactionSection(interactionEffects({ ...ds, roles }, { ...source, roles }));
  assertEquals(ia.length, 1);
  assert(ia[0].kind === "markdown" && ia[0].text.includes("no promotion column is mapped"));
  const pf = promotionFrequencySection(promotionFrequency({ ...ds, roles }, { ...source, roles }));
  assert(pf.length === 1 && pf[0].kind === "markdown" && pf[0].text.includes("no promotion column"));
});
