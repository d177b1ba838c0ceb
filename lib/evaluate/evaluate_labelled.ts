/**
 * `jobs evaluate`: the scoreboard (scoreboard.ts) on labelled real offers —
 * by default the reference labels in ../shared/data/labels over the France
 * Travail sample — with the generator's offers of every occupation as the
 * out-of-domain test, and the second annotator's labels as the ceiling.
 * Writes scoreboard.json and scoreboard.md to the output folder.
 *
 * @example
 * ```ts
 * const { board, markdown } = await evaluateLabelled({ config: loadConfig(), out: "reports/evaluate" });
 * console.log(markdown);
 * ```
 */
import type { RunConfig } from "../config.ts";
import { ensureDefaultCorpus } from "../corpus/default_corpus.ts";
import { loadOffers } from "../corpus/load.ts";
import { truthRecords } from "../corpus/truth.ts";
import { readTruth, truthPathOf } from "../corpus/write.ts";
import { readLabelFile } from "../labelling/records.ts";
import { loadLabelled, referenceLabelFiles, secondAnnotatorFile } from "../labelling/reference.ts";
import { exists, sha256File, sha256Hex, sourceHash, writeAtomically } from "../base/files.ts";
import { pythonPeer } from "./python_peer.ts";
import { annotatorAgreement, type Scoreboard, scoreboard, scoreboardMarkdown, type ScoreboardOptions } from "./scoreboard.ts";

/** Options of {@link evaluateLabelled}; files default to the reference labels and sample of ../shared. */
export interface EvaluateOptions extends Pick<ScoreboardOptions, "folds" | "resamples" | "schemes" | "installPeer" | "onProgress"> {
  config: RunConfig;
  offers?: string;
  labels?: string[];
  /** A second annotator's labels of some of the same offers (the agreement ceiling). */
  second?: string | null;
  /** Keep labels whose overall confidence is at least this. @default 80 */
  minConfidence?: number;
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
export async function evaluateLabelled(o: EvaluateOptions): Promise<{ board: Scoreboard; markdown: string; data: Record<string, unknown> }> {
  const offers = o.offers ?? o.config.realData;
  const labels = o.labels ?? referenceLabelFiles(o.config);
  if (!offers || labels.length === 0) throw new Error("nothing to evaluate: give --offers and --labels, or put the reference labels in ../shared/data (absent here)");
  const minConfidence = o.minConfidence ?? 80;
  const set = await loadLabelled(offers, labels, minConfidence);
  if (set.offers.length < 50) throw new Error(`only ${set.offers.length} labelled offers with overall confidence >= ${minConfidence} match ${offers}: too few for grouped folds`);
  const generatedN = o.generated ?? 2000;
  const second = o.second === undefined ? (o.labels ? null : secondAnnotatorFile(o.config)) : o.second;
  const key = o.cache
    ? await sha256Hex(JSON.stringify({
      files: await Promise.all([offers, ...labels, ...(second ? [second] : [])].map(sha256File)),
      options: [minConfidence, generatedN, o.folds, o.resamples, o.schemes, o.config.seed],
      code: await sourceHash(new URL("..", import.meta.url).pathname),
      peer: await pythonPeer(["sklearn", "xgboost"], ["python3-sklearn", "python3-xgboost"], { install: false }),
    }))
    : null;
  const cached = key ? `${o.cache}/scoreboard-${key.slice(0, 24)}.json` : null;
  if (cached && (await exists(cached))) {
    const saved = JSON.parse(await Deno.readTextFile(cached)) as { board: Scoreboard; markdown: string; data: Record<string, unknown> };
    o.onProgress?.(`[evaluate] ${cached}: the same inputs and code were scored before; read from the cache`);
    await writeOutputs(o.out, saved);
    return saved;
  }
  let outOfDomain: ScoreboardOptions["outOfDomain"];
  if (generatedN > 0) {
    const path = await ensureDefaultCorpus(o.config, generatedN);
    const { offers: generated } = await loadOffers(path);
    outOfDomain = { name: "generated", description: "generated offers of every occupation against their planted truth (a method check: the rule teacher knows the generator's phrasings)", offers: generated, records: truthRecords(await readTruth(truthPathOf(path)), generated) };
  }
  const board = await scoreboard(set, { ...o, outOfDomain });
  if (second) {
    // every offer both labelled, whatever the confidence: a ceiling on a few dozen sure offers would be mostly noise
    const firsts = (await Promise.all(labels.map(async (f) => (await readLabelFile(f)).records))).flat();
    board.ceiling = annotatorAgreement(firsts, (await readLabelFile(second)).records, o.resamples, o.config.seed);
  }
  const data = { offers_file: offers, label_files: labels, second_annotator: second, min_confidence: minConfidence, labels_read: set.read, labelled: set.offers.length, below_confidence: set.belowConfidence, missing_offers: set.missingOffers, repeated: set.repeated, evidence_not_found: set.evidenceNotFound };
  const markdown = `## Scoreboard\n\n${set.offers.length} labelled offers (overall confidence >= ${minConfidence}) from ${labels.join(", ")} over ${offers}.\n\n${scoreboardMarkdown(board)}\n`;
  const result = { board, markdown, data };
  await writeOutputs(o.out, result);
  if (cached) {
    await Deno.mkdir(o.cache!, { recursive: true });
    await writeAtomically(cached, (tmp) => Deno.writeTextFile(tmp, JSON.stringify(result)));
  }
  return result;
}

/** scoreboard.json and scoreboard.md in `out` (nothing when out is null). */
async function writeOutputs(out: string | null | undefined, r: { board: Scoreboard; markdown: string; data: Record<string, unknown> }) {
  if (!out) return;
  await Deno.mkdir(out, { recursive: true });
  const json = JSON.stringify({ data: r.data, ...r.board }, null, 2);
  await writeAtomically(`${out}/scoreboard.json`, (tmp) => Deno.writeTextFile(tmp, json));
  await writeAtomically(`${out}/scoreboard.md`, (tmp) => Deno.writeTextFile(tmp, r.markdown));
}
