/**
 * Exact and near-duplicate detection for job offers. Exact: the same
 * canonical text. Near: MinHash over word 3-shingles with LSH banding
 * (16 hashes in 4 bands of 4), confirmed when the estimated Jaccard
 * similarity is at least `threshold`. Offers are compared with the ones
 * added before them, so the first of a group is the original.
 *
 * @example
 * ```ts
 * import { DuplicateDetector } from "./dedup.ts";
 * const d = new DuplicateDetector();
 * d.add("a", "Vendeur H/F à Lyon, CDI...");
 * d.add("b", "Vendeur H/F à Lyon, CDI..."); // { kind: "exact", of: "a" }
 * ```
 */
import { tokenize } from "../text/mod.ts";
import { fnv1a } from "../base/mod.ts";

/** What add() found. */
export interface DuplicateMatch {
  kind: "exact" | "near";
  /** id of the earlier offer. */
  of: string;
  /** Estimated Jaccard similarity (1 for exact). */
  similarity: number;
}

/** Number of MinHash functions in a signature. */
export const HASHES = 16;
const BANDS = 4;
const ROWS = HASHES / BANDS;
// Fixed odd multipliers and offsets of the 16 hash functions (a*x + b mod 2^32).
const A = Uint32Array.from({ length: HASHES }, (_, k) => (0x9e3779b1 * (k + 1) + 0x7f4a7c15 * k) | 1);
const B = Uint32Array.from({ length: HASHES }, (_, k) => Math.imul(0x85ebca6b, k + 7) >>> 0);

/** A 53-bit hash of a whole text (two FNV-1a hashes with different seeds, in one pass). */
export function textHash(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x2545f491;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

/**
 * Each text once: the first item of every text hash, in order, and how many
 * reposts were set aside. The project's rule for every stage after stage 1:
 * a text posted several times (same cleaned text) counts once.
 *
 * @example
 * ```ts
 * import type { Offer } from "./schema.ts";
 * import { readLabelled } from "../bulk/mod.ts";
 * declare const offers: Offer[];
 * const { items, repeated } = distinctTexts(offers, (o) => textHash(o.text));
 * const base = distinctTexts(await readLabelled("data/labelled"), (o) => o.text_hash).items;
 * ```
 */
export function distinctTexts<T>(all: T[], hashOf: (item: T) => number): { items: T[]; repeated: number } {
  const seen = new Set<number>();
  const items = all.filter((x) => {
    const h = hashOf(x);
    if (seen.has(h)) return false;
    seen.add(h);
    return true;
  });
  return { items, repeated: all.length - items.length };
}

/** The MinHash signature of a token list (word 3-shingles). */
export function minhash(tokens: string[]): Uint32Array {
  return minhashOfHashes(tokens.map((t) => fnv1a(t)));
}

/** The MinHash signature from the tokens' {@link fnv1a} hashes (callers that cache token hashes use this). */
export function minhashOfHashes(hashes: ArrayLike<number>): Uint32Array {
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  const n = Math.max(1, hashes.length - 2);
  for (let i = 0; i < n; i++) {
    const x = (Math.imul(hashes[i] ?? 0, 0x01000193) ^ Math.imul(hashes[i + 1] ?? 0, 0x5bd1e995) ^
      (hashes[i + 2] ?? 0)) >>> 0;
    for (let k = 0; k < HASHES; k++) {
      const v = (Math.imul(A[k], x) + B[k]) >>> 0;
      if (v < sig[k]) sig[k] = v;
    }
  }
  return sig;
}

/** Finds exact and near duplicates among offers added one by one. */
export class DuplicateDetector {
  #exact = new Map<number, number>();
  #bands = Array.from({ length: BANDS }, () => new Map<number, number>());
  #ids: string[] = [];
  #signatures = new Uint32Array(HASHES * 1024);
  counts = { offers: 0, exact: 0, near: 0 };

  /** @param threshold minimum estimated Jaccard similarity of a near duplicate. @default 0.7 */
  constructor(readonly threshold = 0.7) {}

  /** Adds an offer; returns the earlier offer it repeats, or null. `tokens` saves re-tokenising. */
  add(id: string, text: string, tokens?: string[]): DuplicateMatch | null {
    return this.addFeatures(id, textHash(text), minhash(tokens ?? tokenize(text)));
  }

  /** Adds an offer by its precomputed {@link textHash} and {@link minhash} (computed elsewhere, e.g. in a worker). */
  addFeatures(id: string, h: number, sig: Uint32Array): DuplicateMatch | null {
    const index = this.#ids.length;
    this.#ids.push(id);
    this.counts.offers++;
    const first = this.#exact.get(h);
    if (index * HASHES >= this.#signatures.length) {
      const grown = new Uint32Array(this.#signatures.length * 2);
      grown.set(this.#signatures);
      this.#signatures = grown;
    }
    if (first !== undefined) {
      this.#signatures.copyWithin(index * HASHES, first * HASHES, (first + 1) * HASHES);
      this.counts.exact++;
      return { kind: "exact", of: this.#ids[first], similarity: 1 };
    }
    this.#exact.set(h, index);
    this.#signatures.set(sig, index * HASHES);
    let best: DuplicateMatch | null = null;
    for (let b = 0; b < BANDS; b++) {
      let key = 0x811c9dc5;
      for (let r = 0; r < ROWS; r++) key = Math.imul(key ^ sig[b * ROWS + r], 0x01000193);
      key = key >>> 0;
      const other = this.#bands[b].get(key);
      if (other === undefined) this.#bands[b].set(key, index);
      else if (!best) {
        const similarity = agreement(sig, this.#signatures.subarray(other * HASHES, (other + 1) * HASHES));
        if (similarity >= this.threshold) best = { kind: "near", of: this.#ids[other], similarity };
      }
    }
    if (best) this.counts.near++;
    return best;
  }

  /** Shares of exact and near duplicates among the offers added. */
  shares(): { exact: number; near: number; any: number } {
    const n = Math.max(1, this.counts.offers);
    return {
      exact: this.counts.exact / n,
      near: this.counts.near / n,
      any: (this.counts.exact + this.counts.near) / n,
    };
  }
}

function agreement(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) same++;
  return same / HASHES;
}
