/**
 * Word vectors learnt from the offers themselves: skip-gram with negative
 * sampling over subword units, as fastText does (Bojanowski et al., 2017).
 * A word is the mean of its own vector and of its character 3- to 5-grams'
 * (hashed into buckets), so unseen and misspelt words still get one. One
 * seeded thread, deterministic: the same texts and options give the same
 * vectors. A phrase ("sens de l'écoute") is the mean of its content words'
 * unit vectors.
 *
 * @example
 * ```ts
 * import { WordVectors } from "./word_vectors.ts";
 * declare const texts: string[];
 * const wv = new WordVectors({ dimension: 64, epochs: 5 }).fit(texts);
 * wv.similarity("écoute", "empathie"); // cosine of the two words' vectors
 * wv.phrase("esprit d'équipe"); // Float32Array, unit length
 * ```
 */
import { isStopword, tokenize } from "../text/mod.ts";
import { fnv1a, fromBase64, toBase64, withDefaults } from "../base/mod.ts";

/** Hyper-parameters of {@link WordVectors}. */
export interface WordVectorOptions {
  /** Size of a vector. @default 64 */
  dimension?: number;
  /** Context words on each side (the window drawn uniformly in 1..window). @default 5 */
  window?: number;
  /** Negative samples per context word. @default 5 */
  negatives?: number;
  /** Words seen fewer times get no vector of their own (their n-grams still count). @default 3 */
  minCount?: number;
  /** Passes over the texts. @default 5 */
  epochs?: number;
  /** Shortest and longest character n-gram (of "<word>"); maxN 0 turns subwords off. @default 3, 5 */
  minN?: number;
  maxN?: number;
  /** Hash buckets shared by the n-grams. @default 2^17 */
  buckets?: number;
  /** Starting learning rate, decayed linearly to 0. @default 0.05 */
  learningRate?: number;
  /** Frequent words are kept with probability sqrt(t / f) + t / f. @default 1e-4 */
  subsample?: number;
  /** @default 42 */
  seed?: number;
}

type Options = Required<WordVectorOptions>;

/** A fast seeded generator (xorshift32) for the training loop. */
class Xorshift {
  #s: number;
  constructor(seed: number) {
    this.#s = (seed | 0) || 1;
  }
  /** Uniform integer in 0..2^32-1. */
  next(): number {
    let s = this.#s;
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    this.#s = s;
    return s >>> 0;
  }
  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }
}

const sigmoid = (x: number) => (x > 8 ? 1 : x < -8 ? 0 : 1 / (1 + Math.exp(-x)));

/** The tokens a text is read as: lower case, elisions off, no numbers. */
export function wordTokens(text: string): string[] {
  return tokenize(text, { minLength: 1 });
}

/** The words a phrase is averaged over: its tokens less stop words and single letters. */
export function contentWords(text: string): string[] {
  return wordTokens(text).filter((t) => !isStopword(t) && t.length > 1);
}

/** The fitted vectors. */
interface Fitted {
  words: string[];
  index: Map<string, number>;
  /** Input rows: one per word, then one per bucket. */
  input: Float32Array;
  counts: Int32Array;
}

/** Word vectors (see the module doc); fitted once `fit` has run. */
export class WordVectors {
  readonly options: Options;
  #fitted: Fitted | null = null;

  constructor(options: WordVectorOptions = {}) {
    this.options = withDefaults<Options>({
      dimension: 64,
      window: 5,
      negatives: 5,
      minCount: 3,
      epochs: 5,
      minN: 3,
      maxN: 5,
      buckets: 2 ** 17,
      learningRate: 0.05,
      subsample: 1e-4,
      seed: 42,
    }, options);
  }

