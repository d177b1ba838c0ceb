import assert from "node:assert/strict";
import { fnv1a } from "../../lib/base/hash.ts";
import { foldKeepLength, stripAccents } from "../../lib/base/fold.ts";
import {
  CORPUS_FORMATS,
  PRESENT,
  SKILL_CODES,
  SOFT_SKILLS,
  softSkillLabel,
  SURE,
  THEMES,
} from "../../lib/base/vocabulary.ts";
import { codesOf, presentSpans, themeMatrix } from "../../lib/base/labels.ts";
import { fromBase64, toBase64 } from "../../lib/base/base64.ts";
import { mulberry32 } from "../../lib/base/random.ts";

Deno.test("fnv1a is the standard 32-bit FNV-1a, seedable", () => {
  assert.equal(fnv1a(""), 0x811c9dc5);
  assert.equal(fnv1a("a"), 0xe40c292c);
  assert.equal(fnv1a("foobar"), 0xbf9cf968);
  assert.notEqual(fnv1a("a", 7), fnv1a("a"));
});

Deno.test("accent folding: stripAccents keeps case and length of plain letters; foldKeepLength keeps positions", () => {
  assert.equal(stripAccents("Rhône-Alpes, Côte d'Azur, Œuvre"), "Rhone-Alpes, Cote d'Azur, Œuvre");
  assert.equal(stripAccents("élève É"), "eleve E");
  const text = "Équipe’s Île";
  assert.equal(foldKeepLength(text), "equipe's ile");
  assert.equal(foldKeepLength(text).length, text.length);
});

Deno.test("foldKeepLength equals the character-by-character rule on long random texts of any code unit", () => {
  const rule = (text: string) =>
    Array.from({ length: text.length }, (_, i) => {
      const ch = text[i], c = text.charCodeAt(i);
      if (c < 128) return ch.toLowerCase();
      if (c === 0x2019 || c === 0x2018 || c === 0xb4) return "'";
      const base = stripAccents(ch).toLowerCase();
      return base.length === 1 ? base : ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch;
    }).join("");
  const random = mulberry32(5);
  const alphabet = "AÉÈÊÀÇÔÏŒæİıΣßﬁ’‘`´ \n\u0000\ud83d\ude00\u212a";
  for (const length of [0, 1, 4095, 4096, 4097, 10_000]) {
    const text = Array.from(
      { length },
      () =>
        random() < 0.7
          ? alphabet[Math.floor(random() * alphabet.length)]
          : String.fromCharCode(Math.floor(random() * 65536)),
    ).join("");
    assert.equal(foldKeepLength(text), rule(text));
  }
});

Deno.test("the vocabulary: six themes, sixteen codes, the codebook's cut-offs, the corpus formats", () => {
  assert.equal(THEMES.length, 6);
  assert.deepEqual(SKILL_CODES, SOFT_SKILLS.map((s) => s.code));
  assert.equal(new Set(SKILL_CODES).size, 16);
  assert.equal(softSkillLabel("300490"), "Faire preuve de rigueur et de précision");
  assert.equal(softSkillLabel("nope"), "nope");
  assert.ok(PRESENT < SURE && SURE === 80 && PRESENT === 50);
  assert.ok(CORPUS_FORMATS.includes("jocas") && CORPUS_FORMATS[0] === "auto");
});

Deno.test("label records read at the codebook's cut-off: themes, codes, located spans", () => {
  const record = {
    themes: {
      DIVERSITY: 50,
      PAY_BENEFITS: 49,
      CAREER: 0,
      CULTURE_VALUES: 100,
      LEADERSHIP_MANAGEMENT: 10,
      WORK_LIFE_BALANCE: 80,
    },
    soft_skills: [
      { code_ogr: "300490", evidence: "rigoureux", confidence: 90, start: 3, end: 12 },
      { code_ogr: "300460", evidence: "autonome", confidence: 40, start: 20, end: 28 },
      { code_ogr: "300465", evidence: "esprit d'équipe", confidence: 70, start: null, end: null },
    ],
  };
  assert.deepEqual(themeMatrix([record]), [[true, false, false, true, false, true]]);
  assert.deepEqual(codesOf(record), SKILL_CODES.map((c) => c === "300490" || c === "300465"));
  assert.deepEqual(
    presentSpans(record),
    [{ code_ogr: "300490", start: 3, end: 12 }],
    "present and located only",
  );
});

Deno.test("base64 round-trips the bytes of typed arrays", () => {
  const x = Float64Array.of(0.1, -2, 1e300, Number.MIN_VALUE);
  assert.deepEqual(new Float64Array(fromBase64(toBase64(x)).buffer), x);
  const big = Float32Array.from({ length: 100_000 }, (_, i) => i / 7);
  assert.deepEqual(new Float32Array(fromBase64(toBase64(big)).buffer), big);
  assert.deepEqual(fromBase64(toBase64(new Uint8Array(0))), new Uint8Array(0));
});
