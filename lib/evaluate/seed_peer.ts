/**
 * The seed's theme pipeline (TF-IDF + XGBoost, seed_peer.py) as a named
 * peer of the scoreboard: out-of-fold decisions on the same folds as the
 * project's models, and decisions of a model trained on every text for
 * other test sets. Skipped, with the reason and the command, where Debian's
 * python3-sklearn and python3-xgboost are not installed.
 *
 * @example
 * ```ts
 * declare const texts: string[];
 * declare const Y: any; // your data
 * declare const folds: any; // your data
 * const peer = await seedPeerThemes(texts, Y, { grouped: folds }, {});
 * if ("skipped" in peer) console.log(peer.skipped); else peer.schemes.grouped[0]; // [true, false, ...]
 * ```
 */
import { PYTHON, pythonPeer } from "./python_peer.ts";

/** Decisions per scheme (rows in the texts' order) and per external test set. */
export type SeedPeerResult =
  | { schemes: Record<string, boolean[][]>; external: Record<string, boolean[][]> }
  | { skipped: string };

/** Runs the seed pipeline on the folds of each scheme; `install` lets it apt-get the packages when root. */
export async function seedPeerThemes(
  texts: string[],
  Y: boolean[][],
  schemes: Record<string, number[]>,
  external: Record<string, string[]>,
  o: { install?: boolean } = {},
): Promise<SeedPeerResult> {
  const missing = await pythonPeer(["sklearn", "xgboost"], ["python3-sklearn", "python3-xgboost"], o);
  if (missing) return { skipped: missing };
  const input = await Deno.makeTempFile({ suffix: ".json" });
  try {
    await Deno.writeTextFile(
      input,
      JSON.stringify({ texts, labels: Y.map((row) => row.map(Number)), schemes, external }),
    );
    const out = await new Deno.Command(PYTHON, {
      args: [new URL("./seed_peer.py", import.meta.url).pathname, input],
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) {
      throw new Error(
        `the seed peer (lib/evaluate/seed_peer.py) failed:\n${
          new TextDecoder().decode(out.stderr).slice(-2000)
        }`,
      );
    }
    const parsed = JSON.parse(new TextDecoder().decode(out.stdout)) as {
      schemes: Record<string, number[][]>;
      external: Record<string, number[][]>;
    };
    const decide = (m: Record<string, number[][]>) =>
      Object.fromEntries(Object.entries(m).map(([k, rows]) => [k, rows.map((r) => r.map((v) => v === 1))]));
    return { schemes: decide(parsed.schemes), external: decide(parsed.external) };
  } finally {
    await Deno.remove(input).catch(() => {});
  }
}
