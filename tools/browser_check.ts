/**
 * `deno task browser-check [reportDir]`: opens every page of a report folder in headless Chromium at 1280 px
 * width (the index, the summary, every full and every executive page) and checks what a reader would see:
 *
 * - **console**: no console error, uncaught exception or failed load;
 * - **self-contained**: nothing loads from outside the report folder (only `file:` URLs inside it and `data:`);
 * - **charts**: every chart (`<svg>` outside a legend, `<figure>`) is drawn and has at least one data mark
 *   (a mark group that is not an axis, grid, rule or tip, with a child of non-zero size);
 * - **labels**: on executive pages, the summary and the index, no table header and no chart legend entry
 *   contains an identifier (a snake_case or camelCase word such as `google_spend` or `roiLow`);
 * - **layout**: no element overflows its container at 1280 px, unless it sits in a box that scrolls (content cut
 *   off by `overflow: hidden` counts as overflow: the reader cannot see it).
 *
 * It writes a screenshot of every page to `<reportDir>/screenshots/` (full page, up to 16,000 px tall), prints
 * one line per failure (page, check, what), and closes with `browser-check: N passed, M failed` (pages). Exit
 * code 0 when every page passed, 1 otherwise, 2 for usage and 3 when Chromium is missing.
 *
 * `--known file.json` (`{ "known": [{ "page", "check", "contains"?, "why" }] }`) lists failures already reported
 * to whoever owns a page's notebook: they are printed as known and do not fail the run; a listed failure that no
 * longer occurs is printed as resolved. New failures still fail.
 *
 * Chromium is driven over the DevTools protocol on a WebSocket (no npm package): started with
 * `--remote-debugging-port=0` and a fresh `--user-data-dir`, its port read from `DevToolsActivePort`.
 *
 * @module
 */

/** A page to open, relative to the report folder, and whether the identifier check applies. */
export interface PageSpec {
  readonly path: string;
  readonly readerFacing: boolean;
  /** Screenshot file name (in `screenshots/`). */
  readonly screenshot: string;
}

/** One failed check on one page. */
export interface Failure {
  readonly page: string;
  readonly check: "console" | "external" | "chart" | "identifier" | "overflow" | "load";
  readonly detail: string;
}

/** What was found on one page. */
export interface PageResult {
  readonly page: string;
  readonly failures: readonly Failure[];
  readonly charts: number;
  readonly screenshot?: string;
}

/** The pages of a report folder in reading order: index, summary, full pages, executive pages. */
export function reportPages(dir: string): PageSpec[] {
  const list = (sub: string) => {
    try {
      return [...Deno.readDirSync(sub ? `${dir}/${sub}` : dir)]
        .filter((e) => e.isFile && /^\d{2}_.+\.html$/.test(e.name))
        .map((e) => e.name)
        .sort();
    } catch {
      return [];
    }
  };
  const pages: PageSpec[] = [];
  for (const [path, screenshot] of [["index.html", "index.png"], ["summary.html", "summary.png"]]) {
    try {
      if (Deno.statSync(`${dir}/${path}`).isFile) pages.push({ path, readerFacing: true, screenshot });
    } catch {
      // not there: reported by the caller when nothing is found
    }
  }
  for (const f of list("")) {
    pages.push({ path: f, readerFacing: false, screenshot: f.replace(/\.html$/, ".png") });
  }
  for (const f of list("executive")) {
    pages.push({
      path: `executive/${f}`,
      readerFacing: true,
      screenshot: `executive-${f.replace(/\.html$/, ".png")}`,
    });
  }
  return pages;
}

/**
 * Whether a label contains an identifier: a word in snake_case (`google_spend`, `geo_13`) or camelCase
 * (`roiLow`, `marginalRoi`), the names of code rather than words for readers. Words are split on spaces and
 * punctuation; "TikTok", "R²", "p-value", "SMS" are words.
 *
 * @example
 * identifierIn("google_spend $ per social $"); // "google_spend"
 * identifierIn("Share of weeks"); // undefined
 */
