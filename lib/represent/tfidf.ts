/**
 * TF-IDF over French word n-grams (and optionally character n-grams inside
 * words, accents removed), in the manner of scikit-learn's
 * TfidfVectorizer: hyper-parameters in the constructor, `fit` learns the
 * vocabulary and document frequencies, `transform` is pure. Tokens come
 * from `tokenize` (lower case, elisions split off, accents kept), stop
 * words removed; sublinear tf, smooth idf, L2-normalised rows.
 *
 * @example
 * ```ts
 * import { TfidfVectorizer } from "./tfidf.ts";
 * declare const texts: string[];
 * const tfidf = new TfidfVectorizer({ ngrams: [1, 2], minDf: 2 }).fit(texts);
 * const vectors = tfidf.transform(texts);
 * ```
 */
import { isStopword, PairMap, tokenize, Vocabulary } from "../text/mod.ts";
import type { SparseVector } from "./sparse.ts";
import { stripAccents, withDefaults } from "../base/mod.ts";

/** Hyper-parameters of {@link TfidfVectorizer}. */
export interface TfidfOptions {
  /** Smallest and largest n-gram length. @default [1, 2] */
  ngrams?: [number, number];
  /** Ignore terms in fewer documents than this. @default 2 */
  minDf?: number;
  /** Ignore terms in more than this share of documents. @default 0.95 */
  maxDfShare?: number;
  /** Keep at most this many terms (most frequent first). @default 50000 */
  maxFeatures?: number;
  /** Use 1 + log(tf). @default true */
  sublinearTf?: boolean;
  /** Also character n-grams of this length range inside words (elision- and typo-robust); null for none. @default null */
  charNgrams?: [number, number] | null;
}

/** Batches of up to this many texts are remembered (an offer's sentences fit; a training set does not). */
const MEMO_TEXTS = 256;

/** A fitted TF-IDF model. */
export class TfidfVectorizer {
  readonly options: Required<TfidfOptions>;
  vocabulary = new Map<string, number>();
  idf = new Float32Array(0);

  constructor(options: TfidfOptions = {}) {
    this.options = withDefaults<Required<TfidfOptions>>({
      ngrams: [1, 2],
      minDf: 2,
      maxDfShare: 0.95,
      maxFeatures: 50_000,
      sublinearTf: true,
      charNgrams: null,
    }, options);
  }

