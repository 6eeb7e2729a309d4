/**
 * Jacobi eigenvalues against numpy.linalg.eigvalsh (tests/fixtures/linalg.py → linalg.json).
 * Tolerance: 1e-12 of the largest |eigenvalue| (the documented accuracy of the method), absolute.
 */

import { assertArrayClose } from "../assert.ts";
import { symmetricEigenvalues } from "../../lib/linalg/mod.ts";

const fx = JSON.parse(await Deno.readTextFile(new URL("../fixtures/linalg.json", import.meta.url)));

for (const key of ["sym", "spd", "spread"]) {
  Deno.test(`symmetricEigenvalues matches numpy eigvalsh (${key})`, () => {
    const { k, a, eigvalsh } = fx[key];
    const scale = Math.max(...(eigvalsh as number[]).map(Math.abs));
    assertArrayClose(symmetricEigenvalues(Float64Array.from(a as number[]), k), eigvalsh, 1e-12, scale);
  });
}
