import { assert, assertEquals } from "../assert.ts";

const KERNEL_TASK = new URL("../../tools/kernel.ts", import.meta.url).pathname;

async function runKernelTask(home: string, ...args: string[]) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", KERNEL_TASK, ...args],
    env: { HOME: home, JUPYTER_DATA_DIR: `${home}/jupyter` },
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

Deno.test("deno task kernel registers the kernel with NO_COLOR=1 and replaces another deno kernel only with --force", async () => {
  const home = Deno.makeTempDirSync();
  try {
    const spec = `${home}/jupyter/kernels/deno/kernel.json`;
    const first = await runKernelTask(home);
    assertEquals(first.code, 0, first.stderr);
    const written = JSON.parse(Deno.readTextFileSync(spec));
    assertEquals(written.env, { NO_COLOR: "1" });
    assertEquals(written.argv[0], Deno.execPath());
    Deno.writeTextFileSync(
      spec,
      JSON.stringify({ ...written, argv: ["/elsewhere/deno", ...written.argv.slice(1)] }),
    );
    const refused = await runKernelTask(home);
    assertEquals(refused.code, 1);
    assert(refused.stderr.includes("--force"), refused.stderr);
    const forced = await runKernelTask(home, "--force");
    assertEquals(forced.code, 0, forced.stderr);
    assertEquals(JSON.parse(Deno.readTextFileSync(spec)).argv[0], Deno.execPath());
  } finally {
    Deno.removeSync(home, { recursive: true });
  }
});
