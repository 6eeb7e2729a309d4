import { assert } from "../assert.ts";
import { table, tableHtml, tableText } from "../../lib/plot/table.ts";

Deno.test("table cells show booleans as yes and no, never true and false", () => {
  const t = table([{ test: "Ljung-Box", rejected: false }, { test: "Jarque-Bera", rejected: true }]);
  assert(tableHtml(t).includes("<td>no</td>") && tableHtml(t).includes("<td>yes</td>"), tableHtml(t));
  assert(!/true|false/.test(tableHtml(t) + tableText(t)));
});
