import { assert, assertEquals } from "../assert.ts";
import { groupLjungBox, residualTests } from "../../lib/evaluate/diagnostic_report.ts";
import { ljungBox } from "../../lib/evaluate/ljung_box.ts";
import { breuschPagan } from "../../lib/evaluate/heteroskedasticity.ts";
import { designFromColumns } from "../../lib/features/design.ts";

function series(n: number, phi: number, hetero: boolean) {
  let s = 5, prev = 0;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 2;
  const x = Float64Array.from({ length: n }, (_, i) => i / n);
  const e = Float64Array.from(
    { length: n },
    (_, i) => (prev = phi * prev + rand() * (hetero ? 0.2 + 3 * x[i] : 1)),
  );
  return { e, design: designFromColumns({ x }) };
}

Deno.test("residualTests words each test from the underlying statistic and p-value", () => {
  const { e, design } = series(200, 0.8, true);
  const rows = residualTests(e, design, { lags: 6, autocorrelationRemedy: "HAC standard errors are used" });
  assertEquals(rows.map((r) => r.test), [
    "Ljung-Box (lag 6)",
    "Durbin-Watson",
    "Breusch-Pagan (Koenker)",
    "White",
    "Jarque-Bera",
    "Shapiro-Wilk",
  ]);
  const lb = ljungBox(e, { lags: [6] });
  assertEquals([rows[0].statistic, rows[0].pValue], [lb.lbStat[0], lb.lbPvalue[0]]);
  assert(rows[0].rejected && rows[0].meaning.includes("HAC standard errors are used"), rows[0].meaning);
  assertEquals(rows[2].statistic, breuschPagan(e, design, { robust: true }).lm);
  assert(rows[1].meaning.startsWith("positive"), rows[1].meaning);
});

Deno.test("residualTests finds nothing in white noise with constant variance (at these seeds)", () => {
  const { e, design } = series(200, 0, false);
  const rows = residualTests(e, design, { white: false });
  assertEquals(
    rows.filter((r) => r.test.startsWith("Ljung") || r.test.startsWith("Breusch")).map((r) => r.rejected),
    [false, false],
  );
});

Deno.test("groupLjungBox tests each group's series separately", () => {
  const a = series(60, 0.9, false).e, b = series(60, 0, false).e;
  const r = groupLjungBox([...a, ...b], [...Array(60).fill("a"), ...Array(60).fill("b")], 4);
  assertEquals(r.groups.map((g) => g.group), ["a", "b"]);
  assertEquals(r.groups[0].statistic, ljungBox(a, { lags: [4] }).lbStat[0]);
  assertEquals(r.shareRejected, 0.5);
});
