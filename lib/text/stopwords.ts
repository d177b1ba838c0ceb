/**
 * French stop words: the stopwords-fr list plus the words of job ads that
 * carry no meaning for word statistics (h/f, poste, etc. are kept: they are
 * the genre's own vocabulary and a user may want them).
 *
 * @example
 * ```ts
 * import { isStopword } from "./stopwords.ts";
 * isStopword("les"); // true
 * ```
 */
import list from "stopwords-fr" with { type: "json" };

const EXTRA = [
  "h",
  "f",
  "e",
  "h/f",
  "f/h",
  "etc",
  "via",
  "ainsi",
  "afin",
  "chez",
  "dont",
  "être",
  "avoir",
  "sein",
  "si",
  "où",
];

/** The stop-word set (lower case, with and without accents as the list gives them). */
export const STOPWORDS: ReadonlySet<string> = new Set([...(list as string[]), ...EXTRA]);

/** True when a lower-case token is a French stop word. */
export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}
