import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";
import {
  bootstrapMediationTransforms,
  intervalWidening,
  neighbourGrid,
  type TransformShortlist,
} from "../../lib/evaluate/national_bootstrap.ts";
import { geometricAdstock } from "../../lib/features/adstock.ts";
import { saturate } from "../../lib/features/saturation.ts";
import type { MediationInputs } from "../../lib/models/mediation.ts";
import { bootstrapMediation } from "../../lib/models/mediation_bootstrap.ts";

Deno.test("neighbourGrid keeps the grid values within k steps, clipped at the ends", () => {
  const grid = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
  assertEquals(neighbourGrid(grid, 0.5, 2), [0.3, 0.4, 0.5, 0.6, 0.7]);
  assertEquals(neighbourGrid(grid, 0, 2), [0, 0.1, 0.2]);
  assertEquals(neighbourGrid(grid, 0.9, 1), [0.8, 0.9]);
  assertEquals(neighbourGrid(grid, 0.3, 0), [0.3]);
  assertEquals(neighbourGrid([0.6, 0, 0.3], 0.3, 1), [0, 0.3, 0.6]); // grid order, not input order
  assertEquals(neighbourGrid(grid, 0.45, 1), [0.3, 0.4, 0.45, 0.5]); // off the grid: value kept beside the nearest point's neighbours
  assertThrows(() => neighbourGrid(grid, 0.5, -1), RangeError, "k must be");
});

// A noise-free-looking model with known transforms: M = 50 + 0.4·A(S1, 0.6) + 0.2·A(S2, 0.2) + u,
// Y = 100 + 3·A(M, 0.5) + 1.5·A(S1, 0.3) + e, with u and e tiny; the true θ's minimize every stage's SSE.
const n = 104;
const wave = (k: number, f: number) =>
  Float64Array.from({ length: n }, (_, t) => k * (1.2 + Math.sin(f * t) + 0.5 * Math.cos(3.1 * f * t + k)));
const s1 = wave(100, 0.37), s2 = wave(80, 0.91);
const tiny = (f: number) => Float64Array.from({ length: n }, (_, t) => 1e-4 * Math.sin(f * t * t));
const a1 = geometricAdstock(s1, 0.6), a2 = geometricAdstock(s2, 0.2);
const mediator = Float64Array.from({ length: n }, (_, t) => 50 + 0.4 * a1[t] + 0.2 * a2[t] + tiny(1.3)[t]);
const am = geometricAdstock(mediator, 0.5), ad = geometricAdstock(s1, 0.3);
const y = Float64Array.from({ length: n }, (_, t) => 100 + 3 * am[t] + 1.5 * ad[t] + tiny(0.7)[t]);
const inputs: MediationInputs = {
  spec: {
    social: [{ column: "s1", theta: 0.6 }, { column: "s2", theta: 0.2 }],
    mediator: { column: "m", theta: 0.5 },
    directSocial: [{ column: "s1", theta: 0.3 }],
    direct: [],
    stage1Controls: [],
    stage2Controls: [],
  },
  columns: { s1, s2, m: mediator },
  y,
};

Deno.test("with a one-value shortlist the re-chosen bootstrap is the fixed-transform bootstrap, replicate for replicate", () => {
  const only: TransformShortlist = {
    social: { s1: [0.6], s2: [0.2] },
    mediator: [0.5],
    directSocial: { s1: [0.3] },
    direct: {},
  };
  const opts = { seed: 7, reps: 60 };
  const rechosen = bootstrapMediationTransforms(inputs, only, opts);
  const fixed = bootstrapMediation(inputs, opts);
  assertEquals(rechosen.nFailed, fixed.nFailed);
  assertEquals([...rechosen.replicates.values], [...fixed.replicates.values]);
  for (const c of rechosen.carryover) {
    assertEquals([c.lower, c.upper], [c.estimate, c.estimate]);
  }
});

