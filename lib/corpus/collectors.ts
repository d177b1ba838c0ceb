/**
 * Who gathered each offer: the `collected_from` field that France Travail
 * extracts carry (the public repository an offer was taken from), or the
 * file's name where a record has none. Scores that leave one collector out
 * use it to test on offers gathered by someone the training never saw.
 *
 * @example
 * ```ts
 * const collectors = await collectorsOf(["offres-ft-api-v2-2024.jsonl", "offres-ft-occupations.jsonl"]);
 * collectors.get("9691606"); // "github:chuck-gcc/FranceTravailDb"
 * ```
 */
import { basename } from "node:path";
import { decodedLines } from "../base/mod.ts";
import { loadOffers } from "./load.ts";

/** The collector of every offer id the loader reads from the files (the first file giving an id wins, as loadOfferFiles keeps it). */
export async function collectorsOf(paths: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const path of paths) {
    const named = /\.jsonl?$/i.test(path) ? await collectedFrom(path) : new Map<string, string>();
    const { offers } = await loadOffers(path);
    for (const offer of offers) {
      if (!out.has(offer.id)) out.set(offer.id, named.get(offer.id) ?? basename(path));
    }
  }
  return out;
}

/** The non-empty `collected_from` of each record of a JSON-lines file, by its `id`. */
async function collectedFrom(path: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const { text, tooLong } of decodedLines(path, "utf-8", 4_000_000)) {
    const line = text.trim();
    if (tooLong || !line.startsWith("{")) continue;
    let record: { id?: unknown; collected_from?: unknown };
    try {
      record = JSON.parse(line);
    } catch {
      continue; // the loader quarantines it
    }
    if (
      record.id !== undefined && record.id !== null && typeof record.collected_from === "string" &&
      record.collected_from
    ) out.set(String(record.id), record.collected_from);
  }
  return out;
}
