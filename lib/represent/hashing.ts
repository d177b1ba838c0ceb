/**
 * The hashing trick: word n-grams (and optionally character n-grams) mapped
 * to 2^bits buckets with a signed hash, sublinear tf, L2 norm. No
 * vocabulary: memory does not grow with the corpus, and any process
 * transforms any offer the same way — what labelling 6M offers needs.
 *
 * @example
 * ```ts
 * import { HashingVectorizer } from "./hashing.ts";
 * const v = new HashingVectorizer({ bits: 18 });
 * v.transform(["Télétravail possible"])[0].indices.length; // 2 (+ bigram)
 * ```
 */
import { fnv1a, stripAccents, withDefaults } from "../base/mod.ts";
import { isStopword, tokenize } from "../text/mod.ts";
import type { SparseVector } from "./sparse.ts";

/** Hyper-parameters of {@link HashingVectorizer}. */
export interface HashingOptions {
  /** Number of buckets is 2^bits. @default 18 */
  bits?: number;
  /** Word n-gram lengths. @default [1, 2] */
  ngrams?: [number, number];
  /** Character n-grams inside words, or null. @default null */
  charNgrams?: [number, number] | null;
}

/** A stateless vectorizer (nothing to fit). */
export class HashingVectorizer {
  readonly options: Required<HashingOptions>;
  constructor(options: HashingOptions = {}) {
    this.options = withDefaults<Required<HashingOptions>>(
      { bits: 18, ngrams: [1, 2], charNgrams: null },
      options,
    );
  }

  get dimension(): number {
    return 2 ** this.options.bits;
  }

  /** Vectors of texts. */
  transform(texts: string[]): SparseVector[] {
    const mask = this.dimension - 1;
    return texts.map((text) => {
      const words = tokenize(text).filter((t) => t.length > 1 && !isStopword(t));
      const counts = new Map<number, number>();
      const add = (term: string) => {
        const h = fnv1a(term);
        const bucket = h & mask;
        const sign = (h >>> 31) === 1 ? -1 : 1;
        counts.set(bucket, (counts.get(bucket) ?? 0) + sign);
      };
      const [lo, hi] = this.options.ngrams;
      for (let n = lo; n <= hi; n++) {
        for (let i = 0; i + n <= words.length; i++) add(words.slice(i, i + n).join(" "));
      }
      if (this.options.charNgrams) {
        const [cl, ch] = this.options.charNgrams;
        for (const w of words) {
          const padded = ` ${stripAccents(w)} `;
          for (let n = cl; n <= ch; n++) {
            for (let i = 0; i + n <= padded.length; i++) add("#" + padded.slice(i, i + n));
          }
        }
      }
      const indices = Int32Array.from([...counts.keys()].filter((k) => counts.get(k) !== 0)).sort();
      const values = Float32Array.from(indices, (i) => {
        const c = counts.get(i)!;
        return Math.sign(c) * (1 + Math.log(Math.abs(c)));
      });
      let norm = 0;
      for (const v of values) norm += v * v;
      norm = Math.sqrt(norm) || 1;
      for (let k = 0; k < values.length; k++) values[k] /= norm;
      return { indices, values };
    });
  }

  toJSON() {
    return { options: this.options };
  }

  static fromJSON(json: { options: HashingOptions }): HashingVectorizer {
    return new HashingVectorizer(json.options);
  }
}