  /** The words a text is made of (stop words and one-letter words out). */
  #words(text: string): string[] {
    return tokenize(text).filter((t) => t.length > 1 && !isStopword(t));
  }

  /** The character n-grams of one word (accents removed, padded with spaces). */
  #charGrams(word: string): string[] {
    const out: string[] = [];
    if (!this.options.charNgrams) return out;
    const [cl, ch] = this.options.charNgrams;
    const padded = ` ${stripAccents(word)} `;
    for (let n = cl; n <= ch; n++) {
      for (let i = 0; i + n <= padded.length; i++) out.push("#" + padded.slice(i, i + n));
    }
    return out;
  }

  /** The n-gram terms of a text. */
  terms(text: string): string[] {
    const words = this.#words(text);
    const [lo, hi] = this.options.ngrams;
    const out: string[] = [];
    for (let n = lo; n <= hi; n++) {
      for (let i = 0; i + n <= words.length; i++) out.push(words.slice(i, i + n).join(" "));
    }
    for (const w of words) for (const g of this.#charGrams(w)) out.push(g);
    return out;
  }

  // transform's caches, keyed by word ids of an interning tokenizer (no string is built for a known word):
  // per word, whether it is kept and the vocabulary indices of its unigram and character n-grams;
  // per pair of kept words, the vocabulary index of the bigram (-1 when absent).
  #ids = new Vocabulary();
  #kept: number[] = [];
  #features: Int32Array[] = [];
  #bigrams = new PairMap();
  #counts = new Float64Array(0);

  #prepare(id: number) {
    while (this.#kept.length <= id) {
      const w = this.#ids.word(this.#kept.length);
      const keep = w.length > 1 && !isStopword(w);
      this.#kept.push(keep ? 1 : 0);
      const ids: number[] = [];
      if (keep) {
        if (this.options.ngrams[0] <= 1) {
          const u = this.vocabulary.get(w);
          if (u !== undefined) ids.push(u);
        }
        for (const g of this.#charGrams(w)) {
          const i = this.vocabulary.get(g);
          if (i !== undefined) ids.push(i);
        }
      }
      this.#features.push(Int32Array.from(ids));
    }
  }

  /** Learns the vocabulary and idf; returns this. */
  fit(texts: string[]): this {
    const df = new Map<string, number>();
    for (const text of texts) for (const t of new Set(this.terms(text))) df.set(t, (df.get(t) ?? 0) + 1);
    const maxDf = this.options.maxDfShare * texts.length;
    const kept = [...df].filter(([, d]) => d >= this.options.minDf && d <= maxDf)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, this.options.maxFeatures)
      .sort((a, b) => (a[0] < b[0] ? -1 : 1));
    this.vocabulary = new Map(kept.map(([t], i) => [t, i]));
    this.idf = Float32Array.from(kept, ([, d]) => Math.log((1 + texts.length) / (1 + d)) + 1);
    return this;
  }

  /**
   * Whether `other` gives the same vectors as this one: the same options,
   * terms (in the same order) and idf — two models fitted on the same texts
   * with the same options. Such models can share one vectorizer.
   */
  sameAs(other: TfidfVectorizer): boolean {
    if (other === this) return true;
    if (
      JSON.stringify(other.options) !== JSON.stringify(this.options) ||
      other.vocabulary.size !== this.vocabulary.size
    ) return false;
    if (other.idf.length !== this.idf.length || other.idf.some((v, i) => v !== this.idf[i])) return false;
    const theirs = other.vocabulary.entries();
    for (const [term, index] of this.vocabulary) {
      const [t, i] = theirs.next().value!;
      if (t !== term || i !== index) return false;
    }
    return true;
  }

  // the last small batch transformed (one offer, or one offer's sentences) and its vectors: models sharing this
  // vectorizer read one offer in turn, so the second finds the first's vectors
  #last: { texts: string[]; vectors: SparseVector[] } | null = null;

  /** L2-normalised TF-IDF vectors of texts (a vector returned is shared: do not change it). */
  transform(texts: string[]): SparseVector[] {
    const last = this.#last;
    if (last && last.texts.length === texts.length && texts.every((t, k) => t === last.texts[k])) {
      return last.vectors;
    }
    const vectors = this.#transform(texts);
    if (texts.length <= MEMO_TEXTS) this.#last = { texts: [...texts], vectors };
    return vectors;
  }

  #transform(texts: string[]): SparseVector[] {
    const [lo, hi] = this.options.ngrams;
    if (this.#counts.length !== this.vocabulary.size) this.#counts = new Float64Array(this.vocabulary.size);
    const counts = this.#counts; // dense accumulator, kept between calls: every count is reset through `touched`
    const touched: number[] = [];
    const bump = (i: number) => {
      if (counts[i] === 0) touched.push(i);
      counts[i]++;
    };
    return texts.map((text) => {
      const all = this.#ids.ids(text);
      if (this.#bigrams.size > 5_000_000) this.#bigrams.clear(); // bounded memory on endless streams
      const ids: number[] = [];
      for (const id of all) {
        if (id >= this.#kept.length) this.#prepare(id);
        if (this.#kept[id]) ids.push(id);
      }
      for (const id of ids) for (const i of this.#features[id]) bump(i); // unigrams and character n-grams
      for (let n = Math.max(2, lo); n <= hi; n++) {
        for (let k = 0; k + n <= ids.length; k++) {
          let i: number | undefined;
          if (n === 2) {
            i = this.#bigrams.get(ids[k], ids[k + 1]);
            if (i === undefined) {
              i = this.vocabulary.get(this.#ids.word(ids[k]) + " " + this.#ids.word(ids[k + 1])) ?? -1;
              this.#bigrams.set(ids[k], ids[k + 1], i);
            }
          } else i = this.vocabulary.get(ids.slice(k, k + n).map((x) => this.#ids.word(x)).join(" ")) ?? -1;
          if (i >= 0) bump(i);
        }
      }
      const indices = Int32Array.from(touched).sort();
      const values = new Float32Array(indices.length);
      for (let k = 0; k < indices.length; k++) {
        const i = indices[k];
        values[k] = (this.options.sublinearTf ? 1 + Math.log(counts[i]) : counts[i]) * this.idf[i];
        counts[i] = 0;
      }
      let norm = 0;
      for (let k = 0; k < values.length; k++) norm += values[k] * values[k];
      touched.length = 0;
      norm = Math.sqrt(norm);
      if (norm > 0) { for (let k = 0; k < values.length; k++) values[k] /= norm; }
      return { indices, values };
    });
  }

  /** The fitted state, for saving (see fromJSON). */
  toJSON() {
    return { options: this.options, terms: [...this.vocabulary.keys()], idf: [...this.idf] };
  }

  /** A vectorizer restored from toJSON() output. */
  static fromJSON(json: ReturnType<TfidfVectorizer["toJSON"]>): TfidfVectorizer {
    const v = new TfidfVectorizer(json.options);
    v.vocabulary = new Map(json.terms.map((t, i) => [t, i]));
    v.idf = Float32Array.from(json.idf);
    return v;
  }

  /** Number of features. */
  get dimension(): number {
    return this.vocabulary.size;
  }

  /** fit then transform. */
  fitTransform(texts: string[]): SparseVector[] {
    return this.fit(texts).transform(texts);
  }
}
