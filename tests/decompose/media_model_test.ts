/**
 * The media model interface: responses, zero spend, standardization, panel adstock, building from a fit.
 */
import {
  adstockedSpend,
  channelResponse,
  type MediaChannel,
  type MediaModel,
  mediaModelFromFit,
  validateMediaModel,
} from "../../lib/decompose/mod.ts";
import { ModelError } from "../../lib/errors.ts";
import { assertArrayClose, assertEquals, assertRelClose, assertThrows } from "../assert.ts";

const tv: MediaChannel = {
  name: "tv",
  column: "tv_spend",
  adstock: { type: "geometric", theta: 0.5 },
  saturation: { type: "log1p", scale: 100 },
  coef: 2,
};

Deno.test("channelResponse is β·log1p(adstock/scale), by the definition", () => {
  const model: MediaModel = { channels: [tv] };
  const x = new Float64Array([100, 0, 100]);
  // adstock [100, 50, 125]
  const expected = [2 * Math.log1p(1), 2 * Math.log1p(0.5), 2 * Math.log1p(1.25)];
  assertArrayClose(channelResponse(model, "tv", x), expected, 1e-14);
});

Deno.test("zero spend gives zero response for every curve, also with centering and a logistic g(0) ≠ 0", () => {
  const channels: MediaChannel[] = [
    { ...tv, scaling: { center: 3, scale: 0.5 } },
    { name: "h", column: "h", coef: 5, saturation: { type: "hill", halfSaturation: 10, shape: 2.5 } },
    { name: "s", column: "s", coef: 5, saturation: { type: "sqrt" } },
    { name: "l", column: "l", coef: 5, saturation: { type: "logistic", steepness: 0.2, midpoint: 30 } },
    { name: "id", column: "id", coef: -4 },
  ];
  const model: MediaModel = { channels };
  for (const c of channels) {
    assertEquals([...channelResponse(model, c.name, new Float64Array(4))], [0, 0, 0, 0], c.name);
  }
});

Deno.test("standardization divides by the scale and the center drops out of the difference", () => {
  const scaled: MediaModel = { channels: [{ ...tv, coef: 6, scaling: { center: 0.7, scale: 3 } }] };
  const plain: MediaModel = { channels: [tv] }; // coef 2 = 6 / 3
  const x = new Float64Array([10, 200, 0, 35]);
  assertArrayClose(channelResponse(scaled, "tv", x), channelResponse(plain, "tv", x), 1e-14);
  // logistic: b · (g(a) − g(0)) with g(0) = 1 / (1 + e^{6})
  const l: MediaModel = {
    channels: [{
      name: "l",
      column: "l",
      coef: 2,
      saturation: { type: "logistic", steepness: 0.2, midpoint: 30 },
    }],
  };
  const g = (v: number) => 1 / (1 + Math.exp(-0.2 * (v - 30)));
  assertRelClose(channelResponse(l, "l", new Float64Array([40]))[0], 2 * (g(40) - g(0)), 1e-14);
});

Deno.test("panel adstock restarts in each geo: an impulse in geo A's last row never reaches geo B", () => {
  const x = new Float64Array([0, 0, 100, 0, 0, 0]);
  const geos = ["A", "A", "A", "B", "B", "B"];
  assertEquals([...adstockedSpend(tv, x, geos)], [0, 0, 100, 0, 0, 0]);
  // without geos the carryover leaks (so the test can fail)
  assertEquals([...adstockedSpend(tv, x)], [0, 0, 100, 50, 25, 12.5]);
  const r = channelResponse({ channels: [tv] }, "tv", x, geos);
  assertEquals([...r.slice(3)], [0, 0, 0]);
});

Deno.test("validation names what is wrong", () => {
  assertThrows(() => validateMediaModel({ channels: [] }), ModelError, "at least one channel");
  assertThrows(() => validateMediaModel({ channels: [tv, tv] }), ModelError, "appears twice");
  assertThrows(
    () => validateMediaModel({ channels: [{ ...tv, coef: NaN }] }),
    ModelError,
    "coef must be finite",
  );
  assertThrows(
    () => validateMediaModel({ channels: [{ ...tv, adstock: { type: "geometric", theta: 1 } }] }),
    ModelError,
    "theta must be in [0, 1)",
  );
  assertThrows(
    () => validateMediaModel({ channels: [{ ...tv, scaling: { center: 0, scale: 0 } }] }),
    ModelError,
    "scale > 0",
  );
  assertThrows(
    () => validateMediaModel({ channels: [tv], coefCov: new Float64Array(4) }),
    ModelError,
    "1 × 1",
  );
  assertThrows(
    () => channelResponse({ channels: [tv] }, "radio", new Float64Array(1)),
    RangeError,
    "channels: tv",
  );
  assertThrows(
    () => channelResponse({ channels: [tv] }, "tv", new Float64Array([1, -2])),
    RangeError,
    "row 1: spend is -2",
  );
  assertThrows(
    () => channelResponse({ channels: [tv] }, "tv", new Float64Array([1, NaN])),
    RangeError,
    "row 1: spend is NaN",
  );
});

Deno.test("mediaModelFromFit picks the media coefficients and their covariance block by name", () => {
  const names = ["const", "tv", "price", "radio"];
  const cov = new Float64Array(16);
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) cov[i * 4 + j] = 10 * i + j + (i === j ? 100 : 0);
  const model = mediaModelFromFit({ names, coef: [5, 2, -1, 3], cov }, [
    { name: "radio", column: "radio_spend" },
    { name: "tv", column: "tv_spend", adstock: { type: "geometric", theta: 0.3 } },
  ]);
  assertEquals(model.channels.map((c) => [c.name, c.column, c.coef]), [["radio", "radio_spend", 3], [
    "tv",
    "tv_spend",
    2,
  ]]);
  // block rows/cols (3, 1): [[cov33, cov31], [cov13, cov11]]
  assertEquals([...model.coefCov!], [133, 31, 13, 111]);
  assertThrows(
    () => mediaModelFromFit({ names, coef: [1, 2, 3, 4] }, [{ name: "search", column: "s" }]),
    ModelError,
    "search",
  );
});
