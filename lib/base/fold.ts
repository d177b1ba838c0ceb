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

/** The folded form of each UTF-16 code unit met so far, by code. */
const folded: string[] = [];

function foldUnit(c: number): string {
  let f = folded[c];
  if (f === undefined) {
    const ch = String.fromCharCode(c);
    if (c === 0x2019 || c === 0x2018 || c === 0x60 || c === 0xb4) f = "'";
    else {
      const base = stripAccents(ch).toLowerCase();
      f = base.length === 1 ? base : ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch;
    }
    folded[c] = f;
  }
  return f;
}

// deno-lint-ignore no-control-regex
const NON_ASCII = /[^\u0000-\u007f]/g;

/**
 * Folds text keeping its length (see the module doc). The native lower
 * case does the ASCII letters; every other code unit is folded on its own
 * from the original text (so "Σ" never becomes a final sigma), and a text
 * whose lower case changes length (only "İ" does) is folded unit by unit.
 */
export function foldKeepLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) {
    return lower.replace(NON_ASCII, (_m: string, at: number) => foldUnit(text.charCodeAt(at)));
  }
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c < 128 ? (c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : text[i]) : foldUnit(c);
  }
  return out;
}

/** The text with its accents removed (NFD, combining marks U+0300-U+036F dropped); case and everything else kept. */
export function stripAccents(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}
