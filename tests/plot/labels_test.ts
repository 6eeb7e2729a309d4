import { assertEquals } from "../assert.ts";
import { channelLabel } from "../../lib/plot/labels.ts";
import { table, tableHtml, tableText } from "../../lib/plot/table.ts";

Deno.test("channelLabel turns the schemas' column names into names a reader knows", () => {
  const cases: [string, string][] = [
    ["facebook_spend", "Facebook"],
    ["tiktok_spend", "TikTok"],
    ["google_spend", "Google"],
    ["emails_send", "Emails"],
    ["sms_send", "SMS"],
    ["tv_spend", "TV"],
    ["competitor_sales_control", "Competitor sales"],
    ["sentiment_score_control", "Sentiment score"],
    ["social_followers", "Social followers"],
    ["metaSpend", "Meta"],
    ["spend", "Spend"],
  ];
  for (const [column, label] of cases) assertEquals(channelLabel(column), label, column);
  assertEquals(channelLabel("tv_spend", { tv_spend: "Television" }), "Television");
});

Deno.test("table labels replace the record keys in the HTML and text headers, not in the rows", () => {
  const t = table([{ roiLow: 0.5, channel: "tv" }], { labels: { roiLow: "ROI, low" } });
  const html = tableHtml(t);
  assertEquals(html.includes("<th>ROI, low</th>"), true);
  assertEquals(html.includes("roiLow"), false);
  assertEquals(tableText(t).split("\n")[0].trim().startsWith("ROI, low"), true);
});
