/**
 * File helpers every stage shares: existence, atomic writes, SHA-256 of
 * bytes and files, and JSON files read with errors that name the file.
 *
 * @example
 * ```ts
 * import { readJsonFile, sha256File, writeAtomically } from "./files.ts";
 * await writeAtomically("out/a.json", (tmp) => Deno.writeTextFile(tmp, "{}"));
 * await sha256File("out/a.json"); // "44136fa3..."
 * const doc = await readJsonFile<{ kind: string }>("models/demo/bulk.json");
 * ```
 */

/** Whether a path exists. */
export async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

/** Writes a file through a temporary name and a rename, so a kill never leaves half a file under the real name. */
export async function writeAtomically(path: string, write: (tmp: string) => Promise<void> | void) {
  const tmp = `${path}.tmp-${Deno.pid}`;
  await write(tmp);
  await Deno.rename(tmp, path);
}

/** Lower-case hex SHA-256 of bytes or of a string's UTF-8. */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Lower-case hex SHA-256 of a file's bytes. */
export async function sha256File(path: string): Promise<string> {
  return await sha256Hex(await Deno.readFile(path));
}

/** Reads and parses a JSON file; a missing or broken file fails with a message naming it. */
export async function readJsonFile<T = unknown>(path: string): Promise<T> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    throw new Error(`${path}: cannot be read (${(e as Error).message})`);
  }
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new Error(`${path}: not valid JSON (${(e as Error).message}); the file is damaged or was cut short: remove it and rerun the step that writes it`);
  }
}
