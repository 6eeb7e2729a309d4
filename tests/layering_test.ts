/**
 * The import direction of docs/ARCHITECTURE.md: within lib/, a module imports only from its own layer or the
 * layers below it, and nothing in lib/ imports the generator (data/), tools/, tests or notebooks.
 */
import { assertEquals } from "./assert.ts";

const LIB = new URL("../lib/", import.meta.url).pathname;

/** Layers from the bottom up; a folder may import its own layer and every one before it. */
const LAYERS: readonly (readonly string[])[] = [
  ["errors.ts", "linalg", "stats"],
  ["data"],
  ["features"],
  ["models"],
  ["evaluate"],
  ["decompose"],
  ["optimize"],
  ["pipeline"],
  ["explore", "plot"],
  ["mod.ts"],
];

const layerOf = (top: string) => LAYERS.findIndex((l) => l.includes(top));

function* libFiles(dir: string): Generator<string> {
  for (const e of Deno.readDirSync(dir)) {
    const p = `${dir}${e.name}`;
    if (e.isDirectory) yield* libFiles(`${p}/`);
    else if (e.name.endsWith(".ts")) yield p;
  }
}

Deno.test("lib imports point down the layers and never out of lib", () => {
  const problems: string[] = [];
  for (const file of libFiles(LIB)) {
    const rel = file.slice(LIB.length);
    const from = layerOf(rel.split("/")[0]);
    // Comments out (JSDoc examples import test helpers such as tests/doc_assert.ts; they run under
    // `deno test --doc`, never as part of lib).
    const text = Deno.readTextFileSync(file).replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
    for (const m of text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+["']([^"']+)["']/gm)) {
      const spec = m[1];
      if (!spec.startsWith(".")) continue; // npm and bare specifiers from deno.json
      const target = new URL(spec, `file://${file}`).pathname;
      if (!target.startsWith(LIB)) {
        problems.push(`${rel} imports ${spec}, outside lib/`);
        continue;
      }
      const to = layerOf(target.slice(LIB.length).split("/")[0]);
      if (to > from) problems.push(`${rel} imports ${spec}, a higher layer`);
    }
  }
  assertEquals(problems, []);
});
