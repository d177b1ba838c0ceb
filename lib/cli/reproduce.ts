/**
 * `deno task reproduce`: runs the notebooks twice in two folders and
 * compares every recorded metric; exits 1 on the first difference.
 *
 *   deno task reproduce [--only 01,09]
 */
import { reproduce } from "../report/mod.ts";

const only = Deno.args.includes("--only")
  ? Deno.args[Deno.args.indexOf("--only") + 1]?.split(",")
  : undefined;
const result = await reproduce({ only });
if (result.errors.length) {
  console.error(`[reproduce] a notebook failed:\n${result.errors.join("\n")}`);
  Deno.exit(1);
}
if (result.differences.length) {
  console.error(
    `[reproduce] FAILED: ${result.differences.length} values differ between two runs:\n${
      result.differences.slice(0, 50).join("\n")
    }`,
  );
  Deno.exit(1);
}
console.error(
  `[reproduce] OK: the metrics of ${result.notebooks} notebooks are identical in two runs (${
    result.dirs.join(", ")
  })`,
);
