import assert from "node:assert/strict";
import { normaliseWord, PhraseIndex, phraseKey, phraseWords } from "../../lib/text/phrases.ts";
import { mulberry32 } from "../../lib/base/random.ts";

Deno.test("phrase keys: case, accents, apostrophes, inclusive writing, gender and number reduced to one form", () => {
  assert.equal(phraseKey("Rigoureuse et organisée"), phraseKey("rigoureux et organisé"));
  assert.equal(phraseKey("RIGOUREUSES"), phraseKey("rigoureux"));
  assert.equal(phraseKey("motivé(e)"), phraseKey("motivée"));
  assert.equal(phraseKey("organisé·e·s"), phraseKey("organisé"));
  assert.equal(phraseKey("créative"), phraseKey("créatifs"));
  assert.equal(phraseKey("esprit d’équipe"), phraseKey("Esprit  d'Équipe"));
  assert.equal(phraseKey("ponctuelle"), phraseKey("ponctuel"));
  assert.notEqual(phraseKey("rigueur"), phraseKey("rigoureux"), "different words stay apart");
  assert.equal(normaliseWord("curieuse"), "curieux");
  assert.equal(phraseKey("!!"), "");
});

Deno.test("a phrase index finds runs of words and returns spans of the original text", () => {
  const text = "Profil : vous êtes RIGOUREUSE, organisé·e et avez l’esprit d’équipe. Esprit d'équipe !";
  const index = new PhraseIndex<string>().add("rigoureux", "300490").add("esprit d'équipe", "300465").add(
    "équipe soudée",
    "x",
  );
  const found = index.find(text);
  assert.deepEqual(found.map((m) => [m.value, text.slice(m.start, m.end)]), [["300490", "RIGOUREUSE"], [
    "300465",
    "esprit d’équipe",
  ], ["300465", "Esprit d'équipe"]]);
  assert.equal(index.size, 3);
  assert.deepEqual(phraseWords("l'écoute").map((w) => w.key), ["l", "ecoute"]);
  assert.deepEqual(
    new PhraseIndex<number>().add("", 1).find("anything"),
    [],
    "a phrase without a word is ignored",
  );
});

Deno.test("the phrase trie finds what a scan of every phrase at every word finds, in the same order", () => {
  const random = mulberry32(9);
  const vocabulary = [
    "vous",
    "etes",
    "rigoureux",
    "esprit",
    "d",
    "equipe",
    "travail",
    "en",
    "autonome",
    "sens",
    "du",
    "service",
  ];
  const pick = () => vocabulary[Math.floor(random() * vocabulary.length)];
  const phrases = Array.from(
    { length: 80 },
    () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => normaliseWord(pick())).join(" "),
  );
  const index = new PhraseIndex<number>();
  phrases.forEach((p, k) => index.addKey(p, k));
  const order = index.entries().map(([key]) => key);
  for (let t = 0; t < 100; t++) {
    const text = Array.from({ length: 30 }, pick).join(" ");
    const words = phraseWords(text);
    const expected: [number, string, number, number][] = [];
    words.forEach((w, i) => {
      for (const key of order) {
        const parts = key.split(" ");
        if (parts.every((part, j) => words[i + j]?.key === part)) {
          expected.push([i, key, w.start, words[i + parts.length - 1].end]);
        }
      }
    });
    assert.deepEqual(index.find(text).map((m) => [m.word, m.key, m.start, m.end]), expected);
  }
});
