/**
 * Many regular expressions over one text in one pass, with exactly the
 * non-empty matches each would give on its own (`re.exec` in a loop with the `g`
 * flag: leftmost, non-overlapping, each search resuming where the last
 * match ended). Each pattern's source is read once to learn which pairs of
 * characters a match can start with; the text is then walked once, and at
 * each position only the patterns that can start with the two characters
 * found there are tried (sticky, at that position). A pattern this reading
 * does not understand, or one that can match the empty string, is run the
 * ordinary way: the answers never depend on the analysis, only the speed.
 *
 * Meant for texts folded to lower case without accents (lib/base/fold.ts),
 * where most code units are ASCII; any non-ASCII unit is one bucket.
 *
 * @example
 * ```ts
 * import { MultiPattern } from "./multi_pattern.ts";
 * const patterns = new MultiPattern(["teletravail|\\bremote\\b", "tickets? restaurant"]);
 * patterns.matches("teletravail et tickets restaurant"); // [[[0, 11]], [[15, 33]]]
 * ```
 */

/** Buckets of a code unit: 0-127 itself, 128 any non-ASCII unit; 129 stands for the end of the text (second position only). */
const OTHER = 128, END = 129, UNITS = 129, SECONDS = 130;

/** A set of bucket strings, or null for "too many to list": any string. */
type Strings = Set<string> | null;

/** What the first characters of a pattern's matches can be, up to `k` of them. */
interface Starts {
  /** The pattern matches the empty string. */
  nullable: boolean;
  /** Whole matches shorter than k characters (as strings of buckets). */
  short: Strings;
  /** k-character prefixes of the longer matches. */
  prefixes: Strings;
}

/** A pattern construct the analysis does not read; the pattern then runs unfiltered. */
class Unsupported extends Error {}

/** Sets larger than this become null ("any"): only a pattern's first literal characters make a useful filter. */
const MOST = 4096;

type Chars = Uint8Array; // UNITS flags
const chars = (codes: Iterable<number> = []): Chars => {
  const c = new Uint8Array(UNITS);
  for (const k of codes) c[k < 128 ? k : OTHER] = 1;
  return c;
};
const union = (a: Chars, b: Chars): Chars => a.map((v, i) => v | b[i]);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);

const DIGITS = chars(range(48, 57));
const WORD = chars([...range(48, 57), ...range(65, 90), ...range(97, 122), 95]);
const SPACE = chars([9, 10, 11, 12, 13, 32, OTHER]);
const complement = (c: Chars): Chars => {
  const out = c.map((v) => 1 - v);
  out[OTHER] = 1; // some non-ASCII unit is always left in a complement
  return out;
};
const ANY_BUT_LINE = complement(chars([10, 13]));

const merge = (
  a: Strings,
  b: Strings,
): Strings => (a === null || b === null || a.size + b.size > MOST ? null : new Set([...a, ...b]));

/** The analysis of patterns for prefixes of `k` characters. */
class Algebra {
  constructor(readonly k: number) {}

  empty(): Starts {
    return { nullable: true, short: new Set(), prefixes: new Set() };
  }

  single(c: Chars): Starts {
    const one = new Set<string>();
    c.forEach((v, b) => v && one.add(String.fromCharCode(b)));
    return this.k > 1
      ? { nullable: false, short: one, prefixes: new Set() }
      : { nullable: false, short: new Set(), prefixes: one };
  }

  concat(a: Starts, b: Starts): Starts {
    const nullable = a.nullable && b.nullable, unknown = { nullable, short: null, prefixes: null };
    if (a.short === null || a.prefixes === null) return unknown;
    const heads = a.nullable ? ["", ...a.short] : [...a.short];
    const short = new Set<string>(), prefixes = new Set(a.prefixes);
    if (heads.length === 0) return { nullable, short, prefixes }; // every match is longer than k: b is never read
    if (b.short === null || b.prefixes === null) return unknown;
    const tails = [...(b.nullable ? [""] : []), ...b.short, ...b.prefixes];
    for (const h of heads) {
      for (const t of tails) {
        const s = h + t;
        if (s.length === 0) continue;
        if (s.length < this.k) short.add(s);
        else prefixes.add(s.slice(0, this.k));
      }
      if (short.size > MOST || prefixes.size > MOST) return unknown;
    }
    return { nullable, short, prefixes };
  }

  alternate(a: Starts, b: Starts): Starts {
    return {
      nullable: a.nullable || b.nullable,
      short: merge(a.short, b.short),
      prefixes: merge(a.prefixes, b.prefixes),
    };
  }

