import { assertEquals } from "../assert.ts";
import { channelLabel } from "../../lib/data/labels.ts";
import { labelRows, labelText, proseNames } from "../../lib/plot/labels.ts";

Deno.test("channelLabel names the two-stage model's terms and the seasonal terms", () => {
  const cases: [string, string][] = [
    ["google_spend_fitted", "Google (social-driven)"],
    ["google_spend_residual", "Google (other)"],
    ["average_price", "Average price"],
    ["social_followers", "Social followers"],
    ["november", "November"],
    ["month_sin", "Season (sine)"],
    ["month_cos", "Season (cosine)"],
    ["stage 2: google_spend_fitted", "Stage 2: Google (social-driven)"],
    ["tv_spend + radio_spend", "TV + Radio"],
    ["_fitted", "Fitted"],
  ];
  for (const [column, label] of cases) assertEquals(channelLabel(column), label, column);
  assertEquals(
    channelLabel("google_spend_fitted", { google_spend: "Search ads" }),
    "Search ads (social-driven)",
  );
});

Deno.test("labelRows renames only the named string columns and leaves the input rows unchanged", () => {
  const rows = [{ channel: "tv_spend", term: "sms_send", roi: 2 }];
  const shown = labelRows(rows, ["channel"]);
  assertEquals(shown, [{ channel: "TV", term: "sms_send", roi: 2 }]);
  assertEquals(rows[0].channel, "tv_spend");
});

Deno.test("labelText replaces whole column names only, with their quotes and model suffixes", () => {
  const cols = ["google_spend", "tv_spend", "promotions"];
  assertEquals(
    labelText('The social-driven part of google_spend; increase "tv_spend" by 6%', cols),
    "The social-driven part of Google; increase TV by 6%",
  );
  assertEquals(
    labelText("google_spend_fitted (41.1), google_spend_residual", cols),
    "Google (social-driven) (41.1), Google (other)",
  );
  assertEquals(labelText("my_tv_spend and tv_spends stay", cols), "my_tv_spend and tv_spends stay");
  assertEquals(labelText("two promotions weeks", cols), "two Promotions weeks");
});

Deno.test("proseNames lower-cases the common-noun columns only", () => {
  const names = proseNames({ price: "average_price", controls: ["social_followers"] });
  assertEquals(names, { average_price: "average price", social_followers: "social followers" });
  assertEquals(
    labelText("revenue falls as average_price rises", ["average_price"], names),
    "revenue falls as average price rises",
  );
});

Deno.test("collinearityVerdict names regressors through its label option", async () => {
  const { collinearityVerdict } = await import("../../lib/evaluate/collinearity.ts");
  const rows = [{ name: "google_spend_fitted", vif: 41.1 }, { name: "sms_send", vif: 2 }];
  const v = collinearityVerdict(rows, 12, (x) => x.toFixed(1), (n) => channelLabel(n));
  assertEquals(v.sentence.startsWith("Google (social-driven) (41.1) has a VIF above 10"), true);
  assertEquals(v.high.map((h) => h.name), ["google_spend_fitted"]);
  assertEquals(collinearityVerdict(rows, 12).sentence.startsWith("google_spend_fitted (41.1)"), true);
});

Deno.test("channelLabel names merged channels however the pipeline joined them", () => {
  assertEquals(channelLabel("tiktok_spend+instagram_spend"), "TikTok + Instagram");
  assertEquals(channelLabel("tv_spend + radio_spend"), "TV + Radio");
});
