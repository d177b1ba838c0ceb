/**
 * `deno task jobs <command>`: the library from the command line, for users,
 * scripts and batch schedulers. Run `deno task jobs --help`.
 */
import { inspectCorpus } from "./inspect.ts";
import { type CommandSpec, MAX_RECORD_HELP, maxRecordChars, parseArgs, usage, UsageError } from "./args.ts";
import { collectFranceTravail, FtApi, writeGeneratedCorpus } from "../corpus/mod.ts";
import { progressBar } from "./progress.ts";
import { labelAll, parseShard, predictFile } from "../bulk/mod.ts";
import { trainBulk, trainLabeller, trainSoftSkills, trainThemes } from "../train/mod.ts";
import { allReferenceFiles, labelMore, llmOptionsFromEnv } from "../labelling/mod.ts";
import { trainLanguageModelOn } from "../lm/mod.ts";
import { evaluateLabelled, type SchemeName, SCHEMES } from "../evaluate/mod.ts";
import { loadConfig } from "../config.ts";

/** A comma-separated option as a list of its non-empty items; undefined when the option is absent. */
const commaList = (a: Record<string, string | boolean>, k: string) =>
  a[k] ? String(a[k]).split(",").map((s) => s.trim()).filter(Boolean) : undefined;

const COMMANDS: Record<
  string,
  CommandSpec & { run: (a: Record<string, string | boolean>, positional: string[]) => Promise<number> }
