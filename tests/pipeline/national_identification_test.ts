import { assert, assertEquals } from "../assert.ts";
import { identify } from "../../lib/pipeline/national_identification.ts";
import { weeklyDataset } from "./_weekly.ts";

Deno.test("an exact copy of a channel is merged, and the note says the sum counts a duplicated export twice", () => {
  const ds = weeklyDataset({ n: 60, edit: (c) => (c.instagram_spend = c.tiktok_spend.slice()) });
  const notes: string[] = [];
  const { merged } = identify(ds, notes);
  assertEquals(merged.map((m) => m.name), ["tiktok_spend+instagram_spend"]);
  const s = merged[0].sentence;
  assert(s.includes("counts that spend twice") && s.includes("as half the true one"), s);
  assert(notes.includes(s));
});

Deno.test("a channel that is a multiple of another is merged without the duplicated-export note", () => {
  const ds = weeklyDataset({ n: 60, edit: (c) => (c.instagram_spend = c.tiktok_spend.map((x) => 2 * x)) });
  const { merged } = identify(ds, []);
  assertEquals(merged.map((m) => m.name), ["tiktok_spend+instagram_spend"]);
  assert(!merged[0].sentence.includes("twice"), merged[0].sentence);
});

Deno.test("three exact copies: the sum counts the spend three times", () => {
  const ds = weeklyDataset({
    n: 60,
    edit: (c) => {
      c.instagram_spend = c.tiktok_spend.slice();
      c.snapchat_spend = c.tiktok_spend.slice();
    },
  });
  const { merged } = identify(ds, []);
  assertEquals(merged.length, 1);
  assert(merged[0].sentence.includes("3 times") && merged[0].sentence.includes("1/3 of"), merged[0].sentence);
});
