/**
 * A growing vocabulary that tokenises and interns in one pass: each word of
 * a text becomes an integer id without allocating a string for words seen
 * before (hash computed while scanning, compared in place). Gives exactly
 * the tokens of {@link tokenize} with default options. Used where millions
 * of offers are counted (stage-1 statistics, hashing features).
 *
 * @example
 * ```ts
 * import { Vocabulary } from "./vocabulary.ts";
 * const v = new Vocabulary();
 * const ids = v.ids("L'équipe et l'équipe");
 * ids.map((id) => v.word(id)); // ["équipe", "et", "équipe"]
 * ```
 */
import { tokenize } from "./tokens.ts";

const LETTER = /\p{L}|\p{N}/u;
const WORD_TABLE = new Uint8Array(0x250).map((_, c) => (LETTER.test(String.fromCharCode(c)) ? 1 : 0));

function isWordChar(c: number): boolean {
  return c < 0x250 ? WORD_TABLE[c] === 1 : LETTER.test(String.fromCharCode(c));
}

/** Token -> id table with per-id hash, for counting at scale. */
export class Vocabulary {
  #words: string[] = [];
  #hashes: number[] = [];
  #slots = new Int32Array(1 << 16); // id + 1, 0 = empty
  #mask = (1 << 16) - 1;

  /** Number of distinct words. */
  get size(): number {
    return this.#words.length;
  }

  /** The word of an id. */
  word(id: number): string {
    return this.#words[id];
  }

  /** The id of a word, adding it when new. */
  id(word: string): number {
    let h = 0x811c9dc5;
    for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), 0x01000193);
    return this.#lookup(word, 0, word.length, h >>> 0, true);
  }

  /** The ids of the tokens of a text (as tokenize(text) would give them). */
  ids(text: string): number[] {
    const s = text.toLowerCase();
    const n = s.length;
    const out: number[] = [];
    let i = 0;
    while (i < n) {
      while (i < n && !isWordChar(s.charCodeAt(i))) i++;
      if (i >= n) break;
      const start = i;
      let h = 0x811c9dc5;
      let digits = true;
      let apostrophe = false;
      for (;;) {
        while (i < n) {
          const c = s.charCodeAt(i);
          if (!isWordChar(c)) break;
          if (c < 48 || c > 57) digits = false;
          h = Math.imul(h ^ c, 0x01000193);
          i++;
        }
        const c = s.charCodeAt(i);
        if ((c === 39 || c === 45) && i + 1 < n && isWordChar(s.charCodeAt(i + 1))) {
          if (c === 39) apostrophe = true;
          digits = false;
          h = Math.imul(h ^ c, 0x01000193);
          i++;
          continue;
        }
        break;
      }
      if (apostrophe) { // elisions: the slow, exact path
        for (const t of tokenize(s.slice(start, i))) out.push(this.id(t));
        continue;
      }
      if (digits) continue;
      out.push(this.#lookup(s, start, i, h >>> 0, false));
    }
    return out;
  }

  #lookup(s: string, start: number, end: number, hash: number, isWhole: boolean): number {
    const length = end - start;
    let slot = hash & this.#mask;
    for (;;) {
      const entry = this.#slots[slot];
      if (entry === 0) break;
      const id = entry - 1;
      if (this.#hashes[id] === hash) {
        const w = this.#words[id];
        if (w.length === length) {
          let same = true;
          for (let k = 0; k < length; k++) {
            if (w.charCodeAt(k) !== s.charCodeAt(start + k)) {
              same = false;
              break;
            }
          }
          if (same) return id;
        }
      }
      slot = (slot + 1) & this.#mask;
    }
    const id = this.#words.length;
    this.#words.push(isWhole && start === 0 && end === s.length ? s : s.slice(start, end));
    this.#hashes.push(hash);
    this.#slots[slot] = id + 1;
    if (this.#words.length * 2 > this.#slots.length) this.#grow();
    return id;
  }

  #grow() {
    const slots = new Int32Array(this.#slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.#words.length; id++) {
      let slot = this.#hashes[id] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.#slots = slots;
    this.#mask = mask;
  }
}

/**
 * Counts pairs of small integers (bigrams of word ids) in an open-addressing
 * table: no string keys, no boxed numbers.
 *
 * @example
 * ```ts
 * const pairs = new PairCounter();
 * pairs.add(3, 7); pairs.add(3, 7);
 * [...pairs.entries()]; // [[3, 7, 2]]
 * ```
 */
export class PairCounter {
  #a: Int32Array = new Int32Array(1 << 15);
  #b: Int32Array = new Int32Array(1 << 15);
  #count: Float64Array = new Float64Array(1 << 15);
  #size = 0;
  #slots = new Int32Array(1 << 16);
  #mask = (1 << 16) - 1;