  /** X{min,max}: k required and k optional copies at most tell the first k characters. */
  repeat(x: Starts, min: number, max: number): Starts {
    let out = this.empty();
    const optional = this.alternate(x, this.empty());
    for (let n = 0; n < Math.min(min, this.k); n++) out = this.concat(out, x);
    for (let n = 0; n < Math.min(max - min, this.k); n++) out = this.concat(out, optional);
    return out;
  }
}

/** Reads a pattern's source (the subset the lexicons use) into what its matches can start with. */
class Reader {
  i = 0;
  constructor(readonly src: string, readonly algebra: Algebra) {}

  parse(): Starts {
    const s = this.alternatives();
    if (this.i < this.src.length) throw new Unsupported(`unexpected ${this.src[this.i]} at ${this.i}`);
    return s;
  }

  alternatives(): Starts {
    let s = this.sequence();
    while (this.src[this.i] === "|") {
      this.i++;
      s = this.algebra.alternate(s, this.sequence());
    }
    return s;
  }

  sequence(): Starts {
    let s = this.algebra.empty();
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")") {
      s = this.algebra.concat(s, this.quantified());
    }
    return s;
  }

  quantified(): Starts {
    const atom = this.atom();
    const c = this.src[this.i];
    let min = 1, max = 1;
    if (c === "*") [min, max] = [0, Infinity];
    else if (c === "+") [min, max] = [1, Infinity];
    else if (c === "?") [min, max] = [0, 1];
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) throw new Unsupported("brace");
      min = Number(m[1]);
      max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    if (this.src[this.i] === "?") this.i++; // lazy: same language
    return this.algebra.repeat(atom, min, max);
  }

  /** One atom; null for an assertion (matches no character). */
  atom(): Starts {
    const c = this.src[this.i++];
    if (c === "(") {
      let lookaround = false;
      if (this.src.startsWith("?:", this.i)) this.i += 2;
      else if (/^\?<?[=!]/.test(this.src.slice(this.i, this.i + 3))) {
        lookaround = true;
        this.i += this.src[this.i + 1] === "<" ? 3 : 2;
      } else if (this.src[this.i] === "?") {
        const named = /^\?<[A-Za-z_$][\w$]*>/.exec(this.src.slice(this.i));
        if (!named) throw new Unsupported("group");
        this.i += named[0].length;
      }
      const inner = this.alternatives();
      if (this.src[this.i++] !== ")") throw new Unsupported("unclosed group");
      return lookaround ? this.algebra.empty() : inner;
    }
    if (c === "^" || c === "$") return this.algebra.empty();
    if (c === ".") return this.algebra.single(ANY_BUT_LINE);
    if (c === "[") return this.algebra.single(this.charClass());
    if (c === "\\") {
      const e = this.escape(false);
      return e === null ? this.algebra.empty() : this.algebra.single(typeof e === "number" ? chars([e]) : e);
    }
    if (c === ")" || c === "*" || c === "+" || c === "?" || c === "{" || c === undefined) {
      throw new Unsupported(`${c}`);
    }
    return this.algebra.single(chars([c.charCodeAt(0)]));
  }

  /** After a backslash: the character it stands for (its code), the characters of a class escape, or null for \\b / \\B. */
  escape(inClass: boolean): number | Chars | null {
    const c = this.src[this.i++];
    if (c === "d") return DIGITS;
    if (c === "D") return complement(DIGITS);
    if (c === "w") return WORD;
    if (c === "W") return complement(WORD);
    if (c === "s") return SPACE;
    if (c === "S") return complement(SPACE);
    if (!inClass && (c === "b" || c === "B")) return null;
    if (c === "n") return 10;
    if (c === "t") return 9;
    if (c === "r") return 13;
    if (c === "x" || c === "u") {
      const hex = this.src.slice(this.i, this.i + (c === "x" ? 2 : 4));
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== (c === "x" ? 2 : 4)) {
        throw new Unsupported("hex escape");
      }
      this.i += hex.length;
      return parseInt(hex, 16);
    }
    if (c === undefined || /[0-9A-Za-z]/.test(c)) throw new Unsupported(`\\${c}`); // back-references, \p{...}, \c...
    return c.charCodeAt(0);
  }

  charClass(): Chars {
    const negated = this.src[this.i] === "^";
    if (negated) this.i++;
    let set = chars();
    for (let first = true; first || this.src[this.i] !== "]"; first = false) {
      if (this.i >= this.src.length) throw new Unsupported("unclosed class");
      const from = this.classAtom();
      if (this.src[this.i] === "-" && this.src[this.i + 1] !== "]" && typeof from === "number") {
        this.i++;
        const to = this.classAtom();
        if (typeof to !== "number" || to < from) throw new Unsupported("range");
        set = union(set, chars(range(from, Math.min(to, 128))));
      } else set = union(set, typeof from === "number" ? chars([from]) : from);
    }
    this.i++;
    return negated ? complement(set) : set;
  }

  /** One character of a class (its code) or a class escape (its characters). */
  classAtom(): number | Chars {
    const c = this.src[this.i++];
    return c === "\\" ? this.escape(true)! : c.charCodeAt(0);
  }
}

