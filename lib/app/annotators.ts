/**
 * Annotators of the labelling app: a JSON file of people and the SHA-256 of
 * their personal tokens (`[{"name": "alice", "token_sha256": "...", "role":
 * "annotator" | "admin"}]`, mode 0600). A token is shown once, when it is
 * made; the file never holds it, so a copy of the file lets no one in.
 * No token, no access; an annotator sees and changes only their own labels;
 * an admin also adjudicates. A running server rereads the file when it
 * changes, so added, rotated and revoked tokens take effect within a second.
 *
 * @example
 * ```ts
 * import { addAnnotator, loadAnnotators } from "./annotators.ts";
 * const token = await addAnnotator("data/annotators.json", "alice", "annotator");
 * loadAnnotators("data/annotators.json").byToken(token)?.name; // "alice"
 * ```
 */
import { Buffer } from "node:buffer";
import { createHash, timingSafeEqual } from "node:crypto";

/** One person allowed in. */
export interface Annotator {
  name: string;
  /** Hex SHA-256 of the personal token. */
  token_sha256: string;
  role: "annotator" | "admin";
}

function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (c) => ({ "+": "-", "/": "_", "=": "" })[c]!);
}

/** Hex SHA-256 of a token, as the annotators file stores it. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * Parses an annotators file; a file from before hashing (clear `token`
 * fields) is read by hashing them, and `legacy` says so (the caller rewrites it).
 */
function parseAnnotators(path: string, text: string): { list: Annotator[]; legacy: boolean } {
  let legacy = false;
  try {
    const list = JSON.parse(text);
    if (!Array.isArray(list)) throw new Error("expected a JSON array");
    const out = list.map((a, i): Annotator => {
      if (typeof a?.name !== "string" || !/^[\w.-]{1,40}$/.test(a.name)) {
        throw new Error(`entry ${i}: "name" must be 1-40 letters, digits, . _ -`);
      }
      if (a.role !== "annotator" && a.role !== "admin") {
        throw new Error(`entry ${i}: "role" must be "annotator" or "admin"`);
      }
      if (typeof a.token === "string" && a.token_sha256 === undefined) {
        if (a.token.length < 16) throw new Error(`entry ${i}: "token" must be at least 16 characters`);
        legacy = true;
        return { name: a.name, token_sha256: tokenHash(a.token), role: a.role };
      }
      if (typeof a.token_sha256 !== "string" || !/^[0-9a-f]{64}$/.test(a.token_sha256)) {
        throw new Error(`entry ${i}: "token_sha256" must be 64 hex digits`);
      }
      return { name: a.name, token_sha256: a.token_sha256, role: a.role };
    });
    const names = out.map((a) => a.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice) throw new Error(`"${twice}" appears twice`);
    return { list: out, legacy };
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
}

function readList(path: string): { list: Annotator[]; legacy: boolean } {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return { list: [], legacy: false };
    throw new Error(`${path}: ${(e as Error).message}`);
  }
  return parseAnnotators(path, text);
}

function writeList(path: string, list: Annotator[]) {
  const tmp = `${path}.tmp-${Deno.pid}`;
  Deno.writeTextFileSync(tmp, JSON.stringify(list, null, 2) + "\n", { mode: 0o600 });
  Deno.chmodSync(tmp, 0o600);
  Deno.renameSync(tmp, path);
}

/** Adds an annotator with a fresh token and returns it (shown once: the file keeps only its hash). */
export function addAnnotator(path: string, name: string, role: Annotator["role"]): string {
  const { list } = readList(path);
  if (!/^[\w.-]{1,40}$/.test(name)) {
    throw new Error(`annotator name must be 1-40 letters, digits, . _ - (got ${JSON.stringify(name)})`);
  }
  if (list.some((a) => a.name === name)) {
    throw new Error(`${path}: ${name} already has a token; give a new one with --rotate-annotator ${name}`);
  }
  const token = newToken();
  writeList(path, [...list, { name, token_sha256: tokenHash(token), role }]);
  return token;
}

/** Replaces an annotator's token with a fresh one and returns it; the old token stops working. */
export function rotateAnnotator(path: string, name: string): string {
  const { list } = readList(path);
  const who = list.find((a) => a.name === name);
  if (!who) throw new Error(`${path}: no annotator ${name}`);
  const token = newToken();
  writeList(path, list.map((a) => (a.name === name ? { ...a, token_sha256: tokenHash(token) } : a)));
  return token;
}

/** Removes an annotator: their token stops working (their saved labels stay in the store). */
export function revokeAnnotator(path: string, name: string) {
  const { list } = readList(path);
  if (!list.some((a) => a.name === name)) throw new Error(`${path}: no annotator ${name}`);
  writeList(path, list.filter((a) => a.name !== name));
}

/**
 * The annotators of a file, looked up by token: the token's hash is compared
 * with every entry in constant time. The file is checked for changes at
 * most every `recheckMs`; a broken rewrite keeps the last good list (and says so).
 */
export function loadAnnotators(path: string, recheckMs = 1000) {
  let { list, legacy } = readList(path);
  if (legacy) {
    writeList(path, list);
    console.error(`${path}: clear tokens replaced by their SHA-256 (the tokens themselves still work)`);
  }
  const stamp = () => {
    const s = Deno.statSync(path);
    return `${s.ino}:${s.size}:${s.mtime?.getTime()}`;
  };
  let seen = (() => {
    try {
      return stamp();
    } catch {
      return "";
    }
  })();
  let checked = Date.now();
  const refresh = () => {
    if (Date.now() - checked < recheckMs) return;
    checked = Date.now();
    try {
      const now = stamp();
      if (now === seen) return;
      seen = now;
      list = readList(path).list;
    } catch (e) {
      console.error(`annotators: keeping the last good list: ${(e as Error).message}`);
    }
  };
  return {
    get list(): Annotator[] {
      refresh();
      return list;
    },
    byToken(token: string | null | undefined): Annotator | null {
      if (!token) return null;
      refresh();
      const presented = Buffer.from(tokenHash(token), "hex");
      let found: Annotator | null = null;
      for (const a of list) {
        if (timingSafeEqual(presented, Buffer.from(a.token_sha256, "hex")) && !found) found = a;
      }
      return found;
    },
  };
}
