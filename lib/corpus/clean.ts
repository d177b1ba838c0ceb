/**
 * Text cleaning shared by every loader: HTML tags and entities out, Unicode
 * NFC, typographic apostrophes and quotes straightened, whitespace folded.
 * The result is the canonical text that label spans refer to.
 *
 * @example
 * ```ts
 * import { cleanText } from "./clean.ts";
 * cleanText("<p>L&rsquo;équipe&nbsp;  recrute</p>"); // "L'équipe recrute"
 * ```
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  rsquo: "'",
  lsquo: "'",
  rdquo: '"',
  ldquo: '"',
  laquo: "«",
  raquo: "»",
  hellip: "…",
  ndash: "–",
  mdash: "—",
  euro: "€",
  bull: "•",
  middot: "·",
  deg: "°",
  oelig: "œ",
  OElig: "Œ",
  aelig: "æ",
  ccedil: "ç",
  Ccedil: "Ç",
  eacute: "é",
  Eacute: "É",
  egrave: "è",
  Egrave: "È",
  ecirc: "ê",
  Ecirc: "Ê",
  euml: "ë",
  agrave: "à",
  Agrave: "À",
  acirc: "â",
  Acirc: "Â",
  auml: "ä",
  icirc: "î",
  Icirc: "Î",
  iuml: "ï",
  ocirc: "ô",
  Ocirc: "Ô",
  ouml: "ö",
  ugrave: "ù",
  ucirc: "û",
  uuml: "ü",
  yuml: "ÿ",
  copy: "©",
  reg: "®",
  trade: "™",
  shy: "",
};

/** Decodes HTML entities (named, decimal and hexadecimal). Unknown names are kept as they are. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X"
        ? parseInt(body.slice(2), 16)
        : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

const BLOCK_TAG = /<\s*\/?\s*(p|div|br|li|ul|ol|h[1-6]|tr|table|section|article)\b[^>]*>/gi;
const ANY_TAG = /<\/?[a-z][^<>]*>/gi;
const SCRIPT_STYLE = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;

/** Removes HTML: script/style blocks dropped, block tags become line breaks, other tags vanish. */
export function stripHtml(text: string): string {
  if (!text.includes("<")) return text;
  return text.replace(SCRIPT_STYLE, " ").replace(BLOCK_TAG, "\n").replace(ANY_TAG, "");
}

// Anything cleanText would change beyond NFC normalisation.
const NEEDS_WORK =
  /[<&\u2018\u2019\u201B\u02BC\u2032\u00B4`\u201C\u201D\u201E\u2033\u00A0\u202F\u2007\u2009\u200A\t\f\v\u200B\u200C\u200D\uFEFF\u00AD\r]| {2}| \n|\n |\n\n\n|^\s|\s$/;

// The character fixes in one pass: typographic apostrophes and quotes straightened, odd spaces made plain,
// zero-width characters dropped, CR LF and a lone CR made LF (a CR may be followed by zero-width characters
// before its LF: they go first, as they did when each fix was a pass of its own).
const ZERO_WIDTH = "\u200B\u200C\u200D\uFEFF\u00AD";
const CHARACTER_FIXES = new RegExp(
  `[\u2018\u2019\u201B\u02BC\u2032\u00B4\`\u201C\u201D\u201E\u2033\u00A0\u202F\u2007\u2009\u200A\t\f\v${ZERO_WIDTH}]|\r[${ZERO_WIDTH}]*\n?`,
  "g",
);
const FIXED: Record<string, string> = Object.fromEntries([
  ..."\u2018\u2019\u201B\u02BC\u2032\u00B4`".split("").map((c) => [c, "'"]),
  ..."\u201C\u201D\u201E\u2033".split("").map((c) => [c, '"']),
  ..."\u00A0\u202F\u2007\u2009\u200A\t\f\v".split("").map((c) => [c, " "]),
  ...ZERO_WIDTH.split("").map((c) => [c, ""]),
  ["\r", "\n"],
]);
// Anything folding the lines (runs of spaces, each line trimmed, one blank line at most, the text trimmed) would
// change once the fixes are made: the white space they leave is the space, the newline and the rarer ones here.
const LINES_NEED_WORK = / {2}| \n|\n |\n\n\n|^\s|\s$|[\u1680\u2000-\u2006\u2008\u2028\u2029\u205F\u3000]/;

/**
 * Cleans one text field into canonical form. Idempotent: cleanText(cleanText(x)) === cleanText(x).
 * Line structure is kept (bullets matter for sections); runs of blank lines become one.
 */
export function cleanText(raw: string | null | undefined): string {
  if (raw === null || raw === undefined) return "";
  let s = String(raw);
  if (!NEEDS_WORK.test(s)) return s.normalize("NFC"); // fast path: already canonical but for NFC
  if (s.includes("<")) s = stripHtml(s);
  if (s.includes("&")) s = decodeEntities(s);
  if (s.includes("<")) s = stripHtml(s); // entities such as &lt;p&gt; that hid tags
  s = s.normalize("NFC").replace(CHARACTER_FIXES, (m) => (m.length === 1 ? FIXED[m] : "\n"));
  if (!LINES_NEED_WORK.test(s)) return s; // folding the lines would change nothing (most texts whose only fault was a curly apostrophe)
  return s.split("\n").map((line) => line.replace(/ {2,}/g, " ").trim()).join("\n")
    .replace(/\n{3,}/g, "\n\n").trim();
}

/**
 * Joins cleaned sections into the full canonical text, blank line between them,
 * skipping empty ones.
 */
export function joinSections(parts: string[]): string {
  return parts.filter((p) => p.length > 0).join("\n\n");
}
