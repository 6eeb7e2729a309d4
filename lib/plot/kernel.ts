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
 */
export async function displayBundle(
  bundle: MimeBundle,
  options: { displayId?: string; update?: boolean } = {},
): Promise<void> {
  const api = jupyter();
  if (!api) return;
  await api.display(bundle, { raw: true, display_id: options.displayId, update: options.update });
}
