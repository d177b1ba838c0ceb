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

/**
 * Writes a file through a temporary name and a rename, so a kill never leaves
 * half a file under the real name. When the write fails (a full disk, no
 * permission) the temporary file is removed, the real name keeps what it held,
 * and the error names the file. `tmp` overrides the temporary name.
 */
export async function writeAtomically(
  path: string,
  write: (tmp: string) => Promise<void> | void,
  tmp = `${path}.tmp-${Deno.pid}`,
) {
  try {
    await write(tmp);
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw writeError(path, e);
  }
}

/**
 * The error for a file that could not be written: names the file, keeps the
 * cause, and says what to check (a library's message such as "Invalid thrift:
 * transport error" does not say the disk is full).
 *
 * @example
 * ```ts
 * writeError("out/a.parquet", new Error("No space left on device (os error 28)")).message;
 * // "out/a.parquet: cannot be written (No space left on device (os error 28)); ..."
 * ```
 */
export function writeError(path: string, cause: unknown): Error {
  const message = cause instanceof Error ? cause.message : String(cause);
  if (message.startsWith(`${path}: cannot be written`)) return cause as Error;
  const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) || "/" : ".";
  return new Error(
    `${path}: cannot be written (${message}); check the free space and permissions of ${dir}`,
    { cause },
  );
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

/** What {@link fileFingerprint} records of a file. */
export interface FileFingerprint {
  bytes: number;
  /** ISO modification time; null where the file system keeps none. */
  mtime: string | null;
  /** SHA-256 of the size and of the first, middle and last MiB. */
  sampled_sha256: string;
}

const SAMPLE_BYTES = 1 << 20;

/**
 * A cheap identity of a (possibly 40 GB) file: its size, modification time
 * and a SHA-256 of its first, middle and last MiB, read without loading the
 * file. Another corpus put in its place changes the size or the sample.
 *
 * @example
 * ```ts
 * const before = await fileFingerprint("data/offers.jsonl"); // { bytes, mtime, sampled_sha256 }
 * ```
 */
export async function fileFingerprint(path: string): Promise<FileFingerprint> {
  const file = await Deno.open(path);
  try {
    const { size, mtime } = await file.stat();
    const starts = [
      ...new Set([0, Math.max(0, Math.floor(size / 2) - SAMPLE_BYTES / 2), Math.max(0, size - SAMPLE_BYTES)]),
    ];
    const parts: Uint8Array[] = [new TextEncoder().encode(`${size}\n`)];
    for (const start of starts) {
      const buffer = new Uint8Array(Math.min(SAMPLE_BYTES, size - start));
      await file.seek(start, Deno.SeekMode.Start);
      for (let at = 0; at < buffer.length;) {
        const n = await file.read(buffer.subarray(at));
        if (n === null) break;
        at += n;
      }
      parts.push(buffer);
    }
    const joined = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
    parts.reduce((at, p) => (joined.set(p, at), at + p.length), 0);
    return { bytes: size, mtime: mtime?.toISOString() ?? null, sampled_sha256: await sha256Hex(joined) };
  } finally {
    file.close();
  }
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
    throw new Error(
      `${path}: not valid JSON (${
        (e as Error).message
      }); the file is damaged or was cut short: remove it and rerun the step that writes it`,
    );
  }
}

/**
 * SHA-256 of every source file under `root` (names and bytes of its .ts,
 * .py and .json files): any change to the code there changes it — the key
 * of caches that must not outlive the code that filled them.
 *
 * @example
 * ```ts
 * const code = await sourceHash(new URL("../", import.meta.url).pathname); // the library's lib/ folder
 * ```
 */
export async function sourceHash(root: string): Promise<string> {
  const files: string[] = [];
  const walk = async (dir: string) => {
    for await (const e of Deno.readDir(dir)) {
      if (e.isDirectory) await walk(`${dir}/${e.name}`);
      else if (/\.(ts|py|json)$/.test(e.name)) files.push(`${dir}/${e.name}`);
    }
  };
  await walk(root.replace(/\/$/, ""));
  files.sort();
  return await sha256Hex(
    (await Promise.all(files.map(async (f) => `${f.slice(root.length)}:${await sha256File(f)}`))).join("\n"),
  );
}
