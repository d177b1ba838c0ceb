/** Helpers shared by the tests: temporary folders, fixture files, hand-made offers and labels. */
import { THEMES } from "../lib/base/vocabulary.ts";
import { emptyOffer, type Offer } from "../lib/corpus/schema.ts";
import type { Labels } from "../lib/train/estimator.ts";

/** A fresh temporary folder, removed when the test's cleanup runs. */
export async function tempDir(t?: Deno.TestContext): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "jobs-test-" });
  if (t) {
    // Deno has no per-test cleanup hook: remove at the end of the step via a finally in callers, or leave to the OS.
  }
  return dir;
}

/** Writes a text file and returns its path. */
export async function writeFixture(dir: string, name: string, content: string): Promise<string> {
  const path = `${dir}/${name}`;
  await Deno.writeTextFile(path, content);
  return path;
}

/** Reads a JSONL file into objects. */
export async function readJsonl(path: string): Promise<Record<string, unknown>[]> {
  return (await Deno.readTextFile(path)).split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
}

/** Label records holding theme decisions (100 present, 0 absent, THEMES order) and no soft skill. */
export function themeLabels(Y: boolean[][]): Labels[] {
  return Y.map((y) => ({
    themes: Object.fromEntries(THEMES.map((t, c) => [t, y[c] ? 100 : 0])) as Labels["themes"],
    soft_skills: [],
  }));
}

/** Offers holding only a text (and a title), for models fed hand-made texts. */
export function textOffers(texts: string[], title = ""): Offer[] {
  return texts.map((text, i) => ({ ...emptyOffer(`t${i}`, "generic"), title, text }));
}

/** What a command printed (console.log and console.error) and its exit code. */
export async function capture(
  fn: () => Promise<number>,
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...a: unknown[]) => out.push(a.join(" "));
  console.error = (...a: unknown[]) => err.push(a.join(" "));
  try {
    return { code: await fn(), out: out.join("\n"), err: err.join("\n") };
  } finally {
    console.log = log;
    console.error = error;
  }
}
