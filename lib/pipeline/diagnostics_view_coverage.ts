/**
 * Notebook 06's interval-coverage section: the recovery study's coverage table beside this draw's.
 *
 * - {@link loadStudyFiles}: the study's files as texts (null where missing): the committed study
 *   (`latest_<kind>.csv` and `.json` per model kind, written by `deno task validate --latest docs/validation`)
 *   and a local run's `coverage.csv` and `validation.md`.
 * - {@link recoveryStudy}: which study is shown (the committed one, else the local run, else none), parsed.
 * - {@link thisDrawCoverage}: this draw's coverage when the truth is known (the bundled files).
 * - {@link coverageComparison}: the table's rows (study and draw side by side per model and quantity), the
 *   sentences and the published record.
 *
 * @module
 */
import { readTextIfPresent } from "../data/read_text.ts";
import type { Truth } from "../data/truth_schema.ts";
import {
  drawCoverage,
  type DrawCoverageRow,
  parseCoverageCsv,
  type StudyCoverageRow,
  studyMeta,
  studyRunFacts,
  type TidyRow,
} from "../evaluate/truth_coverage.ts";

/** The model kinds a committed study has a file for, in the order they are read. */
export const STUDY_KINDS: readonly string[] = ["geo", "national"];

/** A recovery study's files as texts; null where a file is missing. */
export interface StudyFiles {
  /** The committed study's folder as readers see it (relative to the repository), e.g. `docs/validation`. */
  readonly committedDir: string;
  /** Per model kind ({@link STUDY_KINDS}), its `latest_<kind>.csv` and `latest_<kind>.json`. */
  readonly committed: readonly {
    readonly kind: string;
    readonly csv: string | null;
    readonly json: string | null;
  }[];
  /** A local run's folder as readers see it, e.g. `reports/validation`. */
  readonly localDir: string;
  /** The local run's `coverage.csv` and `validation.md`. */
  readonly local: { readonly csv: string | null; readonly validationMd: string | null };
}

/**
 * Reads a recovery study's files: per model kind the committed `latest_<kind>.csv` and `.json` in
 * `committedDir`, and a local run's `coverage.csv` and `validation.md` in `localDir`; a file that cannot be
 * read is null. Folders are given as the notebook sees them (`../docs/validation` from `notebooks/`) and shown
 * without the leading `../`.
 *
 * @param read reads a file's text, null when there is none (default: `readTextIfPresent`, lib/data)
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const files = loadStudyFiles("../docs/validation", "../reports/validation", () => null);
 * assertClose([files.committedDir, files.local.csv], ["docs/validation", null], 0);
 * ```
 */
export function loadStudyFiles(
  committedDir: string,
  localDir: string,
  read: (path: string) => string | null = readTextIfPresent,
): StudyFiles {
  return {
    committedDir: committedDir.replace("../", ""),
    committed: STUDY_KINDS.map((kind) => ({
      kind,
      csv: read(`${committedDir}/latest_${kind}.csv`),
      json: read(`${committedDir}/latest_${kind}.json`),
    })),
    localDir: localDir.replace("../", ""),
    local: { csv: read(`${localDir}/coverage.csv`), validationMd: read(`${localDir}/validation.md`) },
  };
}

/** One part of a study: a model kind's table (committed) or the whole local table (`both`). */
export interface StudyPart {
  /** `geo`, `national`, or `both` for a local run's single table. */
  readonly kind: string;
  /** Its coverage rows, as parsed. */
  readonly rows: readonly StudyCoverageRow[];
  /** Date, draws and completeness of the run; null when not recorded. */
  readonly meta: { readonly date: string; readonly n: number; readonly complete: boolean } | null;
}

/** The recovery study shown. */
export interface RecoveryStudy {
  /** The table's path as readers see it (`docs/validation/latest_<kind>.csv` or `reports/validation/coverage.csv`). */
  readonly source: string;
  /** Whether it is the committed study (else a local run). */
  readonly committed: boolean;
  /** Its parts. */
  readonly parts: readonly StudyPart[];
}

