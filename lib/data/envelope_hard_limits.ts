/**
 * The envelope's hard limits (see `envelope.ts`): the checks after which `checkEnvelope` stops with a
 * `DataError` naming the file and column, because the model cannot be fitted at all. The right shape of file
 * for the model, enough weeks (and geos), a finite target that varies (within geos, on a panel), and at least
 * one channel that can be estimated.
 *
 * @module
 */

import { DataError } from "../errors.ts";
import type { UnidentifiedTerm } from "./identification.ts";
import type { Dataset, Roles } from "./types.ts";
import { type EnvelopeKind, MIN_GEOS, MIN_WEEKS, MIN_WEEKS_PER_GEO } from "./envelope_limits.ts";

/** Throws when the file's shape does not fit the model: geos for the weekly model, or none for the geo model. */
export function checkShape(kind: EnvelopeKind, panel: boolean, geos: number, R: Roles, file: string): void {
  if (kind === "weekly" && panel) {
    throw new DataError(
      `the weekly model reads one national series, and this file has ${geos} geos (geo role ` +
        `"${R.geo}"): sum it to one row per week, or run it as a geo panel`,
      { file, column: R.geo },
    );
  }
  if (kind === "geo" && !panel) {
    throw new DataError(
      `the geo model needs a panel (one row per geo and week, with a geo column); this file has one series`,
      { file },
    );
  }
}

/** Throws for fewer than `MIN_GEOS` geos (geo model), or fewer weeks (per geo) than the model needs. */
export function checkSize(kind: EnvelopeKind, geos: number, weeks: number, R: Roles, file: string): void {
  if (kind === "geo" && geos < MIN_GEOS) {
    throw new DataError(
      `${geos} geo; the geo model needs at least ${MIN_GEOS}: with one geo the geo effect is an intercept ` +
        `(run the national model instead) and errors clustered by geo cannot be computed`,
      { file, column: R.geo },
    );
  }
  const minWeeks = kind === "weekly" ? MIN_WEEKS : MIN_WEEKS_PER_GEO;
  if (weeks < minWeeks) {
    throw new DataError(
      `${weeks} weeks${kind === "geo" ? " per geo" : ""}; the ${modelName(kind)} needs at least ${minWeeks}` +
        `${kind === "geo" ? " per geo" : ""}: the model controls for calendar months, and only 52 ` +
        `consecutive weeks are sure to include every month`,
      { file, column: R.date },
    );
  }
}

function modelName(kind: EnvelopeKind): string {
  return kind === "weekly" ? "weekly two-stage model" : "geo panel model";
}

/** Throws for a non-finite target, a constant target, or (panel) a target constant within every geo. */
export function checkTarget(
  ds: Dataset,
  y: Float64Array,
  slices: readonly { geo: string | undefined; start: number; end: number }[],
  kind: EnvelopeKind,
): void {
  const file = ds.source, target = ds.roles.target;
  let scale = 0;
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) {
      const geo = ds.geos === undefined ? "" : ` in geo "${ds.geos[i]}"`;
      throw new DataError(
        `target value ${y[i]} in the week of ${ds.dates[i]}${geo}; expected a finite number`,
        {
          file,
          column: target,
        },
      );
    }
    scale = Math.max(scale, Math.abs(y[i]));
  }
  const tolerance = 1e-9 * scale;
  const sd = (from: number, to: number) => {
    let s = 0;
    for (let i = from; i < to; i++) s += y[i];
    const mu = s / (to - from);
    let ss = 0;
    for (let i = from; i < to; i++) ss += (y[i] - mu) ** 2;
    return Math.sqrt(ss / (to - from));
  };
  if (scale === 0 || sd(0, y.length) <= tolerance) {
    throw new DataError(
      `the target has the same value (${y[0]}) in every ${kind === "geo" ? "geo and week" : "week"}; ` +
        `there is nothing for the model to explain`,
      { file, column: target },
    );
  }
  if (kind === "geo" && slices.every((s) => sd(s.start, s.end) <= tolerance)) {
    throw new DataError(
      `the target does not change within any geo (each geo has one value), so the geo fixed effects ` +
        `explain it completely and nothing is left for media or controls; expected weekly values per geo`,
      { file, column: target },
    );
  }
}

/**
 * Throws when there is nothing to attribute: no channel column in the roles, or none that
 * `findUnidentifiedTerms` keeps (the error then gives each channel's reason).
 */
export function checkChannels(
  kind: EnvelopeKind,
  channels: readonly string[],
  keptChannels: readonly string[],
  droppedBy: ReadonlyMap<string, UnidentifiedTerm>,
  file: string,
): void {
  if (channels.length === 0 || keptChannels.length === 0) {
    const roleNames = kind === "weekly" ? `"mediator", "social" and "direct"` : `"media"`;
    throw new DataError(
      channels.length === 0
        ? `no channel columns: the roles ${roleNames} are all empty, so there is nothing to attribute`
        : `none of the channel columns can be estimated: ${
          channels.map((c) => droppedBy.get(c)!.sentence).join(" ")
        }`,
      { file, column: channels[0] },
    );
  }
}
