import { assertAlmostEquals, assertEquals } from "../assert.ts";
import {
  edaCorrelationColumns,
  edaCorrelations,
  edaSocialMediator,
  noStrongPairSentence,
} from "../../lib/explore/mod.ts";
import type { Roles } from "../../lib/data/types.ts";
import { WEEKLY_ROLES } from "../../lib/data/mod.ts";
import { CORRELATION_CONVENTION } from "../../lib/evaluate/verdicts.ts";
import type { UnidentifiedTerm } from "../../lib/data/identification.ts";
import { weekly } from "./_weekly.ts";

Deno.test("edaCorrelationColumns: roles in order, less dropped columns, but duplicates stay", () => {
  const roles: Roles = {
    ...WEEKLY_ROLES,
    direct: ["sms", "email"],
    price: "price",
    promotion: "promo",
    controls: ["followers", "copy"],
  };
  const dropped: UnidentifiedTerm[] = [
    { column: "price", reason: "constant", sentence: "" },
    { column: "email", reason: "all-zero", sentence: "" },
    { column: "copy", reason: "duplicate", of: "followers", sentence: "" },
    { column: "promo", reason: "near-duplicate", of: "sms", sentence: "" },
  ];
  const envelope = { identification: { keep: [], dropped, zeroInGeos: [] } };
  assertEquals(edaCorrelationColumns(roles, ["google", "fb"], envelope), [
    "google",
    "fb",
    "sms",
    "promo",
    "followers",
    "copy",
    "revenue",
  ]);
  const none = { identification: { keep: [], dropped: [], zeroInGeos: [] } };
  assertEquals(edaCorrelationColumns({ ...roles, price: undefined, promotion: undefined }, [], none), [
    "sms",
    "email",
    "followers",
    "copy",
    "revenue",
  ]);
});

Deno.test("edaCorrelations: the matrix, pairs at or above the threshold with labels and strength words", () => {
  // r(tv, revenue) = 1; r(tv, radio) = r(radio, revenue) = 0 (orthogonal by construction)
  const ds = weekly({ tv: [1, 2, 3, 4], radio: [1, -1, -1, 1], revenue: [2, 4, 6, 8] });
  const c = edaCorrelations(ds, ["tv", "radio", "revenue"], 0.5);
  assertEquals(c.names, ["tv", "radio", "revenue"]);
  assertEquals(c.matrix.length, 9);
  assertEquals(c.strongPairs.length, 1);
  assertEquals([c.strongPairs[0].a, c.strongPairs[0].b, c.strongPairs[0].strength], [
    "TV",
    "Revenue",
    "very strong positive",
  ]);
  assertAlmostEquals(c.strongPairs[0].r, 1, 1e-12);
  assertEquals(c.convention, CORRELATION_CONVENTION);
  assertEquals(c.noPairsSentence, "No pair of columns correlates at |r| ≥ 0.5.");
  assertEquals(edaCorrelations(ds, ["tv", "radio"], 0.5).strongPairs, []);
  assertEquals(noStrongPairSentence(0.75), "No pair of columns correlates at |r| ≥ 0.8.");
});

const google = [1, 2, 3, 4];

Deno.test("edaSocialMediator: the closest social channel by |r|; very strong means credit splits unreliably", () => {
  // r(facebook, google) = 6.5 / √43.75 ≈ 0.98; r(tiktok, google) = −1
  const ds = weekly({ google_spend: google, facebook_spend: [1, 2, 3, 5], tiktok_spend: [4, 3, 2, 1] }, {
    ...WEEKLY_ROLES,
    social: ["facebook_spend", "tiktok_spend"],
  });
  const v = edaSocialMediator(ds);
  assertEquals(v.correlations?.map((c) => c.channel), ["tiktok_spend", "facebook_spend"]);
  assertAlmostEquals(v.correlations![1].r, 6.5 / Math.sqrt(43.75), 1e-12);
  assertEquals(
    v.sentence,
    "Of the social channels, **TikTok** moves most closely with **Google**: a very strong negative correlation " +
      "of **−1.00**.\nThat is high enough that a single regression with both would split their credit " +
      "unreliably; the two-stage model treats Google as a mediator of social spend instead.",
  );
});

Deno.test("edaSocialMediator: below very strong, the two-stage model separates the paths", () => {
  // r(facebook, google) = 3 / 5 = 0.6; r(tiktok, google) = 1 / √5 ≈ 0.45
  const ds = weekly({ google_spend: google, facebook_spend: [2, 1, 4, 3], tiktok_spend: [1, 2, 1, 2] }, {
    ...WEEKLY_ROLES,
    social: ["tiktok_spend", "facebook_spend"],
  });
  const v = edaSocialMediator(ds);
  assertEquals(v.correlations?.map((c) => c.channel), ["facebook_spend", "tiktok_spend"]);
  assertEquals(
    v.sentence,
    "Of the social channels, **Facebook** moves most closely with **Google**: a strong positive correlation of " +
      "**0.60**.\nThe two-stage model of notebooks 03–04 separates the path through Google from the direct path.",
  );
});

Deno.test("edaSocialMediator: one social channel is not 'the closest of the social channels'", () => {
  // r(facebook, google) = 3 / 5 = 0.6
  const ds = weekly({ google_spend: google, facebook_spend: [2, 1, 4, 3] }, {
    ...WEEKLY_ROLES,
    social: ["facebook_spend"],
  });
  assertEquals(
    edaSocialMediator(ds).sentence,
    "The one social channel, **Facebook**, and **Google** have a strong positive correlation of **0.60**.\nThe " +
      "two-stage model of notebooks 03–04 separates the path through Google from the direct path.",
  );
});

Deno.test("edaSocialMediator: no mediator, or no social channel, leaves no path to look at", () => {
  const none =
    "The roles map no mediator or no social channel, so there is no social-to-search path to look at; " +
    "notebooks 03–04 say what they fit instead.";
  const ds = weekly({ google_spend: google, facebook_spend: [2, 1, 4, 3] });
  assertEquals(edaSocialMediator({ ...ds, roles: { ...WEEKLY_ROLES, mediator: undefined } }), {
    correlations: undefined,
    sentence: none,
  });
  assertEquals(edaSocialMediator({ ...ds, roles: { ...WEEKLY_ROLES, social: [] } }).sentence, none);
});
