import assert from "node:assert/strict";
import { representationPairTest, supportLine } from "../../lib/lm/pair_test.ts";
import { pairWordSupport, SOFT_SKILL_PAIRS } from "../../lib/represent/soft_skill_pairs.ts";
import { canonicalText, generateOffer } from "../../lib/corpus/generator.ts";
import { loadConfig } from "../../lib/config.ts";

Deno.test("the pair test scores TF-IDF, word vectors and sentence embeddings on the written pairs, each with an interval", async () => {
  const texts = Array.from({ length: 200 }, (_, i) => canonicalText(generateOffer(5, i).row));
  // embeddings planted from the pairs' ROME codes: a wording's vector is its code's axis, so synonyms coincide
  const codeOf = new Map(SOFT_SKILL_PAIRS.flatMap((p) => [[p.a, p.codes[0]], [p.b, p.codes[1]]]));
  const codes = [...new Set(codeOf.values())];
  const embed = (phrases: string[]) =>
    Promise.resolve(phrases.map((p) => Float32Array.from(codes, (c) => (codeOf.get(p) === c ? 1 : 0))));
  const rows = await representationPairTest({ ...loadConfig({}), seed: 3 }, texts, { embed });
  assert.deepEqual(rows.map((r) => r.representation.split(" ")[0]), ["TF-IDF", "word", "sentence"]);
  assert.equal(rows[2].auc, 1, "embeddings that know the codes separate the pairs perfectly");
  const named = await representationPairTest({ ...loadConfig({}), seed: 3 }, texts, {
    embed,
    source: "the real sample",
  });
  assert.deepEqual(named.slice(0, 2).map((r) => r.representation), [
    "TF-IDF character 3-5-grams (fitted on the real sample)",
    "word vectors (skip-gram with subwords, learnt on the real sample)",
  ]);
  for (const r of rows) {
    assert.ok(
      r.auc >= 0 && r.auc <= 1 && r.interval[0] <= r.auc && r.auc <= r.interval[1],
      JSON.stringify(r),
    );
  }
  assert.equal(rows[2].singleWordAuc, 1);
  // a pretrained encoder that reads spelling only: the pairs sharing a head word mislead it, the single-word pairs less
  const spelling = (phrases: string[]) =>
    Promise.resolve(
      phrases.map((p) =>
        Float32Array.from(p.split(/[\s']/)[0].padEnd(12).slice(0, 12), (c) => c.charCodeAt(0))
      ),
    );
  const withPretrained = await representationPairTest({ ...loadConfig({}), seed: 3 }, texts, {
    embed,
    pretrained: { name: "spelling (pretrained)", embed: spelling },
  });
  assert.equal(withPretrained.length, 4);
  assert.equal(withPretrained[3].representation, "sentence embeddings (spelling (pretrained))");
  assert.ok(withPretrained[3].auc < withPretrained[3].singleWordAuc, JSON.stringify(withPretrained[3]));
});

Deno.test("the support line names the rarest words, or says every word is frequent", () => {
  const s = pairWordSupport((w) => (w === "charisme" ? 0 : w === "tenace" ? 2 : 40));
  const line = supportLine(s);
  assert.match(
    line,
    new RegExp(`^${s.words - 2} of the pairs' ${s.words} content words occur at least 10 times`),
  );
  assert.match(line, /the rarest: charisme, tenace\. Co-occurrence cannot place/);
  assert.match(
    supportLine(pairWordSupport(() => 40)),
    /reads what these offers teach about every word of the test/,
  );
});
