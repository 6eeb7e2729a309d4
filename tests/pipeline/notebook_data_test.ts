import { assert, assertEquals, assertThrows } from "../assert.ts";
import { DataError } from "../../lib/errors.ts";
import { loadGeoInput, loadWeeklyInput } from "../../lib/pipeline/notebook_data.ts";
import { notebookInputs } from "../../lib/pipeline/run_settings.ts";

const DATA = new URL("../../data/", import.meta.url).pathname;
const bundled = (env: Record<string, string> = {}) => {
  const i = notebookInputs(env);
  // notebookInputs' paths are relative to notebooks/; the test runs from the repository
  const fix = (p: string | undefined) => (p?.startsWith("../data/") ? `${DATA}${p.slice(8)}` : p);
  return {
    ...i,
    weeklyPath: fix(i.weeklyPath)!,
    geoPath: fix(i.geoPath)!,
    weeklyTruthPath: fix(i.weeklyTruthPath),
    geoTruthPath: fix(i.geoTruthPath),
  };
};

Deno.test("the bundled files come with their truth; the user's files without", async () => {
  const weekly = loadWeeklyInput(bundled());
  assertEquals(weekly.dataset.roles.target, "revenue");
  assert(weekly.truth !== undefined && weekly.truth.weekly !== undefined);
  const geo = loadGeoInput(bundled());
  assertEquals(geo.truth?.file, "data/mmm_geo.csv");
  // a notebook that compares nothing with the truth does not read it
  assertEquals(loadWeeklyInput(bundled(), { truth: false }).truth, undefined);
  assertEquals(loadGeoInput(bundled(), { truth: false }).truth, undefined);
  const dir = await Deno.makeTempDir();
  try {
    const own = `${dir}/mine.csv`;
    await Deno.writeTextFile(own, await Deno.readTextFile(`${DATA}mmm_weekly.csv`));
    assertEquals(loadWeeklyInput(bundled({ MMM_WEEKLY: own })).truth, undefined);
    // the roles file's weekly part is applied: a roles file renaming the target
    const roles = `${dir}/roles.json`;
    await Deno.writeTextFile(roles, JSON.stringify({ weekly: { price: null } }));
    assertEquals(
      loadWeeklyInput(bundled({ MMM_WEEKLY: own, MMM_ROLES: roles })).dataset.roles.price,
      undefined,
    );
    // a file that is not there is a DataError naming it
    assertThrows(() => loadGeoInput(bundled({ MMM_GEO: `${dir}/none.csv` })), DataError, "none.csv");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
