/**
 * Public face of lib/cli/: Command-line helpers: argument parsing, progress bars, corpus inspection (the entry points main.ts, report.ts, app.ts and reproduce.ts run when started, so they are not re-exported).
 * Other folders import from here, never from a file inside (tests/layers.test.ts).
 *
 * @example
 * ```ts
 * import { parseArgs } from "./mod.ts";
 * ```
 */
export * from "./args.ts";
export * from "./inspect.ts";
export * from "./progress.ts";
