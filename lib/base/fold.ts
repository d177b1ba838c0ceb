/**
 * Accent folding, in one place: `stripAccents` (canonical decomposition,
 * combining marks dropped: what the character n-grams and the keys of
 * names use) and, for pattern matching that keeps positions,
 * `foldKeepLength`: lower case, accents removed, typographic apostrophes
 * straightened, one character out for one character in, so a match in the
 * folded text is a span of the original.
 *
 * @example
 * ```ts
 * import { foldKeepLength, stripAccents } from "./fold.ts";
 * foldKeepLength("Équipe’s"); // "equipe's"
 * stripAccents("Rhône-Alpes"); // "Rhone-Alpes"
 * ```
 */

const cache = new Map<number, string>();

function foldCode(c: number): string {
  let f = cache.get(c);
  if (f === undefined) {
    const ch = String.fromCharCode(c);
    if (c === 0x2019 || c === 0x2018 || c === 0x60 || c === 0xb4) f = "'";
    else {
      const base = stripAccents(ch).toLowerCase();
      f = base.length === 1 ? base : ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch;
    }
    cache.set(c, f);
  }
  return f;
}

/** Folds text keeping its length (see the module doc). */
export function foldKeepLength(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c < 128 ? (c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : text[i]) : foldCode(c);
  }
  return out;
}

/** The text with its accents removed (NFD, combining marks U+0300-U+036F dropped); case and everything else kept. */
export function stripAccents(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}
