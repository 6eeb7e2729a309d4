/**
 * A server-side DOM for Observable Plot (linkedom), so that figures render in the kernel, in tests and in
 * scripts alike.
 *
 * @module
 */
import type * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

/** The DOM document type Plot expects (the DOM lib is not loaded in Deno; Plot's option type names it). */
export type PlotDocument = NonNullable<Plot.PlotOptions["document"]>;

let cached: PlotDocument | undefined;

/** A shared linkedom `Document` to pass as Plot's `document` option. */
export function plotDocument(): PlotDocument {
  if (!cached) {
    const window = parseHTML("<!DOCTYPE html><html><head></head><body></body></html>") as unknown as {
      document: PlotDocument;
    };
    cached = window.document;
  }
  return cached;
}