  /** The input rows of a word: its own (when in the vocabulary) and its n-grams' buckets. */
  #rows(word: string, own: number): Int32Array {
    const { minN, maxN, buckets } = this.options;
    const rows: number[] = own >= 0 ? [own] : [];
    const vocabulary = this.#fitted?.words.length ?? 0;
    if (maxN > 0) {
      const w = `<${word}>`;
      for (let n = minN; n <= maxN; n++) {
        for (let i = 0; i + n <= w.length; i++) {
          if (n === w.length) continue; // the whole word is its own row
          rows.push(vocabulary + (fnv1a(w.slice(i, i + n)) % buckets));
        }
      }
    }
    return Int32Array.from(rows);
  }

  /** Learns the vectors from texts (each text one run of words: windows do not cross texts). */
  fit(texts: string[]): this {
    const o = this.options;
    const sentences = texts.map(wordTokens);
    const frequency = new Map<string, number>();
    for (const s of sentences) for (const w of s) frequency.set(w, (frequency.get(w) ?? 0) + 1);
    const words = [...frequency].filter(([, n]) => n >= o.minCount).sort((a, b) =>
      b[1] - a[1] || (a[0] < b[0] ? -1 : 1)
    ).map(([w]) => w);
    if (words.length < 2) {
      throw new Error(
        `only ${words.length} words seen ${o.minCount} times or more: too little text to learn word vectors from`,
      );
    }
    const index = new Map(words.map((w, i) => [w, i]));
    const counts = Int32Array.from(words, (w) => frequency.get(w)!);
    const d = o.dimension, V = words.length;
    const random = new Xorshift(o.seed);
    const input = new Float32Array((V + o.buckets) * d);
    for (let i = 0; i < input.length; i++) input[i] = (random.float() * 2 - 1) / d;
    this.#fitted = { words, index, input, counts };
    const output = new Float32Array(V * d);
    const subwords = words.map((w, i) => this.#rows(w, i));
    // negative sampling table: unigram counts to the power 3/4
    const tableSize = 1_000_000;
    const table = new Int32Array(tableSize);
    const powered = Array.from(counts, (c) => c ** 0.75);
    const norm = powered.reduce((a, b) => a + b, 0);
    for (let i = 0, w = 0, acc = powered[0] / norm; i < tableSize; i++) {
      table[i] = w;
      if (i / tableSize > acc && w < V - 1) acc += powered[++w] / norm;
    }
    const total = counts.reduce((a, b) => a + b, 0);
    const keep = Float64Array.from(counts, (c) => {
      const f = c / total;
      return Math.min(1, Math.sqrt(o.subsample / f) + o.subsample / f);
    });
    const ids = sentences.map((s) => Int32Array.from(s.map((w) => index.get(w) ?? -1).filter((i) => i >= 0)));
    const planned = o.epochs * ids.reduce((a, s) => a + s.length, 0);
    const h = new Float32Array(d), grad = new Float32Array(d);
    let seen = 0;
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      for (const sentence of ids) {
        const kept: number[] = [];
        for (const w of sentence) if (keep[w] >= 1 || random.float() < keep[w]) kept.push(w);
        seen += sentence.length;
        const lr = Math.max(o.learningRate * 1e-4, o.learningRate * (1 - seen / planned));
        for (let p = 0; p < kept.length; p++) {
          const rows = subwords[kept[p]];
          h.fill(0);
          for (const r of rows) for (let k = 0; k < d; k++) h[k] += input[r * d + k];
          for (let k = 0; k < d; k++) h[k] /= rows.length;
          const b = 1 + (random.next() % o.window);
          for (let q = Math.max(0, p - b); q <= Math.min(kept.length - 1, p + b); q++) {
            if (q === p) continue;
            grad.fill(0);
            for (let s = 0; s <= o.negatives; s++) {
              const target = s === 0 ? kept[q] : table[random.next() % tableSize];
              if (s > 0 && target === kept[q]) continue;
              const base = target * d;
              let dot = 0;
              for (let k = 0; k < d; k++) dot += h[k] * output[base + k];
              const g = lr * ((s === 0 ? 1 : 0) - sigmoid(dot));
              for (let k = 0; k < d; k++) {
                grad[k] += g * output[base + k];
                output[base + k] += g * h[k];
              }
            }
            // every row gets the whole gradient, as in fastText's skip-gram (only its supervised model divides it by the rows)
            for (const r of rows) for (let k = 0; k < d; k++) input[r * d + k] += grad[k];
          }
        }
      }
    }
    // buckets no word of the vocabulary uses were never trained: zero, not noise (and what a saved model holds)
    const used = new Uint8Array(V + o.buckets);
    for (const rows of subwords) for (const r of rows) used[r] = 1;
    for (let r = V; r < V + o.buckets; r++) if (!used[r]) input.fill(0, r * d, (r + 1) * d);
    return this;
  }

  get #parts(): Fitted {
    if (!this.#fitted) throw new Error("these word vectors are not fitted: call fit(texts) first");
    return this.#fitted;
  }

  /** The words that have a vector of their own, most frequent first. */
  get words(): readonly string[] {
    return this.#parts.words;
  }

  /** How often a word occurred in the texts learnt from (0 for a word seen fewer than `minCount` times). */
  count(word: string): number {
    const { index, counts } = this.#parts;
    const i = index.get(word.toLowerCase());
    return i === undefined ? 0 : counts[i];
  }

  /** The unit vector of a word (unseen words from their n-grams; a zero vector when it has none). */
  word(word: string): Float32Array {
    const { index, input } = this.#parts;
    const d = this.options.dimension;
    const rows = this.#rows(word.toLowerCase(), index.get(word.toLowerCase()) ?? -1);
    const v = new Float32Array(d);
    for (const r of rows) for (let k = 0; k < d; k++) v[k] += input[r * d + k];
    return unit(v);
  }

  /** The unit vector of a phrase: the mean of its content words' unit vectors (all its words when it has only stop words). */
  phrase(text: string): Float32Array {
    const tokens = wordTokens(text);
    const content = contentWords(text);
    const v = new Float32Array(this.options.dimension);
    for (const t of content.length ? content : tokens) {
      const w = this.word(t);
      for (let k = 0; k < v.length; k++) v[k] += w[k];
    }
    return unit(v);
  }

  /** Cosine similarity of two phrases (or words). */
  similarity(a: string, b: string): number {
    return cosine(this.phrase(a), this.phrase(b));
  }

  /** The `k` words of the vocabulary nearest to a phrase, with their similarity. */
  nearest(text: string, k = 10): { word: string; similarity: number }[] {
    const target = this.phrase(text);
    const own = new Set(wordTokens(text));
    return this.words.filter((w) => !own.has(w)).map((w) => ({
      word: w,
      similarity: cosine(target, this.word(w)),
    }))
      .sort((a, b) => b.similarity - a.similarity || (a.word < b.word ? -1 : 1)).slice(0, k);
  }

  /** The fitted vectors as JSON (the rows as base64 of float32 bytes; n-gram buckets never trained are left out). */
  toJSON() {
    const { words, input, counts } = this.#parts;
    const d = this.options.dimension;
    const used = new Set<number>();
    for (const [i, w] of words.entries()) for (const r of this.#rows(w, i)) used.add(r);
    const rows = [...used].sort((a, b) => a - b);
    const packed = new Float32Array(rows.length * d);
    rows.forEach((r, j) => packed.set(input.subarray(r * d, (r + 1) * d), j * d));
    return {
      kind: "word-vectors",
      options: this.options,
      words,
      counts: Array.from(counts),
      rows: toBase64(Int32Array.from(rows)),
      vectors: toBase64(packed),
    };
  }

  static fromJSON(json: ReturnType<WordVectors["toJSON"]>): WordVectors {
    const wv = new WordVectors(json.options);
    const d = wv.options.dimension, V = json.words.length;
    const input = new Float32Array((V + wv.options.buckets) * d);
    const rows = new Int32Array(fromBase64(json.rows).buffer),
      packed = new Float32Array(fromBase64(json.vectors).buffer);
    rows.forEach((r, j) => input.set(packed.subarray(j * d, (j + 1) * d), r * d));
    wv.#fitted = {
      words: json.words,
      index: new Map(json.words.map((w, i) => [w, i])),
      input,
      counts: Int32Array.from(json.counts),
    };
    return wv;
  }
}

function unit(v: Float32Array): Float32Array {
  let n = 0;
  for (let k = 0; k < v.length; k++) n += v[k] * v[k];
  n = Math.sqrt(n);
  if (n > 0) { for (let k = 0; k < v.length; k++) v[k] /= n; }
  return v;
}

/**
 * Word vectors of a run's offers with the project's settings: 64 dimensions,
 * five passes, words seen 3 times or more (2 under 1,000 offers).
 *
 * @example
 * ```ts
 * import type { Offer } from "../corpus/mod.ts";
 * declare const offers: Offer[];
 * const wv = offerWordVectors(offers.map((o) => o.text), 42);
 * ```
 */
export function offerWordVectors(texts: string[], seed: number): WordVectors {
  return new WordVectors({ seed, minCount: texts.length < 1000 ? 2 : 3 }).fit(texts);
}

/** Cosine of two unit vectors. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * b[k];
  return s;
}
