import { assertEquals, assertThrows } from "../assert.ts";
import { loadTruth, truthKey } from "../../lib/data/truth.ts";
import { DataError } from "../../lib/errors.ts";

Deno.test("loadTruth reads the bundled truth and its seed matches the generator's", async () => {
  const { SEED } = await import("../../data/generate.ts");
  const t = loadTruth(new URL("../../data/truth.json", import.meta.url).pathname);
  assertEquals(t.seed, SEED);
  assertEquals(t.geo.geos, 40);
});

Deno.test("loadTruth rejects a file that is not a truth file, naming it", () => {
  const dir = Deno.makeTempDirSync();
  Deno.writeTextFileSync(`${dir}/t.json`, `{"seed": 1}`);
  Deno.writeTextFileSync(`${dir}/bad.json`, `{"seed": `);
  assertThrows(() => loadTruth(`${dir}/t.json`), DataError, `${dir}/t.json: missing "weekly"`);
  assertThrows(() => loadTruth(`${dir}/bad.json`), DataError, "not valid JSON");
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("truthKey strips spend/sends/impressions suffixes", () => {
  assertEquals(["facebook_spend", "tv_impressions", "emails_send", "revenue"].map(truthKey), [
    "facebook",
    "tv",
    "emails",
    "revenue",
  ]);
});
