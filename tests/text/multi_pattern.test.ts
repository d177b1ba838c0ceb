import assert from "node:assert/strict";
import { MultiPattern } from "../../lib/text/multi_pattern.ts";
import { foldKeepLength } from "../../lib/base/fold.ts";
import { generateOffer } from "../../lib/corpus/generator.ts";
import { mulberry32 } from "../../lib/base/random.ts";
import { THEMES } from "../../lib/base/vocabulary.ts";
import * as L from "../../lib/labelling/lexicon.ts";

/** What each pattern gives on its own: `exec` in a loop with the g flag, empty matches skipped. */
function oneByOne(sources: string[], text: string): [number, number][][] {
  return sources.map((source) => {
    const re = new RegExp(source, "g"), out: [number, number][] = [];
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) re.lastIndex++;
      else out.push([m.index, m.index + m[0].length]);
    }
    return out;
  });
}

const LEXICON = [
  ...THEMES.flatMap((t) => L.THEME_CUES[t].map((c) => c.pattern)),
  ...Object.values(L.SOFT_SKILL_CUES).map((p) => `(?:${p})${L.INCLUSIVE_SUFFIX}`),
  L.REQUIREMENT_CUE,
  L.PROFILE_HEADING,
];

Deno.test("the teacher's lexicon in one pass gives every pattern's own matches, on offers and on awkward text", () => {
  const patterns = new MultiPattern(LEXICON);
  assert.equal(patterns.unfiltered, 0, "every lexicon pattern is read by the start analysis");
  const texts = Array.from(
    { length: 300 },
    (_, i) => foldKeepLength(generateOffer(11, i, i % 2 ? "jocas" : "compact").row.description_full ?? ""),
  );
  texts.push(
    "",
    "a",
    "te",
    "tel",
    "teletravail",
    "pas de teletravail. 35 000 € brut par an; 13e mois\nrigoureux(se), autonome/autonomie",
    "salaire 2 500 euros net/mois — prime 1000€ — handi-accueillante; happy at work; equipe de 12 personnes",
    "teletravailteletravail rigueurrigueur ééé \u0000\ud83d\ude00 œuvre",
  );
  for (const text of texts) assert.deepEqual(patterns.matches(text), oneByOne(LEXICON, text));
});

Deno.test("any pattern, understood or not, gives the same matches as on its own (random patterns and texts)", () => {
  const random = mulberry32(3);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const atoms = [
    "a",
    "b",
    "ab",
    "ba",
    "c",
    "\\d",
    "\\s",
    "\\w",
    "[ab]",
    "[^a]",
    ".",
    "\\b",
    "(?:a|bc)",
    "(?!b)",
    "é",
    "[a-c]",
    "\\.",
    "x?",
    "(a)\\1",
  ];
  const quantifiers = ["", "", "", "?", "*", "+", "{0,3}", "{2}", "{1,}", "*?"];
  const sources = Array.from({ length: 60 }, () => {
    const parts = Array.from(
      { length: 1 + Math.floor(random() * 4) },
      () => pick(atoms) + (random() < 0.5 ? pick(quantifiers) : ""),
    );
    return random() < 0.3 ? `${parts.join("")}|${pick(atoms)}` : parts.join("");
  }).filter((s) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      return false;
    }
  });
  const patterns = new MultiPattern(sources);
  assert.ok(
    patterns.unfiltered > 0 && patterns.unfiltered < sources.length,
    "some patterns run unfiltered (back-references, empty matches), the others filtered",
  );
  for (let k = 0; k < 200; k++) {
    const text = Array.from(
      { length: Math.floor(random() * 40) },
      () => pick(["a", "b", "c", " ", "1", ".", "é", "\n", "x"]),
    ).join("");
    assert.deepEqual(patterns.matches(text), oneByOne(sources, text), `text ${JSON.stringify(text)}`);
  }
});
