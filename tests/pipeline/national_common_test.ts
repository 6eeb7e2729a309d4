import { assert, assertEquals } from "../assert.ts";
import { ModelError } from "../../lib/errors.ts";
import type { Dataset } from "../../lib/data/types.ts";
import { crossValidate } from "../../lib/evaluate/cross_validate.ts";
import type { Fold } from "../../lib/evaluate/time_series_split.ts";
import {
  type BuildContext,
  leftOutFoldsNote,
  runCrossValidation,
} from "../../lib/pipeline/national_common.ts";
import { nationalModelFolds } from "../../lib/pipeline/national_folds.ts";

const N = 130;

/** A level series around 1,000 whose last week is `last` (0.5% of the mean: positive, but below 1%). */
function dataset(last: number): Dataset {
  const y = Float64Array.from({ length: N }, (_, t) => 1_000 + 50 * Math.sin(t));
  y[N - 1] = last;
  return { n: N, columns: { revenue: y }, roles: { target: "revenue" } } as unknown as Dataset;
}

function context(notes: string[]): BuildContext {
  return {
    seed: 1,
    options: {},
    meanPositive: true,
    notes,
    skip: () => {
      throw new Error("no section should be skipped");
    },
  };
}

/** Predicts the training mean; refuses the first `refuse` calls as an unidentified fit would. */
function runner(ds: Dataset, refuse: number) {
  let calls = 0;
  const y = ds.columns.revenue;
  return (folds: Fold[]) => {
    if (calls++ < refuse) throw new ModelError("a column without variation");
    const cv = crossValidate({
      y,
      folds,
      fitPredict: (train, test) => {
        let m = 0;
        for (const t of train) m += y[t] / train.length;
        return new Float64Array(test.length).fill(m);
      },
    });
    return { cv, inSampleR2: 0.5, trainSizes: folds.map((f) => f.train.length) };
  };
}

Deno.test("runCrossValidation withholds MAPE by the comparison's rule: a positive test week below 1% of the mean", () => {
  const ds = dataset(5); // 5 > 0, so the old rule (a week ≤ 0) reported a MAPE near 20,000% for that fold
  const cv = runCrossValidation(ds, 3, runner(ds, 0), context([]))!;
  const last = cv.folds[cv.folds.length - 1];
  assert(Number.isNaN(last.mape), `last fold's MAPE ${last.mape}`);
  assert(cv.folds.slice(0, -1).every((f) => Number.isFinite(f.mape)));
  assert(Number.isNaN(cv.meanMape));
  // at about 2% of the mean the fold's MAPE is reported
  const ok = dataset(20);
  assert(Number.isFinite(runCrossValidation(ok, 3, runner(ok, 0), context([]))!.meanMape));
});

Deno.test("runCrossValidation notes the left-out leading folds, and records the note nationalDataNotes places", () => {
  const ds = dataset(1_000);
  const total = nationalModelFolds(N, 3).folds.length;
  assert(total >= 3, `${total} folds`);
  const notes: string[] = [];
  const cv = runCrossValidation(ds, 3, runner(ds, 1), context(notes))!;
  assertEquals(cv.folds.length, total - 1);
  assertEquals(notes, [leftOutFoldsNote(1, total)]);
  assertEquals(cv.leftOutNote, notes[0]);
  assertEquals(
    leftOutFoldsNote(2, 5),
    "The first 2 of 5 model cross-validation folds were left out: their training weeks cannot identify every " +
      "coefficient (a column without variation before the test weeks).",
  );
  // with every fold kept there is no such note
  assertEquals(runCrossValidation(ds, 3, runner(ds, 0), context([]))!.leftOutNote, null);
});
