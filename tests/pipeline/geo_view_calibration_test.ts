/** Notebook 05's lift-test view: no file, and a file read and calibrated against a fitted geo model. */
import { assert, assertEquals } from "../assert.ts";
import { fitGeoModel } from "../../lib/decompose/geo_model.ts";
import { calibrationResults } from "../../lib/pipeline/calibration_view.ts";
import { geoCalibration } from "../../lib/pipeline/geo_view_calibration.ts";
import type { CalibrationResult } from "../../lib/pipeline/calibration_core.ts";
import { panel } from "./_geo_panel.ts";

Deno.test("calibrationResults: the file with its skipped rows, warnings and calibration; or none given", () => {
  const none = { file: null, sentence: "No lift-test results were given." };
  assertEquals(calibrationResults(undefined, null, null), none);
  const file = {
    source: "x.csv",
    experiments: [],
    skipped: [{ line: 2, metric: "visits", sentence: "s" }],
    warnings: ["w"],
  };
  const result = { unavailable: "u" } as unknown as CalibrationResult;
  assertEquals(calibrationResults("x.csv", file, result), {
    file: "x.csv",
    skipped: file.skipped,
    warnings: ["w"],
    unavailable: "u",
  });
});

Deno.test("geoCalibration: nothing read without a path; with one, the file's experiments calibrate the model", () => {
  const ds = panel({ geos: 4, weeks: 60 });
  const model = fitGeoModel(ds, {
    tv_spend: { theta: 0.5, scale: 5000 },
    search_spend: { theta: 0, scale: 2000 },
    radio_spend: { theta: 0.3, scale: 800 },
  });
  const geo = { model, dataset: ds, target: "sales" };
  assertEquals(geoCalibration(geo, ds, undefined), {
    file: null,
    result: null,
    results: { file: null, sentence: "No lift-test results were given." },
  });
  const path = Deno.makeTempFileSync({ suffix: ".csv" });
  try {
    Deno.writeTextFileSync(
      path,
      "channel,start,end,geos,lift,se,metric\n" +
        "tv_spend,2022-03-07,2022-04-25,g1;g2,40000,8000,sales\n" +
        "tv_spend,2022-03-07,2022-04-25,g3,10,2,visits\n",
    );
    const c = geoCalibration(geo, ds, path);
    assertEquals(c.file?.experiments.length, 1);
    assertEquals(c.file?.skipped.length, 1);
    assert(c.result !== null, "calibrated");
    assert(c.results.file === path, "results name the file");
    assertEquals("skipped" in c.results && c.results.skipped.length, 1);
  } finally {
    Deno.removeSync(path);
  }
});
