/**
 * The one place that talks to Deno's Jupyter kernel. Outside the kernel every call is a no-op, so the same
 * notebook code runs in tests and scripts.
 *
 * Pitfall (DESIGN.md): outside the kernel `"jupyter" in Deno` is true but reading `Deno.jupyter` throws.
 *
 * @module
 */

/** A Jupyter MIME bundle: MIME type → payload. */
export type MimeBundle = Record<string, unknown>;

interface JupyterApi {
  display(obj: MimeBundle, options: { raw: boolean; update?: boolean; display_id?: string }): Promise<void>;
}

function jupyter(): JupyterApi | undefined {
  try {
    return (Deno as unknown as { jupyter?: JupyterApi }).jupyter;
  } catch {
    return undefined;
  }
}

/** True when running inside Deno's Jupyter kernel. */
export function inKernel(): boolean {
  return jupyter() !== undefined;
}

/**
 * Displays a MIME bundle in the notebook (an explicit `display`, because nbconvert can lose a cell's
 * last-expression result: DESIGN.md). With `displayId`, a later call with `update: true` replaces it in place.
 *
 * Every display of the toolkit goes through here. When the environment variable `MMM_DISPLAY_LOG` names a
 * file (the report task's executor sets it), one line is appended to it synchronously before the display is
 * sent, so the executor knows how many displays each cell made and can wait for all of them: Deno's kernel
 * reports a cell idle before its last display messages are sent (DESIGN.md, "Lost outputs").
 */
export async function displayBundle(
  bundle: MimeBundle,
  options: { displayId?: string; update?: boolean } = {},
): Promise<void> {
  const api = jupyter();
  if (!api) return;
  logDisplay(bundle, options);
  await api.display(bundle, { raw: true, display_id: options.displayId, update: options.update });
}

/** One line of the display log (see `displayBundle`). */
interface DisplayLogEntry {
  /** 1, 2, … in the order displays were made in this kernel. */
  seq: number;
  update: boolean;
  display_id: string | null;
  /** CRC-32 (hex) and length of `bundleDigestText(bundle)` in UTF-8: enough to tell displays apart. */
  crc: string;
  bytes: number;
}

let logPath: string | null | undefined;
let logSeq = 0;

function logDisplay(bundle: MimeBundle, options: { displayId?: string; update?: boolean }): void {
  if (logPath === undefined) {
    try {
      logPath = Deno.env.get("MMM_DISPLAY_LOG") || null;
    } catch {
      logPath = null; // no --allow-env
    }
  }
  if (logPath === null) return;
  const bytes = new TextEncoder().encode(bundleDigestText(bundle));
  const entry: DisplayLogEntry = {
    seq: ++logSeq,
    update: options.update === true,
    display_id: options.displayId ?? null,
    crc: crc32(bytes).toString(16).padStart(8, "0"),
    bytes: bytes.length,
  };
  Deno.writeTextFileSync(logPath, JSON.stringify(entry) + "\n", { append: true });
}

/**
 * The text a display log entry digests: `mime\nvalue\n` for each MIME type in sorted order, with the value
 * for strings and nothing for other payloads. tools/execute_notebook.py (`bundle_key`) computes the same from
 * the message it receives.
 */
function bundleDigestText(bundle: MimeBundle): string {
  return Object.keys(bundle).sort().map((k) => {
    const v = bundle[k];
    return `${k}\n${typeof v === "string" ? v : ""}\n`;
  }).join("");
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE 802.3, as Python's `zlib.crc32`); `crc32(utf8("123456789")) === 0xcbf43926`. */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