/**
 * The study to show: the committed one when any `latest_<kind>.csv` exists (each kind with its `.json` facts),
 * else a local run's `coverage.csv` (its facts from `validation.md`, counted complete), else null.
 *
 * @throws RangeError when a coverage file lacks its columns (`parseCoverageCsv`)
 * @example
 * ```ts
 * const files = { committedDir: "docs/validation", localDir: "reports/validation",
 *   committed: [{ kind: "geo", csv: null, json: null }], local: { csv: null, validationMd: null } };
 * recoveryStudy(files); // null
 * ```
 */
export function recoveryStudy(files: StudyFiles): RecoveryStudy | null {
  const committed = files.committed.flatMap((f) =>
    f.csv === null
      ? []
      : [{ kind: f.kind, rows: parseCoverageCsv(f.csv, f.kind), meta: studyMeta(f.json ?? "") }]
  );
  if (committed.length > 0) {
    return { source: `${files.committedDir}/latest_<kind>.csv`, committed: true, parts: committed };
  }
  if (files.local.csv === null) return null;
  const facts = studyRunFacts(files.local.validationMd ?? "");
  return {
    source: `${files.localDir}/coverage.csv`,
    committed: false,
    parts: [{
      kind: "both",
      rows: parseCoverageCsv(files.local.csv),
      meta: facts ? { ...facts, complete: true } : null,
    }],
  };
}

/**
 * The study's rows that are compared with this draw: the pipeline fit's (not the oracle's), on the real
 * channels (not the placebos), with at least one interval.
 *
 * @example
 * ```ts ignore
 * studyRowsShown(recoveryStudy(files));
 * ```
 */
export function studyRowsShown(study: RecoveryStudy | null): StudyCoverageRow[] {
  return (study?.parts ?? []).flatMap((p) => p.rows)
    .filter((r) => r.fit === "pipeline" && r.subset === "channels" && r.n > 0);
}

/** This draw's coverage and the seed that generated it. */
export interface ThisDraw {
  /** The generator's seed of the bundled files. */
  readonly seed: number;
  /** Per (model, quantity) and per model (`all`), the share of intervals covering the truth. */
  readonly rows: readonly DrawCoverageRow[];
}

/**
 * This draw's coverage ({@link drawCoverage}) when the truth of the files is known, else null.
 *
 * @param truth the bundled files' truth; undefined on other files
 * @param estimates the tidy estimates of both models
 * @example
 * thisDrawCoverage(undefined, []); // null
 */
export function thisDrawCoverage(truth: Truth | undefined, estimates: readonly TidyRow[]): ThisDraw | null {
  return truth ? { seed: truth.seed, rows: drawCoverage(truth, estimates) } : null;
}

/** One row of the coverage table. */
export interface CoverageTableRow {
  /** The model kind. */
  readonly model: string;
  /** The quantity, in words (underscores as spaces). */
  readonly quantity: string;
  /** The study's coverage with its interval and count, or empty when the study has no such row. */
  readonly study: string;
  /** This draw's covered count, share and exact interval, or empty when the draw has no such row. */
  readonly draw: string;
}

/** The coverage section as notebook 06 shows and publishes it. */
export interface CoverageComparison {
  /** The published record: the study (source, runs, rows compared), this draw's rows and the seed. */
  readonly results: Record<string, unknown>;
  /** Table rows per (model, quantity): the study's first, then quantities only this draw has. */
  readonly rows: readonly CoverageTableRow[];
  /** Which study is shown and its runs (or that none is), then what this draw is (or that it has no truth). */
  readonly sentence: string;
  /** Per model, this draw's coverage over every quantity; null without a truth. */
  readonly drawSentence: string | null;
  /** The table's columns: this draw's only when the files' truth is known (the bundled files). */
  readonly columns: readonly ("model" | "quantity" | "study" | "draw")[];
}

