import assert from "node:assert/strict";
import { fnv1a } from "../../lib/base/hash.ts";
import { foldKeepLength, stripAccents } from "../../lib/base/fold.ts";
import { CORPUS_FORMATS, PRESENT, SKILL_CODES, SOFT_SKILLS, softSkillLabel, SURE, THEMES } from "../../lib/base/vocabulary.ts";

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

Deno.test("the vocabulary: six themes, sixteen codes, the codebook's cut-offs, the corpus formats", () => {
  assert.equal(THEMES.length, 6);
  assert.deepEqual(SKILL_CODES, SOFT_SKILLS.map((s) => s.code));
  assert.equal(new Set(SKILL_CODES).size, 16);
  assert.equal(softSkillLabel("300490"), "Faire preuve de rigueur et de précision");
  assert.equal(softSkillLabel("nope"), "nope");
  assert.ok(PRESENT < SURE && SURE === 80 && PRESENT === 50);
  assert.ok(CORPUS_FORMATS.includes("jocas") && CORPUS_FORMATS[0] === "auto");
});
