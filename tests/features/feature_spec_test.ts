import { designColumn } from "../../lib/features/design.ts";
import { buildDesign, type DatasetLike, type FeatureSpec } from "../../lib/features/feature_spec.ts";
import { assert, assertArrayClose, assertEquals, assertRelClose, assertThrows } from "../assert.ts";

/** Two geos × 6 weeks, rows sorted by (geo, date). */
const dates = ["2024-11-04", "2024-11-11", "2024-11-18", "2024-11-25", "2024-12-02", "2024-12-09"];
const panel: DatasetLike = {
  n: 12,
  dates: [...dates, ...dates],
  geos: [...Array(6).fill("north"), ...Array(6).fill("south")],
  columns: {
    tv: new Float64Array([0, 100, 0, 0, 0, 100, /* south */ 50, 0, 0, 0, 0, 0]),
    search: new Float64Array([1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60]),
    price: new Float64Array([9, 9.5, 10, 10.5, 11, 11.5, 8, 8, 9, 9, 10, 10]),
  },
};

const column = (design: { names: readonly string[] } & Parameters<typeof designColumn>[0], name: string) => {
  const j = design.names.indexOf(name);
  assert(j >= 0, `no column ${name} in ${design.names}`);
  return designColumn(design, j);
};

const spec: FeatureSpec = {
  features: [
    {
      column: "tv",
      adstock: { type: "geometric", theta: 0.5 },
      saturation: { type: "hill", halfSaturation: 60, shape: 2 },
    },
    { column: "search", as: "search_lag1", lag: 1 },
    { column: "price", scale: "standard" },
  ],
  calendar: { seasonality: "fourier", holidays: true, trend: "linear" },
};

Deno.test("buildDesign: names in order, intercept first, calendar last", () => {
  const d = buildDesign(panel, spec, { intercept: true });
  assertEquals(d.names, [
    "const",
    "tv",
    "search_lag1",
    "price",
    "week_sin_1",
    "week_cos_1",
    "nov_dec",
    "black_friday_week",
    "trend",
  ]);
  assertEquals([d.n, d.k, d.x.length], [12, 9, 108]);
  assertEquals([...column(d, "const")], new Array(12).fill(1));
  assertEquals(buildDesign(panel, spec, { intercept: false }).names[0], "tv");
});

Deno.test("buildDesign adstocks within each geo, then saturates (values from the definitions)", () => {
  const d = buildDesign(panel, spec);
  // Geometric θ = 0.5 per geo: north [0, 100, 50, 25, 12.5, 106.25]; south [50, 25, 12.5, 6.25, 3.125, 1.5625].
  // The north tail does not enter south's first week.
  const adstocked = [0, 100, 50, 25, 12.5, 106.25, 50, 25, 12.5, 6.25, 3.125, 1.5625];
  const hill = adstocked.map((a) => a ** 2 / (a ** 2 + 60 ** 2));
  assertArrayClose(column(d, "tv"), hill, 1e-14, 1e-12);
});

Deno.test("buildDesign lags within each geo, filling the first week of each geo with 0", () => {
  const d = buildDesign(panel, spec);
  assertEquals([...column(d, "search_lag1")], [0, 1, 2, 3, 4, 5, 0, 10, 20, 30, 40, 50]);
  const nanFill = buildDesign(panel, { features: [{ column: "search", lag: 2, lagFill: "nan" }] });
  assertEquals([...column(nanFill, "search")], [NaN, NaN, 1, 2, 3, 4, NaN, NaN, 10, 20, 30, 40]);
});

Deno.test("buildDesign fits scalers on trainRows only and returns their parameters", () => {
  const trainRows = [0, 1, 2, 6, 7, 8];
  const d = buildDesign(panel, spec, { trainRows });
  const train = trainRows.map((i) => panel.columns.price[i]);
  const mean = train.reduce((a, b) => a + b) / train.length;
  const sd = Math.sqrt(train.reduce((a, b) => a + (b - mean) ** 2, 0) / train.length);
  assertRelClose(d.scalers.price.center, mean, 1e-14);
  assertRelClose(d.scalers.price.scale, sd, 1e-14);
  assertArrayClose(column(d, "price"), [...panel.columns.price].map((p) => (p - mean) / sd), 1e-13, 1);
  // Pre-fitted parameters are applied as given.
  const fixed = buildDesign(panel, {
    features: [{ column: "price", scale: { kind: "standard", center: 10, scale: 2, nFit: 6 } }],
  });
  assertEquals([...column(fixed, "price")].slice(0, 3), [-0.5, -0.25, 0]);
});

Deno.test("calendar columns are per date: both geos get the same values", () => {
  const d = buildDesign(panel, spec);
  for (const name of ["week_sin_1", "nov_dec", "black_friday_week", "trend"]) {
    const c = column(d, name);
    assertEquals([...c.slice(0, 6)], [...c.slice(6)], name);
  }
  assertEquals([...column(d, "black_friday_week").slice(0, 6)], [0, 0, 0, 1, 0, 0]); // week of 2024-11-25
  assertEquals([...column(d, "trend").slice(0, 6)], [0, 0.2, 0.4, 0.6, 0.8, 1]);
});

