/** A small generated corpus and a bulk model trained on its rule labels, shared by the bulk tests. */
import { loadOffers } from "../../lib/corpus/load.ts";
import { writeGeneratedCorpus } from "../../lib/corpus/write.ts";
import { labelWithRules } from "../../lib/labelling/rules.ts";
import { BulkModel } from "../../lib/train/bulk_model.ts";
import { saveModel } from "../../lib/train/model_files.ts";

/** Writes `dir`/model (trained on 400 offers of seed 5) and `dir`/corpus (a folder of `n` offers of seed 9, 3 files). */
export async function bulkFixture(dir: string, n = 3000): Promise<{ model: string; corpus: string }> {
  await writeGeneratedCorpus({ n: 400, seed: 5, out: `${dir}/train.parquet` });
  const { offers } = await loadOffers(`${dir}/train.parquet`);
  const records = offers.map((o) => labelWithRules(o).record);
  const model = new BulkModel({ bits: 14, thresholdFolds: 0 }).fit(offers, records);
  await saveModel(`${dir}/model`, model, {
    name: "fixture",
    task: "bulk",
    created: "2026-01-01",
    code_commit: "test",
    hyperparameters: {},
    metrics: {},
    data: {
      offers_file: "train.parquet",
      offers: 400,
      labels_file: "rules",
      label_source: "rules",
      min_confidence: 0,
      labels_used: 400,
    },
  });
  await writeGeneratedCorpus({ n, seed: 9, out: `${dir}/corpus`, chunk: Math.ceil(n / 3) });
  return { model: `${dir}/model`, corpus: `${dir}/corpus` };
}
