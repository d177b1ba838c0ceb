/**
 * `jobs evaluate`: the scoreboard (scoreboard.ts) on labelled real offers —
 * by default every reference label file in ../shared/data/labels over every
 * France Travail offer file, read as one corpus — with the generator's
 * offers of every occupation as the out-of-domain test, and the second
 * annotators' labels as the ceiling.
 * Writes scoreboard.json and scoreboard.md to the output folder.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * const { board, markdown } = await evaluateLabelled({ config: loadConfig(), out: "reports/evaluate" });
 * console.log(markdown);
 * ```
 */
import type { RunConfig } from "../config.ts";
import {
  collectorsOf,
  ensureDefaultCorpus,
  loadOffers,
  readTruth,
  truthPathOf,
  truthRecords,
} from "../corpus/mod.ts";
import { allReferenceFiles, loadLabelled, readLabelFile } from "../labelling/mod.ts";
import { exists, sha256File, sha256Hex, sourceHash, writeAtomically } from "../base/mod.ts";
import { pythonPeer } from "./python_peer.ts";
import {
  annotatorAgreement,
  markdownTable,
  type Scoreboard,
  scoreboard,
  scoreboardMarkdown,
  type ScoreboardOptions,
} from "./scoreboard.ts";
import { errorCountRows, errorRows, themeErrors } from "./error_analysis.ts";
import type { ThemeStack } from "../train/mod.ts";

/** Options of {@link evaluateLabelled}; files default to the reference labels and sample of ../shared. */
export interface EvaluateOptions extends
  Pick<
    ScoreboardOptions,
    "folds" | "resamples" | "schemes" | "installPeer" | "onProgress" | "themeCandidates" | "models" | "curve"
  > {
  config: RunConfig;
  /** Offer files, read as one corpus (an id is kept the first time). @default every France Travail file in ../shared/data */
  offers?: string | string[];
  /** @default every reference-ft-*.jsonl in ../shared/data/labels but the second labellings */
  labels?: string[];
  /** Second annotators' labels of some of the same offers (the agreement ceiling). @default the *-second.jsonl files, with the default labels */
  second?: string | string[] | null;
  /** Keep labels whose overall confidence is at least this. @default 80 */
  minConfidence?: number;
  /** Error examples per theme and kind of today's theme model on the reference folds (see error_analysis.ts); 0 skips the analysis. @default 0 */
  errors?: number;
  /** Generated offers of every occupation for the out-of-domain test; 0 skips it. @default 2000 */
  generated?: number;
  /** Folder for scoreboard.json and scoreboard.md; null writes nothing. */
  out?: string | null;
  /**
   * Folder of finished scoreboards keyed by a hash of the inputs (offers and label files, options, seed and
   * the library's source): a re-run with nothing changed reads the result instead of recomputing it.
   */
  cache?: string | null;
}

/** Loads the labelled offers, runs the scoreboard and writes it; fails clearly when there is nothing to evaluate. */
/** What {@link evaluateLabelled} gives: the scoreboard, its Markdown, what was read, and the error analysis when asked. */
export interface Evaluation {
  board: Scoreboard;
  markdown: string;
  data: Record<string, unknown>;
  errors: Awaited<ReturnType<typeof themeErrors>> | null;
}

