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
 * const tfidf = new TfidfVectorizer({ ngrams: [1, 2], minDf: 2 }).fit(texts);
 * const vectors = tfidf.transform(texts);
 * ```
 */
import { isStopword } from "../text/stopwords.ts";
import { tokenize } from "../text/tokens.ts";
import { fromMap, l2normalise, type SparseVector } from "./sparse.ts";
import { withDefaults } from "../options.ts";

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

/** A fitted TF-IDF model. */
export class TfidfVectorizer {
  readonly options: Required<TfidfOptions>;
  vocabulary = new Map<string, number>();
  idf = new Float32Array(0);

  constructor(options: TfidfOptions = {}) {
    this.options = withDefaults<Required<TfidfOptions>>({ ngrams: [1, 2], minDf: 2, maxDfShare: 0.95, maxFeatures: 50_000, sublinearTf: true, charNgrams: null }, options);
  }

  /** The n-gram terms of a text. */
  terms(text: string): string[] {
    const words = tokenize(text).filter((t) => t.length > 1 && !isStopword(t));
    const [lo, hi] = this.options.ngrams;
    const out: string[] = [];
    for (let n = lo; n <= hi; n++) for (let i = 0; i + n <= words.length; i++) out.push(words.slice(i, i + n).join(" "));
    if (this.options.charNgrams) {
      const [cl, ch] = this.options.charNgrams;
      for (const w of words) {
        const padded = ` ${w.normalize("NFD").replace(/[\u0300-\u036f]/g, "")} `;
        for (let n = cl; n <= ch; n++) for (let i = 0; i + n <= padded.length; i++) out.push("#" + padded.slice(i, i + n));
      }
    }
    return out;
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

  /** L2-normalised TF-IDF vectors of texts. */
  transform(texts: string[]): SparseVector[] {
    return texts.map((text) => {
      const counts = new Map<number, number>();
      for (const t of this.terms(text)) {
        const i = this.vocabulary.get(t);
        if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
      }
      for (const [i, c] of counts) counts.set(i, (this.options.sublinearTf ? 1 + Math.log(c) : c) * this.idf[i]);
      return l2normalise(fromMap(counts));
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
