import assert, { deepStrictEqual, equal as assertEquals } from "node:assert/strict";
import { BertMlm, padBatch } from "../../lib/lm/bert.ts";
import { tf, tfReady } from "../../lib/lm/tf_backend.ts";
import { exportHuggingFace } from "../../lib/lm/hf_export.ts";
import { learnWordPiece } from "../../lib/lm/wordpiece.ts";
import { meanPool, openEmbedder, tokenWindows } from "../../lib/represent/encoder.ts";
import { EmbeddingCache } from "../../lib/represent/embedding_cache.ts";
import { tempDir } from "../_helpers.ts";

const TEXTS = [
  "vous êtes rigoureux et autonome",
  "télétravail possible deux jours par semaine",
  "poste en cdi à temps plein",
];

async function fixtureModel(dir: string) {
  await tfReady();
  const vocab = learnWordPiece(TEXTS, { vocabSize: 120, minFrequency: 1, minCharFrequency: 1 });
  const model = BertMlm.init({
    hiddenSize: 16,
    layers: 1,
    heads: 2,
    intermediateSize: 32,
    maxPositions: 32,
    layerNormEps: 1e-12,
    vocabSize: vocab.length,
  }, 1);
  await exportHuggingFace(dir, model, vocab, { maxLength: 12 });
  return model;
}

Deno.test("tokenWindows: overlapping windows that cover every token; short inputs untouched", () => {
  deepStrictEqual(tokenWindows([1, 2, 3], 5, 2), [[1, 2, 3]]);
  const windows = tokenWindows(Array.from({ length: 10 }, (_, i) => i), 4, 1);
  deepStrictEqual(windows, [[0, 1, 2, 3], [3, 4, 5, 6], [6, 7, 8, 9]]);
});

Deno.test("meanPool averages real tokens only", () => {
  const hidden = Float32Array.of(1, 2, 3, 4, 100, 100, 5, 6, 7, 8, 9, 10);
  deepStrictEqual(meanPool(hidden, [1, 1, 0, 1, 1, 1], 2, 3, 2), [
    Float32Array.of(2, 3),
    Float32Array.of(7, 8),
  ]);
});

Deno.test("embeddings: mean-pooled hidden states of the model, unit length, windows for long offers, cached on disk", async () => {
  const dir = await tempDir();
  const model = await fixtureModel(`${dir}/model`);
  const embedder = await openEmbedder(`${dir}/model`, { cache: `${dir}/cache.sqlite`, batchSize: 2 });
  assertEquals(embedder.dimension, 16);
  const [short] = await embedder.embed([TEXTS[0]]);
  const ids = embedder.tokenizer.encode(TEXTS[0]) as number[];
  const hidden = tf.tidy(() => model.encode(padBatch([ids])).dataSync() as Float32Array);
  const expected = meanPool(hidden, ids.map(() => 1), 1, ids.length, 16)[0];
  const norm = Math.hypot(...expected);
  expected.forEach((x, h) => assert(Math.abs(x / norm - short[h]) < 1e-5));
  assert(Math.abs(Math.hypot(...short) - 1) < 1e-5);

  const long = TEXTS.join(" ; ");
  assert((embedder.tokenizer.encode(long) as number[]).length > 12, "the long text needs several windows");
  const [v] = await embedder.embed([long]);
  assert(Math.abs(Math.hypot(...v) - 1) < 1e-5);

  const cache = new EmbeddingCache(`${dir}/cache.sqlite`);
  assertEquals(cache.count(embedder.id), 2);
  cache.close();
  const again = await embedder.embed(
    [long, TEXTS[0]],
    () => assert.fail("cached texts are not embedded again"),
  );
  deepStrictEqual(again, [v, short]);
  embedder.close();
  model.dispose();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a missing model names where it looked and how to get one", async () => {
  await assert.rejects(
    () => openEmbedder("no-such-model"),
    /model "no-such-model" not found: looked in .*models\/no-such-model.*JOBS_HF_REMOTE=1/,
  );
});