export function identifierIn(label: string): string | undefined {
  for (const raw of label.split(/[\s()[\]{},;:·/|"'“”‘’«»<>=+*]+/)) {
    const word = raw.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "");
    if (/^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+$/.test(word)) return word;
    if (/^[a-z]+[0-9]*[A-Z][A-Za-z0-9]*$/.test(word)) return word;
  }
  return undefined;
}

/** The script run in each page; returns the page's chart count and problems. */
function pageScript(readerFacing: boolean): string {
  return `(() => {
  const identifierIn = ${identifierIn.toString()};
  const out = { charts: 0, chart: [], identifier: [], overflow: [] };
  const where = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      let s = e.tagName.toLowerCase();
      if (e.id) s += "#" + e.id;
      else if (typeof e.className === "string" && e.className.trim()) s += "." + e.className.trim().split(/\\s+/)[0];
      parts.unshift(s);
    }
    const near = el.closest(".jp-Cell");
    const heading = (() => {
      let n = near || el;
      while (n) {
        let p = n.previousElementSibling;
        while (p) {
          const h = p.matches("h1,h2,h3") ? p : p.querySelector("h1,h2,h3");
          if (h) return h.textContent.replace("¶", "").trim();
          p = p.previousElementSibling;
        }
        n = n.parentElement;
      }
      return "";
    })();
    return parts.join(" > ") + (heading ? " (under \\"" + heading.slice(0, 60) + "\\")" : "");
  };
  const title = (el) => {
    const f = el.closest("figure");
    const h = f && f.querySelector("h2, h3");
    const t = (h && h.textContent) || el.getAttribute("aria-label") || (el.querySelector("title") || {}).textContent || "";
    return t.trim().slice(0, 80);
  };

  // Charts: top-level svgs outside legends, and figures.
  const svgs = [...document.querySelectorAll("svg")].filter((s) =>
    !(s.parentElement && s.parentElement.closest("svg")) && !s.closest("[class*='-swatch']"));
  for (const svg of svgs) {
    out.charts++;
    const box = svg.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) { out.chart.push("chart \\"" + title(svg) + "\\" is not drawn (" + where(svg) + ")"); continue; }
    const groups = [...svg.querySelectorAll("g[aria-label]")].filter((g) =>
      !/axis|grid|tip|frame|rule|zero|reference/i.test(g.getAttribute("aria-label")));
    const drawn = groups.filter((g) => [...g.children].some((c) => {
      if (typeof c.getBBox !== "function") return false;
      const b = c.getBBox();
      return b.width > 0 || b.height > 0;
    }));
    if (drawn.length === 0) out.chart.push("chart \\"" + title(svg) + "\\" has no marks (" + where(svg) + ")");
  }
  for (const f of document.querySelectorAll(".jp-OutputArea-output figure, .mmm-chart")) {
    if (!f.querySelector("svg")) out.chart.push("figure \\"" + title(f) + "\\" holds no chart (" + where(f) + ")");
  }

  // Identifiers in table headers and legends (pages for readers).
  if (${readerFacing}) {
    const seen = new Set();
    const check = (el, what) => {
      const text = el.textContent.replace(/\\s+/g, " ").trim();
      const id = identifierIn(text);
      if (id && !seen.has(what + text)) {
        seen.add(what + text);
        out.identifier.push(what + " \\"" + text.slice(0, 80) + "\\" contains the identifier \\"" + id + "\\" (" + where(el) + ")");
      }
    };
    for (const th of document.querySelectorAll("th")) check(th, "table header");
    for (const item of document.querySelectorAll("[class*='-swatches'] > span, [class*='-swatches'] > div > span")) check(item, "legend entry");
  }

  // Overflow at this width: an element wider than its container, outside any box that scrolls or clips.
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    out.overflow.push("the page is " + root.scrollWidth + " px wide in a " + root.clientWidth + " px window");
  }
  // The first ancestor that does not let content spill: "scroll" (auto/scroll: the reader can scroll to it, fine)
  // or "cut" (hidden/clip: the overflowing part is not visible at all).
  const container = (el) => {
    for (let a = el.parentElement; a && a !== document.body && a !== root; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === "auto" || o === "scroll") return "scroll";
      if (o === "hidden" || o === "clip") return "cut";
    }
    return "page";
  };
  const reported = [];
  let count = 0;
  for (const el of document.body.querySelectorAll("*")) {
    if (el.parentElement && el.parentElement.closest("svg")) continue;
    if (reported.some((r) => r.contains(el))) continue;
    const cs = getComputedStyle(el);
    if (cs.display === "none" || cs.position === "absolute" || cs.position === "fixed") continue;
    const parent = el.parentElement;
    if (!parent) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const p = parent.getBoundingClientRect();
    let what = "";
    let cut = false;
    if (r.right > p.right + 1 || r.left < p.left - 1) {
      what = Math.round(Math.max(r.right - p.right, p.left - r.left)) + " px beyond its container";
    } else if (cs.overflowX !== "auto" && cs.overflowX !== "scroll" && cs.display !== "inline" && el.clientWidth > 0 &&
      el.scrollWidth > el.clientWidth + 1 &&
      ![...el.children].some((c) => c.getBoundingClientRect().right > r.right + 1)) {
      what = "content " + (el.scrollWidth - el.clientWidth) + " px wider than its box";
      cut = cs.overflowX === "hidden" || cs.overflowX === "clip";
    }
    if (!what) continue;
    const box = cut ? "cut" : container(el);
    if (box === "scroll") continue;
    reported.push(el);
    count++;
    if (out.overflow.length < 8) {
      out.overflow.push(el.tagName.toLowerCase() + " " + what + (box === "cut" ? ", cut off (overflow hidden)" : "") +
        " (" + where(el) + ")");
    }
  }
  if (count > out.overflow.length) out.overflow.push("… " + (count - out.overflow.length) + " more elements overflow");
  return JSON.stringify(out);
})()`;
}

// ---------------------------------------------------------------------------------------------------------
// A small DevTools protocol client

type Params = Record<string, unknown>;
type Listener = (params: Params, sessionId?: string) => void;

/** A DevTools protocol connection: `send` a command (optionally to a session), `on` an event. */
export class Cdp {
  #ws: WebSocket;
  #id = 0;
  #pending = new Map<number, { resolve: (v: Params) => void; reject: (e: Error) => void }>();
  #listeners = new Map<string, Set<Listener>>();

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.onmessage = (event) => {
      const msg = JSON.parse(String(event.data));
      if (typeof msg.id === "number") {
        const p = this.#pending.get(msg.id);
        if (!p) return;
        this.#pending.delete(msg.id);
        if (msg.error) p.reject(new Error(`${msg.error.message} (${msg.error.code})`));
        else p.resolve(msg.result ?? {});
      } else if (msg.method) {
        for (const fn of this.#listeners.get(msg.method) ?? []) fn(msg.params ?? {}, msg.sessionId);
      }
    };
    ws.onclose = () => {
      for (const p of this.#pending.values()) p.reject(new Error("the browser closed the connection"));
      this.#pending.clear();
    };
  }

  static connect(url: string): Promise<Cdp> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => resolve(new Cdp(ws));
      ws.onerror = () => reject(new Error(`cannot connect to ${url}`));
    });
  }

  send(method: string, params: Params = {}, sessionId?: string, timeoutMs = 60_000): Promise<Params> {
    const id = ++this.#id;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`${method} timed out after ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.#pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.#ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  }

  on(method: string, fn: Listener): () => void {
    let set = this.#listeners.get(method);
    if (!set) this.#listeners.set(method, set = new Set());
    set.add(fn);
    return () => set.delete(fn);
  }

  close() {
    try {
      this.#ws.close();
    } catch {
      // already closed
    }
  }
}