  get size(): number {
    return this.#size;
  }

  /** Adds `by` (default 1) to the pair's count. */
  add(a: number, b: number, by = 1) {
    let slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & this.#mask;
    for (;;) {
      const entry = this.#slots[slot];
      if (entry === 0) break;
      const k = entry - 1;
      if (this.#a[k] === a && this.#b[k] === b) {
        this.#count[k] += by;
        return;
      }
      slot = (slot + 1) & this.#mask;
    }
    const k = this.#size++;
    if (k >= this.#a.length) {
      const grow = <T extends Int32Array | Float64Array>(x: T): T => {
        const y = new (x.constructor as new (n: number) => T)(x.length * 2);
        y.set(x);
        return y;
      };
      this.#a = grow(this.#a);
      this.#b = grow(this.#b);
      this.#count = grow(this.#count);
    }
    this.#a[k] = a;
    this.#b[k] = b;
    this.#count[k] = by;
    this.#slots[slot] = k + 1;
    if (this.#size * 2 > this.#slots.length) this.#rehash(this.#slots.length * 2);
  }

  /** Every [a, b, count]. */
  *entries(): Generator<[number, number, number]> {
    for (let k = 0; k < this.#size; k++) yield [this.#a[k], this.#b[k], this.#count[k]];
  }

  /** Drops the pairs counted at most `max` times (bounds memory on huge vocabularies). */
  prune(max = 1) {
    let kept = 0;
    for (let k = 0; k < this.#size; k++) {
      if (this.#count[k] > max) {
        this.#a[kept] = this.#a[k];
        this.#b[kept] = this.#b[k];
        this.#count[kept] = this.#count[k];
        kept++;
      }
    }
    this.#size = kept;
    this.#rehash(this.#slots.length);
  }

  clear() {
    this.#size = 0;
    this.#slots.fill(0);
  }

  #rehash(capacity: number) {
    this.#slots = new Int32Array(capacity);
    this.#mask = capacity - 1;
    for (let k = 0; k < this.#size; k++) {
      let slot = (Math.imul(this.#a[k], 0x9e3779b1) ^ Math.imul(this.#b[k], 0x85ebca6b)) & this.#mask;
      while (this.#slots[slot] !== 0) slot = (slot + 1) & this.#mask;
      this.#slots[slot] = k + 1;
    }
  }
}

/**
 * A map from pairs of small integers to an integer (open addressing, typed
 * arrays): caches lookups keyed by two word ids without building strings.
 *
 * @example
 * ```ts
 * const m = new PairMap();
 * m.set(3, 7, 42); m.get(3, 7); // 42
 * m.get(1, 2); // undefined
 * ```
 */
export class PairMap {
  #a = new Int32Array(1 << 16);
  #b = new Int32Array(1 << 16);
  #v = new Int32Array(1 << 16);
  #used = new Uint8Array(1 << 16);
  #size = 0;
  #mask = (1 << 16) - 1;

  get size(): number {
    return this.#size;
  }

  #slot(a: number, b: number): number {
    let slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & this.#mask;
    while (this.#used[slot] && (this.#a[slot] !== a || this.#b[slot] !== b)) slot = (slot + 1) & this.#mask;
    return slot;
  }

  get(a: number, b: number): number | undefined {
    const slot = this.#slot(a, b);
    return this.#used[slot] ? this.#v[slot] : undefined;
  }

  set(a: number, b: number, value: number) {
    let slot = this.#slot(a, b);
    if (!this.#used[slot]) {
      if ((this.#size + 1) * 2 > this.#used.length) {
        this.#grow();
        slot = this.#slot(a, b);
      }
      this.#size++;
      this.#used[slot] = 1;
      this.#a[slot] = a;
      this.#b[slot] = b;
    }
    this.#v[slot] = value;
  }

  clear() {
    this.#used.fill(0);
    this.#size = 0;
  }

  #grow() {
    const [a, b, v, used] = [this.#a, this.#b, this.#v, this.#used];
    const capacity = used.length * 2;
    this.#a = new Int32Array(capacity);
    this.#b = new Int32Array(capacity);
    this.#v = new Int32Array(capacity);
    this.#used = new Uint8Array(capacity);
    this.#mask = capacity - 1;
    for (let s = 0; s < used.length; s++) {
      if (!used[s]) continue;
      let slot = (Math.imul(a[s], 0x9e3779b1) ^ Math.imul(b[s], 0x85ebca6b)) & this.#mask;
      while (this.#used[slot]) slot = (slot + 1) & this.#mask;
      this.#used[slot] = 1;
      this.#a[slot] = a[s];
      this.#b[slot] = b[s];
      this.#v[slot] = v[s];
    }
  }
}
