/**
 * More labels for the next training run (`jobs label-llm`): a seeded random
 * sample of `n` offers that no given label file holds yet, labelled by the
 * LLM ({@link labelWithLlm}: its answer cache makes a killed run resume
 * where it stopped) and written in the codebook's JSONL form, which `jobs
 * train` and `jobs evaluate` read with `--labels`. Random, because on the
 * reference folds choosing the offers by uncertainty or diversity bought
 * nothing over a random choice (README, "More labels of the same kind").
 * Failures go to `<out>.failed.jsonl` with the reason and the raw answer;
 * records below the confidence threshold are also listed in
 * `<out>.to_review.jsonl`.
 *
 * @example
 * ```ts
 * import { labelMore } from "./label_more.ts";
 * const summary = await labelMore({
 *   offers: ["offres-ft-occupations.jsonl"], exclude: ["reference-ft-occupations.jsonl"], n: 2000,
 *   model: "qwen2.5:14b", baseURL: "http://localhost:11434/v1", cacheDir: "data/cache/llm", out: "more.jsonl",
 * });
 * summary.sure; // labels with overall confidence >= 80, what train learns from
 * ```
 */
import { Random, SURE, writeAtomically } from "../base/mod.ts";
import { loadOfferFiles } from "../corpus/mod.ts";
import { labelWithLlm, type LlmOptions } from "./llm.ts";
import { readLabelFile, validateRecord } from "./records.ts";

/** Options of {@link labelMore}: the LLM's, and what to label. */
export interface LabelMoreOptions extends Omit<LlmOptions, "toReviewPath" | "store"> {
  /** Offer files, read as one corpus. */
  offers: string[];
  /** Label files whose offers are not labelled again. */
  exclude: string[];
  /** Offers to label (fewer when fewer are left). */
  n: number;
  /** @default 42 */
  seed?: number;
  /** The label file written (JSON lines in the codebook's form). */
  out: string;
}

const lines = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : "");

/** See the module doc; returns what was read, chosen, labelled and spent. */
export async function labelMore(o: LabelMoreOptions) {
  const { offers: files, exclude, n, seed, out, ...llm } = o;
  if (!(Number.isInteger(n) && n > 0)) throw new Error(`labelMore: n must be a positive integer, got ${n}`);
  const labelled = new Set<string>();
  for (const file of exclude) {
    const { records, errors } = await readLabelFile(file);
    if (errors.length) {
      throw new Error(
        `${file}: line ${errors[0].line}: ${errors[0].message} (${errors.length} invalid lines)`,
      );
    }
    for (const r of records) labelled.add(r.id);
  }
  const { offers } = await loadOfferFiles(files);
  const candidates = offers.filter((offer) => !labelled.has(offer.id));
  const chosen = new Random(seed ?? 42).shuffle([...candidates]).slice(0, n);
  const run = await labelWithLlm(chosen, { ...llm, toReviewPath: `${out}.to_review.jsonl` });
  const records = run.records.map((r) => validateRecord(r)); // the codebook's form: spans are found again on reading
  await writeAtomically(out, (tmp) => Deno.writeTextFile(tmp, lines(records)));
  await writeAtomically(`${out}.failed.jsonl`, (tmp) => Deno.writeTextFile(tmp, lines(run.failed)));
  return {
    offers_read: offers.length,
    already_labelled: offers.length - candidates.length,
    chosen: chosen.length,
    labelled: records.length,
    sure: records.filter((r) => r.overall_confidence >= SURE).length,
    to_review: run.toReview.length,
    failed: run.failed.length,
    evidence_not_found: run.evidenceNotFound,
    usage: run.usage,
    cache: run.cache,
    out,
    failed_file: `${out}.failed.jsonl`,
    to_review_file: `${out}.to_review.jsonl`,
  };
}