export async function evaluateLabelled(o: EvaluateOptions): Promise<Evaluation> {
  const reference = allReferenceFiles(o.config);
  const offers = typeof o.offers === "string" ? [o.offers] : o.offers ?? reference?.offers ?? [];
  const labels = o.labels ?? reference?.labels ?? [];
  if (!offers.length || labels.length === 0) {
    throw new Error(
      "nothing to evaluate: give --offers and --labels, or put the reference labels in ../shared/data (absent here)",
    );
  }
  const minConfidence = o.minConfidence ?? 80;
  const loaded = await loadLabelled(offers, labels, minConfidence);
  if (loaded.offers.length < 50) {
    throw new Error(
      `only ${loaded.offers.length} labelled offers with overall confidence >= ${minConfidence} match ${
        offers.join(", ")
      }: too few for grouped folds`,
    );
  }
  const collector = await collectorsOf(offers);
  const set = { ...loaded, collectors: loaded.offers.map((offer) => collector.get(offer.id) ?? "unnamed") };
  const generatedN = o.generated ?? 2000;
  const seconds = o.second === undefined
    ? (o.labels ? [] : reference?.seconds ?? [])
    : o.second === null
    ? []
    : typeof o.second === "string"
    ? [o.second]
    : o.second;
  const key = o.cache
    ? await sha256Hex(JSON.stringify({
      files: await Promise.all([...offers, ...labels, ...seconds].map(sha256File)),
      options: [
        minConfidence,
        generatedN,
        o.folds,
        o.resamples,
        o.schemes,
        o.config.seed,
        (o.themeCandidates ?? []).map((c) => c.name),
        o.errors ?? 0,
        o.models ?? "all",
        o.curve ?? [],
      ],
      code: await sourceHash(new URL("..", import.meta.url).pathname),
      peer: await pythonPeer(["sklearn", "xgboost"], ["python3-sklearn", "python3-xgboost"], {
        install: false,
      }),
    }))
    : null;
  const cached = key ? `${o.cache}/scoreboard-${key.slice(0, 24)}.json` : null;
  if (cached && (await exists(cached))) {
    const saved = JSON.parse(await Deno.readTextFile(cached)) as Evaluation;
    o.onProgress?.(`[evaluate] ${cached}: the same inputs and code were scored before; read from the cache`);
    await writeOutputs(o.out, saved);
    return saved;
  }
  let outOfDomain: ScoreboardOptions["outOfDomain"];
  if (generatedN > 0) {
    const path = await ensureDefaultCorpus(o.config, generatedN);
    const { offers: generated } = await loadOffers(path);
    outOfDomain = {
      name: "generated",
      description:
        "generated offers of every occupation against their planted truth (a method check: the rule teacher knows the generator's phrasings)",
      offers: generated,
      records: truthRecords(await readTruth(truthPathOf(path)), generated),
    };
  }
  const read = (files: string[]) =>
    Promise.all(files.map(async (f) => (await readLabelFile(f)).records)).then((r) => r.flat());
  const second = seconds.length ? await read(seconds) : undefined;
  let todays: { models: ThemeStack[]; folds: number[] } | undefined; // today's stack on each reference fold: the error analysis reads them
  const board = await scoreboard(set, {
    ...o,
    seed: o.config.seed,
    outOfDomain,
    second,
    onReferenceThemeModels: (models, folds) => (todays = { models, folds }),
  });
  if (second) {
    // every offer both labelled, whatever the confidence: a ceiling on a few dozen sure offers would be mostly noise
    board.ceiling = annotatorAgreement(await read(labels), second, o.resamples, o.config.seed);
  }
  const data = {
    offers_files: offers,
    label_files: labels,
    second_annotators: seconds,
    collectors: countBy(set.collectors),
    min_confidence: minConfidence,
    labels_read: set.read,
    labelled: set.offers.length,
    below_confidence: set.belowConfidence,
    missing_offers: set.missingOffers,
    repeated: set.repeated,
    evidence_not_found: set.evidenceNotFound,
  };
  let errors: Evaluation["errors"] = null, errorsMarkdown = "";
  if (o.errors) {
    const started = performance.now();
    if (!todays) {
      throw new Error("error analysis: the scoreboard fitted no theme model on its reference folds");
    }
    errors = await themeErrors(set, todays.folds, { examples: o.errors, fitted: todays.models });
    o.onProgress?.(
      `[evaluate] error analysis on the ${board.reference} folds in ${
        ((performance.now() - started) / 1000).toFixed(1)
      } s`,
    );
    errorsMarkdown = `\n## Errors of today's theme model on the ${board.reference} folds\n\n${
      markdownTable(errorCountRows(errors.counts))
    }\n\n${markdownTable(errorRows(errors.examples))}\n`;
  }
  const markdown =
    `## Scoreboard\n\n${set.offers.length} labelled offers (overall confidence >= ${minConfidence}) from ${
      labels.join(", ")
    } over ${offers.join(", ")}.\n\n${scoreboardMarkdown(board)}\n${errorsMarkdown}`;
  const result: Evaluation = { board, markdown, data, errors };
  await writeOutputs(o.out, result);
  if (cached) {
    await Deno.mkdir(o.cache!, { recursive: true });
    await writeAtomically(cached, (tmp) => Deno.writeTextFile(tmp, JSON.stringify(result)));
  }
  return result;
}

/** scoreboard.json and scoreboard.md in `out` (nothing when out is null). */
async function writeOutputs(out: string | null | undefined, r: Evaluation) {
  if (!out) return;
  await Deno.mkdir(out, { recursive: true });
  const json = JSON.stringify({ data: r.data, ...r.board, errors: r.errors }, null, 2);
  await writeAtomically(`${out}/scoreboard.json`, (tmp) => Deno.writeTextFile(tmp, json));
  await writeAtomically(`${out}/scoreboard.md`, (tmp) => Deno.writeTextFile(tmp, r.markdown));
}

const countBy = (values: string[]) =>
  Object.fromEntries([...new Set(values)].sort().map((v) => [v, values.filter((x) => x === v).length]));
