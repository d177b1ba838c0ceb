/**
 * Helpers of the benchmarks: peak resident memory read from /proc, timing
 * of a phase run in its own process (so that its peak RSS is its own).
 */

/** Peak resident set size of this process in bytes (VmHWM), or null off Linux. */
export function peakRss(): number | null {
  try {
    const m = Deno.readTextFileSync("/proc/self/status").match(/VmHWM:\s+(\d+) kB/);
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** What a phase reports: its own figures plus wall time and peak RSS. */
export interface PhaseResult {
  phase: string;
  seconds: number;
  peak_rss_bytes: number | null;
  [key: string]: unknown;
}

/**
 * Runs `deno run -A <script> <args>` as a child process; the script prints one
 * JSON line (its PhaseResult) last on stdout.
 */
export async function runPhase(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<PhaseResult> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", script, ...args],
    env,
    stdout: "piped",
    stderr: "inherit",
  });
  const { code, stdout } = await child.output();
  const text = new TextDecoder().decode(stdout).trim();
  if (code !== 0) throw new Error(`${script} ${args.join(" ")} failed (exit ${code}):\n${text}`);
  return JSON.parse(text.split("\n").pop()!);
}

/** Formats bytes as GiB with two decimals. */
export function gib(bytes: number | null): string {
  return bytes === null ? "n/a" : `${(bytes / 2 ** 30).toFixed(2)} GiB`;
}
