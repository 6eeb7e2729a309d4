/**
 * What a report folder holds and what each report was made from: `<out>/manifest.json` and the index page.
 *
 * `deno task report --only …` into an existing folder replaces some reports and keeps the others, so a folder
 * can hold reports made from different inputs. The manifest records, per notebook, the input files (path and
 * SHA-256 of the contents) and the date of the run; the index links every report in the folder and, when the
 * reports were not all made from the same inputs, says so at the top and on every row.
 *
 * @module
 */

/** An input file as the run saw it; `sha256` is null when there was no file at `path`. */
export interface InputFile {
  path: string;
  sha256: string | null;
}

/** The inputs of a run: weekly and geo data, and the roles file (null: the default roles). */
export interface Inputs {
  weekly: InputFile;
  geo: InputFile;
  roles: InputFile | null;
  /** The lift-test file given with `--experiments`; absent in manifests written before the flag existed. */
  experiments?: InputFile | null;
}

/** One report in the folder. `date` is the run's local date (YYYY-MM-DD), no time, so runs compare. */
export interface ManifestEntry {
  title: string;
  date: string;
  inputs: Inputs;
}

/** `<out>/manifest.json`: notebook name → the report made from it. */
export interface Manifest {
  reports: Record<string, ManifestEntry>;
}

