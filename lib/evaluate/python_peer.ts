/**
 * The Python peers (the seed's scikit-learn pipelines, for the benchmarks
 * and the scoreboard) run on Debian's packages: checks that the modules
 * import, installs the packages with apt-get when running as root and
 * allowed to, else says exactly what to install.
 *
 * @example
 * ```ts
 * const missing = await pythonPeer(["sklearn"], ["python3-sklearn"], { install: false });
 * if (missing) console.log(`peer skipped: ${missing}`);
 * ```
 */
export const PYTHON = "/usr/bin/python3";

/** Null when `modules` import in Debian's python3, else the reason and the command to run. */
export async function pythonPeer(
  modules: string[],
  packages: string[],
  o: { install?: boolean } = {},
): Promise<string | null> {
  const probe = async () =>
    (await new Deno.Command(PYTHON, {
      args: ["-c", `import ${modules.join(", ")}`],
      stdout: "null",
      stderr: "null",
    }).output().catch(() => ({ success: false }))).success;
  if (await probe()) return null;
  const root = Deno.uid?.() === 0;
  const apt = await new Deno.Command("sh", {
    args: ["-c", "command -v apt-get"],
    stdout: "null",
    stderr: "null",
  }).output().then((r) => r.success, () => false);
  if (root && apt && o.install !== false) {
    console.error(`[peer] installing: apt-get install ${packages.join(" ")}`);
    await new Deno.Command("apt-get", {
      args: ["install", "-y", "-qq", "--no-install-recommends", ...packages],
      env: { DEBIAN_FRONTEND: "noninteractive" },
      stdout: "null",
      stderr: "inherit",
    }).output();
    if (await probe()) return null;
  }
  return `the peer needs Debian's ${packages.join(" and ")} (as root: apt-get install ${packages.join(" ")})`;
}