/** What a pattern's matches start with, up to k characters; null when unread, or when it can match the empty string. */
function startsOf(source: string, k: number): Starts | null {
  try {
    const s = new Reader(source, new Algebra(k)).parse();
    return s.nullable || s.short === null || s.prefixes === null ? null : s;
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

/** Hash buckets of three-character prefixes (collisions only add candidates that fail). */
const TRIPLES = 1 << 14;
const tripleSlot = (
  a: number,
  b: number,
  c: number,
) => (Math.imul((a * UNITS + b) * UNITS + c, 0x9e3779b1) >>> 18);

/** Several patterns matched over texts in one pass (see the module doc). */
export class MultiPattern {
  readonly #sticky: RegExp[];
  readonly #global: RegExp[];
  /** Per (first, second) bucket pair: the patterns filtered on two characters that can start there, and the whole matches of one or two characters. */
  readonly #pairs: Int32Array[];
  /** Per hashed three-character prefix: bit masks (`#words` words) of the patterns filtered on three characters. */
  readonly #triples: Uint32Array;
  readonly #words: number;
  readonly #unfiltered: number[] = [];

  /** `sources` are regular expression sources (no flags: they are run with `g` or `y`). */
  constructor(readonly sources: readonly string[]) {
    this.#sticky = sources.map((s) => new RegExp(s, "y"));
    this.#global = sources.map((s) => new RegExp(s, "g"));
    this.#words = Math.ceil(sources.length / 32);
    this.#triples = new Uint32Array(TRIPLES * this.#words);
    const lists: Set<number>[] = Array.from({ length: UNITS * SECONDS }, () => new Set());
    const onPair = (s: string, p: number) => {
      const a = s.charCodeAt(0);
      const seconds = s.length === 1 ? range(0, SECONDS - 1) : [s.charCodeAt(1)];
      for (const b of seconds) lists[a * SECONDS + b].add(p);
    };
    sources.forEach((source, p) => {
      const three = startsOf(source, 3);
      if (three) {
        for (const s of three.short!) onPair(s, p);
        for (const s of three.prefixes!) {
          this
            .#triples[
              tripleSlot(s.charCodeAt(0), s.charCodeAt(1), s.charCodeAt(2)) * this.#words + (p >> 5)
            ] |= 1 << (p & 31);
        }
        return;
      }
      const two = startsOf(source, 2);
      if (!two) return void this.#unfiltered.push(p);
      for (const s of [...two.short!, ...two.prefixes!]) onPair(s, p);
    });
    this.#pairs = lists.map((l) => Int32Array.from(l));
  }

  /** How many patterns run unfiltered (constructs the analysis does not read). */
  get unfiltered(): number {
    return this.#unfiltered.length;
  }

  /** For each pattern, its non-empty matches in the text as [start, end) pairs, in text order. */
  matches(text: string): [number, number][][] {
    const out: [number, number][][] = this.sources.map(() => []);
    const next = new Float64Array(this.sources.length); // where each pattern's next search may start
    const words = this.#words, triples = this.#triples, pairs = this.#pairs, sticky = this.#sticky;
    const n = text.length;
    const codes = new Uint8Array(n + 2); // bucket of each unit, END after the last
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      codes[i] = code < 128 ? code : OTHER;
    }
    codes[n] = codes[n + 1] = END;
    const attempt = (p: number, i: number) => {
      if (i < next[p]) return;
      const re = sticky[p];
      re.lastIndex = i;
      const m = re.exec(text);
      if (!m) return;
      const end = i + m[0].length;
      out[p].push([i, end]);
      next[p] = end > i ? end : i + 1;
    };
    for (let i = 0; i < n; i++) {
      const a = codes[i], b = codes[i + 1], c = codes[i + 2];
      const list = pairs[a * SECONDS + b];
      for (let k = 0; k < list.length; k++) attempt(list[k], i);
      if (c === END) continue;
      const slot = tripleSlot(a, b, c) * words;
      for (let w = 0; w < words; w++) {
        for (let mask = triples[slot + w]; mask !== 0; mask &= mask - 1) {
          attempt((w << 5) + 31 - Math.clz32(mask & -mask), i);
        }
      }
    }
    for (const p of this.#unfiltered) {
      const re = this.#global[p];
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        out[p].push([m.index, m.index + m[0].length]);
      }
    }
    return out;
  }
}
