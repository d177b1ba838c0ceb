/**
 * Word n-gram hashing exactly as scikit-learn's
 * `HashingVectorizer(n_features=2**bits, ngram_range=(1, 2),
 * alternate_sign=True, norm="l2")` computes it: lower-cased text, tokens
 * of two or more word characters (`(?u)\b\w\w+\b`), n-grams joined by a
 * space, MurmurHash3 of their UTF-8 bytes → bucket |h| mod 2^bits with the
 * hash's sign, counts summed, L2 norm. A linear model trained on these
 * features can be applied by either implementation with the same result.
 *
 * Fast: one scan of the lower-cased text writes the tokens' UTF-8 bytes into
 * a reusable buffer and counts go to a reusable dense array, so featurising
 * an offer allocates almost nothing.
 *
 * @example
 * ```ts
 * import { WordHashing } from "./word_hashing.ts";
 * const h = new WordHashing({ bits: 18 });
 * h.vector("Télétravail possible").indices.length; // 3: two words, one bigram
 * ```
 */
import { murmur3 } from "./murmur.ts";
import type { SparseVector } from "./sparse.ts";

/** Hyper-parameters of {@link WordHashing}. */
export interface WordHashingOptions {
  /** 2^bits buckets. @default 18 */
  bits?: number;
  /** Longest word n-gram (1 or 2). @default 2 */
  maxNgram?: 1 | 2;
}

/** Word characters of sklearn's default token_pattern `(?u)\b\w\w+\b` (Python's \w: letters, digits, underscore). */
const WORD_CHAR = /[\p{L}\p{N}_]/u;
const BMP_WORD = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) {
  if (c < 0xd800 || c >= 0xe000) BMP_WORD[c] = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 0;
}

/** Lower case of each UTF-16 unit where it is one unit and context-free; 0 where `toLowerCase` must decide (İ, Σ, surrogates). */
const BMP_LOWER = new Uint16Array(65536);
for (let c = 0; c < 65536; c++) {
  if (c >= 0xd800 && c < 0xe000) continue;
  const lower = String.fromCharCode(c).toLowerCase();
  if (lower.length === 1 && c !== 0x03a3) BMP_LOWER[c] = lower.charCodeAt(0);
}

/** A stateless featuriser (nothing to fit) with buffers that only speed it up. */
export class WordHashing {
  readonly bits: number;
  readonly maxNgram: 1 | 2;
  readonly dimension: number;
  #buffer = new Uint8Array(4096);
  #starts = new Int32Array(1024);
  #ends = new Int32Array(1024);
  /** The offer's buckets in first-seen order, their signed counts, then their values. */
  #touched = new Int32Array(1024);
  #counts = new Float64Array(1024);
  #values = new Float64Array(1024);
  #size = 0;
  /** Open-addressing table bucket -> position in #touched, valid where #slotCall equals #call: small enough to stay in cache. */
  #slotBucket = new Int32Array(4096);
  #slotPosition = new Int32Array(4096);
  #slotCall = new Uint32Array(4096);
  #call = 0;

  constructor(options: WordHashingOptions = {}) {
    this.bits = options.bits ?? 18;
    this.maxNgram = options.maxNgram ?? 2;
    if (!Number.isInteger(this.bits) || this.bits < 4 || this.bits > 26) {
      throw new Error(`bits must be an integer in 4..26, got ${this.bits}`);
    }
    this.dimension = 2 ** this.bits;
  }

