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
import { writeAtomically } from "../files.ts";
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
  let outOfDomain: ScoreboardOptions["outOfDomain"];
  if (generatedN > 0) {
    const path = await ensureDefaultCorpus(o.config, generatedN);
    const { offers: generated } = await loadOffers(path);
    outOfDomain = { name: "generated", description: "generated offers of every occupation against their planted truth (a method check: the rule teacher knows the generator's phrasings)", offers: generated, records: truthRecords(await readTruth(truthPathOf(path)), generated) };
  }
  const board = await scoreboard(set, { ...o, outOfDomain });
  const second = o.second === undefined ? (o.labels ? null : secondAnnotatorFile(o.config)) : o.second;
  if (second) {
    // every offer both labelled, whatever the confidence: a ceiling on a few dozen sure offers would be mostly noise
    const firsts = (await Promise.all(labels.map(async (f) => (await readLabelFile(f)).records))).flat();
    board.ceiling = annotatorAgreement(firsts, (await readLabelFile(second)).records, o.resamples, o.config.seed);
  }
  const data = { offers_file: offers, label_files: labels, second_annotator: second, min_confidence: minConfidence, labels_read: set.read, labelled: set.offers.length, below_confidence: set.belowConfidence, missing_offers: set.missingOffers, repeated: set.repeated, evidence_not_found: set.evidenceNotFound };
  const markdown = `## Scoreboard\n\n${set.offers.length} labelled offers (overall confidence >= ${minConfidence}) from ${labels.join(", ")} over ${offers}.\n\n${scoreboardMarkdown(board)}\n`;
  if (o.out) {
    await Deno.mkdir(o.out, { recursive: true });
    const json = JSON.stringify({ data, ...board }, null, 2);
    await writeAtomically(`${o.out}/scoreboard.json`, (tmp) => Deno.writeTextFile(tmp, json));
    await writeAtomically(`${o.out}/scoreboard.md`, (tmp) => Deno.writeTextFile(tmp, markdown));
  }
  return { board, markdown, data };
}
