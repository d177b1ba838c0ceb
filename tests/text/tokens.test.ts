import assert from "node:assert/strict";
import { tokenize, wordCount } from "../../lib/text/tokens.ts";
import { isStopword } from "../../lib/text/stopwords.ts";

Deno.test("tokenize splits French words, strips elisions and keeps hyphenated words", () => {
  assert.deepEqual(tokenize("L'équipe d'accueil qu'aujourd'hui jusqu'à 35h, e-commerce 2024"), [
    "équipe",
    "accueil",
    "aujourd'hui",
    "à",
    "35h",
    "e-commerce",
  ]);
  assert.deepEqual(tokenize("Vous êtes RIGOUREUX(SE)", { lower: false }), [
    "Vous",
    "êtes",
    "RIGOUREUX",
    "SE",
  ]);
  assert.deepEqual(tokenize("2024 12 ans", { numbers: true }), ["2024", "12", "ans"]);
  assert.deepEqual(tokenize("a bb ccc", { minLength: 2 }), ["bb", "ccc"]);
  assert.deepEqual(tokenize("Œuvre – «citation» ’"), ["œuvre", "citation"]);
});

Deno.test("wordCount counts whitespace-separated words", () => {
  assert.equal(wordCount("  un deux\ntrois\tquatre "), 4);
  assert.equal(wordCount(""), 0);
});

Deno.test("stop words include French function words", () => {
  for (const w of ["les", "de", "vous", "et", "h"]) assert.ok(isStopword(w), w);
  for (const w of ["équipe", "télétravail"]) assert.ok(!isStopword(w), w);
});