Deno.test("every replicate re-chooses the true carryovers when they fit (almost) exactly", () => {
  const grid = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
  // start every path one grid step away from the truth: the sweeps must walk back to it
  const start: MediationInputs = {
    ...inputs,
    spec: {
      ...inputs.spec,
      social: [{ column: "s1", theta: 0.5 }, { column: "s2", theta: 0.3 }],
      mediator: { column: "m", theta: 0.4 },
      directSocial: [{ column: "s1", theta: 0.4 }],
    },
  };
  const shortlist: TransformShortlist = {
    social: { s1: neighbourGrid(grid, 0.5, 2), s2: neighbourGrid(grid, 0.3, 2) },
    mediator: neighbourGrid(grid, 0.4, 2),
    directSocial: { s1: neighbourGrid(grid, 0.4, 2) },
    direct: {},
  };
  const boot = bootstrapMediationTransforms(start, shortlist, { seed: 3, reps: 40, sweeps: 3 });
  const truth: Record<string, number> = {
    "s1.carryover": 0.6,
    "s2.carryover": 0.2,
    "m.carryover": 0.5,
    "s1.directCarryover": 0.3,
  };
  for (const c of boot.carryoverPercentile) {
    assertAlmostEquals(c.lower, truth[c.name], 1e-12, c.name);
    assertAlmostEquals(c.upper, truth[c.name], 1e-12, c.name);
  }
  // the reported interval is of the θ's refined between grid points: the truth, to the search's 1e-3
  for (const c of boot.carryover) {
    assertAlmostEquals(c.lower, truth[c.name], 1e-3, c.name);
    assertAlmostEquals(c.upper, truth[c.name], 1e-3, c.name);
  }
  // with the true transforms re-chosen, b = 3 and the direct path 1.5/(1 − 0.3) per dollar in every replicate
  const b = boot.effects.find((e) => e.name === "m.b")!;
  assertAlmostEquals(b.lower, 3, 1e-3);
  assertAlmostEquals(b.upper, 3, 1e-3);
  const direct = boot.effects.find((e) => e.name === "s1.directPerDollar")!;
  assertAlmostEquals(direct.lower, 1.5 / 0.7, 1e-3);
  assertAlmostEquals(direct.upper, 1.5 / 0.7, 1e-3);
  assert(boot.fitsPerReplicate > 1);
});

Deno.test("a direct channel's saturation is re-chosen: every replicate walks from none to the true Hill curve", () => {
  // Y as above plus 40·hill(A(d, 0.3); K = 60, a = 2): with the other paths at their truth, the true curve fits
  // (almost) exactly and any other option leaves a visible residual, so d's coefficient is 40 in every replicate
  const d = wave(90, 0.53);
  const hill = (k: number, shape: number) => ({ type: "hill" as const, halfSaturation: k, shape });
  const curve = saturate(geometricAdstock(d, 0.3), hill(60, 2));
  const yd = Float64Array.from(y, (v, t) => v + 40 * curve[t]);
  const withDirect: MediationInputs = {
    ...inputs,
    spec: { ...inputs.spec, direct: [{ column: "d", theta: 0.3 }] },
    columns: { ...inputs.columns, d },
    y: yd,
  };
  const shortlist: TransformShortlist = {
    social: { s1: [0.6], s2: [0.2] },
    mediator: [0.5],
    directSocial: { s1: [0.3] },
    direct: { d: [null, hill(30, 1), hill(60, 1), hill(30, 2), hill(60, 2), hill(120, 2)] },
  };
  const boot = bootstrapMediationTransforms(withDirect, shortlist, { seed: 5, reps: 30 });
  const coef = boot.effects.find((e) => e.name === "d.coef")!;
  assertAlmostEquals(coef.lower, 40, 1e-3);
  assertAlmostEquals(coef.upper, 40, 1e-3);
  // and the fixed-transform bootstrap at "none" is far from it
  const fixed = bootstrapMediation(withDirect, { seed: 5, reps: 30 });
  assert(Math.abs(fixed.effects.find((e) => e.name === "d.coef")!.upper - 40) > 1);
});

