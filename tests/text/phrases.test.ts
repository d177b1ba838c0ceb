import assert from "node:assert/strict";
import { normaliseWord, PhraseIndex, phraseKey, phraseWords } from "../../lib/text/phrases.ts";

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
  const index = new PhraseIndex<string>().add("rigoureux", "300490").add("esprit d'équipe", "300465").add("équipe soudée", "x");
  const found = index.find(text);
  assert.deepEqual(found.map((m) => [m.value, text.slice(m.start, m.end)]), [["300490", "RIGOUREUSE"], ["300465", "esprit d’équipe"], ["300465", "Esprit d'équipe"]]);
  assert.equal(index.size, 3);
  assert.deepEqual(phraseWords("l'écoute").map((w) => w.key), ["l", "ecoute"]);
  assert.deepEqual(new PhraseIndex<number>().add("", 1).find("anything"), [], "a phrase without a word is ignored");
});
