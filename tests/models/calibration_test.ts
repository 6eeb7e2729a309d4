import { assertAlmostEquals, assertArrayClose, assertThrows } from "../assert.ts";
import {
  augmentedLeastSquares,
  calibrateLinear,
  designCrossProduct,
  liftTension,
} from "../../lib/models/calibration.ts";
import { fitOls } from "../../lib/models/ols.ts";

const fx = JSON.parse(Deno.readTextFileSync(new URL("../fixtures/calibration.json", import.meta.url)));
const x = Float64Array.from(fx.x as number[]);
const y = Float64Array.from(fx.y as number[]);
const n = fx.n as number, k = fx.k as number;
const constraints = (fx.constraints as { a: number[]; lift: number; se: number }[]).map((c) => ({
  a: Float64Array.from(c.a),
  lift: c.lift,
  se: c.se,
}));
const names = Array.from({ length: k }, (_, j) => `x${j}`);
const ols = fitOls({ names, n, k, x }, y);
const xtx = designCrossProduct(x, n, k);

Deno.test("calibrateLinear equals statsmodels WLS on the augmented rows (1e-8)", () => {
  assertArrayClose(ols.coef, fx.olsCoef, 1e-10);
  const classicalCov = Float64Array.from(ols.model.normalizedCov, (v) => v * ols.stats.scale);
  const cal = calibrateLinear(
    { coef: ols.coef, cov: classicalCov, xtx, sigma2: ols.stats.scale },
    constraints,
  );
  assertArrayClose(cal.weights, fx.weights, 1e-10);
  assertArrayClose(cal.coef, fx.wlsCoef, 1e-8);
  // classical V: the sandwich is the posterior covariance σ̂² M⁻¹
  assertArrayClose(cal.cov, fx.classicalCov, 1e-8);
});

Deno.test("augmentedLeastSquares (stacked QR) equals statsmodels WLS (1e-8)", () => {
  const coef = augmentedLeastSquares(x, y, n, k, constraints, fx.weights);
  assertArrayClose(coef, fx.wlsCoef, 1e-8);
});

Deno.test("calibrateLinear's sandwich with a robust (HC1) covariance equals numpy's (1e-8)", () => {
  const hc1 = Float64Array.from(fx.hc1 as number[]);
  const cal = calibrateLinear({ coef: ols.coef, cov: hc1, xtx, sigma2: fx.sigma2 }, constraints);
  assertArrayClose(cal.coef, fx.wlsCoef, 1e-8);
  assertArrayClose(cal.cov, fx.sandwichCov, 1e-8);
});

Deno.test("liftTension equals the reference z and scipy's two-sided p-value", () => {
  const hc1 = Float64Array.from(fx.hc1 as number[]);
  constraints.forEach((c, e) => {
    const t = liftTension(ols.coef, hc1, c);
    const ref = fx.tension[e];
    assertAlmostEquals(t.modelLift, ref.modelLift, 1e-8 * Math.abs(ref.modelLift));
    assertAlmostEquals(t.modelSe, ref.modelSe, 1e-8 * ref.modelSe);
    assertAlmostEquals(t.z, ref.z, 1e-8);
    assertAlmostEquals(t.pValue, ref.pValue, 1e-10);
  });
});

Deno.test("an experiment with a tiny se pins the model's lift; a huge se leaves the fit unchanged", () => {
  const cov = Float64Array.from(ols.model.normalizedCov, (v) => v * ols.stats.scale);
  const fit = { coef: ols.coef, cov, xtx, sigma2: ols.stats.scale };
  const c = constraints[0];
  const tight = calibrateLinear(fit, [{ ...c, se: c.se * 1e-4 }]);
  let lift = 0;
  for (let j = 0; j < k; j++) lift += c.a[j] * tight.coef[j];
  assertAlmostEquals(lift, c.lift, 1e-3 * Math.abs(c.lift));
  const loose = calibrateLinear(fit, [{ ...c, se: c.se * 1e6 }]);
  assertArrayClose(loose.coef, ols.coef, 1e-6);
});

Deno.test("calibration rejects se <= 0 and a wrong-sized constraint", () => {
  const fit = { coef: ols.coef, cov: xtx, xtx, sigma2: 1 };
  assertThrows(() => calibrateLinear(fit, [{ ...constraints[0], se: 0 }]), RangeError, "se must be");
  assertThrows(() => liftTension(ols.coef, xtx, { a: new Float64Array(2), lift: 1, se: 1 }), RangeError);
});
