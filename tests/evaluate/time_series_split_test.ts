import { assert, assertEquals, assertThrows } from "../assert.ts";
import { panelTimeSeriesSplit, timeSeriesSplit } from "../../lib/evaluate/time_series_split.ts";
import type { TimeSeriesSplitOptions } from "../../lib/evaluate/time_series_split.ts";

interface SplitCase {
  n: number;
  options: TimeSeriesSplitOptions;
  folds?: { train: number[]; test: number[] }[];
  error?: string;
}
interface PanelFixture {
  dates: string[];
  geos: string[];
  cases: { options: TimeSeriesSplitOptions; folds: { train: number[]; test: number[] }[] }[];
}

const fixture = JSON.parse(
  await Deno.readTextFile(new URL("../fixtures/validation.json", import.meta.url)),
) as { splits: SplitCase[]; panel: PanelFixture };

// Reference: sklearn.model_selection.TimeSeriesSplit (scikit-learn 1.2.1), exact indices. minTrainSize cases:
// the scikit-learn folds with the smaller training sets removed (our documented extension).
for (const c of fixture.splits) {
  Deno.test(`timeSeriesSplit(${c.n}, ${JSON.stringify(c.options)}) matches scikit-learn`, () => {
    if (c.error !== undefined) {
      assertThrows(() => timeSeriesSplit(c.n, c.options), RangeError);
      return;
    }
    const folds = timeSeriesSplit(c.n, c.options);
    assertEquals(
      folds.map((f) => ({ train: [...f.train], test: [...f.test] })),
      c.folds,
    );
    for (const f of folds) assert(f.train instanceof Int32Array && f.test instanceof Int32Array);
  });
}

Deno.test("timeSeriesSplit: every training row precedes every test row of its fold", () => {
  for (const options of [{}, { gap: 3 }, { maxTrainSize: 20, testSize: 5 }]) {
    for (const { train, test } of timeSeriesSplit(104, options)) {
      assert(Math.max(...train) < Math.min(...test), `options ${JSON.stringify(options)}`);
    }
  }
});

Deno.test("timeSeriesSplit checks its options", () => {
  assertThrows(() => timeSeriesSplit(104, { nSplits: 1 }), RangeError, "nSplits must be an integer >= 2");
  assertThrows(() => timeSeriesSplit(104, { gap: -1 }), RangeError, "gap");
  assertThrows(() => timeSeriesSplit(104, { testSize: 0 }), RangeError, "testSize");
  assertThrows(() => timeSeriesSplit(104, { maxTrainSize: 2.5 }), RangeError, "maxTrainSize");
  assertThrows(() => timeSeriesSplit(104, { minTrainSize: 200 }), RangeError, "drops every fold");
  assertThrows(() => timeSeriesSplit(5), RangeError, "nSplits + 1 = 6");
  assertThrows(() => timeSeriesSplit(10, { nSplits: 3, testSize: 3, gap: 2 }), RangeError, "too many splits");
});

// Reference: TimeSeriesSplit applied to the sorted unique dates with pandas isin (validation.py); geo C lacks
// two dates.
for (const c of fixture.panel.cases) {
  Deno.test(`panelTimeSeriesSplit(${JSON.stringify(c.options)}) matches TimeSeriesSplit on unique dates`, () => {
    const folds = panelTimeSeriesSplit(fixture.panel.dates, c.options);
    assertEquals(folds.map((f) => ({ train: [...f.train], test: [...f.test] })), c.folds);
  });
}

Deno.test("panelTimeSeriesSplit keeps each date on one side and trains only on earlier dates", () => {
  const { dates } = fixture.panel;
  for (const { train, test } of panelTimeSeriesSplit(dates, { nSplits: 3, gap: 1 })) {
    const trainDates = new Set([...train].map((i) => dates[i]));
    const testDates = new Set([...test].map((i) => dates[i]));
    for (const d of testDates) assert(!trainDates.has(d), `date ${d} on both sides`);
    // every row of a tested date is in the test set (all geos together)
    const testRows = new Set(test);
    dates.forEach((d, i) => {
      if (testDates.has(d)) assert(testRows.has(i), `row ${i} (${d}) left out of the test set`);
    });
    assert([...trainDates].sort().at(-1)! < [...testDates].sort()[0]);
  }
});

Deno.test("panelTimeSeriesSplit does not depend on row order", () => {
  const dates = ["2024-01-15", "2024-01-01", "2024-01-08", "2024-01-08", "2024-01-01", "2024-01-15"];
  const folds = panelTimeSeriesSplit(dates, { nSplits: 2 });
  assertEquals(folds.map((f) => [[...f.train], [...f.test]]), [[[1, 4], [2, 3]], [[1, 2, 3, 4], [0, 5]]]);
});

Deno.test("panelTimeSeriesSplit rejects a date that is not ISO", () => {
  assertThrows(
    () => panelTimeSeriesSplit(["2024-01-01", "01/08/2024", "2024-01-15"]),
    RangeError,
    "dates[1]",
  );
});
