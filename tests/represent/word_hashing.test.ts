import assert from "node:assert/strict";
import { murmur3String } from "../../lib/represent/murmur.ts";
import { WordHashing } from "../../lib/represent/word_hashing.ts";

// Expected values printed by scikit-learn 1.2.1 (Debian python3-sklearn):
//   [murmurhash3_32(s, 0) for s in WORDS]
//   HashingVectorizer(n_features=2**10, ngram_range=(1, 2)).transform(TEXTS), sorted indices, rounded to 6 places
const WORDS = ["télétravail", "hello", "café au lait", "𝒜bc", "x"];
const SKLEARN_HASHES = [-1916535823, 613153351, 594838579, 1492708798, 1050319643];
const TEXTS = ["Télétravail possible 2 jours / semaine, équipe très sympa !", "L'Œuvre d'art: naïve café ÉCOLE_42 x y 𝒜bc", "a"];
const SKLEARN_ROWS = [
  [[15, 29, 82, 88, 188, 208, 211, 538, 639, 770, 815, 859, 967], [-0.27735, 0.27735, -0.27735, -0.27735, -0.27735, 0.27735, 0.27735, -0.27735, -0.27735, -0.27735, -0.27735, -0.27735, 0.27735]],
  [[282, 344, 446, 469, 566, 579, 694, 776, 807, 860, 994], [0.301511, 0.301511, 0.301511, 0.301511, 0.301511, -0.301511, 0.301511, 0.301511, -0.301511, -0.301511, -0.301511]],
  [[], []],
];

Deno.test("MurmurHash3 of UTF-8 strings equals scikit-learn's murmurhash3_32", () => {
  assert.deepEqual(WORDS.map((w) => murmur3String(w)), SKLEARN_HASHES);
});

Deno.test("word hashing gives scikit-learn's HashingVectorizer rows (accents, apostrophes, underscores, astral letters, 1-letter words)", () => {
  const h = new WordHashing({ bits: 10 });
  TEXTS.forEach((text, i) => {
    const v = h.vector(text);
    assert.deepEqual(Array.from(v.indices), SKLEARN_ROWS[i][0]);
    assert.deepEqual(Array.from(v.values, (x) => Number(x.toFixed(6))), SKLEARN_ROWS[i][1]);
  });
});

Deno.test("word hashing is stateless across calls: the same text gives the same vector after others", () => {
  const h = new WordHashing({ bits: 12 });
  const first = h.vector("Vous êtes rigoureux et autonome");
  h.vector("Un tout autre texte, beaucoup plus long, avec d'autres mots encore et encore");
  assert.deepEqual(h.vector("Vous êtes rigoureux et autonome"), first);
  assert.throws(() => new WordHashing({ bits: 40 }), /bits must be an integer in 4\.\.26/);
});
