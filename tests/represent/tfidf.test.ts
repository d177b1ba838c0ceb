import assert from "node:assert/strict";
import { TfidfVectorizer } from "../../lib/represent/tfidf.ts";
import { dot, fromMap, l2normalise } from "../../lib/represent/sparse.ts";

const texts = [
  "Télétravail possible deux jours par semaine, tickets restaurant.",
  "Tickets restaurant et mutuelle, télétravail possible.",
  "Maçon coffreur pour chantier de gros œuvre.",
  "Maçon expérimenté, chantier en extérieur.",
];

Deno.test("TF-IDF learns a vocabulary of word n-grams with min_df and gives unit vectors", () => {
  const tfidf = new TfidfVectorizer({ ngrams: [1, 2], minDf: 2 }).fit(texts);
  assert.ok(tfidf.vocabulary.has("télétravail"));
  assert.ok(tfidf.vocabulary.has("tickets restaurant"));
  assert.ok(!tfidf.vocabulary.has("coffreur"), "terms in fewer than minDf documents are dropped");
  const v = tfidf.transform(texts);
  for (const x of v) assert.ok(Math.abs(dot(x, x) - 1) < 1e-5);
  assert.ok(dot(v[0], v[1]) > 0.5, "similar offers are close");
  assert.equal(dot(v[0], v[2]), 0, "unrelated offers share no term");
  assert.deepEqual(tfidf.fitTransform(texts), v, "fit then transform is deterministic");
});

Deno.test("sparse helpers: dot product of sorted indices, normalisation", () => {
  const a = fromMap(new Map([[5, 1], [1, 2]]));
  assert.deepEqual([...a.indices], [1, 5]);
  const b = fromMap(new Map([[1, 3], [7, 1]]));
  assert.equal(dot(a, b), 6);
  assert.deepEqual(
    [...l2normalise(fromMap(new Map([[0, 3], [2, 4]]))).values].map((x) => Number(x.toFixed(3))),
    [0.6, 0.8],
  );
});

Deno.test("the fast transform gives exactly the vectors of the n-gram terms (word and character n-grams)", () => {
  const corpus = [
    ...texts,
    "L'équipe d'accueil recrute : télétravail, tickets restaurant, e-commerce et équipe soudée.",
    "Équipe soudée, télétravail partiel, restaurant d'entreprise.",
  ];
  const tfidf = new TfidfVectorizer({ ngrams: [1, 3], minDf: 1, charNgrams: [3, 4] }).fit(corpus);
  const reference = corpus.map((text) => {
    const counts = new Map<number, number>();
    for (const t of tfidf.terms(text)) {
      const i = tfidf.vocabulary.get(t);
      if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    for (const [i, c] of counts) counts.set(i, (1 + Math.log(c)) * tfidf.idf[i]);
    return l2normalise(fromMap(counts));
  });
  assert.deepEqual(tfidf.transform(corpus), reference);
  assert.deepEqual(tfidf.transform(corpus), reference, "and again with warm caches");
  const restored = TfidfVectorizer.fromJSON(JSON.parse(JSON.stringify(tfidf.toJSON())));
  assert.deepEqual(restored.transform(corpus), reference);
});
