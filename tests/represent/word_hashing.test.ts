import assert from "node:assert/strict";
import { murmur3String } from "../../lib/represent/murmur.ts";
import { WordHashing } from "../../lib/represent/word_hashing.ts";
import { canonicalText, generateOffer } from "../../lib/corpus/generator.ts";

// Expected values printed by scikit-learn 1.2.1 (Debian python3-sklearn):
//   [murmurhash3_32(s, 0) for s in WORDS]
//   HashingVectorizer(n_features=2**10, ngram_range=(1, 2)).transform(TEXTS), sorted indices, rounded to 6 places
const WORDS = ["télétravail", "hello", "café au lait", "𝒜bc", "x"];
const SKLEARN_HASHES = [-1916535823, 613153351, 594838579, 1492708798, 1050319643];
const TEXTS = [
  "Télétravail possible 2 jours / semaine, équipe très sympa !",
  "L'Œuvre d'art: naïve café ÉCOLE_42 x y 𝒜bc",
  "a",
];
const SKLEARN_ROWS = [
  [[15, 29, 82, 88, 188, 208, 211, 538, 639, 770, 815, 859, 967], [
    -0.27735,
    0.27735,
    -0.27735,
    -0.27735,
    -0.27735,
    0.27735,
    0.27735,
    -0.27735,
    -0.27735,
    -0.27735,
    -0.27735,
    -0.27735,
    0.27735,
  ]],
  [[282, 344, 446, 469, 566, 579, 694, 776, 807, 860, 994], [
    0.301511,
    0.301511,
    0.301511,
    0.301511,
    0.301511,
    -0.301511,
    0.301511,
    0.301511,
    -0.301511,
    -0.301511,
    -0.301511,
  ]],
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

/** The rule written plainly: lower case, runs of two or more word characters, 1- and 2-grams, MurmurHash3, |h| mod 2^bits with h's sign, L2 norm. */
function plainRow(text: string, bits: number): Map<number, number> {
  const tokens = text.toLowerCase().match(/[\p{L}\p{N}_]{2,}/gu) ?? [];
  const grams = [...tokens, ...tokens.slice(1).map((t, k) => `${tokens[k]} ${t}`)];
  const counts = new Map<number, number>();
  const n = 2 ** bits;
  for (const g of grams) {
    const h = murmur3String(g);
    const index = h === -2147483648 ? (2147483647 - (n - 1)) % n : Math.abs(h) % n;
    counts.set(index, (counts.get(index) ?? 0) + (h >= 0 ? 1 : -1));
  }
  const norm = Math.sqrt([...counts.values()].reduce((a, c) => a + c * c, 0)) || 1;
  return new Map([...counts].map(([k, c]) => [k, c / norm]));
}

Deno.test("word hashing equals the plain rule on generated offers and on awkward Unicode (İ, Σ, astral letters, NUL, very long texts)", () => {
  const h = new WordHashing({ bits: 18 });
  const awkward = [
    "İstanbul İLE ilgili",
    "ΟΔΥΣΣΕΥΣ et ΣΑΣ",
    "𝒜𝒷𝒸 mot 𐐀𐐁 ok",
    "a\u0000b cd\u0000ef",
    "ÉCOLE Œuvre ǅungla ﬁn",
    "",
    Array.from({ length: 6000 }, (_, i) => `mot${i}`).join(" "), // more distinct n-grams than the first table holds
  ];
  const texts = [
    ...Array.from({ length: 400 }, (_, i) => canonicalText(generateOffer(3, i, "jocas").row)),
    ...awkward,
  ];
  for (const text of texts) {
    const row = h.features(text);
    const got = new Map(Array.from({ length: row.size }, (_, k) => [row.indices[k], row.values[k]]));
    const want = plainRow(text, 18);
    assert.equal(got.size, want.size, text.slice(0, 40));
    for (const [k, v] of want) {
      assert.ok(Math.abs(got.get(k)! - v) < 1e-12, `${text.slice(0, 40)}: bucket ${k}`);
    }
  }
});
