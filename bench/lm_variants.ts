/**
 * Pre-training variants of the project's BERT, compared in the language-model
 * benchmark on the same offers, steps and token budget: token masking (the
 * run's model), whole-word masking, and a last fifth of the steps on
 * 128-token segments. Each is judged by its held-out loss, the written
 * fill-mask list (top-5 hit rate), pseudo-perplexity, and the same
 * fine-tuning on the tasks without labels (contract type, ROME domain; the
 * first 128 tokens of each offer), on the run's offers and the real sample.
 */
import type { RunConfig } from "../lib/config.ts";
import type { RunCorpus } from "../lib/corpus/default_corpus.ts";
import type { Offer } from "../lib/corpus/schema.ts";
import { lmFingerprint, type LmTrainOptions, trainedLength, trainLanguageModel } from "../lib/lm/train_lm.ts";
import { projectLanguageModel, projectLmOptions } from "../lib/lm/project_model.ts";
import { fillMaskHits } from "../lib/lm/fill_mask_list.ts";
import { pseudoPerplexity } from "../lib/lm/lm_quality.ts";
import { fineTunedRepresentation, STAGE2_FINE_TUNE } from "../lib/train/metadata_run.ts";
import { METADATA_TARGETS, metadataComparison } from "../lib/train/metadata_task.ts";
import { progressBar } from "../lib/cli/progress.ts";

const VARIANTS: { name: string; options: LmTrainOptions }[] = [
  { name: "token masking, 32-token segments (the run's model)", options: {} },
  { name: "whole-word masking", options: { wholeWordMasking: true } },
  { name: "last 20 % of the steps on 128-token segments", options: { longPhaseShare: 0.2, longLength: 128 } },
];

/** Trains (or reuses) each variant and scores it; `real` is the real sample, when present. */
export async function pretrainingVariants(
  config: RunConfig,
  corpus: RunCorpus,
  real: Offer[] | null,
  dataDir: string,
) {
  const texts = corpus.offers.map((o) => o.text);
  const base = await projectLanguageModel(config);
  const heldOut = base.record.heldOut.slice(0, 40).map((i) => texts[i]);
  const sets = [
    { name: "run", offers: corpus.offers, maxOffers: undefined },
    ...(real ? [{ name: "real", offers: real, maxOffers: 1500 }] : []),
  ];
  const rows = [];
  for (const variant of VARIANTS) {
    const options = { ...projectLmOptions(config), ...variant.options };
    const dir = Object.keys(variant.options).length
      ? `${dataDir}/lm-variants/${lmFingerprint(texts, options)}`
      : base.dir;
    console.error(`[bench] lm: pre-training variant "${variant.name}"`);
    const record = await trainLanguageModel(texts, dir, options, progressBar("lm-variant"));
    const fill = await fillMaskHits(dir);
    const pppl = await pseudoPerplexity(dir, heldOut);
    const windows = Math.max(1, Math.round(128 / trainedLength(record.options)));
    const fineTuned: Record<string, number> = {};
    for (const set of sets) {
      for (const [key, target] of Object.entries(METADATA_TARGETS)) {
        const representation = fineTunedRepresentation(dir, {
          ...STAGE2_FINE_TUNE,
          windows,
          seed: config.seed,
        });
        const r = await metadataComparison(set.offers, target, {
          representations: [representation],
          seed: config.seed,
          maxOffers: set.maxOffers,
        });
        fineTuned[`${set.name} ${key}`] = r.rows[0].accuracy.value;
      }
    }
    rows.push({
      variant: variant.name,
      seconds: record.seconds,
      tokens_per_second: (record.options.steps * record.options.batchSize * record.options.maxLength) /
        record.seconds,
      held_out_loss: record.evals[record.evals.length - 1].heldOutLoss,
      fill_mask_hits: fill.hits,
      fill_mask_answerable: fill.answerable,
      pseudo_perplexity: pppl.pppl,
      fine_tuned_accuracy: fineTuned,
    });
  }
  const keys = Object.keys(rows[0].fine_tuned_accuracy);
  const section = [
    "Pre-training variants, same offers, steps and tokens a step; fine-tuned on the first 128 tokens of each offer (accuracy on the held-out fifth):\n",
    `| variant | seconds | held-out loss | fill-mask top 5 | pseudo-perplexity | ${keys.join(" | ")} |`,
    `|---|---:|---:|---:|---:|${keys.map(() => "---:").join("|")}|`,
    ...rows.map((r) =>
      `| ${r.variant} | ${r.seconds.toFixed(0)} | ${
        r.held_out_loss.toFixed(2)
      } | ${r.fill_mask_hits}/${r.fill_mask_answerable} | ${r.pseudo_perplexity.toFixed(1)} | ${
        keys.map((k) => r.fine_tuned_accuracy[k].toFixed(3)).join(" | ")
      } |`
    ),
    "",
  ].join("\n");
  return { rows, section };
}
