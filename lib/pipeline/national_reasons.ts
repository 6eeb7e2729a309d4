/**
 * Sentences with which the national pipeline says what the data forced before any fit: how seasonality
 * enters (`seasonalControls`), and why the price elasticity and the promotion lift cannot be estimated (no
 * column mapped, the column left out by identification, or a target that is not a positive level) or are
 * reported in absolute terms only. Used by `nationalPipeline` (national.ts).
 *
 * @module
 */
import type { UnidentifiedTerm } from "../data/identification.ts";
import type { Roles } from "../data/types.ts";
import type { SeasonalControls } from "../features/calendar.ts";
import { droppedSentence } from "./national_identification.ts";
import type { NationalSection } from "./national_types.ts";

/**
 * How seasonality enters the national models, and why: November and December dummies when the data hold each
 * month in at least two calendar years, else one annual Fourier pair.
 */
export function seasonalitySentence(seasonal: SeasonalControls): string {
  return seasonal.kind === "holiday_months"
    ? `Seasonality enters as November and December dummies: the data hold November in ${seasonal.novemberYears} ` +
      `and December in ${seasonal.decemberYears} calendar years, so each month's effect is seen more than once.`
    : `Seasonality enters as one annual Fourier pair (sine and cosine of the week of the year), not as November ` +
      `and December dummies: the data hold November in ${seasonal.novemberYears} and December in ` +
      `${seasonal.decemberYears} calendar ${
        seasonal.novemberYears === 1 && seasonal.decemberYears === 1 ? "year" : "years"
      }, and a month dummy seen in one year only would absorb whatever happened in those weeks.`;
}

/** What {@link priceAndPromotionReasons} reads and where it writes. */
export interface PriceAndPromotionContext {
  /** The roles as mapped, before identification. */
  readonly before: Roles;
  /** The roles after identification (dropped columns absent, merged channels renamed). */
  readonly after: Roles;
  /** Columns identification left out, with their sentences. */
  readonly dropped: readonly UnidentifiedTerm[];
  /** Whether the target is a positive level (positive mean, no negative week), so a % change is defined. */
  readonly relative: boolean;
  /** Why a percentage change of the target is not defined (a clause, no final stop); read when not `relative`. */
  readonly notRelative: string;
  /** Records a skipped section with its reason (the first reason per section is kept). */
  readonly skip: (section: NationalSection, reason: string) => void;
  /** The run's notes, appended to. */
  readonly notes: string[];
}

/**
 * Skips the price elasticity and the promotion lift, with the reason, when they cannot be estimated (no column
 * mapped, the column left out by identification, or for the elasticity a target that is not a positive level);
 * notes that the lift is reported per promotion week only when the target is not a positive level.
 */
export function priceAndPromotionReasons(context: PriceAndPromotionContext): void {
  const { before: R0, after: R, dropped, relative, notRelative, skip, notes } = context;
  const target = R0.target;
  if (R0.price === undefined) {
    skip(
      "price elasticity",
      `The price elasticity cannot be estimated: no price column is mapped (roles.price is null or left out).`,
    );
  } else if (R.price === undefined) {
    skip(
      "price elasticity",
      `The price elasticity cannot be estimated: ${droppedSentence(dropped, R0.price)}`,
    );
  } else if (!relative) {
    skip(
      "price elasticity",
      `The price elasticity (a percentage change of ${target} per 1% of price) cannot be estimated: ${notRelative}.`,
    );
  }
  if (R0.promotion === undefined) {
    skip(
      "promotion lift",
      `The promotion lift cannot be estimated: no promotion column is mapped (roles.promotion is null or left out).`,
    );
  } else if (R.promotion === undefined) {
    const d = dropped.find((x) => x.column === R0.promotion);
    skip(
      "promotion lift",
      d?.reason === "all-zero"
        ? `The promotion lift cannot be estimated: no week has a promotion ("${R0.promotion}" is zero in every week).`
        : d?.reason === "constant"
        ? `The promotion lift cannot be estimated: "${R0.promotion}" has the same value in every week, so promotion weeks cannot be compared with weeks without one.`
        : `The promotion lift cannot be estimated: ${droppedSentence(dropped, R0.promotion)}`,
    );
  } else if (!relative) {
    notes.push(
      `The promotion lift is reported in ${target} per promotion week only, not as a percentage of mean ${target}: ${notRelative}.`,
    );
  }
}
