import {
  GEO_ROLES,
  loadRolesFile,
  parseRoles,
  resolveRoles,
  roleOf,
  rolesColumns,
  rolesSource,
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
    targetUnit: "currency",
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
    targetUnit: "currency",
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

// ---------------------------------------------------------------- null and [] roles, targetUnit, attribution

Deno.test("every optional single role accepts null and every list role []", () => {
  const text = JSON.stringify({
    weekly: {
      geo: null,
      mediator: null,
      price: null,
      promotion: null,
      population: null,
      social: [],
      direct: [],
      controls: [],
      media: ["tv"],
      impressions: [],
    },
    geo: { population: null, controls: [], impressions: [] },
  });
  const config = parseRoles(text, R);
  const weekly = resolveRoles("weekly", config.weekly);
  assertEquals(
    [weekly.geo, weekly.mediator, weekly.price, weekly.promotion, weekly.population],
    [undefined, undefined, undefined, undefined, undefined],
  );
  assertEquals([weekly.social, weekly.direct, weekly.controls, weekly.media], [[], [], [], ["tv"]]);
  assertEquals(rolesColumns(weekly), ["week", "revenue", "tv"]);
  const geo = resolveRoles("geo", config.geo);
  assertEquals([geo.population, geo.controls, geo.impressions], [undefined, [], []]);
});

Deno.test("targetUnit defaults to currency, takes units, and any other value names the roles file and key", () => {
  assertEquals(resolveRoles("weekly", undefined).targetUnit, "currency");
  const config = parseRoles('{ "geo": { "target": "conversions", "targetUnit": "units" } }', R);
  assertEquals(resolveRoles("geo", config.geo).targetUnit, "units");
  assertEquals(rolesColumns(resolveRoles("geo", config.geo)).includes("units"), false); // not a column
  const text = '{\n  "weekly": {\n    "targetUnit": "dollars"\n  }\n}';
  assertDataError(
    () => parseRoles(text, R),
    { file: R, line: 3 },
    'key "weekly.targetUnit": expected "currency"',
    '"units"',
    'got string "dollars"',
  );
  assertDataError(() => parseRoles('{ "geo": { "targetUnit": null } }', R), { file: R, line: 1 }, "got null");
  assertDataError(
    () => resolveRoles("weekly", { targetUnit: "eur" as "currency" }, "w.csv"),
    { file: "w.csv" },
    'key "targetUnit"',
  );
});

Deno.test("rolesSource tells which roles file a part came from; roles built in code have none", () => {
  const config = parseRoles('{\n "weekly": {\n  "target": "sales"\n }\n}', R);
  const source = rolesSource(config.weekly!);
  assertEquals([source?.file, source?.section, source?.line("target"), source?.warnings], [
    R,
    "weekly",
    3,
    [],
  ]);
  assertEquals(rolesSource({ target: "sales" }), undefined);
});

Deno.test("a conflict made by a roles file names the roles file and the key's line, and the CSV", () => {
  const config = parseRoles('{\n "weekly": {\n  "mediator": "sms_send"\n }\n}', R);
  assertDataError(
    () => resolveRoles("weekly", config.weekly, "w.csv"),
    { file: R, line: 3 },
    'key "weekly.mediator"',
    'column "sms_send" plays two roles, "mediator" and "direct" (the default)',
    "(roles for w.csv)",
  );
  const noGeo = parseRoles('{\n "geo": {\n  "geo": null\n }\n}', R);
  assertDataError(
    () => resolveRoles("geo", noGeo.geo, "g.csv"),
    { file: R, line: 3 },
    'key "geo.geo"',
    "needs a",
  );
  const media = parseRoles('{\n "geo": {\n  "media": ["tv", "radio"]\n }\n}', R);
  assertDataError(
    () => resolveRoles("geo", media.geo, "g.csv"),
    { file: R, line: 3 },
    'key "geo.media"',
    "expected 2 names, got 5",
    "impressions (the default)",
    '"impressions": []',
  );
});

Deno.test("loadRolesFile reads a UTF-16 roles file and passes its encoding warning on", () => {
  const path = Deno.makeTempFileSync({ suffix: ".json" });
  try {
    const text = '{ "weekly": { "target": "umsatz" } }';
    const bytes = new Uint8Array(2 + 2 * text.length);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + 2 * i] = text.charCodeAt(i); // ASCII: high byte 0
    Deno.writeFileSync(path, bytes);
    const config = loadRolesFile(path);
    assertEquals(config.weekly?.target, "umsatz");
    const warnings = rolesSource(config.weekly!)?.warnings ?? [];
    assertEquals(warnings.length, 1);
    assert(warnings[0].includes("UTF-16LE"));
  } finally {
    Deno.removeSync(path);
  }
});