/** The Chromium to run: `$CHROMIUM`, else the first of the usual names on PATH. */
export function findChromium(
  env = Deno.env.get("CHROMIUM"),
  path = Deno.env.get("PATH") ?? "",
): string | undefined {
  if (env) return env;
  for (const name of ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]) {
    for (const dir of ["/usr/bin", ...path.split(":").filter(Boolean)]) {
      try {
        if (Deno.statSync(`${dir}/${name}`).isFile) return `${dir}/${name}`;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** Flags for headless Chromium as root in a container, with no background traffic. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-extensions",
  "--disable-dev-shm-usage",
  "--hide-scrollbars",
  "--mute-audio",
  "--window-size=1280,900",
];

/** A running headless Chromium and a connection to it. */
export interface Browser {
  cdp: Cdp;
  close(): Promise<void>;
}

/** Starts headless Chromium with a fresh profile and connects to it. */
export async function launch(executable: string): Promise<Browser> {
  const profile = Deno.makeTempDirSync({ prefix: "mmm-chromium-" });
  const child = new Deno.Command(executable, {
    args: [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, "--remote-debugging-port=0", "about:blank"],
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let stderr = "";
  const reading = (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of child.stderr) stderr += decoder.decode(chunk, { stream: true });
  })();
  const stop = async () => {
    try {
      child.kill("SIGTERM");
    } catch {
      // gone
    }
    const exited = await Promise.race([
      child.status.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 5000)),
    ]);
    if (!exited) {
      try {
        child.kill("SIGKILL");
      } catch {
        // gone
      }
      await child.status;
    }
    await reading.catch(() => {});
    try {
      Deno.removeSync(profile, { recursive: true });
    } catch {
      // best effort
    }
  };
  const deadline = Date.now() + 30_000;
  let endpoint: string | undefined;
  while (Date.now() < deadline) {
    try {
      const [port, path] = Deno.readTextFileSync(`${profile}/DevToolsActivePort`).trim().split("\n");
      if (port && path) {
        endpoint = `ws://127.0.0.1:${port}${path}`;
        break;
      }
    } catch {
      // not yet
    }
    const done = await Promise.race([
      child.status.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 100)),
    ]);
    if (done) break;
  }
  if (!endpoint) {
    await stop();
    throw new Error(
      `Chromium (${executable}) did not start:\n${stderr.trim().split("\n").slice(-5).join("\n")}`,
    );
  }
  const cdp = await Cdp.connect(endpoint);
  return {
    cdp,
    close: async () => {
      try {
        await cdp.send("Browser.close", {}, undefined, 5000);
      } catch {
        // closing anyway
      }
      cdp.close();
      await stop();
    },
  };
}

