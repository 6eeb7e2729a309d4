import {
  GEO_ROLES,
  loadRolesFile,
  parseRoles,
  resolveRoles,
  roleOf,
  rolesColumns,
  spendColumns,
  WEEKLY_ROLES,
} from "../../lib/data/mod.ts";
import { assert, assertEquals, assertThrows } from "../assert.ts";
import { assertDataError, GEO_HEADER, WEEKLY_HEADER } from "./inline.ts";

const R = "roles.json";

Deno.test("WEEKLY_ROLES are the weekly schema's defaults", () => {
  assertEquals(WEEKLY_ROLES, {
    date: "week",
    target: "revenue",
    mediator: "google_spend",
    social: ["facebook_spend", "tiktok_spend", "instagram_spend", "snapchat_spend"],
    direct: ["emails_send", "sms_send"],
    media: [],
    impressions: [],
    price: "average_price",
    promotion: "promotions",
    controls: ["social_followers"],
  });
});

Deno.test("GEO_ROLES are the geo panel's defaults", () => {
  assertEquals(GEO_ROLES, {
    date: "date",
    geo: "geo",
    target: "sales",
    population: "population",
    social: [],
    direct: [],
    media: ["tv_spend", "print_spend", "search_spend", "social_spend", "radio_spend"],
    impressions: [
      "tv_impressions",
      "print_impressions",
      "search_impressions",
      "social_impressions",
      "radio_impressions",
    ],
    controls: ["competitor_sales_control", "sentiment_score_control"],
  });
});

Deno.test("the default roles are frozen", () => {
  assert(Object.isFrozen(WEEKLY_ROLES) && Object.isFrozen(WEEKLY_ROLES.social));
  assert(Object.isFrozen(GEO_ROLES) && Object.isFrozen(GEO_ROLES.media));
});

Deno.test("rolesColumns lists each needed column once; the defaults use every bundled column", () => {
  assertEquals(rolesColumns(WEEKLY_ROLES), [
    "week",
    "revenue",
    "google_spend",
    "facebook_spend",
    "tiktok_spend",
    "instagram_spend",
    "snapchat_spend",
    "emails_send",
    "sms_send",
    "average_price",
    "promotions",
    "social_followers",
  ]);
  assertEquals([...rolesColumns(WEEKLY_ROLES)].sort(), [...WEEKLY_HEADER].sort());
  assertEquals([...rolesColumns(GEO_ROLES)].sort(), [...GEO_HEADER].sort());
});

Deno.test("spendColumns and roleOf", () => {
  assertEquals(spendColumns(WEEKLY_ROLES), [
    "google_spend",
    "facebook_spend",
    "tiktok_spend",
    "instagram_spend",
    "snapchat_spend",
    "emails_send",
    "sms_send",
  ]);
  assertEquals(spendColumns(GEO_ROLES).length, 10);
  assertEquals(roleOf(WEEKLY_ROLES, "sms_send"), "direct");
  assertEquals(roleOf(GEO_ROLES, "population"), "population");
  assertEquals(roleOf(GEO_ROLES, "nothing"), undefined);
});

Deno.test("parseRoles reads either part; null drops an optional role", () => {
  const config = parseRoles(
    '{ "weekly": { "target": "sales", "price": null, "controls": [] }, "geo": { "media": ["tv"] } }',
    R,
  );
  assertEquals(config.weekly?.target, "sales");
  assert(config.weekly !== undefined && "price" in config.weekly && config.weekly.price === undefined);
  assertEquals(config.geo?.media, ["tv"]);
  assertEquals(parseRoles("{}", R), {});
  assertEquals(parseRoles('\uFEFF{ "geo": {} }', R), { geo: {} });
  const roles = resolveRoles("weekly", config.weekly);
  assertEquals([roles.target, roles.price, roles.mediator], ["sales", undefined, "google_spend"]);
});

Deno.test("an unknown section or role key names the file, the line and the key", () => {
  const text = '{\n  "weekly": {\n    "target": "sales",\n    "medaitor": "search"\n  }\n}';
  assertDataError(() => parseRoles(text, R), { file: R, line: 4 }, 'key "weekly.medaitor": unknown role');
  assertDataError(
    () => parseRoles('{\n"daily": {}\n}', R),
    { file: R, line: 2 },
    'key "daily": unknown section',
  );
  // A key also present in an earlier part is found in the right part.
  const both = '{\n "weekly": { "target": "a" },\n "geo": {\n  "target": 3\n }\n}';
  assertDataError(() => parseRoles(both, R), { file: R, line: 4 }, 'key "geo.target"', "got number 3");
});

Deno.test("wrong types in a roles file are DataErrors naming the key and what was expected", () => {
  const cases: [string, string][] = [
    [
      '{ "weekly": { "social": "facebook_spend" } }',
      'key "weekly.social": expected an array of column names',
    ],
    ['{ "weekly": { "social": ["a", 2] } }', "item 1 should be a non-empty column name, got number 2"],
    ['{ "weekly": { "social": ["a", "a"] } }', 'column "a" is listed twice'],
    ['{ "weekly": { "social": null } }', "use [] for none"],
    ['{ "weekly": { "target": ["revenue"] } }', 'key "weekly.target": expected a column name'],
    ['{ "weekly": { "target": "" } }', "expected a column name"],
    ['{ "weekly": { "target": null } }', "every dataset needs a target column"],
    ['{ "weekly": [] }', 'key "weekly": expected an object of roles'],
  ];
  for (const [text, part] of cases) assertDataError(() => parseRoles(text, R), { file: R, line: 1 }, part);
  assertDataError(() => parseRoles("[1, 2]", R), { file: R }, "expected an object like", "got an array");
});

Deno.test("invalid JSON is a DataError with the line of the syntax error", () => {
  const error = assertDataError(() => parseRoles('{\n  "weekly": {\n    "target": "a",\n  }\n}', R), {
    file: R,
    line: 4,
  }, "not valid JSON");
  assert(error.line === 4);
});

Deno.test("resolveRoles checks the merged roles", () => {
  assertDataError(
    () => resolveRoles("geo", { impressions: ["a"] }, "g.csv"),
    { file: "g.csv" },
    '"impressions" pairs with "media"',
    "expected 5 names, got 1",
  );
  assertDataError(
    () => resolveRoles("weekly", { mediator: "sms_send" }),
    { file: "roles" },
    "plays two roles",
  );
  assertDataError(
    () => resolveRoles("geo", { geo: undefined }, "g.csv"),
    { file: "g.csv" },
    'needs a "geo" role',
  );
  assertEquals(resolveRoles("geo", { media: ["tv"], impressions: [] }).media, ["tv"]);
  assertThrows(() => resolveRoles("daily" as "weekly", undefined), RangeError);
});

Deno.test("loadRolesFile reads a file and names a missing one", () => {
  assertDataError(
    () => loadRolesFile("no/such/roles.json"),
    { file: "no/such/roles.json" },
    "file not found",
  );
  const path = Deno.makeTempFileSync({ suffix: ".json" });
  try {
    Deno.writeTextFileSync(path, '{ "geo": { "target": "revenue" } }');
    assertEquals(loadRolesFile(path), { geo: { target: "revenue" } });
    Deno.writeTextFileSync(path, '{ "geo": { "tagret": "revenue" } }');
    assertDataError(() => loadRolesFile(path), { file: path, line: 1 }, 'key "geo.tagret"');
  } finally {
    Deno.removeSync(path);
  }
});
