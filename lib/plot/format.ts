/**
 * Number formatting for prose and tables (`fmt` in notebooks): the formatters of `lib/data/format.ts`, where
 * they sit so that every layer, the pipelines' sentences included, writes a number the same way.
 *
 * @module
 */
export * from "../data/format.ts";
