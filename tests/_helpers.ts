/** Helpers shared by the tests: temporary folders and fixture files. */

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
