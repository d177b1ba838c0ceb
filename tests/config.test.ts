import assert from "node:assert/strict";
import { loadConfig, ROOT } from "../lib/config.ts";
import { tempDir, writeFixture } from "./_helpers.ts";

Deno.test("config: defaults, then the config file, then environment variables", async () => {
  const defaults = loadConfig({ JOBS_CONFIG: undefined });
  assert.equal(defaults.data, "default");
  assert.deepEqual([defaults.sample, defaults.corpusSize], [2000, 2000]);
  const sized = loadConfig({ JOBS_CONFIG: undefined, JOBS_CORPUS_SIZE: "300", JOBS_SAMPLE: "0" });
  assert.deepEqual(
    [sized.corpusSize, sized.sample],
    [300, 0],
    "the generated corpus size and a file's sample are two parameters",
  );
  assert.equal(defaults.seed, 42);
  assert.equal(defaults.reportDir, `${ROOT}/reports`);
  assert.deepEqual([defaults.encoder, defaults.lmSteps, defaults.sampleSpace], ["project", 1500, "tfidf"]);
  const camembert = loadConfig({
    JOBS_CONFIG: undefined,
    JOBS_ENCODER: "camembert-base",
    JOBS_SAMPLE_SPACE: "embeddings",
    JOBS_LM_STEPS: "50",
  });
  assert.deepEqual([camembert.encoder, camembert.lmSteps, camembert.sampleSpace], [
    "camembert-base",
    50,
    "embeddings",
  ]);
  const dir = await tempDir();
  const file = await writeFixture(
    dir,
    "c.json",
    JSON.stringify({ sample: 100, seed: 7, data: "/data/jocas.parquet", format: "jocas" }),
  );
  const fromFile = loadConfig({ JOBS_CONFIG: file });
  assert.deepEqual([fromFile.sample, fromFile.seed, fromFile.data, fromFile.format], [
    100,
    7,
    "/data/jocas.parquet",
    "jocas",
  ]);
  const fromEnv = loadConfig({
    JOBS_CONFIG: file,
    JOBS_SAMPLE: "0",
    JOBS_REPORT_DIR: "/tmp/r",
    JOBS_REAL_DATA: "none",
  });
  assert.deepEqual([fromEnv.sample, fromEnv.seed, fromEnv.reportDir, fromEnv.realData], [
    0,
    7,
    "/tmp/r",
    null,
  ]);
});

Deno.test("config: bad values and files fail with a clear message", async () => {
  assert.throws(
    () => loadConfig({ JOBS_SAMPLE: "ten" }),
    /JOBS_SAMPLE must be a non-negative integer, got "ten"/,
  );
  assert.throws(() => loadConfig({ JOBS_CORPUS_SIZE: "0" }), /JOBS_CORPUS_SIZE must be at least 1, got 0/);
  assert.throws(() => loadConfig({ JOBS_FORMAT: "xlsx" }), /JOBS_FORMAT must be one of/);
  assert.throws(
    () => loadConfig({ JOBS_SAMPLE_SPACE: "bert" }),
    /JOBS_SAMPLE_SPACE must be "tfidf" or "embeddings", got "bert"/,
  );
  assert.throws(() => loadConfig({ JOBS_CONFIG: "/nonexistent.json" }), /does not exist/);
  const dir = await tempDir();
  const broken = await writeFixture(dir, "b.json", "{ sample: ");
  assert.throws(() => loadConfig({ JOBS_CONFIG: broken }), /b\.json: not valid JSON/);
});
