/**
 * The `lm-train` command as a function: load the offers (a file, a folder,
 * or the generated default corpus), pre-train, and return a summary of the
 * run (not the per-step history, which stays in training.json).
 *
 * @example
 * ```ts
 * import { trainLanguageModelOn } from "./train_on_corpus.ts";
 * await trainLanguageModelOn({ input: "default", out: "models/lm-small", options: { arch: "small", steps: 3000 } });
 * ```
 */
import { type LmTrainOptions, trainLanguageModel } from "./train_lm.ts";
import { ensureDefaultCorpus, loadOffers } from "../corpus/mod.ts";
import type { CorpusFormat } from "../base/mod.ts";
import { loadConfig, ROOT } from "../config.ts";

/** Arguments of {@link trainLanguageModelOn}. */
export interface LmTrainCommand {
  /** A corpus file or folder, or "default" for the generated corpus. */
  input: string;
  out: string;
  options: LmTrainOptions;
  format?: CorpusFormat;
  /** A seeded sample of this many offers of the input file (default: every offer). */
  sample?: number;
  /** Offers of the generated corpus when `input` is "default". @default 20000 */
  corpusSize?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Loads the offers and trains; returns where the model is and how training went. */
export async function trainLanguageModelOn(c: LmTrainCommand) {
  const config = loadConfig();
  const generated = c.input === "default";
  const path = generated ? await ensureDefaultCorpus(config, c.corpusSize ?? 20000) : c.input;
  const { offers, report } = await loadOffers(path, {
    format: generated ? "jocas" : c.format ?? "auto",
    sample: generated ? undefined : c.sample,
    seed: c.options.seed ?? 42,
  });
  const out = c.out.startsWith("/") ? c.out : `${ROOT}/${c.out}`;
  const record = await trainLanguageModel(offers.map((o) => o.text), out, c.options, c.onProgress);
  const last = record.evals[record.evals.length - 1];
  return {
    model: out,
    offers: offers.length,
    quarantined: report.quarantined,
    parameters: record.parameters,
    train_segments: record.trainSegments,
    held_out_loss_untrained: record.evals[0].heldOutLoss,
    held_out_loss: last.heldOutLoss,
    steps: record.options.steps,
    seconds: Number(record.seconds.toFixed(1)),
    resumed_from: record.resumedFrom,
  };
}
