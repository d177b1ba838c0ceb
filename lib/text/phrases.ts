/**
 * Phrase matching that survives how recruiters write French: case, accents,
 * apostrophes, inclusive writing ("rigoureux(se)", "organisé·e·s"), gender
 * and plural forms ("rigoureuses" = "rigoureux", "créative" = "créatif"),
 * and any spacing or punctuation between words. Texts and phrases become
 * sequences of normalised words; a match is a run of words, returned as a
 * character span of the original text.
 *
 * @example
 * ```ts
 * import { PhraseIndex, phraseKey } from "./phrases.ts";
 * phraseKey("Rigoureuse et organisée"); // "rigoureux et organise"
 * const index = new PhraseIndex<string>();
 * index.add("esprit d'équipe", "300465");
 * index.find("Vous avez l'Esprit d’Équipe !"); // [{ value: "300465", start: 12, end: 27, ... }]
 * ```
 */
import { foldKeepLength } from "../base/mod.ts";

/** A word of a text: its normalised form and where it is. */
export interface Word {
  key: string;
  start: number;
  end: number;
}

const WORD = /[a-z0-9]+/g;
// inclusive endings after a word: "(e)", "(se)", "·e·s", ".euse", "-e" (lengths kept: they become spaces)
const INCLUSIVE =
  /([a-z])(?:\((?:e|se|euse|ive|rice|ice|ne|le|es|s)\)|[·.\-](?:e|se|euse|ive|rice|ice|ne|le)(?:[·.]s)?)(?![a-z])/g;

/** The normal form of one folded word: gender and number reduced to one form (rules applied until none changes it). */
export function normaliseWord(word: string): string {
  for (let w = word, k = 0;; k++) {
    const next = reduceOnce(w);
    if (next === w || k === 4) return next;
    w = next;
  }
}

function reduceOnce(word: string): string {
  let w = word;
  if (w.length > 3 && (w.endsWith("s") || w.endsWith("x")) && !w.endsWith("eux")) w = w.slice(0, -1);
  if (w.length > 5) {
    if (w.endsWith("euse")) return w.slice(0, -4) + "eux";
    if (w.endsWith("rice")) return w.slice(0, -4) + "eur";
    if (w.endsWith("ive")) return w.slice(0, -3) + "if";
    if (w.endsWith("enne")) return w.slice(0, -2);
    if (w.endsWith("elle")) return w.slice(0, -2);
    if (w.endsWith("ette")) return w.slice(0, -2);
    if (w.endsWith("ere")) return w.slice(0, -3) + "er";
    if (w.endsWith("ee")) return w.slice(0, -1);
  }
  if (w.length > 4 && w.endsWith("ale")) return w.slice(0, -1);
  return w;
}

/** The normalised words of a text, with their character spans in it. */
export function phraseWords(text: string): Word[] {
  const folded = foldKeepLength(text).replace(
    INCLUSIVE,
    (m, first: string) => first + " ".repeat(m.length - 1),
  );
  const out: Word[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(folded); m; m = WORD.exec(folded)) {
    out.push({ key: normaliseWord(m[0]), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The normal form of a phrase: its normalised words joined by one space. */
export function phraseKey(phrase: string): string {
  return phraseWords(phrase).map((w) => w.key).join(" ");
}

/** A phrase found in a text. */
export interface PhraseMatch<T> {
  value: T;
  key: string;
  start: number;
  end: number;
  /** Index of the first word of the match in the text's words. */
  word: number;
}

/** A node of the phrase trie: the phrases continuing with each next word, and the phrase ending here. */
interface TrieNode<T> {
  next: Map<string, TrieNode<T>>;
  phrase: { key: string; value: T; order: number } | null;
}

/** Phrases (by normal form) with a value each, found in texts as runs of words. */
export class PhraseIndex<T> {
  #root: TrieNode<T> = { next: new Map(), phrase: null };
  #keys = new Map<string, T>();

  /** Adds a phrase (a later value for the same normal form replaces the earlier). Phrases without a word are ignored. */
  add(phrase: string, value: T): this {
    const key = phraseKey(phrase);
    return key ? this.addKey(key, value) : this;
  }

  /** Adds an already normalised phrase (see {@link phraseKey}). */
  addKey(key: string, value: T): this {
    let node = this.#root;
    for (const word of key.split(" ")) {
      let child = node.next.get(word);
      if (!child) node.next.set(word, child = { next: new Map(), phrase: null });
      node = child;
    }
    if (node.phrase) node.phrase.value = value;
    else node.phrase = { key, value, order: this.#keys.size };
    this.#keys.set(key, value);
    return this;
  }

  get size(): number {
    return this.#keys.size;
  }

  /** Every normalised phrase and its value, in the order they were added. */
  entries(): [string, T][] {
    return [...this.#keys];
  }

  /** Every occurrence of every phrase in the text (overlaps included), in text order, then in the order the phrases were added. */
  find(text: string, words = phraseWords(text)): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    const here: { phrase: NonNullable<TrieNode<T>["phrase"]>; last: number }[] = [];
    for (let i = 0; i < words.length; i++) {
      let node = this.#root.next.get(words[i].key);
      for (let j = i; node; node = ++j < words.length ? node.next.get(words[j].key) : undefined) {
        if (node.phrase) here.push({ phrase: node.phrase, last: j });
      }
      if (here.length > 1) here.sort((a, b) => a.phrase.order - b.phrase.order);
      for (const { phrase, last } of here) {
        out.push({
          value: phrase.value,
          key: phrase.key,
          start: words[i].start,
          end: words[last].end,
          word: i,
        });
      }
      here.length = 0;
    }
    return out;
  }
}
