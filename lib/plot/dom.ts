/**
 * A server-side DOM for Observable Plot (linkedom), so that figures render in the kernel, in tests and in
 * scripts alike.
 *
 * @module
 */
import { parseHTML } from "linkedom";
import type { FigureOptions } from "./figure.ts";

/**
 * The DOM document type Plot expects, as its `document` option names it (the DOM lib is not loaded in Deno,
 * so the type is taken from Plot's options, `FigureOptions`).
 */
export type PlotDocument = NonNullable<FigureOptions["document"]>;

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