/** Options of `checkReports`. */
export interface CheckOptions {
  /** Chromium executable (default: `findChromium()`). */
  readonly chromium?: string;
  /** Write screenshots to `<dir>/screenshots/` (default true). */
  readonly screenshots?: boolean;
  /** Called with each page's result as it is checked. */
  readonly onPage?: (result: PageResult) => void;
}

const WIDTH = 1280;
const MAX_SHOT_HEIGHT = 16_000;

/** Opens every page of a report folder and checks it (see module doc). */
export async function checkReports(dir: string, options: CheckOptions = {}): Promise<PageResult[]> {
  const root = Deno.realPathSync(dir);
  const pages = reportPages(root);
  const executable = options.chromium ?? findChromium();
  if (!executable) throw new ChromiumMissing();
  const shots = options.screenshots ?? true;
  if (shots) Deno.mkdirSync(`${root}/screenshots`, { recursive: true });
  const browser = await launch(executable);
  const { cdp } = browser;
  const results: PageResult[] = [];
  try {
    const { targetId } = await cdp.send("Target.createTarget", { url: "about:blank" }) as {
      targetId: string;
    };
    const { sessionId } = await cdp.send("Target.attachToTarget", { targetId, flatten: true }) as {
      sessionId: string;
    };
    const send = (method: string, params: Params = {}, timeoutMs?: number) =>
      cdp.send(method, params, sessionId, timeoutMs);
    for (const d of ["Page.enable", "Runtime.enable", "Log.enable", "Network.enable"]) await send(d);
    await send("Emulation.setDeviceMetricsOverride", {
      width: WIDTH,
      height: 900,
      deviceScaleFactor: 1,
      mobile: false,
    });
    const inside = `file://${root}/`;
    let current: Failure[] = [];
    let page = "";
    const mine = (s?: string) => s === sessionId;
    const offs = [
      cdp.on("Runtime.consoleAPICalled", (p, s) => {
        if (!mine(s) || !(p.type === "error" || p.type === "assert")) return;
        const args = (p.args as { value?: unknown; description?: string }[] | undefined) ?? [];
        current.push({
          page,
          check: "console",
          detail: `console.${p.type}: ${
            args.map((a) => a.value ?? a.description ?? "").join(" ").slice(0, 200)
          }`,
        });
      }),
      cdp.on("Runtime.exceptionThrown", (p, s) => {
        if (!mine(s)) return;
        const d = p.exceptionDetails as { text?: string; exception?: { description?: string } } | undefined;
        current.push({
          page,
          check: "console",
          detail: `uncaught: ${(d?.exception?.description ?? d?.text ?? "").split("\n")[0].slice(0, 200)}`,
        });
      }),
      cdp.on("Log.entryAdded", (p, s) => {
        const e = p.entry as { level?: string; text?: string; url?: string } | undefined;
        if (!mine(s) || e?.level !== "error") return;
        current.push({
          page,
          check: "console",
          detail: `${e.text ?? ""}${e.url ? ` (${e.url})` : ""}`.slice(0, 240),
        });
      }),
      cdp.on("Network.requestWillBeSent", (p, s) => {
        const url = String((p.request as { url?: string } | undefined)?.url ?? "");
        if (!mine(s) || /^(data|about|blob):/i.test(url)) return;
        if (!decodeURI(url).startsWith(inside) && !url.startsWith(inside)) {
          current.push({ page, check: "external", detail: `loads ${url.slice(0, 200)}` });
        }
      }),
    ];
    try {
      for (const spec of pages) {
        page = spec.path;
        current = [];
        const loaded = new Promise<void>((resolve) => {
          const off = cdp.on("Page.loadEventFired", (_p, s) => {
            if (mine(s)) {
              off();
              resolve();
            }
          });
        });
        const url = `file://${root}/${spec.path}`;
        const nav = await send("Page.navigate", { url }) as { errorText?: string };
        if (nav.errorText) {
          current.push({ page, check: "load", detail: `cannot open: ${nav.errorText}` });
        } else {
          const ok = await Promise.race([
            loaded.then(() => true),
            new Promise<boolean>((r) => setTimeout(() => r(false), 60_000)),
          ]);
          if (!ok) current.push({ page, check: "load", detail: "did not finish loading within 60 s" });
        }
        await new Promise((r) => setTimeout(r, 250)); // late console messages
        let charts = 0;
        try {
          const evaluated = await send("Runtime.evaluate", {
            expression: pageScript(spec.readerFacing),
            returnByValue: true,
          }) as { result?: { value?: string }; exceptionDetails?: { text?: string } };
          if (evaluated.exceptionDetails) throw new Error(evaluated.exceptionDetails.text ?? "script failed");
          const found = JSON.parse(evaluated.result?.value ?? "{}") as {
            charts: number;
            chart: string[];
            identifier: string[];
            overflow: string[];
          };
          charts = found.charts;
          for (const d of found.chart) current.push({ page, check: "chart", detail: d });
          for (const d of found.identifier) current.push({ page, check: "identifier", detail: d });
          for (const d of found.overflow) current.push({ page, check: "overflow", detail: d });
        } catch (error) {
          current.push({ page, check: "load", detail: `checks did not run: ${(error as Error).message}` });
        }
        let screenshot: string | undefined;
        if (shots) {
          const metrics = await send("Page.getLayoutMetrics") as { cssContentSize?: { height: number } };
          const height = Math.min(
            MAX_SHOT_HEIGHT,
            Math.max(1, Math.ceil(metrics.cssContentSize?.height ?? 900)),
          );
          const shot = await send("Page.captureScreenshot", {
            format: "png",
            captureBeyondViewport: true,
            clip: { x: 0, y: 0, width: WIDTH, height, scale: 1 },
          }, 120_000) as { data: string };
          screenshot = `${root}/screenshots/${spec.screenshot}`;
          Deno.writeFileSync(screenshot, Uint8Array.from(atob(shot.data), (c) => c.charCodeAt(0)));
        }
        const result: PageResult = { page: spec.path, failures: current, charts, screenshot };
        results.push(result);
        options.onPage?.(result);
      }
    } finally {
      for (const off of offs) off();
    }
  } finally {
    await browser.close();
  }
  return results;
}

