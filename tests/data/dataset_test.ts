import { column, geoSlices, parseDataset, selectRows } from "../../lib/data/mod.ts";
import { DataError } from "../../lib/errors.ts";
import { assertEquals, assertThrows } from "../assert.ts";
import { assertDataError, geoTable, toCsv, weeklyTable } from "./inline.ts";

const weekly = () => parseDataset(toCsv(weeklyTable(26)), "w.csv", { kind: "weekly" });
const panel = () => parseDataset(toCsv(geoTable(["A", "B", "C"], 26)), "g.csv", { kind: "geo" });

Deno.test("column returns the named numeric column", () => {
  const ds = weekly();
  const revenue = column(ds, "revenue");
  assertEquals(revenue.length, 26);
  assertEquals(revenue[2], 1002);
});

Deno.test("column names the source and lists the available columns when the name is absent", () => {
  const ds = weekly();
  assertDataError(
    () => column(ds, "tv_spend"),
    { file: "w.csv", column: "tv_spend" },
    "available: facebook_spend, google_spend, tiktok_spend, instagram_spend, snapchat_spend, social_followers, " +
      "average_price, promotions, emails_send, sms_send, revenue",
  );
  assertDataError(() => column(ds, "week"), { file: "w.csv", column: "week" }, "ds.dates");
  assertDataError(() => column(panel(), "geo"), { file: "g.csv", column: "geo" }, "ds.geos");
  assertThrows(() => column(ds, "toString"), DataError); // not an inherited property
});

Deno.test("geoSlices gives each geo's row range; a national series is one slice", () => {
  assertEquals(geoSlices(panel()), [
    { geo: "A", start: 0, end: 26 },
    { geo: "B", start: 26, end: 52 },
    { geo: "C", start: 52, end: 78 },
  ]);
  assertEquals(geoSlices(weekly()), [{ geo: undefined, start: 0, end: 26 }]);
});

Deno.test("selectRows copies the chosen rows in the given order", () => {
  const ds = panel();
  const sub = selectRows(ds, [26, 27, 0]);
  assertEquals(sub.n, 3);
  assertEquals(sub.geos, ["B", "B", "A"]);
  assertEquals(sub.dates, ["2024-01-01", "2024-01-08", "2024-01-01"]);
  assertEquals([...sub.columns.sales], [6000, 6001, 5000]);
  assertEquals(sub.roles, ds.roles);
  assertEquals(sub.source, "g.csv");
  sub.columns.sales[0] = -1;
  assertEquals(ds.columns.sales[26], 6000); // a copy, not a view
});

Deno.test("geoSlices rejects a selection where a geo's rows are split", () => {
  const sub = selectRows(panel(), [0, 26, 1]);
  assertThrows(() => geoSlices(sub), RangeError, 'rows of geo "A" are not contiguous');
  assertEquals(geoSlices(selectRows(panel(), [26, 27, 0])).map((s) => s.geo), ["B", "A"]);
});

Deno.test("selectRows rejects indices outside the dataset", () => {
  const ds = weekly();
  assertThrows(() => selectRows(ds, [0, 26]), RangeError, "[0, 26)");
  assertThrows(() => selectRows(ds, [1.5]), RangeError);
  assertThrows(() => selectRows(ds, [-1]), RangeError);
  assertEquals(selectRows(ds, []).n, 0);
});