/** SHA-256 (hex) of a file's contents, or null when it cannot be read. */
export async function fileSha256(path: string): Promise<string | null> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = Deno.readFileSync(path);
  } catch {
    return null;
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Reads the input files of a run; `show` turns an absolute path into the one to record. `experiments` (the
 * `--experiments` lift-test file, null without one) is recorded beside the others.
 */
export async function describeInputs(
  files: { weekly: string; geo: string; roles?: string; experiments?: string },
  show: (path: string) => string,
): Promise<Inputs & { experiments: InputFile | null }> {
  const one = async (path: string): Promise<InputFile> => ({
    path: show(path),
    sha256: await fileSha256(path),
  });
  return {
    weekly: await one(files.weekly),
    geo: await one(files.geo),
    roles: files.roles === undefined ? null : await one(files.roles),
    experiments: files.experiments === undefined ? null : await one(files.experiments),
  };
}

/** Two reports were made from the same inputs when this is equal: the contents, not the paths, count. */
export function inputsKey(inputs: Inputs): string {
  const part = (f: InputFile | null | undefined) => f == null ? "default" : f.sha256 ?? `missing:${f.path}`;
  return [part(inputs.weekly), part(inputs.geo), part(inputs.roles), part(inputs.experiments)].join("|");
}

/** The folder's manifest, or an empty one when there is none (or it cannot be read). */
export function readManifest(out: string): Manifest {
  try {
    const m = JSON.parse(Deno.readTextFileSync(`${out}/manifest.json`));
    if (m && typeof m.reports === "object" && m.reports !== null) return { reports: m.reports };
  } catch {
    // none yet, or not ours
  }
  return { reports: {} };
}

/** Reports (`NN_name.html`) present in a folder. */
export function reportsIn(out: string): string[] {
  try {
    return [...Deno.readDirSync(out)]
      .filter((e) => e.isFile && /^\d{2}_.+\.html$/.test(e.name))
      .map((e) => e.name.replace(/\.html$/, ""))
      .sort();
  } catch {
    return [];
  }
}

/**
 * The manifest after a run: this run's entries, plus the earlier entries of reports still in `out` that this
 * run did not replace. Reports in `out` with no entry (made before manifests existed) are listed apart.
 */
export function mergeManifest(
  previous: Manifest,
  present: readonly string[],
  run: Record<string, ManifestEntry>,
): { manifest: Manifest; unrecorded: string[] } {
  const reports: Record<string, ManifestEntry> = {};
  const names = [...new Set([...present, ...Object.keys(run)])].sort();
  const unrecorded: string[] = [];
  for (const name of names) {
    const entry = run[name] ?? previous.reports[name];
    if (entry) reports[name] = entry;
    else unrecorded.push(name);
  }
  return { manifest: { reports }, unrecorded };
}

/** The manifest file's text: stable key order, two-space indent, trailing newline. */
export function manifestJson(manifest: Manifest): string {
  return JSON.stringify(manifest, null, 2) + "\n";
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

/** The inputs as an HTML list: each file's recorded path and the first 12 hex digits of its SHA-256. */
export function inputsList(inputs: Inputs): string {
  const file = (f: InputFile) =>
    `<code>${esc(f.path)}</code> ${
      f.sha256
        ? `<span class="sha" title="SHA-256 ${f.sha256}">sha256 ${f.sha256.slice(0, 12)}</span>`
        : "(missing)"
    }`;
  return `<ul><li>weekly: ${file(inputs.weekly)}</li><li>geo panel: ${file(inputs.geo)}</li>` +
    `<li>roles: ${inputs.roles ? file(inputs.roles) : "defaults"}</li></ul>`;
}

/**
 * The index page: a row per report in the folder, with links to its four files. When the reports were not all
 * made from the same inputs, a warning at the top, an Inputs column naming each row's set (A, B, …), and a
 * list of the sets; `latest` (this run's inputs) is set A.
 */
export function indexHtml(
  manifest: Manifest,
  unrecorded: readonly string[],
  latest: Inputs,
  downloads: readonly { readonly path: string; readonly description: string }[] = [],
): string {
  const names = [...Object.keys(manifest.reports), ...unrecorded].sort();
  const sets: { key: string; inputs: Inputs }[] = [{ key: inputsKey(latest), inputs: latest }];
  for (const name of names) {
    const entry = manifest.reports[name];
    if (entry && !sets.some((s) => s.key === inputsKey(entry.inputs))) {
      sets.push({ key: inputsKey(entry.inputs), inputs: entry.inputs });
    }
  }
  const label = (i: number) =>
    String.fromCharCode(65 + (i % 26)) + (i >= 26 ? String(Math.floor(i / 26)) : "");
  const mixed = sets.length > 1 || unrecorded.length > 0;
  const rows = names.map((name) => {
    const entry = manifest.reports[name];
    const links = `<td><a href="${name}.html">${esc(entry?.title ?? name)}</a></td>` +
      `<td><a href="executive/${name}.html">executive</a></td>` +
      `<td><a href="notebooks/${name}.ipynb">notebook</a></td>` +
      `<td><a href="results/${name}.json">results JSON</a></td>`;
    if (!mixed) return `<tr>${links}<td>${esc(entry.date)}</td></tr>`;
    if (!entry) {
      return `<tr class="differs">${links}<td>?</td><td>⚠ not recorded (made by an older report task)</td></tr>`;
    }
    const i = sets.findIndex((s) => s.key === inputsKey(entry.inputs));
    const note = i === 0 ? `inputs ${label(i)}` : `⚠ inputs ${label(i)}: not the inputs of the latest run`;
    return `<tr${i === 0 ? "" : ' class="differs"'}>${links}<td>${esc(entry.date)}</td><td>${note}</td></tr>`;
  }).join("\n");
  const inputs = mixed
    ? `<h2>Inputs</h2>\n${
      sets.map((s, i) =>
        `<h3>Inputs ${label(i)}${i === 0 ? " (latest run)" : ""}</h3>\n${inputsList(s.inputs)}`
      ).join("\n")
    }`
    : `<h2>Inputs</h2>\n${inputsList(latest)}`;
  const warning = mixed
    ? `<p class="warning"><strong>These reports were not all made from the same inputs</strong> (an earlier
<code>--only</code> run wrote some of them). Numbers in rows marked ⚠ do not go with the others. To get one
consistent set, run the report into a fresh <code>--out</code> folder, or without <code>--only</code>.</p>\n`
    : "";
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Marketing mix model: reports</title>
<style>body{font-family:system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%}td,th{padding:.4rem .6rem;border-bottom:1px solid #ddd;text-align:left}
code{background:#f4f4f4;padding:0 .2rem}.sha{color:#666;font-size:.85em}
.warning{background:#fff4e5;border-left:4px solid #e8a33d;padding:.6rem .8rem}tr.differs{background:#fff4e5}
.summary-link{font-size:1.1rem;background:#f6f8fa;border-left:4px solid #2f5fb8;padding:.6rem .8rem}</style>
</head><body>
<h1>Marketing mix model: reports</h1>
<p class="summary-link"><a href="summary.html"><strong>Summary</strong></a>: how spend drives the target, headline
returns with their intervals, the recommendation or why it is withheld, and how far the evidence goes, on one
page.</p>
<p>Each notebook executed in order through Deno's Jupyter kernel. Full reports show code and output; executive
versions hide the code; results JSON holds the numbers behind every table and chart.</p>
${warning}<table><thead><tr><th>Report</th><th>Stakeholders</th><th>Executed notebook</th><th>Data</th><th>Run on</th>${
    mixed ? "<th>Inputs</th>" : ""
  }</tr></thead>
<tbody>
${rows}
</tbody></table>
${
    downloads.length > 0
      ? `<h2>Data files</h2>\n<ul>${
        downloads.map((d) =>
          `<li><a href="${esc(d.path)}">${esc(d.path.replace(/^results\//, ""))}</a>: ${
            esc(d.description)
          }</li>`
        )
          .join("\n")
      }</ul>\n`
      : ""
  }${inputs}
</body></html>
`;
}