/** No Chromium to run. */
export class ChromiumMissing extends Error {
  constructor() {
    super(
      "no Chromium found (looked for $CHROMIUM, chromium, chromium-browser, google-chrome); on Debian/Ubuntu: " +
        "sudo apt-get install -y --no-install-recommends chromium",
    );
  }
}

/** A failure already reported to whoever owns the page's notebook: shown, but not counted as failed. */
export interface KnownFailure {
  readonly page: string;
  readonly check: Failure["check"];
  /** When given, only failures whose detail contains this text; else every failure of `check` on `page`. */
  readonly contains?: string;
  /** Who is fixing it, and how. */
  readonly why?: string;
}

/** Whether a failure is a known one. */
export function isKnown(f: Failure, known: readonly KnownFailure[]): boolean {
  return known.some((k) =>
    k.page === f.page && k.check === f.check && (!k.contains || f.detail.includes(k.contains))
  );
}

/** Parses `[reportDir] [--known file.json]`. */
export function parseCheckArgs(args: readonly string[], cwd: string): { dir: string; known?: string } {
  const abs = (p: string) => (p.startsWith("/") ? p : `${cwd}/${p}`);
  let dir: string | undefined, known: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") continue;
    if (a === "--known" || a.startsWith("--known=")) {
      const v = a.includes("=") ? a.slice(a.indexOf("=") + 1) : args[++i];
      if (!v) throw new RangeError("--known needs a file");
      known = abs(v);
    } else if (a.startsWith("-")) {
      throw new RangeError(`unknown option ${a}`);
    } else if (dir === undefined) {
      dir = abs(a);
    } else {
      throw new RangeError(`one report folder only (got ${dir} and ${a})`);
    }
  }
  return { dir: dir ?? new URL("../reports", import.meta.url).pathname, known };
}

