/**
 * replicateChooser's tie rule: "each path moved to its best-scoring option (ties keep the current option)". A
 * shortlist that lists a θ twice gives two options with the same column, so they score exactly alike.
 */
import { assertEquals } from "../assert.ts";
import { replicateChooser } from "../../lib/evaluate/transform_choice.ts";
import { transformPaths } from "../../lib/evaluate/transform_paths.ts";
import type { TransformShortlist } from "../../lib/evaluate/transform_shortlist.ts";
import { geometricAdstock } from "../../lib/features/adstock.ts";
import { mediationData, type MediationInputs, stageBuffers } from "../../lib/models/mediation.ts";

// M = 50 + 0.4·A(S1, 0.6) + 0.2·A(S2, 0.2) + u, Y = 100 + 3·A(M, 0.5) + 1.5·A(S1, 0.3) + e, u and e tiny: the
// true θ's fit best, so a path's best options are the true θ (and its copy).
const n = 104;
const wave = (k: number, f: number) =>
  Float64Array.from({ length: n }, (_, t) => k * (1.2 + Math.sin(f * t) + 0.5 * Math.cos(3.1 * f * t + k)));
const s1 = wave(100, 0.37), s2 = wave(80, 0.91);
const tiny = (f: number) => Float64Array.from({ length: n }, (_, t) => 1e-4 * Math.sin(f * t * t));
const a1 = geometricAdstock(s1, 0.6), a2 = geometricAdstock(s2, 0.2);
const mediator = Float64Array.from({ length: n }, (_, t) => 50 + 0.4 * a1[t] + 0.2 * a2[t] + tiny(1.3)[t]);
const am = geometricAdstock(mediator, 0.5), ad = geometricAdstock(s1, 0.3);
const y = Float64Array.from({ length: n }, (_, t) => 100 + 3 * am[t] + 1.5 * ad[t] + tiny(0.7)[t]);
const inputs: MediationInputs = {
  spec: {
    social: [{ column: "s1", theta: 0.6 }, { column: "s2", theta: 0.2 }],
    mediator: { column: "m", theta: 0.5 },
    directSocial: [{ column: "s1", theta: 0.3 }],
    direct: [],
    stage1Controls: [],
    stage2Controls: [],
  },
  columns: { s1, s2, m: mediator },
  y,
};

/**
 * The chooser on the full sample with at most `sweeps` sweeps, s1's stage-1 θ listed as [0.6, 0.1, 0.6]:
 * options 0 and 2 tie. (A chooser that moved on ties would flip between them once per sweep, so the tests
 * run 1, 2 and 3 sweeps.)
 */
function chooser(sweeps: number) {
  const shortlist: TransformShortlist = {
    social: { s1: [0.6, 0.1, 0.6], s2: [0.2] },
    mediator: [0.5],
    directSocial: { s1: [0.3] },
    direct: {},
  };
  const data = mediationData(inputs);
  const tp = transformPaths(inputs.spec, shortlist, data);
  const sample = Int32Array.from(data.rows);
  return {
    tp,
    choose: replicateChooser(inputs, tp, sample, stageBuffers(data, sample.length), sweeps).choose,
  };
}

Deno.test("replicateChooser: a path at one of two tied best options keeps it", () => {
  for (const sweeps of [1, 2, 3]) {
    const { tp, choose } = chooser(sweeps);
    assertEquals(tp.paths[0].start, 0); // the full-sample θ = 0.6 is found at its first listing
    const fromFirst = Int32Array.from(tp.paths, (p) => p.start);
    choose(fromFirst);
    assertEquals(Array.from(fromFirst), [0, 0, 0, 0], `${sweeps} sweeps from the first`);
    const fromCopy = Int32Array.from([2, 0, 0, 0]);
    choose(fromCopy);
    assertEquals(Array.from(fromCopy), [2, 0, 0, 0], `${sweeps} sweeps from the copy`);
  }
});

Deno.test("replicateChooser: a path off its best option moves to it (the first of two tied ones)", () => {
  for (const sweeps of [1, 2, 3]) {
    const { choose } = chooser(sweeps);
    const fromWorse = Int32Array.from([1, 0, 0, 0]); // θ = 0.1 for s1: worse than 0.6 in stage 1
    choose(fromWorse);
    assertEquals(Array.from(fromWorse), [0, 0, 0, 0], `${sweeps} sweeps`);
  }
});
