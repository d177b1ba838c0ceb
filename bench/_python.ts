/**
 * The Python peers of the benchmarks run on Debian's packages: checks that
 * the modules import, installs the packages with apt-get when running as
 * root, else says exactly what to install.
 */
export const PYTHON = "/usr/bin/python3";

/** Null when `modules` import in Debian's python3, else the reason and the command to run. */
export async function pythonPeer(modules: string[], packages: string[]): Promise<string | null> {
  const probe = async () => (await new Deno.Command(PYTHON, { args: ["-c", `import ${modules.join(", ")}`], stdout: "null", stderr: "null" }).output().catch(() => ({ success: false }))).success;
  if (await probe()) return null;
  const root = Deno.uid?.() === 0;
  const apt = await new Deno.Command("sh", { args: ["-c", "command -v apt-get"], stdout: "null", stderr: "null" }).output().then((o) => o.success, () => false);
  if (root && apt) {
    console.error(`[bench] installing the peer: apt-get install ${packages.join(" ")}`);
    await new Deno.Command("apt-get", { args: ["install", "-y", "-qq", "--no-install-recommends", ...packages], env: { DEBIAN_FRONTEND: "noninteractive" }, stdout: "null", stderr: "inherit" }).output();
    if (await probe()) return null;
  }
  return `the peer needs Debian's ${packages.join(" and ")} (as root: apt-get install ${packages.join(" ")})`;
}
