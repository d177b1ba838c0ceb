/**
 * A small argument parser for the `jobs` commands: `--name value`,
 * `--name=value`, `--flag`, and positional arguments; unknown options are
 * errors that name the command's options.
 *
 * @example
 * ```ts
 * declare const spec: any; // your data
 * parseArgs(["file.csv", "--format", "jocas"], spec); // { options: { format: "jocas" }, positional: ["file.csv"] }
 * ```
 */

/** What a command accepts. */
export interface CommandSpec {
  summary: string;
  usage: string;
  /** Option name -> help line. */
  options: Record<string, string>;
  /** Number of positional arguments required. */
  positional: number;
}

/** A mistake in how a command was called (exit code 2). */
export class UsageError extends Error {}

/** Parses the arguments of one command. */
export function parseArgs(
  args: string[],
  spec: CommandSpec,
): { options: Record<string, string | boolean>; positional: string[] } {
  const options: Record<string, string | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--help" || arg === "-h") {
      options.help = true;
      continue;
    }
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [rawName, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (!(rawName in spec.options)) {
      throw new UsageError(
        `unknown option --${rawName} (options: ${Object.keys(spec.options).map((o) => "--" + o).join(", ")})`,
      );
    }
    if (inline !== undefined) options[rawName] = inline;
    else if (i + 1 < args.length && !args[i + 1].startsWith("--")) options[rawName] = args[++i];
    else options[rawName] = true;
  }
  if (!options.help && positional.length < spec.positional) {
    throw new UsageError(`missing argument (${spec.positional} expected)`);
  }
  return { options, positional };
}

/** Help line of `--max-record-mb`, shared by the commands that read corpus files. */
export const MAX_RECORD_HELP =
  "a CSV record or JSONL line longer than this many million characters is quarantined with its line number (default 4)";

/**
 * `--max-record-mb` as a character cap for the loaders; undefined when absent.
 *
 * @example
 * ```ts
 * maxRecordChars({ "max-record-mb": "16" }); // 16000000
 * ```
 */
export function maxRecordChars(a: Record<string, string | boolean>): number | undefined {
  const value = a["max-record-mb"];
  if (value === undefined) return undefined;
  const mb = Number(value);
  if (!Number.isFinite(mb) || mb <= 0) {
    throw new UsageError(`--max-record-mb must be a positive number, got ${JSON.stringify(value)}`);
  }
  return Math.round(mb * 1_000_000);
}

/** The help text of some commands. */
export function usage(commands: Record<string, CommandSpec>): string {
  const lines = ["usage: deno task jobs <command> [options]", "", "commands:"];
  for (const [name, c] of Object.entries(commands)) {
    lines.push(`  ${name}: ${c.summary}`, `    deno task jobs ${c.usage}`);
    for (const [option, help] of Object.entries(c.options)) {
      lines.push(`      --${option.padEnd(12)} ${help}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
