/**
 * The sentences (and bullet lines) of an offer's text, with their character
 * spans: a theme is usually carried by one or two of them, so models score
 * them one by one and the error analysis quotes them.
 *
 * @example
 * ```ts
 * import { sentences } from "./sentences.ts";
 * sentences("Poste en CDI. Télétravail 2 jours par semaine !\n- Mutuelle");
 * // [{ start: 0, end: 13, text: "Poste en CDI." }, { start: 14, end: 47, text: "Télétravail 2 jours par semaine !" }, { start: 48, end: 58, text: "- Mutuelle" }]
 * ```
 */

/** One sentence: its text and its [start, end) in the source text. */
export interface Sentence {
  start: number;
  end: number;
  text: string;
}

const END = /[.!?;\n•·]/;

/**
 * Splits at . ! ? ; bullets and line breaks (a full stop between two digits,
 * as in "1.5", does not end a sentence); pieces with no letter are dropped
 * and each kept piece is trimmed, its span following the trim.
 */
export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const close = (end: number) => {
    let a = start, b = end;
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    if (b > a && /\p{L}/u.test(text.slice(a, b))) out.push({ start: a, end: b, text: text.slice(a, b) });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (!END.test(c)) continue;
    if (c === "." && /\d/.test(text[i - 1] ?? "") && /\d/.test(text[i + 1] ?? "")) continue;
    const bullet = c === "•" || c === "·";
    close(bullet ? i : i + 1);
    start = bullet ? i : i + 1;
  }
  close(text.length);
  return out;
}
