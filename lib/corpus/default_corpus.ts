/**
 * The corpus a run works on: the generated default (made once per seed and
 * size, cached in data/) or the user's file, sampled as the config says.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * import { openRunCorpus } from "./default_corpus.ts";
 * const corpus = await openRunCorpus(loadConfig());
 * corpus.offers.length; corpus.truth?.get(corpus.offers[0].id);
 * ```
 */
import type { RunConfig } from "../config.ts";
import { distinctTexts, textHash } from "./dedup.ts";
import { GENERATOR_VERSION, type OfferTruth } from "./generator.ts";
import { loadOffers, type LoadReport } from "./load.ts";
import type { Offer } from "./schema.ts";
import { readTruth, truthPathOf, writeGeneratedCorpus } from "./write.ts";

/** The offers of a run with how they were loaded and, for the generated corpus, the truth. */
export interface RunCorpus {
  /** Human-readable description of the data source. */
  source: string;
  path: string;
  /** The offers, each text once unless `{ distinct: false }` was asked (stage 1 describes the file as it is). */
  offers: Offer[];
  /** Offers set aside as reposts of a text already seen (0 with `{ distinct: false }`). */
  repeated: number;
  generated: boolean;
  report: LoadReport;
  quarantinePath: string;
  /** Ground truth by offer id (generated corpus only). */
  truth: Map<string, OfferTruth> | null;
}

/** Makes (once) the generated corpus of this seed and size; returns its path. */
export async function ensureDefaultCorpus(config: RunConfig, n = config.corpusSize): Promise<string> {
  await Deno.mkdir(config.dataDir, { recursive: true });
  const path = `${config.dataDir}/default-g${GENERATOR_VERSION}-seed${config.seed}-n${n}.parquet`;
  try {
    await Deno.stat(path);
    await Deno.stat(truthPathOf(path));
  } catch {
    await writeGeneratedCorpus({ n, seed: config.seed, out: path });
  }
  return path;
}

/**
 * Loads the run's corpus: the generated default or the configured file,
 * quarantining bad records and, unless `distinct` is false, keeping each
 * cleaned text once (the first offer of it): reposts would count one ad
 * several times in every share, sample and model.
 */
export async function openRunCorpus(
  config: RunConfig,
  which: "data" | "real" = "data",
  o: { distinct?: boolean } = {},
): Promise<RunCorpus> {
  await Deno.mkdir(config.dataDir, { recursive: true });
  const generated = which === "data" && config.data === "default";
  const path = generated
    ? await ensureDefaultCorpus(config)
    : which === "real"
    ? config.realData
    : config.data;
  if (!path) throw new Error("no real data configured (JOBS_REAL_DATA) and ../shared/data is absent");
  const quarantinePath = `${config.dataDir}/quarantine-${which}.jsonl`;
  await Deno.writeTextFile(quarantinePath, "");
  const { offers, report } = await loadOffers(path, {
    format: generated ? "jocas" : which === "real" ? "auto" : config.format,
    quarantine: quarantinePath,
    sample: which === "data" && !generated ? config.sample || undefined : undefined,
    seed: config.seed,
  });
  const { items, repeated } = o.distinct === false
    ? { items: offers, repeated: 0 }
    : distinctTexts(offers, (x) => textHash(x.text));
  return {
    source: generated ? `generated default corpus (seed ${config.seed}, ${offers.length} offers)` : `${path}`,
    path,
    offers: items,
    repeated,
    generated,
    report,
    quarantinePath,
    truth: generated ? await readTruth(truthPathOf(path)) : null,
  };
}
