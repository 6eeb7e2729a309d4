import { assert, assertArrayClose, assertEquals, assertRelClose, assertThrows } from "../assert.ts";
import { crossValidate, takeDesignRows, takeRows } from "../../lib/evaluate/cross_validate.ts";
import { timeSeriesSplit } from "../../lib/evaluate/time_series_split.ts";
import { panelTimeSeriesSplit } from "../../lib/evaluate/time_series_split.ts";
import { designFromColumns } from "../../lib/features/design.ts";
import { matVec, qrLeastSquares } from "../../lib/linalg/mod.ts";
import { ModelError } from "../../lib/errors.ts";

interface CvFixture {
  x: number[][];
  y: number[];
  folds: {
    trainSize: number;
    testSize: number;
    test: number[];
    predictions: number[];
    scores: Record<string, number>;
  }[];
  mean: Record<string, number>;
  sd: Record<string, number>;
}
const fixture = JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/validation.json", import.meta.url)),
) as { crossValidate: CvFixture };
const cvData = fixture.crossValidate;

function olsFitPredict(design: ReturnType<typeof designFromColumns>, y: Float64Array) {
  return (train: Int32Array, test: Int32Array) => {
    const fit = qrLeastSquares(takeDesignRows(design, train).x, takeRows(y, train), train.length, design.k);
    return matVec(takeDesignRows(design, test).x, test.length, design.k, fit.coef);
  };
}

// Reference: scikit-learn 1.2.1 LinearRegression refitted per TimeSeriesSplit(5) fold, sklearn metrics per
// fold, np.mean and np.std(ddof=1) over folds. Closed-form least squares: 1e-8 relative.
Deno.test("crossValidate with OLS reproduces scikit-learn per fold, mean and sample sd", () => {
  const y = Float64Array.from(cvData.y);
  const design = designFromColumns({
    x0: cvData.x.map((r) => r[0]),
    x1: cvData.x.map((r) => r[1]),
    x2: cvData.x.map((r) => r[2]),
  });
  const cv = crossValidate({ y, folds: timeSeriesSplit(y.length), fitPredict: olsFitPredict(design, y) });
  assertEquals(cv.folds.length, cvData.folds.length);
  cv.folds.forEach((f, i) => {
    const ref = cvData.folds[i];
    assertEquals([f.trainSize, f.testSize], [ref.trainSize, ref.testSize]);
    assertEquals([...f.test], ref.test);
    assertArrayClose(f.predictions, ref.predictions, 1e-8, 1e-12, `fold ${i} predictions`);
    for (const name of Object.keys(ref.scores)) {
      assertRelClose(f.scores[name], ref.scores[name], 1e-8, 1e-12, `fold ${i} ${name}`);
    }
  });
  for (const name of Object.keys(cvData.mean)) {
    assertRelClose(cv.mean[name], cvData.mean[name], 1e-8, 1e-12, `mean ${name}`);
    assertRelClose(cv.sd[name], cvData.sd[name], 1e-8, 1e-12, `sd ${name}`);
  }
  // out-of-sample predictions: the first window was never tested
  const firstTest = cvData.folds[0].test[0];
  for (let i = 0; i < firstTest; i++) assert(Number.isNaN(cv.predictions[i]));
  for (const ref of cvData.folds) {
    ref.test.forEach((row, t) => assertRelClose(cv.predictions[row], ref.predictions[t], 1e-8));
  }
});

Deno.test("no leakage: fitPredict only ever fits on past rows, never a test row or a later row", () => {
  // The fitting side records every row whose outcome it reads; a scaler is fitted inside, on train rows only.
  const n = 104;
  const y = Float64Array.from({ length: n }, (_, i) => 100 + Math.sin(i / 5) * 10 + i * 0.3);
  const x = Float64Array.from({ length: n }, (_, i) => Math.cos(i / 7) + i / 50);
  const outcomeReads: number[][] = [];
  const featureFitRows: number[][] = [];
  const readY = (fold: number, i: number) => {
    outcomeReads[fold].push(i);
    return y[i];
  };
  let fold = -1;
  const fitPredict = (train: Int32Array, test: Int32Array) => {
    fold++;
    outcomeReads[fold] = [];
    featureFitRows[fold] = [...train];
    // scaler fitted on training rows only
    let mean = 0, sq = 0;
    for (const i of train) mean += x[i] / train.length;
    for (const i of train) sq += (x[i] - mean) ** 2 / train.length;
    const sd = Math.sqrt(sq);
    const z = (i: number) => (x[i] - mean) / sd;
    const zTrain = new Float64Array(train.length * 2);
    const yTrain = new Float64Array(train.length);
    train.forEach((i, t) => {
      zTrain[2 * t] = 1;
      zTrain[2 * t + 1] = z(i);
      yTrain[t] = readY(fold, i);
    });
    const { coef } = qrLeastSquares(zTrain, yTrain, train.length, 2);
    return Float64Array.from(test, (i) => coef[0] + coef[1] * z(i));
  };
  for (const options of [{}, { gap: 2 }, { maxTrainSize: 30 }, { testSize: 8 }]) {
    fold = -1;
    const folds = timeSeriesSplit(n, options);
    const cv = crossValidate({ y, folds, fitPredict });
    assertEquals(cv.folds.length, folds.length);
    folds.forEach(({ test }, f) => {
      const firstTest = Math.min(...test);
      const testSet = new Set(test);
      for (const rows of [outcomeReads[f], featureFitRows[f]]) {
        assert(rows.length > 0);
        for (const i of rows) {
          assert(!testSet.has(i), `fold ${f} fitted on test row ${i} (${JSON.stringify(options)})`);
          assert(i < firstTest, `fold ${f} fitted on row ${i}, not before its first test row ${firstTest}`);
        }
      }
    });
  }
});

