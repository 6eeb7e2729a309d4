/**
 * Worker of `tools/validate.ts`: receives a `DrawTask`, runs it with `runDraw` and posts back the
 * `DrawResult` (errors inside a draw are part of the result).
 *
 * @module
 */
import { type DrawTask, runDraw } from "./validate.ts";

// deno-lint-ignore no-explicit-any
const scope = self as any;
scope.onmessage = async (e: MessageEvent<DrawTask>) => {
  scope.postMessage(await runDraw(e.data));
};