Deno.test("a true θ between grid points: the choices' percentile interval misses it, the refined θ's find it", () => {
  // stage 1 with s1's true θ = 0.57, off the grid {0, 0.1, …, 0.9}; nearly noise-free, so every replicate picks
  // a grid value next to 0.57
  const trueTheta = 0.57;
  const a = geometricAdstock(s1, trueTheta);
  const m = Float64Array.from({ length: n }, (_, t) => 50 + 0.4 * a[t] + 0.2 * a2[t] + tiny(1.3)[t]);
  const amm = geometricAdstock(m, 0.5);
  const yy = Float64Array.from({ length: n }, (_, t) => 100 + 3 * amm[t] + 1.5 * ad[t] + tiny(0.7)[t]);
  const grid = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
  const model: MediationInputs = { ...inputs, columns: { s1, s2, m }, y: yy };
  const boot = bootstrapMediationTransforms(model, {
    social: { s1: grid, s2: grid },
    mediator: grid,
    directSocial: { s1: grid },
    direct: {},
  }, { seed: 5, reps: 60, sweeps: 3 });
  const pct = boot.carryoverPercentile.find((c) => c.name === "s1.carryover")!;
  const refined = boot.carryover.find((c) => c.name === "s1.carryover")!;
  // the choices are grid values: the percentile interval cannot contain 0.57 unless it spans 0.5 to 0.6
  assert(!(pct.lower <= trueTheta && trueTheta <= pct.upper), `percentile [${pct.lower}, ${pct.upper}]`);
  // nearly noise-free, every replicate's refined θ is the least-squares θ, 0.57, to the search's 1e-3
  assertAlmostEquals(refined.lower, trueTheta, 1e-3);
  assertAlmostEquals(refined.upper, trueTheta, 1e-3);
});

Deno.test("bootstrapMediationTransforms names a shortlist without the chosen θ", () => {
  assertThrows(
    () =>
      bootstrapMediationTransforms(inputs, {
        social: { s1: [0.5], s2: [0.2] },
        mediator: [0.5],
        directSocial: { s1: [0.3] },
        direct: {},
      }, { seed: 1, reps: 10 }),
    RangeError,
    "s1 does not contain the chosen θ = 0.6",
  );
});

Deno.test("intervalWidening: width ratios of the headline quantities, zero-width intervals left out, median", () => {
  const iv = (name: string, lower: number, upper: number) => {
    const dot = name.lastIndexOf(".");
    return {
      name,
      channel: name.slice(0, dot),
      quantity: name.slice(dot + 1),
      estimate: 0,
      se: 0,
      lower,
      upper,
      shareNonPositive: 0,
    };
  };
  const fixed = [
    iv("a.roi", 1, 2),
    iv("b.roi", 0, 4),
    iv("b.directPerDollar", 0, 0),
    iv("a.b", 0, 1),
    iv("c.contribution", 10, 20),
  ];
  const rechosen = [
    iv("a.roi", 0.5, 2.5),
    iv("b.roi", 0, 5),
    iv("b.directPerDollar", 0, 0),
    iv("a.b", 0, 9),
    iv("c.contribution", 10, 40),
  ];
  const w = intervalWidening(rechosen, fixed);
  assertEquals(w.rows.map((r) => [r.name, r.ratio]), [["a.roi", 2], ["b.roi", 1.25], ["c.contribution", 3]]);
  assertEquals([w.median, w.min, w.max], [2, 1.25, 3]);
  assertEquals(intervalWidening([], fixed).median, NaN);
});

Deno.test("bootstrapMediationTransforms draws circular blocks unless told otherwise (the documented default)", () => {
  const only: TransformShortlist = {
    social: { s1: [0.5, 0.6], s2: [0.2] },
    mediator: [0.5],
    directSocial: { s1: [0.3] },
    direct: {},
  };
  const opts = { seed: 11, reps: 30, blockLength: 13 };
  const byDefault = bootstrapMediationTransforms(inputs, only, opts);
  const circular = bootstrapMediationTransforms(inputs, only, { ...opts, circular: true });
  const moving = bootstrapMediationTransforms(inputs, only, { ...opts, circular: false });
  assertEquals([byDefault.circular, moving.circular], [true, false]);
  assertEquals([...byDefault.replicates.values], [...circular.replicates.values]);
  // moving blocks draw their starts from m − L + 1 positions instead of m: other rows, other replicates
  assert(byDefault.replicates.values.some((v, i) => v !== moving.replicates.values[i]));
});