  /** Makes room for `grams` n-grams: lists that long, a table at least twice as large (a power of two). */
  #reserve(grams: number) {
    if (this.#touched.length < grams) {
      this.#touched = new Int32Array(grams * 2);
      this.#counts = new Float64Array(grams * 2);
      this.#values = new Float64Array(grams * 2);
    }
    if (this.#slotCall.length < grams * 2) {
      let size = this.#slotCall.length;
      while (size < grams * 2) size *= 2;
      this.#slotBucket = new Int32Array(size);
      this.#slotPosition = new Int32Array(size);
      this.#slotCall = new Uint32Array(size);
      this.#call = 0;
    }
  }

  /**
   * Counts the n-grams of `text` and returns the touched buckets (in the
   * order first seen) and their L2-normalised values, valid until the next
   * call. The fast path behind {@link vector} and bulk prediction: the
   * lower-cased tokens are written as UTF-8 into one byte buffer, separated
   * by one space, so a unigram is a byte range and a bigram the range from
   * one token's start to the next one's end; counts go to a small table
   * that stays in cache, not to a 2^bits array.
   */
  features(text: string): { size: number; indices: Int32Array; values: Float64Array } {
    let s = text;
    for (let i = 0; i < s.length; i++) {
      if (BMP_LOWER[s.charCodeAt(i)] === 0 && s.charCodeAt(i) !== 0) { // İ, Σ or a surrogate: the full Unicode rule
        s = text.toLowerCase();
        break;
      }
    }
    const lower = s !== text ? null : BMP_LOWER;
    if (this.#buffer.length < s.length * 4 + 8) this.#buffer = new Uint8Array(s.length * 8 + 64);
    if (this.#starts.length < s.length + 1) {
      this.#starts = new Int32Array(s.length + 64);
      this.#ends = new Int32Array(s.length + 64);
    }
    const buf = this.#buffer, starts = this.#starts, ends = this.#ends;
    let p = 0, tokens = 0, inToken = false, tokenStart = 0, codePoints = 0;
    for (let i = 0; i <= s.length; i++) {
      let c = i < s.length ? s.charCodeAt(i) : 32;
      if (lower) c = lower[c];
      let word: number;
      let width = 1;
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(i + 1) - 0xdc00);
        word = WORD_CHAR.test(String.fromCodePoint(c)) ? 1 : 0;
        width = 2;
      } else word = BMP_WORD[c];
      if (word) {
        if (!inToken) {
          inToken = true;
          codePoints = 0;
          if (tokens > 0) buf[p++] = 0x20;
          tokenStart = p;
        }
        codePoints++;
        if (c < 0x80) buf[p++] = c;
        else if (c < 0x800) {
          buf[p++] = 0xc0 | (c >> 6);
          buf[p++] = 0x80 | (c & 63);
        } else if (c < 0x10000) {
          buf[p++] = 0xe0 | (c >> 12);
          buf[p++] = 0x80 | ((c >> 6) & 63);
          buf[p++] = 0x80 | (c & 63);
        } else {
          buf[p++] = 0xf0 | (c >> 18);
          buf[p++] = 0x80 | ((c >> 12) & 63);
          buf[p++] = 0x80 | ((c >> 6) & 63);
          buf[p++] = 0x80 | (c & 63);
        }
      } else if (inToken) {
        inToken = false;
        if (codePoints >= 2) {
          starts[tokens] = tokenStart;
          ends[tokens++] = p;
        } else p = tokens > 0 ? tokenStart - 1 : 0; // one-character tokens do not count
      }
      i += width - 1;
    }
    this.#reserve(2 * tokens);
    if (++this.#call === 0xffffffff) {
      this.#slotCall.fill(0);
      this.#call = 1;
    }
    const call = this.#call,
      slotCall = this.#slotCall,
      slotBucket = this.#slotBucket,
      slotPosition = this.#slotPosition;
    const touched = this.#touched, counts = this.#counts, mask = slotCall.length - 1;
    const n = this.dimension, low = n - 1, bigrams = this.maxNgram === 2;
    let size = 0;
    for (let k = 0; k < tokens; k++) {
      for (let first = k; first >= (bigrams ? Math.max(0, k - 1) : k); first--) { // the unigram k, then the bigram (k - 1, k)
        const h = murmur3(buf, ends[k] - starts[first], 0, starts[first]);
        // bucket |h| mod 2^bits (scikit-learn's rule), sign of h; counted in first-seen order
        const index = h === -2147483648 ? (2147483647 - low) % n : (h < 0 ? -h : h) & low;
        let slot = index & mask;
        while (slotCall[slot] === call && slotBucket[slot] !== index) slot = (slot + 1) & mask;
        if (slotCall[slot] === call) counts[slotPosition[slot]] += h >= 0 ? 1 : -1;
        else {
          slotCall[slot] = call;
          slotBucket[slot] = index;
          slotPosition[slot] = size;
          touched[size] = index;
          counts[size++] = h >= 0 ? 1 : -1; // listed once even when its signed count comes back to 0
        }
      }
    }
    this.#size = size;
    let norm = 0;
    for (let k = 0; k < size; k++) norm += counts[k] ** 2;
    norm = Math.sqrt(norm) || 1;
    const values = this.#values;
    for (let k = 0; k < size; k++) values[k] = counts[k] / norm;
    return { size: this.#size, indices: this.#touched, values };
  }

  /** The feature vector of a text (indices sorted), for training. */
  vector(text: string): SparseVector {
    const { size, indices, values } = this.features(text);
    const order = Array.from({ length: size }, (_, k) => k).sort((a, b) => indices[a] - indices[b]);
    return {
      indices: Int32Array.from(order, (k) => indices[k]),
      values: Float32Array.from(order, (k) => values[k]),
    };
  }

  /** Feature vectors of texts. */
  transform(texts: string[]): SparseVector[] {
    return texts.map((t) => this.vector(t));
  }

  toJSON() {
    return {
      kind: "word-hashing",
      bits: this.bits,
      maxNgram: this.maxNgram,
      sklearn: {
        n_features: this.dimension,
        ngram_range: [1, this.maxNgram],
        alternate_sign: true,
        norm: "l2",
        lowercase: true,
      },
    };
  }
}