const USAGE =
  "usage: deno task browser-check [reportDir] [--known known_failures.json]   (default: reports/)";

if (import.meta.main) {
  if (Deno.args.some((a) => a === "-h" || a === "--help")) {
    console.log(USAGE);
    Deno.exit(0);
  }
  let parsed: { dir: string; known?: string };
  try {
    parsed = parseCheckArgs(Deno.args, Deno.env.get("INIT_CWD") ?? Deno.cwd());
  } catch (error) {
    console.error(`browser-check: ${(error as Error).message}\n${USAGE}`);
    Deno.exit(2);
  }
  const { dir } = parsed;
  try {
    if (!Deno.statSync(dir).isDirectory) throw new Error();
  } catch {
    console.error(`browser-check: no report folder at ${dir}; run deno task report first`);
    Deno.exit(2);
  }
  if (reportPages(dir).length === 0) {
    console.error(`browser-check: no report pages in ${dir}`);
    Deno.exit(2);
  }
  let known: KnownFailure[] = [];
  if (parsed.known) {
    try {
      known = JSON.parse(Deno.readTextFileSync(parsed.known)).known ?? [];
    } catch (error) {
      console.error(`browser-check: cannot read ${parsed.known}: ${(error as Error).message}`);
      Deno.exit(2);
    }
  }
  let passed = 0, failed = 0;
  const seenKnown = new Set<KnownFailure>();
  try {
    await checkReports(dir, {
      onPage: (r) => {
        const fresh = r.failures.filter((f) => !isKnown(f, known));
        const old = r.failures.filter((f) => isKnown(f, known));
        for (const f of old) {
          for (const k of known) if (k.page === f.page && k.check === f.check) seenKnown.add(k);
        }
        if (fresh.length === 0) {
          passed++;
          console.log(
            `ok    ${r.page} (${r.charts} chart${r.charts === 1 ? "" : "s"})${
              old.length > 0 ? `, ${old.length} known failure${old.length === 1 ? "" : "s"}:` : ""
            }`,
          );
        } else {
          failed++;
          console.log(`FAIL  ${r.page}`);
          for (const f of fresh) console.log(`        ${f.check}: ${f.detail}`);
          if (old.length > 0) console.log(`      and ${old.length} known:`);
        }
        for (const f of old) console.log(`        known ${f.check}: ${f.detail}`);
      },
    });
  } catch (error) {
    if (error instanceof ChromiumMissing) {
      console.error(`browser-check: ${error.message}`);
      Deno.exit(3);
    }
    throw error;
  }
  for (const k of known) {
    if (!seenKnown.has(k)) {
      console.log(`resolved: ${k.page} ${k.check} no longer fails; remove it from ${parsed.known}`);
    }
  }
  console.log(`screenshots in ${dir.replace(/\/$/, "")}/screenshots/`);
  console.log(`browser-check: ${passed} passed, ${failed} failed`);
  Deno.exit(failed === 0 ? 0 : 1);
}
