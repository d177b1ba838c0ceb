import assert from "node:assert/strict";
import { cosine, offerWordVectors, WordVectors } from "../../lib/represent/word_vectors.ts";
import { pairAuc, pairWordSupport, SOFT_SKILL_PAIRS } from "../../lib/represent/soft_skill_pairs.ts";
import { SKILL_CODES } from "../../lib/base/vocabulary.ts";
import { Random } from "../../lib/base/random.ts";

/** Two groups of words that never share a context: animals beside eating verbs, colours beside painting words. */
function toyTexts(seed: number): string[] {
  const r = new Random(seed);
  const animals = ["chat", "chien", "lapin", "cheval"], colours = ["rouge", "vert", "bleu", "jaune"];
  const eat = ["mange", "dort", "court", "animal"], paint = ["couleur", "peinture", "teinte", "nuance"];
  return Array.from(
    { length: 1500 },
    () =>
      Array.from(
        { length: 12 },
        () => (r.chance(0.5)
          ? `${r.pick(eat)} ${r.pick(animals)} ${r.pick(eat)}`
          : `${r.pick(paint)} ${r.pick(colours)} ${r.pick(paint)}`),
      ).join(" . "),
  );
}

Deno.test("word vectors put together the words that share contexts, and only them; seeded; saved and loaded alike", () => {
  const texts = toyTexts(1);
  const wv = new WordVectors({ dimension: 24, epochs: 3, subsample: 1 }).fit(texts);
  assert.ok(wv.similarity("chat", "chien") > 0.8 && wv.similarity("vert", "bleu") > 0.8, "same contexts");
  assert.ok(wv.similarity("chat", "rouge") < 0.4 && wv.similarity("lapin", "jaune") < 0.4, "other contexts");
  assert.deepEqual(wv.nearest("chat", 3).map((n) => n.word).sort(), ["cheval", "chien", "lapin"]);
  const again = new WordVectors({ dimension: 24, epochs: 3, subsample: 1 }).fit(texts);
  assert.deepEqual(again.word("chat"), wv.word("chat"), "seeded");
  const loaded = WordVectors.fromJSON(JSON.parse(JSON.stringify(wv.toJSON())));
  for (const w of ["chat", "chats", "bleue", "inconnu"]) {
    assert.deepEqual(loaded.word(w), wv.word(w), `${w} reloads identically`);
  }
  assert.ok(
    cosine(wv.word("chats"), wv.word("chat")) > 0.5,
    "an unseen form gets its vector from its character n-grams",
  );
  assert.equal(
    Math.abs(cosine(wv.phrase("le chat"), wv.word("chat")) - 1) < 1e-6,
    true,
    "stop words leave a phrase",
  );
  assert.throws(() => new WordVectors().fit(["un mot"]), /too little text/);
  assert.throws(() => new WordVectors().word("x"), /not fitted/);
});

Deno.test("long words learn from a few hundred texts: each of their n-gram rows takes the whole gradient, as in fastText", () => {
  // Long words have 20-odd rows; a gradient shared among them (a former defect) left these far apart groups at 0.70 cosine.
  const r = new Random(1);
  const careful = ["consciencieux", "méticuleuse", "rigoureusement", "scrupuleux"],
    warm = ["chaleureuse", "bienveillante", "attentionnée", "compatissant"];
  const checks = ["vérifications", "contrôles", "procédures", "documentation"],
    care = ["accompagnement", "résidents", "familles", "réconfort"];
  const texts = Array.from(
    { length: 200 },
    () =>
      Array.from(
        { length: 12 },
        () => (r.chance(0.5)
          ? `${r.pick(checks)} ${r.pick(careful)} ${r.pick(checks)}`
          : `${r.pick(care)} ${r.pick(warm)} ${r.pick(care)}`),
      ).join(" . "),
  );
  const wv = new WordVectors({ dimension: 24, epochs: 3, subsample: 1 }).fit(texts);
  assert.ok(
    wv.similarity("consciencieux", "scrupuleux") > 0.9 && wv.similarity("chaleureuse", "compatissant") > 0.9,
    "same contexts",
  );
  assert.ok(
    wv.similarity("consciencieux", "chaleureuse") < 0.5 && wv.similarity("scrupuleux", "bienveillante") < 0.5,
    "other contexts",
  );
  const occurrences = texts.join(" ").split(/[ .]+/).filter((w) => w === "scrupuleux").length;
  assert.equal(wv.count("Scrupuleux"), occurrences);
  assert.equal(wv.count("inconnu"), 0);
});

Deno.test("the pairs' word support: content words counted once, rare ones listed rarest first", () => {
  const counts = new Map([["écoute", 50], ["empathie", 3]]);
  const pairs = [{
    a: "sens de l'écoute",
    b: "empathie",
    synonym: true,
    codes: ["300412", "300412"] as [string, string],
  }];
  const s = pairWordSupport((w) => counts.get(w) ?? 0, { pairs, minOccurrences: 10 });
  assert.deepEqual(s.rare, [{ word: "sens", count: 0 }, { word: "empathie", count: 3 }]);
  assert.deepEqual([s.words, s.supported, s.minOccurrences], [3, 1, 10]);
  const all = pairWordSupport(() => 100);
  assert.equal(all.supported, all.words);
  assert.ok(all.words > 80 && all.words < 110, `${all.words} content words in the written pairs`);
});

Deno.test("the written soft-skill pairs: both kinds for every code, AUC with an interval, perfect and inverted similarities read as such", () => {
  const synonyms = SOFT_SKILL_PAIRS.filter((p) => p.synonym),
    others = SOFT_SKILL_PAIRS.filter((p) => !p.synonym);
  assert.deepEqual([synonyms.length, others.length], [40, 36]);
  assert.deepEqual(
    [...new Set(synonyms.map((p) => p.codes[0]))].sort(),
    [...SKILL_CODES].sort(),
    "every savoir-être has synonym pairs",
  );
  assert.ok(
    synonyms.every((p) => p.codes[0] === p.codes[1]) && others.every((p) => p.codes[0] !== p.codes[1]),
  );
  const truth = new Map(SOFT_SKILL_PAIRS.map((p) => [`${p.a}|${p.b}`, p.synonym]));
  const perfect = pairAuc((a, b) => (truth.get(`${a}|${b}`) ? 1 : 0), SOFT_SKILL_PAIRS);
  assert.equal(perfect.auc, 1);
  assert.deepEqual(perfect.interval, [1, 1]);
  assert.equal(pairAuc((a, b) => (truth.get(`${a}|${b}`) ? 0 : 1), SOFT_SKILL_PAIRS).auc, 0);
  const flat = pairAuc(() => 0.5, SOFT_SKILL_PAIRS);
  assert.equal(flat.auc, 0.5, "ties count half");
  assert.throws(() => pairAuc(() => 0, synonyms), /synonym and non-synonym/);
});

Deno.test("offer word vectors keep words seen twice in a small corpus, three times in a larger one", () => {
  const small = ["ponctuel rigoureux", "ponctuel autonome", "curieux autonome", "rigoureux curieux"];
  assert.equal(offerWordVectors(small, 1).options.minCount, 2);
  assert.ok(offerWordVectors(small, 1).words.includes("ponctuel"));
  assert.equal(offerWordVectors(toyTexts(2), 1).options.minCount, 3);
});
