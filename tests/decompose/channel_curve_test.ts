/**
 * The fused curve evaluation against lib/features' saturate / saturationDerivative (the reference formulas),
 * and its second derivative against central differences of the first.
 */
import { adstock } from "../../lib/features/adstock.ts";
import { saturate, saturationDerivative, type SaturationSpec } from "../../lib/features/saturation.ts";
import { channelCurves, evaluateCurve, type MediaModel } from "../../lib/decompose/mod.ts";
import { assert, assertAlmostEquals, assertRelClose } from "../assert.ts";
import { uniforms } from "./_fixture.ts";

const u = uniforms(7);
const n = 60;
const x = Float64Array.from({ length: n }, (_, t) => (t % 9 === 0 ? 0 : 400 * u()));
const ds = { n, columns: { x } };
const specs: (SaturationSpec | undefined)[] = [
  undefined,
  { type: "log1p", scale: 300 },
  { type: "hill", halfSaturation: 500, shape: 0.7 },
  { type: "hill", halfSaturation: 500, shape: 1 },
  { type: "hill", halfSaturation: 500, shape: 2 },
  { type: "hill", halfSaturation: 800, shape: 3.5 },
  { type: "sqrt" },
  { type: "logistic", steepness: 0.01, midpoint: 600 },
];
const theta = 0.4;
const a = adstock(x, { type: "geometric", theta });
const S = x.reduce((s, v) => s + v, 0);

function modelFor(saturation?: SaturationSpec): MediaModel {
  return {
    channels: [{
      name: "c",
      column: "x",
      coef: 3,
      adstock: { type: "geometric", theta },
      saturation,
      scaling: { center: 1, scale: 2 },
    }],
  };
}

/** Reference R(m) and dR/dS from features' saturate / saturationDerivative. */
function reference(sat: SaturationSpec | undefined, m: number): { response: number; marginal: number } {
  const am = a.map((v) => m * v);
  const g = sat ? saturate(am, sat) : am;
  const g0 = sat ? saturate([0], sat)[0] : 0;
  const d = sat ? saturationDerivative(am, sat) : am.map(() => 1);
  let r = 0, s = 0;
  for (let t = 0; t < n; t++) {
    r += g[t] - g0;
    if (a[t] > 0) s += a[t] * d[t];
  }
  return { response: 1.5 * r, marginal: (1.5 * s) / S }; // b = 3 / 2
}

Deno.test("evaluateCurve matches the features' saturation formulas for every curve (1e-12 relative)", () => {
  for (const sat of specs) {
    const [curve] = channelCurves(modelFor(sat), ds);
    assertRelClose(curve.spend, S, 1e-15);
    for (const m of [0.3, 1, 1.7, 2.5]) {
      const p = evaluateCurve(curve, m);
      const ref = reference(sat, m);
      const what = `${sat?.type ?? "identity"} ${JSON.stringify(sat)} m=${m}`;
      assertRelClose(p.response, ref.response, 1e-12, 1e-12, what);
      assertRelClose(p.marginal, ref.marginal, 1e-12, 1e-12, what);
      assertRelClose(p.spend, m * S, 1e-15, 0, what);
    }
  }
});

Deno.test("curvature is the derivative of the marginal (central difference, 1e-6 relative)", () => {
  for (const sat of specs) {
    const [curve] = channelCurves(modelFor(sat), ds);
    for (const m of [0.5, 1, 2]) {
      const h = 1e-5 * m;
      const fd = (reference(sat, m + h).marginal - reference(sat, m - h).marginal) / (2 * h * S);
      const p = evaluateCurve(curve, m);
      const what = `${sat?.type ?? "identity"} ${JSON.stringify(sat)} m=${m}`;
      if (!sat) assertAlmostEquals(p.curvature, 0, 0, what);
      else assertRelClose(p.curvature, fd, 1e-6, 1e-14, what);
    }
  }
});

Deno.test("at zero spend: response 0 and the derivative limits of each curve", () => {
  const at0 = (sat?: SaturationSpec) => evaluateCurve(channelCurves(modelFor(sat), ds)[0], 0);
  for (const sat of specs) assertAlmostEquals(at0(sat).response, 0, 0, JSON.stringify(sat));
  const sumA = a.reduce((s, v) => s + v, 0);
  assertRelClose(at0({ type: "log1p", scale: 300 }).marginal, (1.5 * sumA) / 300 / S, 1e-14);
  assertRelClose(
    at0({ type: "hill", halfSaturation: 500, shape: 1 }).marginal,
    (1.5 * sumA) / 500 / S,
    1e-14,
  );
  assertAlmostEquals(at0({ type: "hill", halfSaturation: 500, shape: 2 }).marginal, 0, 0);
  assert(at0({ type: "hill", halfSaturation: 500, shape: 0.7 }).marginal === Infinity);
  assert(at0({ type: "sqrt" }).marginal === Infinity);
});
