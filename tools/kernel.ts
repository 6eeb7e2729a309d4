/**
 * `deno task kernel`: registers Deno's Jupyter kernel for interactive use (Jupyter Notebook, VS Code), like
 * `deno jupyter --install` but with `NO_COLOR=1` in the kernel's environment (Deno colours text results with
 * ANSI codes otherwise, which Jupyter shows as escape sequences). The kernelspec goes to the user's Jupyter
 * data folder (`jupyter --data-dir`, else `~/.local/share/jupyter`) and points at the Deno running this task.
 * An existing `deno` kernelspec is replaced only with `--force`. (`deno task report` needs none of this: it
 * uses a project-local kernelspec.)
 *
 * @module
 */
import { KERNEL_NAME, run, writeKernelSpec } from "./jupyter.ts";

async function dataDir(): Promise<string> {
  const res = await run("jupyter", ["--data-dir"], { timeoutMs: 60_000 });
  if (res.code === 0 && res.stdout.trim()) return res.stdout.trim();
  const home = Deno.env.get("HOME");
  if (!home) {
    throw new Error("cannot find the Jupyter data folder: `jupyter --data-dir` failed and HOME is unset");
  }
  return `${home}/.local/share/jupyter`;
}

if (import.meta.main) {
  const force = Deno.args.includes("--force");
  const dir = await dataDir();
  const target = `${dir}/kernels/${KERNEL_NAME}/kernel.json`;
  let existing: string | undefined;
  try {
    existing = Deno.readTextFileSync(target);
  } catch {
    existing = undefined;
  }
  const argv0 = existing ? (JSON.parse(existing).argv?.[0] as string | undefined) : undefined;
  if (existing && argv0 !== Deno.execPath() && !force) {
    console.error(
      `A "${KERNEL_NAME}" kernel is already registered at ${target} (it runs ${argv0}). ` +
        "Run `deno task kernel --force` to replace it.",
    );
    Deno.exit(1);
  }
  writeKernelSpec(dir, Deno.execPath(), "Deno");
  console.error(
    `Registered the "${KERNEL_NAME}" kernel (NO_COLOR=1) at ${target}. Open notebooks/ in Jupyter Notebook ` +
      'or VS Code and pick the "Deno" kernel.',
  );
}
