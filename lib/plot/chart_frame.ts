/**
 * What every chart builder shares: the words of a chart (`ChartText`), axis tick formats (one format per axis)
 * and margins that keep axis labels clear of the tick labels.
 *
 * @module
 */
import { axisFormat, type AxisUnit } from "./format.ts";

/**
 * Axis tick labels, one format per axis (`axisFormat` in ./format.ts): Plot passes every tick of the axis as
 * the third argument, so the compact scale and the decimals are chosen once for all of them (never "5,000"
 * beside "10K"). Called with a value alone, it formats that value as an axis of one tick would: compact from
 * 10,000 (`25K`, `1.2M`), plain below (`0.1`, `250`); SI prefixes would turn 0.1 into "100m".
 *
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * assertClose(tickFormat(25000), "25K", 1e-9);
 * assertClose([5000, 10000].map((v, i, ticks) => tickFormat(v, i, ticks)), ["5K", "10K"], 1e-9);
 * ```
 */
export function tickFormat(v: number, _index?: number, ticks?: ArrayLike<number>): string {
  return axisFormat(ticks ?? [v])(v);
}

/** A Plot `tickFormat` for an axis in `unit` (see `tickFormat`). */
export function tickFormatIn(
  unit: AxisUnit,
): (v: number, index?: number, ticks?: ArrayLike<number>) => string {
  return (v, _index, ticks) => axisFormat(ticks ?? [v], { unit })(v);
}

/**
 * Margins that keep axis labels clear of the tick labels: Plot draws an x label at the bottom right and a y
 * label at the top left, inside the margins; with its default margins they overlap the last tick label.
 */
export function labelMargins(text: { readonly x?: string | null; readonly y?: string | null }): {
  marginTop?: number;
  marginBottom?: number;
} {
  return {
    ...(text.y ? { marginTop: 32 } : {}),
    ...(text.x ? { marginBottom: 44 } : {}),
  };
}

/** The words of a chart; every field is optional and a missing one is simply not drawn. */
export interface ChartText {
  /** Heading above the chart (also the `text/plain` fallback, `[figure: title]`). */
  readonly title?: string;
  /** Smaller line under the title: what the chart shows, in a sentence. */
  readonly subtitle?: string;
  /** Note under the chart (sources, what marks mean); some builders fill a default when it is left out. */
  readonly caption?: string;
  /** Label of the horizontal axis, with its unit; no label when left out (builders with a natural one default to it). */
  readonly x?: string;
  /** Label of the vertical axis, with its unit; no label when left out (builders with a natural one default to it). */
  readonly y?: string;
}