/**
 * A study part's run in words: its kind (omitted for a local run's single table), date and draws, and whether
 * the run had finished; or that the date and draws were not recorded.
 *
 * @example
 * runWords({ kind: "geo", rows: [], meta: { date: "2026-12-01", n: 50, complete: false } });
 * // "geo: run 2026-12-01, N = 50 draws (incomplete: the run had not finished)"
 */
export function runWords(p: StudyPart): string {
  return p.meta
    ? `${p.kind === "both" ? "" : `${p.kind}: `}run ${p.meta.date}, N = ${p.meta.n} draws${
      p.meta.complete ? "" : " (incomplete: the run had not finished)"
    }`
    : `${p.kind}: date and N not recorded`;
}

/**
 * The study beside this draw: table rows, sentences and the published record.
 *
 * @param files the study's files ({@link loadStudyFiles})
 * @param draw this draw's coverage ({@link thisDrawCoverage}); null without a truth
 * @param percent a share as a percentage
 * @example
 * ```ts
 * import { assertClose } from "../../tests/doc_assert.ts";
 * const files = { committedDir: "docs/validation", localDir: "reports/validation", committed: [],
 *   local: { csv: null, validationMd: null } };
 * assertClose(coverageComparison(files, null, String).rows, [], 0);
 * ```
 */
export function coverageComparison(
  files: StudyFiles,
  draw: ThisDraw | null,
  percent: (x: number) => string,
): CoverageComparison {
  const study = recoveryStudy(files);
  const studyRows = studyRowsShown(study);
  const thisDraw = draw?.rows ?? [];
  const key = (r: { model: string; quantity: string }) => `${r.model}|${r.quantity}`;
  const studyBy = new Map(studyRows.map((r) => [key(r), r]));
  const drawKeys = thisDraw.filter((r) => r.quantity !== "all").map(key);
  const range = (lo: number, hi: number) => `${percent(lo)}–${percent(hi)}`;
  const rows = [...new Set([...studyBy.keys(), ...drawKeys])].map((k) => {
    const [model, quantity] = k.split("|");
    const s = studyBy.get(k), d = thisDraw.find((r) => key(r) === k);
    return {
      model,
      quantity: quantity.replaceAll("_", " "),
      study: s ? `${percent(s.coverage)} (${range(s.lower, s.upper)}), n = ${s.n}` : "",
      draw: d ? `${d.covered} of ${d.n}: ${percent(d.coverage)} (${range(d.lower, d.upper)})` : "",
    };
  });
  const studyText = study
    ? `Recovery study: \`${study.source}\`${study.committed ? "" : " (a local run, not committed)"}; ${
      study.parts.map(runWords).join("; ")
    }.`
    : `No recovery study's coverage table is committed (\`${files.committedDir}/latest_<kind>.csv\`); run ` +
      "`deno task validate` to make one.";
  const drawText = draw
    ? `This draw: the bundled files, generated with seed ${draw.seed}, fixed by date before any fit.`
    : "This run's files have no truth file, so this draw's coverage cannot be computed.";
  const all = thisDraw.filter((r) => r.quantity === "all");
  return {
    results: {
      study: study
        ? {
          source: study.source,
          committed: study.committed,
          runs: study.parts.map((p) => ({ kind: p.kind, ...p.meta })),
          rows: studyRows,
        }
        : null,
      thisDraw,
      bundledSeed: draw?.seed ?? null,
    },
    rows,
    columns: draw ? ["model", "quantity", "study", "draw"] : ["model", "quantity", "study"],
    sentence: `${studyText} ${drawText}`,
    drawSentence: all.length > 0
      ? all.map((r) =>
        `On this draw the ${r.model} intervals cover ${r.covered} of ${r.n} true values (${
          percent(r.coverage)
        }; ` +
        `exact 95% interval ${percent(r.lower)}–${percent(r.upper)}).`
      ).join(" ")
      : null,
  };
}
