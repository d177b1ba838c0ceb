import assert from "node:assert/strict";
import { PairCounter, Vocabulary } from "../../lib/text/vocabulary.ts";
import { tokenize } from "../../lib/text/tokens.ts";
import { canonicalText, generateOffer } from "../../lib/corpus/generator.ts";

Deno.test("Vocabulary.ids gives exactly the tokens of tokenize, on generated offers and tricky text", () => {
  const v = new Vocabulary();
  const texts = Array.from({ length: 400 }, (_, i) => canonicalText(generateOffer(11, i).row));
  texts.push(
    "L'équipe d'accueil qu'aujourd'hui jusqu'à 35h, e-commerce 2024 -- l' ' x-",
    "ŒUVRE Ærø 日本語 ﬁn",
    "",
  );
  for (const text of texts) {
    assert.deepEqual(v.ids(text).map((id) => v.word(id)), tokenize(text), text.slice(0, 60));
  }
  const size = v.size;
  assert.ok(size > 300, `vocabulary of ${size}`);
  assert.equal(v.id("équipe"), v.ids("Équipe")[0]);
  assert.equal(v.size, size, "known words are not added again");
});

Deno.test("PairCounter counts pairs through growth and pruning", () => {
  const pairs = new PairCounter();
  for (let i = 0; i < 100_000; i++) pairs.add(i % 5000, (i * 7) % 13);
  pairs.add(1, 2, 5);
  const counts = new Map([...pairs.entries()].map(([a, b, c]) => [`${a}:${b}`, c]));
  let total = 0;
  counts.forEach((c) => (total += c));
  assert.equal(total, 100_005);
  assert.equal(
    counts.get("1:2"),
    5 + [...Array(100_000).keys()].filter((i) => i % 5000 === 1 && (i * 7) % 13 === 2).length,
  );
  pairs.prune(4);
  for (const [, , c] of pairs.entries()) assert.ok(c > 4);
  pairs.add(1, 2);
  assert.ok([...pairs.entries()].some(([a, b, c]) => a === 1 && b === 2 && c >= 6));
});

Deno.test("PairMap maps pairs of ids to values through growth", async () => {
  const { PairMap } = await import("../../lib/text/vocabulary.ts");
  const m = new PairMap();
  for (let i = 0; i < 50_000; i++) m.set(i % 700, Math.floor(i / 700), i);
  assert.equal(m.size, 50_000);
  assert.equal(m.get(3, 10), 10 * 700 + 3);
  assert.equal(m.get(699, 9999), undefined);
  m.set(3, 10, -1);
  assert.equal(m.get(3, 10), -1);
  m.clear();
  assert.equal(m.get(3, 10), undefined);
});