Deno.test("no leakage on a panel: no geo's test week, nor any later week, is ever fitted on", () => {
  const dates: string[] = [];
  for (const _geo of ["A", "B", "C"]) {
    for (let w = 0; w < 30; w++) {
      dates.push(new Date(Date.UTC(2024, 0, 1 + 7 * w)).toISOString().slice(0, 10));
    }
  }
  const y = Float64Array.from(dates, (_, i) => i % 30);
  const folds = panelTimeSeriesSplit(dates, { nSplits: 4 });
  const seen: Int32Array[] = [];
  crossValidate({
    y,
    folds,
    fitPredict: (train, test) => {
      seen.push(train.slice());
      let m = 0;
      for (const i of train) m += y[i] / train.length;
      return new Float64Array(test.length).fill(m);
    },
  });
  folds.forEach(({ test }, f) => {
    const firstTestDate = [...test].map((i) => dates[i]).sort()[0];
    for (const i of seen[f]) {
      assert(dates[i] < firstTestDate, `fold ${f}: row ${i} (${dates[i]}) is not in the past`);
    }
  });
});

Deno.test("crossValidate rejects a fold that trains on its own test rows, and overlapping test sets", () => {
  const y = new Float64Array(10).map((_, i) => i);
  const fitPredict = (_: Int32Array, test: Int32Array) => new Float64Array(test.length);
  const leaky = [{ train: Int32Array.from([0, 1, 2, 5]), test: Int32Array.from([5, 6]) }];
  assertThrows(() => crossValidate({ y, folds: leaky, fitPredict }), RangeError, "row 5 is in both");
  const overlapping = [
    { train: Int32Array.from([0, 1]), test: Int32Array.from([2, 3]) },
    { train: Int32Array.from([0, 1]), test: Int32Array.from([3, 4]) },
  ];
  assertThrows(() => crossValidate({ y, folds: overlapping, fitPredict }), RangeError, "must not overlap");
  const outside = [{ train: Int32Array.from([0, 1]), test: Int32Array.from([10]) }];
  assertThrows(() => crossValidate({ y, folds: outside, fitPredict }), RangeError, "outside 0..9");
});

Deno.test("crossValidate checks what fitPredict returns", () => {
  const y = new Float64Array(12).map((_, i) => i);
  const folds = timeSeriesSplit(12, { nSplits: 2 });
  assertThrows(
    () => crossValidate({ y, folds, fitPredict: () => new Float64Array(1) }),
    RangeError,
    "returned 1 predictions for 4 test rows",
  );
  assertThrows(
    () => crossValidate({ y, folds, fitPredict: (_, test) => new Float64Array(test.length).fill(NaN) }),
    ModelError,
    "fold 0: prediction for row 4 is NaN",
  );
});

Deno.test("crossValidate reports extra metrics and refuses to shadow a built-in", () => {
  const y = Float64Array.from({ length: 12 }, (_, i) => i);
  const folds = timeSeriesSplit(12, { nSplits: 3 });
  const fitPredict = (_: Int32Array, test: Int32Array) => Float64Array.from(test, (i) => i + 1);
  const cv = crossValidate({ y, folds, fitPredict, metrics: { bias: (t, p) => p[0] - t[0] } });
  assertEquals(cv.metricNames, ["r2", "rmse", "mae", "mape", "nrmse", "smape", "bias"]);
  assertEquals(cv.folds.map((f) => f.scores.bias), [1, 1, 1]);
  assertEquals(cv.mean.rmse, 1);
  assertEquals(cv.sd.rmse, 0);
  assertThrows(
    () => crossValidate({ y, folds, fitPredict, metrics: { rmse: () => 0 } }),
    RangeError,
    "shadow",
  );
});

Deno.test("takeRows and takeDesignRows select rows in the given order", () => {
  assertEquals([...takeRows(new Float64Array([10, 20, 30]), Int32Array.from([2, 0]))], [30, 10]);
  const d = designFromColumns({ tv: new Float64Array([1, 2, 3]) });
  const sub = takeDesignRows(d, Int32Array.from([0, 2]));
  assertEquals([...sub.x], [1, 1, 1, 3]);
  assertEquals(sub.names, ["const", "tv"]);
  assertThrows(() => takeRows(new Float64Array(2), [2]), RangeError, "outside 0..1");
});
