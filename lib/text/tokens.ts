/**
 * French tokenisation for statistics and features: lower case, elisions
 * split off (l', d', qu', j', n', s', c', m', t', jusqu', lorsqu',
 * puisqu'), hyphenated words kept whole, numbers dropped on request.
 *
 * @example
 * ```ts
 * import { tokenize } from "./tokens.ts";
 * tokenize("L'équipe d'accueil qu'on aime"); // ["équipe", "accueil", "on", "aime"]
 * ```
 */

const ELISION = /^(?:l|d|qu|j|n|s|c|m|t|jusqu|lorsqu|puisqu|quoiqu|presqu)'/;
const LETTER = /\p{L}|\p{N}/u;

/** Options of {@link tokenize}. */
export interface TokenizeOptions {
  /** Lower-case the tokens. @default true */
  lower?: boolean;
  /** Keep tokens made only of digits. @default false */
  numbers?: boolean;
  /** Drop tokens shorter than this. @default 1 */
  minLength?: number;
}

// Word characters below U+0250 (ASCII letters and digits, Latin-1 and Latin Extended letters), as a table.
const WORD_TABLE = new Uint8Array(0x250).map((_, c) => (LETTER.test(String.fromCharCode(c)) ? 1 : 0));

function isWordChar(c: number): boolean {
  return c < 0x250 ? WORD_TABLE[c] === 1 : LETTER.test(String.fromCharCode(c));
}

function isDigits(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Splits French text into word tokens, elided articles removed. A hyphen or
 * apostrophe between two letters joins them ("e-commerce", "aujourd'hui"),
 * then elisions are stripped ("l'équipe" -> "équipe").
 */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  const lower = options.lower ?? true;
  const numbers = options.numbers ?? false;
  const minLength = options.minLength ?? 1;
  const source = lower ? text.toLowerCase() : text;
  const out: string[] = [];
  const n = source.length;
  let i = 0;
  while (i < n) {
    while (i < n && !isWordChar(source.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    let joined = false;
    for (;;) {
      while (i < n && isWordChar(source.charCodeAt(i))) i++;
      const c = source.charCodeAt(i);
      if ((c === 39 || c === 45) && i + 1 < n && isWordChar(source.charCodeAt(i + 1))) {
        joined = true;
        i++;
        continue;
      }
      break;
    }
    let token = source.slice(start, i);
    if (joined) {
      for (;;) { // "qu'aujourd'hui" keeps "aujourd'hui"; "l'" and "d'" go
        const m = ELISION.exec(lower ? token : token.toLowerCase());
        if (!m || m[0].length >= token.length) break;
        token = token.slice(m[0].length);
      }
    }
    if (token.length < minLength) continue;
    if (!numbers && isDigits(token)) continue;
    out.push(token);
  }
  return out;
}

/** Counts the words of a text (tokens including numbers), cheaply. */
export function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || c === 10 || c === 9 || c === 13;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}
