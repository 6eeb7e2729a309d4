/**
 * `deno task kernel`: registers Deno's Jupyter kernel for interactive use (Jupyter Lab/Notebook, VS Code), as
 * `deno jupyter --install` does, pointing at the Deno running this task. Pass `--force` to replace an existing
 * registration. (`deno task report` needs none of this: it uses a project-local kernelspec.)
 *
 * @module
 */
const args = ["jupyter", "--install", ...Deno.args.filter((a) => a === "--force")];
const out = await new Deno.Command(Deno.execPath(), { args, stdout: "inherit", stderr: "inherit" }).output();
if (out.code !== 0) {
  console.error(
    "Could not register the kernel. Deno's kernel needs Jupyter: see README (Prerequisites) for the packages.",
  );
  Deno.exit(out.code);
}
console.error('Registered. Open notebooks/ in Jupyter Lab, Notebook or VS Code and pick the "Deno" kernel.');