> = {
  inspect: {
    summary:
      "Load a corpus file or folder and print what was read, kept and quarantined, duplicates, dates and missing shares (JSON).",
    usage:
      "inspect <file|folder> [--format auto|jocas|france-travail|csv|jsonl|json|parquet] [--quarantine <file>] [--map field=column,...] [--separator <c>] [--encoding auto|utf-8|windows-1252] [--max-record-mb 4] [--workers N]",
    options: {
      format: "layout of the file (default auto: recognised by extension and columns)",
      quarantine: "append malformed records to this JSONL file, with their line and reason",
      map: "column mapping for any CSV/JSONL/Parquet, e.g. id=ref,text=body,date=published",
      separator: "CSV separator (default: sniffed from the header)",
      encoding:
        "text encoding (default auto: UTF-8, or Windows-1252/Latin-1 when the file has high bytes and no UTF-8 sequence); a line invalid in it is quarantined",
      "max-record-mb": MAX_RECORD_HELP,
      workers: "worker threads for Parquet input (default: number of cores)",
    },
    positional: 1,
    run: async (a, [file]) => {
      const result = await inspectCorpus(file, {
        format: a.format as string | undefined,
        quarantine: a.quarantine as string | undefined,
        map: a.map as string | undefined,
        separator: a.separator as string | undefined,
        encoding: a.encoding as string | undefined,
        maxRecordChars: maxRecordChars(a),
        workers: a.workers ? Number(a.workers) : undefined,
        onProgress: progressBar("inspect"),
      });
      console.log(JSON.stringify(result, null, 2));
      return 0;
    },
  },
  generate: {
    summary: "Write the embedded default corpus (JOCAS layout) and its ground truth (<out>.truth.jsonl).",
    usage:
      "generate --n N [--seed S] [--lengths compact|jocas] --out <file.parquet|file.csv|file.jsonl|folder>",
    options: {
      n: "number of offers",
      lengths:
        "compact (the default corpus, about 640 characters an offer) or jocas (lengthened with neutral text to a JOCAS extract's lengths: median 871, p90 1,866)",
      seed: "seed (default 42): the same seed gives the same corpus",
      out: "output: .parquet, .csv, .jsonl, or a folder for partitioned Parquet",
      chunk: "rows per chunk / Parquet row group (default 50000)",
    },
    positional: 0,
    run: async (a) => {
      if (!a.n || !a.out) throw new UsageError("generate needs --n and --out");
      const n = Number(a.n);
      if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--n must be a positive integer, got ${a.n}`);
      const lengths = String(a.lengths ?? "compact");
      if (lengths !== "compact" && lengths !== "jocas") {
        throw new UsageError(`--lengths must be compact or jocas, got ${lengths}`);
      }
      const started = performance.now();
      const written = await writeGeneratedCorpus({
        n,
        seed: a.seed ? Number(a.seed) : 42,
        out: String(a.out),
        chunk: a.chunk ? Number(a.chunk) : undefined,
        lengths,
        onProgress: progressBar("generate"),
      });
      const seconds = (performance.now() - started) / 1000;
      console.log(
        JSON.stringify({
          ...written,
          offers: n,
          seconds: Number(seconds.toFixed(2)),
          offers_per_second: Math.round(n / seconds),
        }),
      );
      return 0;
    },
  },
  train: {
    summary:
      "Train the model a folder stands for — by default the theme model (teacher + text stack) and the offer-level soft-skill model together, the pair predict, label-all, the demo and stage 9 apply — or one part (--task); prints occupation-grouped cross-validated metrics as JSON and saves the models with their cards.",
    usage:
      "train [--task all|themes|soft-skills|bulk] [--offers a.jsonl,b.jsonl] [--labels l1.jsonl,l2.jsonl] [--min-confidence 80] --out models/<name> [--model stack|text|codes|spans] [--features tfidf|hashing] [--folds 5] [--C 4] [--format ...]",
    options: {
      task:
        "all (default: model.json + skills.json, the labeller), themes (model.json), soft-skills (skills.json, from the labels' evidence spans) or bulk (bulk.json: the hashing model, applied alone only in a folder without model.json and skills.json)",
      offers:
        "the offers: a file or folder, or several separated by commas, read as one corpus (default: both France Travail files of ../shared/data)",
      labels:
        "labels in the codebook's JSONL format, several separated by commas (default: every reference-ft-*.jsonl of ../shared/data/labels but the second labellings)",
      "min-confidence": "keep labels with overall_confidence >= this (default 80)",
      out: "model folder (model.json + card.json, skills.json + skills-card.json)",
      model:
        "themes: stack (default: the rule teacher's confidences and the text model, stacked) or text (the text model alone); soft-skills: codes (default: the offer-level model) or spans (the span detector); the defaults rank first on occupation-grouped folds in `jobs evaluate`",
      features: "tfidf (default) or hashing",
      folds: "cross-validation folds for the reported metrics (default 5)",
      C: "inverse L2 penalty (default 4)",
      bits: "bulk only: 2^bits hashing buckets (default 18)",
      format: "layout of the offers file (default auto)",
    },
    positional: 0,
    run: async (a) => {
      const tasks = {
        all: trainLabeller,
        themes: trainThemes,
        "soft-skills": trainSoftSkills,
        bulk: trainBulk,
      };
      const task = a.task === undefined ? "all" : a.task;
      if (typeof task !== "string" || !(task in tasks)) {
        throw new UsageError(
          `--task must be "all", "themes", "soft-skills" or "bulk" (got ${JSON.stringify(task)})`,
        );
      }
      if (!a.out) throw new UsageError("train needs --out");
      const reference = allReferenceFiles(loadConfig());
      const files = (k: "offers" | "labels") => {
        if (a[k] !== undefined) return String(a[k]).split(",").map((f) => f.trim()).filter(Boolean);
        if (!reference) {
          throw new UsageError(
            `train needs --${k} (../shared/data, whose reference files it would default to, is absent)`,
          );
        }
        return reference[k];
      };
      const result = await tasks[task as keyof typeof tasks]({
        bits: a.bits ? Number(a.bits) : undefined,
        offers: files("offers"),
        labels: files("labels"),
        out: String(a.out),
        minConfidence: a["min-confidence"] !== undefined ? Number(a["min-confidence"]) : undefined,
        features: a.features === "hashing" ? "hashing" : "tfidf",
        folds: a.folds ? Number(a.folds) : undefined,
        C: a.C ? Number(a.C) : undefined,
        format: a.format as never,
        model: a.model as never,
      });
      console.log(JSON.stringify(result, null, 2));
      return 0;
    },
  },
  evaluate: {
    summary:
      "Score every model and named peer (rule teacher, evidence lookup, the seed's TF-IDF + XGBoost) on the same folds — grouped by ROME family (the reference), by ROME code, leaving one collector out, IT offers to every other occupation, stratified — with 95 % bootstrap intervals and paired differences to the best peer and to today's default model, per theme and per code, plus an out-of-domain test on generated offers; prints the scoreboard and writes it as JSON and Markdown.",
    usage:
      "evaluate [--offers a.jsonl,b.jsonl] [--labels a.jsonl,b.jsonl] [--second a.jsonl,b.jsonl] [--min-confidence 80] [--folds 5] [--resamples 1000] [--schemes family,grouped,collector,it-to-others,stratified] [--generated 2000] [--errors 3] [--models all|defaults] [--curve 0.25,0.5] [--out reports/evaluate] [--install-peer]",
    options: {
      offers:
        "comma-separated offer files read as one corpus (default: every France Travail file in ../shared/data)",
      labels:
        "comma-separated label files in the codebook's format (default: every reference-ft-*.jsonl in ../shared/data/labels but the second labellings)",
      second:
        "comma-separated second labellings of some of the same offers, scored as the agreement ceiling (default: the *-second.jsonl files when the default labels are used)",
      "min-confidence": "keep labels with overall_confidence >= this (default 80)",
      folds: "folds of the family, grouped and stratified schemes (default 5)",
      resamples: "bootstrap resamples (default 1000)",
      schemes: `comma-separated among ${
        Object.keys(SCHEMES).join(", ")
      }; family or grouped must be one of them, the first present is the reference (default all)`,
      generated:
        "generated offers (with planted truth) for the out-of-domain test; 0 skips it (default 2000)",
      errors:
        "error analysis of today's theme model on the reference folds: examples per theme and kind, with the sentence that carried or triggered the theme; 0 skips it (default 3)",
      models:
        "all: every model of the project; defaults: only today's models (what train makes) beside the peers, quicker (default all)",
      curve:
        "comma-separated shares of each reference training fold today's models are refitted on: F1 at each share and what the last doubling of the labels bought (default none)",
      out: "folder for scoreboard.json and scoreboard.md (default reports/evaluate)",
      "install-peer": "as root, apt-get the seed peer's python3-sklearn and python3-xgboost when missing",
    },
    positional: 0,
    run: async (a) => {
      const config = loadConfig();
      const number = (k: string) => (a[k] !== undefined ? Number(a[k]) : undefined);
      if (a.models !== undefined && a.models !== "all" && a.models !== "defaults") {
        throw new UsageError(`--models takes all or defaults, got ${a.models}`);
      }
      const list = (k: string) => commaList(a, k);
      const share = (s: string) => {
        const x = Number(s);
        if (!(x > 0 && x < 1)) throw new UsageError(`--curve takes shares between 0 and 1, got ${s}`);
        return x;
      };
      const schemes = list("schemes");
      for (const s of schemes ?? []) {
        if (!(s in SCHEMES)) {
          throw new UsageError(`--schemes takes ${Object.keys(SCHEMES).join(", ")}; got ${s}`);
        }
      }
      const { markdown } = await evaluateLabelled({
        config,
        offers: list("offers"),
        labels: list("labels"),
        second: list("second"),
        minConfidence: number("min-confidence"),
        folds: number("folds"),
        resamples: number("resamples"),
        schemes: schemes as SchemeName[] | undefined,
        generated: number("generated"),
        errors: number("errors") ?? 3,
        models: a.models as "all" | "defaults" | undefined,
        curve: list("curve")?.map(share),
        out: a.out ? String(a.out) : `${config.reportDir}/evaluate`,
        installPeer: a["install-peer"] === true,
        onProgress: (line) => console.error(line),
      });
      console.log(markdown);
      return 0;
    },
  },
  "label-all": {
    summary:
      "Label a whole corpus (file or partitioned folder) with a model folder (the models `jobs train` writes, as predict applies them), on all cores, into partitioned Parquet or predict's JSON lines; resumable and shardable. Prints a JSON summary.",
    usage:
      "label-all --model models/<name> <file|folder> --out <folder> [--output parquet|jsonl] [--shard i/n] [--workers N] [--partition-rows 100000] [--max-record-mb 4] [--format ...]",
    options: {
      model:
        "model folder written by train (model.json and skills.json), or one holding only bulk.json (jobs train --task bulk)",
      out:
        "output folder: part-<id>.parquet (or .jsonl), part-<id>.json (done markers), part-<id>.quarantine.jsonl, _summary.json",
      output:
        "parquet (default: label-all's columns) or jsonl (predict's JSON lines, one per offer, same fields)",
      shard:
        "process partitions k with k mod n = i only (0-based), e.g. --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT",
      workers: "worker threads (default: number of cores)",
      "partition-rows":
        "rows per Parquet partition (default 100000); the same value must be used by every shard and every resumed run",
      format: "layout of the input (default auto)",
      "max-record-mb": MAX_RECORD_HELP,
    },
    positional: 1,
    run: async (a, [input]) => {
      if (!a.model || !a.out) throw new UsageError("label-all needs --model and --out");
      const output = a.output === undefined ? "parquet" : a.output;
      if (output !== "parquet" && output !== "jsonl") {
        throw new UsageError(`--output must be parquet or jsonl, got ${JSON.stringify(output)}`);
      }
      const summary = await labelAll({
        output,
        model: String(a.model),
        input,
        out: String(a.out),
        shard: a.shard ? parseShard(String(a.shard)) : undefined,
        workers: a.workers ? Number(a.workers) : undefined,
        rowsPerPartition: a["partition-rows"] ? Number(a["partition-rows"]) : undefined,
        format: a.format as never,
        maxRecordChars: maxRecordChars(a),
        onProgress: progressBar("label-all"),
      });
      console.log(JSON.stringify(summary, null, 2));
      return 0;
    },
  },
  "label-llm": {
    summary:
      "Label more offers with the LLM for the next training run: a seeded random sample of offers no label file holds yet, labelled through any OpenAI-compatible endpoint (JOBS_LLM_BASE_URL, JOBS_LLM_API_KEY, JOBS_LLM_MODEL; answers cached, so a killed run resumes), written in the codebook's JSONL form for train and evaluate's --labels; failures and records to review beside it. Prints a JSON summary.",
    usage:
      "label-llm --out more-labels.jsonl [--n 1000] [--offers a.jsonl,b.jsonl] [--exclude a.jsonl,b.jsonl] [--seed 42] [--model name] [--base-url http://host/v1] [--concurrency 4] [--cache data/cache/llm]",
    options: {
      out:
        "label file written (JSON lines, the codebook's form); <out>.failed.jsonl and <out>.to_review.jsonl beside it",
      n: "offers to label (default 1000)",
      offers:
        "comma-separated offer files read as one corpus (default: every France Travail file in ../shared/data)",
      exclude:
        "comma-separated label files whose offers are not labelled again (default: every reference-ft-*.jsonl of ../shared/data/labels, second labellings included)",
      seed: "seed of the sample (default: the run's, 42)",
      model: "the LLM (default JOBS_LLM_MODEL)",
      "base-url":
        "its OpenAI-compatible endpoint, up to /v1 (default JOBS_LLM_BASE_URL, else OpenAI's); the key is read from JOBS_LLM_API_KEY only",
      concurrency: "requests in flight at once (default 4)",
      cache: "folder of the LLM's answers (default <data dir>/cache/llm)",
    },
    positional: 0,
    run: async (a) => {
      if (!a.out) throw new UsageError("label-llm needs --out");
      const env = llmOptionsFromEnv();
      const llm = {
        ...env,
        model: a.model ? String(a.model) : env.model,
        baseURL: a["base-url"] ? String(a["base-url"]) : env.baseURL,
      };
      if (!llm.model) {
        throw new UsageError(
          "no LLM configured: give --model and --base-url, or set JOBS_LLM_MODEL and JOBS_LLM_BASE_URL (JOBS_LLM_API_KEY when the endpoint needs one), for any OpenAI-compatible endpoint",
        );
      }
      const config = loadConfig(), reference = allReferenceFiles(config);
      const list = (k: string) => commaList(a, k);
      const offers = list("offers") ?? reference?.offers;
      if (!offers?.length) throw new UsageError("give --offers: ../shared/data holds no offer file here");
      const whole = (k: string, fallback: number) => {
        const x = a[k] === undefined ? fallback : Number(a[k]);
        if (!(Number.isInteger(x) && x > 0)) {
          throw new UsageError(`--${k} takes a positive integer, got ${a[k]}`);
        }
        return x;
      };
      const summary = await labelMore({
        ...llm,
        model: llm.model,
        offers,
        exclude: list("exclude") ?? [...(reference?.labels ?? []), ...(reference?.seconds ?? [])],
        n: whole("n", 1000),
        seed: a.seed === undefined ? config.seed : whole("seed", 1),
        concurrency: whole("concurrency", 4),
        cacheDir: a.cache ? String(a.cache) : `${config.dataDir}/cache/llm`,
        out: String(a.out),
        onProgress: progressBar("label-llm"),
      });
      console.log(JSON.stringify(summary, null, 2));
      return 0;
    },
  },
  "collect-ft": {
    summary:
      "Collect real offers of every occupation from the France Travail API (Offres d'emploi v2) into a folder of raw JSON lines, one file per creation month: paged as the API defines it, a search over the 1,150 results it serves split by date window, rate-limited and tried again on 429/5xx/timeouts, resumable, deduplicated by id; credentials from FT_CLIENT_ID and FT_CLIENT_SECRET; prints a JSON summary. The folder is a JOBS_DATA.",
    usage:
      "collect-ft --out <folder> [--departement 07,26] [--rome K2204,J1501] [--since 2025-01-01] [--until 2025-06-30] [--keep-contact]",
    options: {
      out:
        "output folder: offres-YYYY-MM.jsonl, _parts/ (finished searches: a rerun fetches only what is missing), _quarantine.jsonl, _summary.json",
      departement: "départements searched one by one, comma-separated (default: all France)",
      rome: "ROME codes searched one by one, comma-separated (default: every occupation)",
      since: "first creation day, YYYY-MM-DD (default: 365 days before --until)",
      until: "last creation day, YYYY-MM-DD, included (default: today)",
      "keep-contact": "keep the recruiters' contact fields (dropped by default)",
    },
    positional: 0,
    run: async (a) => {
      if (!a.out) throw new UsageError("collect-ft needs --out");
      const list = (
        k: string,
      ) => (a[k] === undefined ? undefined : String(a[k]).split(",").map((x) => x.trim()).filter(Boolean));
      const env = (name: string) => Deno.env.get(name) ?? "";
      const api = new FtApi({
        clientId: env("FT_CLIENT_ID"),
        clientSecret: env("FT_CLIENT_SECRET"),
        ...(env("FT_TOKEN_URL") ? { tokenUrl: env("FT_TOKEN_URL") } : {}),
        ...(env("FT_API_URL") ? { apiUrl: env("FT_API_URL") } : {}),
      });
      const summary = await collectFranceTravail({
        api,
        out: String(a.out),
        departements: list("departement"),
        romes: list("rome"),
        since: a.since as string | undefined,
        until: a.until as string | undefined,
        keepContact: a["keep-contact"] === true,
        onProgress: ({ parts, pages, records }) =>
          Deno.stderr.writeSync(
            new TextEncoder().encode(`\r[collect-ft] ${parts} searches, ${pages} pages, ${records} records`),
          ),
      });
      console.error("");
      console.log(JSON.stringify(summary, null, 2));
      return 0;
    },
  },
  "lm-train": {
    summary:
      "Pre-train a BERT masked-language model on offers (WordPiece vocabulary, MLM 15 % 80/10/10); resumable from its checkpoints; writes a Hugging Face folder transformers.js loads.",
    usage:
      "lm-train <file|folder|default> --out models/<name> [--arch tiny|small] [--steps 3000] [--batch 32] [--max-length 128] [--vocab 8000] [--lr 5e-4] [--whole-word-masking] [--long-phase 0.2 [--long-length 256]] [--sample N | --corpus-size N] [--format ...]",
    options: {
      out:
        "model folder: config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx, training.json, checkpoint/ (re-run the same command to resume)",
      arch: "small (4 layers × 256, default) or tiny (2 × 64)",
      steps: "optimisation steps (default 3000)",
      batch: "segments per step (default 32)",
      "max-length": "segment length in tokens (default 128)",
      vocab: "WordPiece vocabulary size (default 8000)",
      lr: "peak learning rate (default 5e-4 small, 1e-3 tiny)",
      "whole-word-masking": "mask a word and all its ## pieces together (default: single tokens)",
      "long-phase": "share of the steps, at the end, on longer segments (default 0: none)",
      "long-length": "segment length of the long phase; the exported model reads windows of it (default 128)",
      sample: "use a seeded sample of this many offers of the file (default: all)",
      "corpus-size": "for `default`, the offers of the generated corpus (default 20000)",
      seed: "seed of the sample, the initialisation, batches and masks (default 42)",
      format: "layout of the input (default auto)",
    },
    positional: 1,
    run: async (a, [input]) => {
      if (!a.out) throw new UsageError("lm-train needs --out");
      const number = (k: string) => (a[k] !== undefined ? Number(a[k]) : undefined);
      if (a.arch !== undefined && a.arch !== "tiny" && a.arch !== "small") {
        throw new UsageError(`--arch must be tiny or small, got ${a.arch}`);
      }
      const record = await trainLanguageModelOn({
        input,
        out: String(a.out),
        format: a.format as never,
        sample: number("sample"),
        corpusSize: number("corpus-size"),
        onProgress: progressBar("lm-train"),
        options: {
          arch: (a.arch as "tiny" | "small" | undefined) ?? "small",
          steps: number("steps") ?? 3000,
          batchSize: number("batch"),
          maxLength: number("max-length") ?? 128,
          vocabSize: number("vocab") ?? 8000,
          learningRate: number("lr"),
          seed: number("seed"),
          wholeWordMasking: a["whole-word-masking"] !== undefined && a["whole-word-masking"] !== "false",
          longPhaseShare: number("long-phase"),
          longLength: number("long-length"),
        },
      });
      console.log(JSON.stringify(record, null, 2));
      return 0;
    },
  },
  predict: {
    summary:
      "Apply a saved model to an offers file: one JSON line per offer (id, themes with probability and decision, soft skills with spans).",
    usage: "predict --model models/<name> <offers file|folder> [--out <jsonl>] [--format ...] [--workers N]",
    options: {
      model:
        "model folder written by train (model.json and skills.json; what it lacks comes from the rule teacher), or one holding only bulk.json; applied on every core, as label-all applies it",
      out: "output JSONL (default: standard output)",
      format: "layout of the offers file (default auto)",
      workers: "worker threads (default: number of cores)",
    },
    positional: 1,
    run: async (a, [file]) => {
      if (!a.model) throw new UsageError("predict needs --model");
      const workers = a.workers === undefined ? undefined : Number(a.workers);
      if (workers !== undefined && !(Number.isInteger(workers) && workers > 0)) {
        throw new UsageError(`--workers must be a positive integer, got ${a.workers}`);
      }
      const report = await predictFile({
        model: String(a.model),
        offers: file,
        out: a.out as string | undefined,
        format: a.format as never,
        workers,
        onProgress: progressBar("predict"),
      });
      console.error(
        JSON.stringify({
          read: report.read,
          predicted: report.kept,
          quarantined: report.quarantined,
          quarantine_reasons: report.quarantine_reasons,
        }),
      );
      return 0;
    },
  },
};

/** Runs the command line; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(usage(COMMANDS));
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`unknown command "${name}"\n\n${usage(COMMANDS)}`);
    return 2;
  }
  try {
    const { options, positional } = parseArgs(rest, command);
    if (options.help) {
      console.log(usage({ [name]: command }));
      return 0;
    }
    return await command.run(options, positional);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`error: ${e.message}\nusage: deno task jobs ${command.usage}`);
      return 2;
    }
    console.error(`error: ${(e as Error).message}`);
    return 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
