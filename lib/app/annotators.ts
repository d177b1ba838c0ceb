/**
 * Annotators of the labelling app: a JSON file of personal tokens
 * (`[{"name": "alice", "token": "...", "role": "annotator" | "admin"}]`).
 * No token, no access; an annotator sees and changes only their own labels;
 * an admin also adjudicates.
 *
 * @example
 * ```ts
 * import { addAnnotator, loadAnnotators } from "./annotators.ts";
 * const token = await addAnnotator("data/annotators.json", "alice", "annotator");
 * (await loadAnnotators("data/annotators.json")).byToken(token)?.name; // "alice"
 * ```
 */

/** One person allowed in. */
export interface Annotator {
  name: string;
  token: string;
  role: "annotator" | "admin";
}

function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (c) => ({ "+": "-", "/": "_", "=": "" })[c]!);
}

async function readFile(path: string): Promise<Annotator[]> {
  try {
    const list = JSON.parse(await Deno.readTextFile(path));
    if (!Array.isArray(list)) throw new Error("expected a JSON array");
    list.forEach((a, i) => {
      if (typeof a?.name !== "string" || !/^[\w.-]{1,40}$/.test(a.name)) throw new Error(`entry ${i}: "name" must be 1-40 letters, digits, . _ -`);
      if (typeof a.token !== "string" || a.token.length < 16) throw new Error(`entry ${i}: "token" must be at least 16 characters`);
      if (a.role !== "annotator" && a.role !== "admin") throw new Error(`entry ${i}: "role" must be "annotator" or "admin"`);
    });
    return list;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw new Error(`${path}: ${(e as Error).message}`);
  }
}

/** Adds an annotator with a fresh token (or returns the existing one's token). */
export async function addAnnotator(path: string, name: string, role: Annotator["role"]): Promise<string> {
  const list = await readFile(path);
  const existing = list.find((a) => a.name === name);
  if (existing) return existing.token;
  const token = newToken();
  list.push({ name, token, role });
  await Deno.writeTextFile(path, JSON.stringify(list, null, 2) + "\n", { mode: 0o600 });
  return token;
}

/** The annotators of a file, looked up by token in constant time per comparison. */
export async function loadAnnotators(path: string) {
  const list = await readFile(path);
  const encoder = new TextEncoder();
  const same = (a: string, b: string) => {
    const x = encoder.encode(a), y = encoder.encode(b);
    let diff = x.length ^ y.length;
    for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
    return diff === 0;
  };
  return {
    list,
    byToken(token: string | null | undefined): Annotator | null {
      if (!token) return null;
      return list.find((a) => same(a.token, token)) ?? null;
    },
  };
}
