import { assert, assertEquals } from "../assert.ts";
import { type NationalOptions, nationalPipeline } from "../../lib/pipeline/national.ts";
import { decompositionShares, nationalDecomposition } from "../../lib/pipeline/national_decomposition.ts";
import { weeklyDataset } from "./_weekly.ts";

const FAST: NationalOptions = {
  reps: 19,
  importance: false,
  search: { thetaGrid: [0, 0.3, 0.6], alphaGrid: [0, 1] },
};

const close = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
const sum = (x: ArrayLike<number>) => Array.from(x).reduce((s, v) => s + v, 0);

Deno.test("national decomposition, two stages: the pipeline's fitted values; social + search parts = the stage-2 media terms", async () => {
  const ds = weeklyDataset();
  const r = await nationalPipeline(ds, FAST);
  const d = nationalDecomposition(r, ds.dates)!;
  const o = r.outcome!;
  // The fitted value per fit week equals the pipeline's own prediction (computed elsewhere, by the fit).
  o.rows.forEach((t, i) => assert(close(d.fitted[i], o.fitted[t], 1e-9), `week ${t}`));
  assertEquals(d.dates, Array.from(o.rows, (t) => ds.dates[t]));
  // Social channels' parts (through both stages) and search's own part add to the mediator's two stage-2
  // terms plus the direct social terms, computed here from the design and coefficients.
  const { spec } = r.twoStage!.inputs;
  const terms = [
    `${spec.mediator.column}_fitted`,
    `${spec.mediator.column}_residual`,
    ...spec.directSocial.map((s) => s.column),
  ];
  const k = o.design.k;
  let expected = 0;
  for (const term of terms) {
    const j = o.design.names.indexOf(term), b = o.ols.coef[o.ols.terms.indexOf(term)];
    for (let i = 0; i < o.design.n; i++) expected += o.design.x[i * k + j] * b;
  }
  const got = [...spec.social.map((s) => s.column), spec.mediator.column].reduce(
    (s, c) => s + d.totals.parts[c],
    0,
  );
  assert(close(got, expected, 1e-9), `${got} vs ${expected}`);
  // Email and SMS parts are their own design terms; the baseline holds no media column.
  for (const c of r.roles.direct) assert(c in d.parts, c);
  assertEquals(Object.keys(d.parts).includes(r.roles.price ?? "none"), false);
  assert(close(d.totals.baseline + sum(Object.values(d.totals.parts)), d.totals.fitted, 1e-9));
  // A social channel's part over the fit weeks is close to its counterfactual contribution (which sums over
  // every week): the fit leaves out only the few anomalous weeks.
  const fb = o.contributions.find((c) => c.channel === "facebook_spend")!;
  assert(
    d.totals.parts.facebook_spend > 0.9 * fb.contribution,
    `${d.totals.parts.facebook_spend} vs ${fb.contribution}`,
  );
});

Deno.test("national decomposition, single stage (no mediator): each media channel's own adstocked term", async () => {
  const ds = weeklyDataset({ edit: (c) => c.google_spend.fill(0) });
  const r = await nationalPipeline(ds, FAST);
  assertEquals(r.model, "single-stage");
  const d = nationalDecomposition(r, ds.dates)!;
  const o = r.outcome!;
  o.rows.forEach((t, i) => assert(close(d.fitted[i], o.fitted[t], 1e-9), `week ${t}`));
  for (const c of r.singleStage!.inputs.spec.media) {
    const contribution = o.contributions.find((x) => x.channel === c.column);
    assert(c.column in d.parts, c.column);
    if (contribution && o.rows.length === ds.n) {
      assert(close(d.totals.parts[c.column], contribution.contribution, 1e-6));
    }
  }
});

Deno.test("decompositionShares: shares of spend and of the additive effect each sum to 1; ROI passed through", async () => {
  const ds = weeklyDataset();
  const r = await nationalPipeline(ds, FAST);
  const d = nationalDecomposition(r, ds.dates)!;
  const shares = decompositionShares(d, r.outcome!.contributions)!;
  assert(close(shares.reduce((s, x) => s + x.spendShare, 0), 1, 1e-12));
  assert(close(shares.reduce((s, x) => s + x.effectShare, 0), 1, 1e-12));
  for (const x of shares) {
    assertEquals(
      x.roi,
      r.outcome!.contributions.find((c) => c.channel === x.channel)!.estimate,
    );
  }
  assertEquals(decompositionShares(d, r.outcome!.contributions.slice(0, 1)), null);
});