Deno.test("the spec is plain data: a JSON round trip builds the same design", () => {
  const again = buildDesign(panel, JSON.parse(JSON.stringify(spec)));
  assertEquals(again, buildDesign(panel, spec));
});

Deno.test("without geos the whole series is one group", () => {
  const national: DatasetLike = { n: 6, dates, columns: { tv: new Float64Array([100, 0, 0, 0, 0, 0]) } };
  const d = buildDesign(national, {
    features: [{ column: "tv", adstock: { type: "geometric", theta: 0.5 } }],
  });
  assertEquals([...column(d, "tv")], [100, 50, 25, 12.5, 6.25, 3.125]);
});

Deno.test("an impulse in the last week of one geo does not reach the next geo through buildDesign", () => {
  const tv = new Float64Array(12);
  tv[5] = 1000;
  const d = buildDesign({ ...panel, columns: { tv } }, {
    features: [{ column: "tv", adstock: { type: "weibull_pdf", shape: 2, scale: 0.5, maxLag: 5 } }],
  });
  assertEquals([...column(d, "tv").slice(6)], [0, 0, 0, 0, 0, 0]);
});

Deno.test("bad specs and data are RangeErrors that say where", () => {
  const one = (f: FeatureSpec["features"][number]) => ({ features: [f] });
  assertThrows(
    () => buildDesign(panel, one({ column: "radio" })),
    RangeError,
    'features[0] ("radio"): no column',
  );
  assertThrows(
    () => buildDesign(panel, { features: [{ column: "tv" }, { column: "tv" }] }),
    RangeError,
    'design name "tv" is used twice',
  );
  assertThrows(
    () => buildDesign(panel, one({ column: "tv", adstock: { type: "geometric", theta: 1.2 } })),
    RangeError,
    "theta must be in [0, 1)",
  );
  assertThrows(() => buildDesign(panel, one({ column: "tv", lag: -1 })), RangeError, "lag must be");
  const withNaN = {
    ...panel,
    columns: { tv: Float64Array.from(panel.columns.tv, (v, i) => (i === 8 ? NaN : v)) },
  };
  assertThrows(
    () => buildDesign(withNaN, one({ column: "tv", adstock: { type: "geometric", theta: 0.5 } })),
    RangeError,
    'row 8 (geo "south", 2024-11-18) is NaN',
  );
  assertThrows(
    () =>
      buildDesign(
        panel,
        one({ column: "search", lag: 1, lagFill: "nan", adstock: { type: "geometric", theta: 0.1 } }),
      ),
    RangeError,
    "row 0",
  );
  const interleaved = { ...panel, geos: panel.geos!.map((_, i) => (i % 2 ? "north" : "south")) };
  assertThrows(() => buildDesign(interleaved, one({ column: "tv" })), RangeError, "not contiguous");
  const unsorted = { ...panel, dates: [...dates.slice().reverse(), ...dates] };
  assertThrows(() => buildDesign(unsorted, one({ column: "tv" })), RangeError, "increasing date order");
  assertThrows(
    () => buildDesign({ ...panel, n: 11 }, one({ column: "tv" })),
    RangeError,
    "12 dates for 11 rows",
  );
});

Deno.test("a single row and a constant column build without surprises", () => {
  const single: DatasetLike = { n: 1, dates: ["2024-01-01"], columns: { tv: new Float64Array([5]) } };
  const d = buildDesign(single, {
    features: [{ column: "tv", adstock: { type: "geometric", theta: 0.3 }, scale: "standard" }],
    calendar: { trend: "quadratic" },
  });
  assertEquals(d.names, ["const", "tv", "trend", "trend_sq"]);
  assertEquals([...d.x], [1, 0, 0, 0]); // a single row is constant: scale 1, centered to 0
  const flat = { ...panel, columns: { ...panel.columns, flat: new Float64Array(12).fill(4) } };
  const c = buildDesign(flat, { features: [{ column: "flat", scale: "robust" }] }, { intercept: false });
  assertEquals(c.scalers.flat.scale, 1);
  assertEquals([...c.x], new Array(12).fill(0));
});

Deno.test("withIntercept prepends a const column once; selectDesignColumns picks and orders columns", async () => {
  const { withIntercept, selectDesignColumns, designFromColumns } = await import(
    "../../lib/features/design.ts"
  );
  const d = designFromColumns({ a: new Float64Array([1, 2]), b: new Float64Array([3, 4]) }, false);
  const w = withIntercept(d);
  if (w.names.join() !== "const,a,b" || [...w.x].join() !== "1,1,3,1,2,4") {
    throw new Error(`withIntercept: ${w.names} ${w.x}`);
  }
  if (withIntercept(w) !== w) throw new Error("withIntercept should leave a design with const unchanged");
  const s = selectDesignColumns(d, ["b", "a"]);
  if ([...s.x].join() !== "3,1,4,2") throw new Error(`selectDesignColumns: ${s.x}`);
});
