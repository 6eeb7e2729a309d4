/** `deno task report --experiments`: parsed, checked before anything runs, recorded in the manifest inputs. */
import { assert, assertEquals } from "../assert.ts";
import { parseReportArgs } from "../../tools/report.ts";
import { describeInputs } from "../../tools/report_index.ts";

const REPO = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

Deno.test("--experiments resolves against the working directory, in both spellings", () => {
  assertEquals(parseReportArgs(["--experiments", "lift.csv"], "/tmp/w").experiments, "/tmp/w/lift.csv");
  assertEquals(parseReportArgs(["--experiments=/x/lift.csv"], "/tmp/w").experiments, "/x/lift.csv");
  assertEquals(parseReportArgs([], "/tmp/w").experiments, undefined);
});

Deno.test("--experiments naming a missing file is a usage error (exit 2) before any notebook runs", async () => {
  const out = Deno.makeTempDirSync({ prefix: "mmm-exp-" });
  try {
    const missing = `${out}/no_such_experiments.csv`;
    const r = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-all",
        `${REPO}/tools/report.ts`,
        "--experiments",
        missing,
        "--out",
        out,
        "--only",
        "01_eda",
      ],
      cwd: REPO,
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).output();
    const stderr = new TextDecoder().decode(r.stderr);
    assertEquals(r.code, 2, stderr);
    assert(stderr.includes("--experiments") && stderr.includes(missing), stderr);
    assertEquals([...Deno.readDirSync(out)].length, 0, "nothing written to --out");
  } finally {
    Deno.removeSync(out, { recursive: true });
  }
});

Deno.test("describeInputs records the experiments file with the SHA-256 of its contents, null without one", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "mmm-exp-" });
  try {
    const text = "channel,start,end,geos,lift,se,metric\n";
    Deno.writeTextFileSync(`${dir}/e.csv`, text);
    const files = { weekly: `${dir}/w.csv`, geo: `${dir}/g.csv` };
    const withFile = await describeInputs({ ...files, experiments: `${dir}/e.csv` }, (p) => p);
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
    const hex = [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
    assertEquals(withFile.experiments, { path: `${dir}/e.csv`, sha256: hex });
    assertEquals((await describeInputs(files, (p) => p)).experiments, null);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
