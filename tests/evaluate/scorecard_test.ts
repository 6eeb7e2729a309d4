import { assert, assertEquals } from "../assert.ts";
import {
  autocorrelationCheck,
  collinearityCheck,
  gateCheck,
  holdoutCheck,
  plausibilityCheck,
  scorecardRows,
  signCheck,
  stabilityCheck,
  statusMark,
  worstStatus,
} from "../../lib/evaluate/scorecard.ts";
import { evidenceGate } from "../../lib/evaluate/verdicts.ts";
import type { StabilityVerdict } from "../../lib/evaluate/rolling_stability.ts";

Deno.test("holdoutCheck: fail at or above the benchmark, warn within 1/√h of it, pass below", () => {
  // 1 − 1/√16 = 0.75
  assertEquals(holdoutCheck(1, 16, "seasonal naive", 0.1, "MAPE").status, "fail");
  assertEquals(holdoutCheck(0.8, 16, "seasonal naive", 0.1, "MAPE").status, "warn");
  assertEquals(holdoutCheck(0.75, 16, "seasonal naive", 0.1, "MAPE").status, "warn");
  assertEquals(holdoutCheck(0.74, 16, "seasonal naive", 0.1, "MAPE").status, "pass");
  assertEquals(holdoutCheck(NaN, 16, "mean", 0.1, "WAPE").status, "warn");
  assert(holdoutCheck(0.5, 13, "seasonal naive", 0.061, "MAPE").reason.includes("MAPE 6.1%"));
});

Deno.test("gateCheck follows the evidence gate and warns when there is none", () => {
  assertEquals(gateCheck(evidenceGate([0.5, 0.6, 0.55]), "").status, "pass");
  assertEquals(gateCheck(evidenceGate([0.05, 0.08, 0.04]), "").status, "fail");
  assertEquals(gateCheck(null, "too short").reason, "too short");
  // mean 0.06 < 0.2 is marked; sd 0.02, t(0.95, 2) = 2.920, lower bound 0.06 − 2.920 · 0.02/√3 = 0.0263 passes
  const short = gateCheck(evidenceGate([0.04, 0.06, 0.08]), "").reason;
  assert(
    short.startsWith("3 folds: mean skill 0.060 (needs ≥ 0.200) ✗; lower bound 0.026 (needs > 0.000)"),
    short,
  );
});

Deno.test("autocorrelationCheck: pass without rejection, warn with robust intervals, fail without", () => {
  assertEquals(autocorrelationCheck(false, true, "s").status, "pass");
  assertEquals(autocorrelationCheck(true, true, "s").status, "warn");
  assertEquals(autocorrelationCheck(true, false, "s").status, "fail");
});

Deno.test("collinearityCheck: pass, warn on a notable verdict, fail on an infinite condition number", () => {
  assertEquals(
    collinearityCheck({ high: [], conditionNumber: 5, notable: false, sentence: "" }).status,
    "pass",
  );
  assertEquals(
    collinearityCheck({ high: [{ name: "a", vif: 12 }], conditionNumber: 5, notable: true, sentence: "" })
      .status,
    "warn",
  );
  assertEquals(
    collinearityCheck({ high: [], conditionNumber: Infinity, notable: true, sentence: "" }).status,
    "fail",
  );
});

const verdict = (term: string, stable: boolean): StabilityVerdict => ({
  term,
  windows: 10,
  misses: stable ? 0 : 5,
  shareContaining: stable ? 1 : 0.5,
  pValue: stable ? 1 : 0.0001,
  stable,
  outsideRange: null,
  windowMin: 0,
  windowMax: 1,
  label: stable ? "stable" : "drifts",
  sentence: "",
});

Deno.test("stabilityCheck: a coefficient still moving (outside every window's estimate) warns, named", () => {
  const moving: StabilityVerdict = { ...verdict("sms", true), outsideRange: "above", label: "still moving" };
  const c = stabilityCheck([verdict("a", true), moving], (t) => t.toUpperCase());
  assertEquals(c.status, "warn");
  assert(c.reason.includes("SMS (the full-sample estimate lies above every window's)"), c.reason);
  // drift still decides fail above half
  assertEquals(stabilityCheck([verdict("a", false), verdict("b", false), moving]).status, "fail");
});

Deno.test("holdoutCheck: held transforms are said in the reason; the status follows the ratio alone", () => {
  const held = holdoutCheck(0.5, 13, "seasonal naive", 0.06, "MAPE", { transforms: "held" });
  assertEquals(held.status, "pass");
  assert(
    held.reason.includes("held at the full-sample choice") && held.reason.includes("leans optimistic"),
    held.reason,
  );
  const plain = holdoutCheck(0.5, 13, "seasonal naive", 0.06, "MAPE");
  assert(!plain.reason.includes("full-sample"), plain.reason);
  const re = holdoutCheck(0.9, 13, "seasonal naive", 0.06, "MAPE", { transforms: "re-chosen" });
  assertEquals(re.status, "warn");
  assert(re.reason.includes("re-chosen on the training weeks"), re.reason);
  assert(holdoutCheck(NaN, 13, "mean", 0, "MAPE", { transforms: "held" }).reason.includes("full-sample"));
});

Deno.test("stabilityCheck: pass when none drifts, warn up to half, fail above half, warn when untested", () => {
  assertEquals(stabilityCheck([verdict("a", true), verdict("b", true)]).status, "pass");
  assertEquals(stabilityCheck([verdict("a", true), verdict("b", false)]).status, "warn");
  assertEquals(stabilityCheck([verdict("a", false), verdict("b", false), verdict("c", true)]).status, "fail");
  assertEquals(stabilityCheck([]).status, "warn");
  assert(stabilityCheck([verdict("b", false)], (t) => t.toUpperCase()).reason.includes("B (5 of 10"));
});

Deno.test("signCheck: fail on a negative effect, warn on one indistinguishable from zero, pass when all positive", () => {
  assertEquals(signCheck([{ channel: "tv", verdict: "positive" }]).status, "pass");
  assertEquals(
    signCheck([{ channel: "tv", verdict: "positive" }, {
      channel: "radio",
      verdict: "not distinguishable from zero",
    }])
      .status,
    "warn",
  );
  assertEquals(signCheck([{ channel: "tv", verdict: "negative" }]).status, "fail");
  assertEquals(signCheck([{ channel: "tv", verdict: null }]).status, "warn");
});

Deno.test("plausibilityCheck, scorecardRows, worstStatus and statusMark", () => {
  const ok = {
    verdict: "plausible" as const,
    flags: [],
    totalContribution: 1,
    modelledTotal: 2,
    sentence: "fine",
  };
  assertEquals(plausibilityCheck(ok).status, "pass");
  assertEquals(plausibilityCheck({ ...ok, verdict: "implausible" }).status, "fail");
  assertEquals(scorecardRows("geo", [plausibilityCheck(ok)])[0].model, "geo");
  assertEquals(worstStatus(["pass", "warn"]), "warn");
  assertEquals(worstStatus(["warn", "fail", "pass"]), "fail");
  assertEquals(worstStatus([]), "pass");
  assertEquals(statusMark("fail"), "🔴 fail");
});

Deno.test("autocorrelationCheck ends the test's sentence before adding what the intervals do", () => {
  const r = autocorrelationCheck(true, true, "Ljung-Box (lag 8): p < 0.001; residuals are autocorrelated");
  assertEquals(
    r.reason,
    "Ljung-Box (lag 8): p < 0.001; residuals are autocorrelated. The reported intervals allow for it.",
  );
  assertEquals(autocorrelationCheck(false, true, "No autocorrelation.").reason, "No autocorrelation.");
});
