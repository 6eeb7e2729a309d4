/**
 * The toolkit's public API, one import for notebooks: `import * as mmm from "../lib/mod.ts"` or named imports.
 *
 * Layers (imports point down only): plot/explore → optimize → decompose → evaluate → models → features → data
 * → stats/linalg/errors. See docs/ARCHITECTURE.md.
 *
 * @module
 */
export * from "./errors.ts";
export * from "./linalg/mod.ts";
export * from "./stats/mod.ts";
export * from "./data/mod.ts";
export * from "./features/mod.ts";
export * from "./models/mod.ts";
export * from "./evaluate/mod.ts";
export * from "./decompose/mod.ts";
export * from "./optimize/mod.ts";
export * from "./pipeline/mod.ts";
export * from "./explore/mod.ts";
export * from "./plot/mod.ts";
