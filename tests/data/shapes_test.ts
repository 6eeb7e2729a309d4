/**
 * Files of the shapes people bring load: short and odd lengths, small panels, zero channels, zero and
 * negative targets, BOM with CRLF, spend in millions, and roles files that drop or rename columns.
 */
import {
  loadDataset,
  type LoadOptions,
  loadRolesFile,
  parseDataset,
  parseRoles,
} from "../../lib/data/mod.ts";
import { assert, assertEquals } from "../assert.ts";
import { assertDataError, geoTable, setCell, type Table, toCsv, weeklyTable } from "./inline.ts";

const W = "w.csv";
const G = "g.csv";
const R = "roles.json";
const weekly = (t: Table | string, options: Partial<LoadOptions> = {}) =>
  parseDataset(typeof t === "string" ? t : toCsv(t), W, { kind: "weekly", ...options });
const geo = (t: Table | string, options: Partial<LoadOptions> = {}) =>
  parseDataset(typeof t === "string" ? t : toCsv(t), G, { kind: "geo", ...options });
const dropColumns = (t: Table, ...names: string[]) => {
  const drop = new Set(names.map((name) => t[0].indexOf(name)));
  return t.map((row) => row.filter((_, j) => !drop.has(j)));
};

Deno.test("weekly files of 52, 78 and 91 weeks load, every week kept", () => {
  for (const weeks of [52, 78, 91]) {
    const ds = weekly(weeklyTable(weeks));
    assertEquals(ds.n, weeks);
    assertEquals(ds.columns.revenue[weeks - 1], 1000 + weeks - 1);
    assertEquals(ds.warnings, []);
  }
});

Deno.test("a panel of 2 geos with 52 weeks each loads", () => {
  const ds = geo(geoTable(["north", "south"], 52));
  assertEquals(ds.n, 104);
  assertEquals([ds.geos?.[51], ds.geos?.[52]], ["north", "south"]);
  assertEquals(ds.warnings, []);
});

Deno.test("a geo whose channel is zero in every week loads (identification, not loading, judges it)", () => {
  const t = geoTable(["A", "B", "C"], 26);
  for (let row = 27; row <= 52; row++) setCell(t, row, "radio_spend", "0"); // geo B: table rows 27..52
  const ds = geo(t);
  assertEquals([...ds.columns.radio_spend.subarray(26, 52)], new Array(26).fill(0));
  assertEquals(ds.warnings, []);
});

Deno.test("a target with zero and negative weeks loads unchanged (the envelope notes it)", () => {
  const t = weeklyTable(52);
  setCell(t, 3, "revenue", "0");
  setCell(t, 4, "revenue", "-12.5");
  const ds = weekly(t);
  assertEquals([ds.columns.revenue[2], ds.columns.revenue[3]], [0, -12.5]);
  assertEquals(ds.warnings, []);
});

Deno.test("BOM with CRLF line endings reads as plain LF text", () => {
  const t = weeklyTable(30);
  const plain = weekly(t);
  const windows = weekly("\uFEFF" + toCsv(t, "\r\n"));
  assertEquals(windows.columns, plain.columns);
  assertEquals(windows.dates, plain.dates);
  assertEquals(windows.warnings, []);
});

Deno.test("spend in millions (small decimals) is read exactly as written", () => {
  const t = weeklyTable(26);
  for (let row = 1; row <= 26; row++) setCell(t, row, "google_spend", `0.0${row}5`);
  setCell(t, 1, "facebook_spend", "1.5e-3");
  const ds = weekly(t);
  assertEquals(ds.columns.google_spend[0], 0.015);
  assertEquals(ds.columns.google_spend[25], 0.0265);
  assertEquals(ds.columns.facebook_spend[0], 0.0015);
});

Deno.test("roles set to null or [] let a file without price, promotion, mediator or controls load", () => {
  const t = dropColumns(weeklyTable(26), "average_price", "promotions", "google_spend", "social_followers");
  const config = parseRoles(
    '{ "weekly": { "price": null, "promotion": null, "mediator": null, "controls": [] } }',
    R,
  );
  const ds = weekly(t, { roles: config.weekly });
  assertEquals([ds.roles.price, ds.roles.promotion, ds.roles.mediator, ds.roles.controls], [
    undefined,
    undefined,
    undefined,
    [],
  ]);
  assertEquals(ds.n, 26);
  const g = dropColumns(geoTable(["A", "B"], 26), "population");
  assertEquals(
    geo(g, { roles: parseRoles('{ "geo": { "population": null } }', R).geo }).roles.population,
    undefined,
  );
});

Deno.test("a roles-file column missing from the CSV names the roles file, the key's line and the CSV", () => {
  const config = parseRoles(
    '{\n  "weekly": {\n    "target": "net_revenue",\n    "social": ["meta"]\n  }\n}',
    R,
  );
  const error = assertDataError(
    () => weekly(weeklyTable(26), { roles: config.weekly }),
    { file: R, line: 3, column: "net_revenue" },
    `not in the header of ${W} (line 1)`,
    '"net_revenue" (target, key "weekly.target")',
    '"meta" (social, key "weekly.social")',
    `map them to your column names in ${R}`,
    "the header has: week, facebook_spend",
  );
  assert(!error.message.includes("(the default"));
});

Deno.test("a default column missing, with a roles file, sits at the CSV header and says how to fix it there", () => {
  const config = parseRoles('{ "weekly": { "target": "revenue" } }', R);
  assertDataError(
    () => weekly(dropColumns(weeklyTable(26), "average_price"), { roles: config.weekly }),
    { file: W, line: 1, column: "average_price" },
    '"average_price" (price, the default)',
    `map it to your column names in ${R}`,
    "set a single role to null or a list role to [] there",
  );
  // Without a roles file the message points to one.
  assertDataError(
    () => weekly(dropColumns(weeklyTable(26), "average_price")),
    { file: W, line: 1, column: "average_price" },
    "a roles file (--roles, or MMM_ROLES)",
  );
});

Deno.test("loadDataset passes a roles file's encoding warning on to the dataset", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const roles = `${dir}/roles.json`, csv = `${dir}/w.csv`;
    // A Windows-1252 roles file naming the column "Umsatz_€" (byte 0x80 is € in Windows-1252).
    const text = '{ "weekly": { "target": "Umsatz_\x80" } }';
    Deno.writeFileSync(roles, Uint8Array.from(text, (c) => c.charCodeAt(0)));
    const t = weeklyTable(26);
    t[0][t[0].indexOf("revenue")] = "Umsatz_€";
    Deno.writeTextFileSync(csv, toCsv(t));
    const ds = loadDataset(csv, { kind: "weekly", roles: loadRolesFile(roles).weekly });
    assertEquals(ds.roles.target, "Umsatz_€");
    assertEquals(ds.warnings.length, 1);
    assert(ds.warnings[0].startsWith(`${roles}, line 1: the file is not UTF-8`), ds.warnings[0]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
