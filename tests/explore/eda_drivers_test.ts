import { assertAlmostEquals, assertEquals } from "../assert.ts";
import { edaPrice, edaPromotion, promotionGroups } from "../../lib/explore/mod.ts";
import { WEEKLY_ROLES } from "../../lib/data/mod.ts";
import type { EnvelopeFinding } from "../../lib/data/envelope.ts";
import { weekly } from "./_weekly.ts";

const noRole = { ...WEEKLY_ROLES, promotion: undefined, price: undefined };

Deno.test("promotionGroups: flag 1 is a promotion week, anything else not; undefined without the role", () => {
  assertEquals(promotionGroups(weekly({ promotions: [1, 0, 2] })), [
    "promotion",
    "no promotion",
    "no promotion",
  ]);
  assertEquals(promotionGroups(weekly({ promotions: [1] }, noRole)), undefined);
});

Deno.test("edaPromotion: the two means, the raw difference, its Welch interval and test", () => {
  // promotion weeks 20, 22, 21 (mean 21), others 10, 12, 11 (mean 11); both variances 1, so se = √(2/3),
  // Welch df = 4, t = 10 / √(2/3) ≈ 12.25, 95% CI 10 ± 2.776445 · 0.816497 = [7.73, 12.27]
  const ds = weekly({ revenue: [10, 12, 20, 22, 11, 21], promotions: [0, 0, 1, 1, 0, 1] });
  const v = edaPromotion(ds, { analyses: { promotion: true }, findings: [] });
  assertEquals([v.contrast?.promoWeeks, v.contrast?.meanA, v.contrast?.meanB], [3, 21, 11]);
  assertAlmostEquals(v.contrast!.lower, 10 - 2.7764451 * Math.sqrt(2 / 3), 1e-5);
  assertEquals(
    v.sentence,
    "Promotion weeks (3 of 6) average $21.00 against $11.00\nin other weeks: a raw difference of **$10.00** " +
      "(90.9%; 95% CI\n$7.73 to $12.27, Welch t = 12.25, p = <0.001).",
  );
});

Deno.test("edaPromotion: no contrast says why: no role, the envelope's finding, or an unusable column", () => {
  const ds = weekly({ revenue: [1, 2], promotions: [0, 0] });
  const finding = (code: EnvelopeFinding["code"], sentence: string): EnvelopeFinding => ({
    code,
    severity: "warning",
    sentence,
  });
  const off = { promotion: false };
  assertEquals(edaPromotion({ ...ds, roles: noRole }, { analyses: off, findings: [] }), {
    contrast: undefined,
    sentence: "No promotion contrast: the roles map no promotion column.",
  });
  for (const code of ["no-promotion", "no-promotion-weeks", "promotion-every-week"] as const) {
    const findings = [finding("one-year", "Only one year."), finding(code, "the flag is never on.")];
    assertEquals(
      edaPromotion(ds, { analyses: off, findings }).sentence,
      "No promotion contrast: the flag is never on.",
    );
  }
  assertEquals(
    edaPromotion(ds, { analyses: off, findings: [finding("one-year", "Only one year.")] }).sentence,
    "No promotion contrast: the promotion column cannot be used.",
  );
});

Deno.test("edaPrice: correlation in words and the naive log-log slope when every week is positive", () => {
  // r = −39/42 ≈ −0.93 (very strong negative); revenue = 4 / price exactly, so the slope is −1
  const ds = weekly({ average_price: [1, 2, 4], revenue: [4, 2, 1] });
  const v = edaPrice(ds, { analyses: { price: true } });
  assertAlmostEquals(v.analysis!.correlation, -39 / 42, 1e-12);
  assertAlmostEquals(v.analysis!.naiveElasticity!, -1, 1e-12);
  assertEquals(
    v.sentence,
    "Price and revenue have a very strong negative correlation (**−0.93**); the naive log-log slope is **−1.00**.",
  );
});

Deno.test("edaPrice: a zero week leaves the slope out, and says so", () => {
  // r = −6 / √(42/9 · 8) ≈ −0.98
  const v = edaPrice(weekly({ average_price: [1, 2, 4], revenue: [4, 2, 0] }), { analyses: { price: true } });
  assertEquals(v.analysis?.naiveElasticity, null);
  assertEquals(
    v.sentence,
    "Price and revenue have a very strong negative correlation (**−0.98**); the log-log slope is not computed " +
      "because some weeks are zero or negative.",
  );
});

Deno.test("edaPrice: no price analysis without a price column, or with one that does not vary", () => {
  const ds = weekly({ average_price: [3, 3], revenue: [1, 2] });
  // the envelope's finding says why: a constant price, or a price left out for another reason
  const finding = (sentence: string) => ({
    analyses: { price: false },
    findings: [{
      code: "price-constant" as const,
      severity: "warning" as const,
      sentence,
      column: "average_price",
    }],
  });
  assertEquals(
    edaPrice(ds, finding('"average_price" does not vary, so a price elasticity cannot be estimated.')),
    {
      analysis: undefined,
      sentence:
        'No price analysis: "average_price" does not vary, so a price elasticity cannot be estimated.',
    },
  );
  assertEquals(
    edaPrice(ds, finding('"average_price" is an exact copy of "promotions". So a price elasticity …'))
      .sentence,
    'No price analysis: "average_price" is an exact copy of "promotions". So a price elasticity …',
  );
  assertEquals(
    edaPrice(ds, { analyses: { price: false } }).sentence,
    "No price analysis: the price column cannot be used.",
  );
  assertEquals(
    edaPrice({ ...ds, roles: noRole }, { analyses: { price: true } }).sentence,
    "No price analysis: the roles map no price column.",
  );
});
