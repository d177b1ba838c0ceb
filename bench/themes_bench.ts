/**
 * Theme-model benchmark against the seed's own pipeline (scikit-learn
 * TF-IDF + XGBoost one-vs-rest, Debian python3-sklearn / python3-xgboost),
 * in the same run, on the same folds of the reference labels (confidence
 * >= 80): F1 micro/macro out of fold, training time, prediction throughput,
 * and the out-of-domain check (trained on the real IT offers, tested on the
 * generated all-occupation corpus against its truth).
 */
import { loadConfig } from "../lib/config.ts";
import { ensureDefaultCorpus } from "../lib/corpus/default_corpus.ts";
import { loadOffers } from "../lib/corpus/load.ts";
import { readTruth, truthPathOf } from "../lib/corpus/write.ts";
import { truthRecords } from "../lib/corpus/truth.ts";
import { loadReference } from "../lib/labelling/reference.ts";
import { THEMES } from "../lib/base/vocabulary.ts";
import { iterativeStratifiedFolds } from "../lib/stats/cv.ts";
import { multilabelScores } from "../lib/stats/metrics.ts";
import { ThemeModel, type ThemeModelOptions } from "../lib/train/theme_model.ts";
import { themeMatrix } from "../lib/base/labels.ts";
import { crossValidate } from "../lib/train/estimator.ts";
import { sureLabelled } from "../lib/train/distil.ts";
import { modelText } from "../lib/corpus/schema.ts";
import { PYTHON, pythonPeer } from "../lib/evaluate/python_peer.ts";

const peerAvailable = () => pythonPeer(["sklearn", "xgboost"], ["python3-sklearn", "python3-xgboost"]);

/** Runs the benchmark; returns its figures, or a reason it was skipped. */
export async function benchThemes(): Promise<Record<string, unknown>> {
  const config = { ...loadConfig(), corpusSize: 2000, seed: 42 };
  const reference = await loadReference(config);
  if (!reference) return { skipped: "../shared/data is absent: the reference labels are needed" };
  const sure = sureLabelled(reference.offers, reference.records, "the benchmark");
  const texts = sure.offers.map(modelText); // what the peer reads
  const Y = themeMatrix(sure.labels);
  const k = 5;
  const folds = iterativeStratifiedFolds(Y, k, 42);

  const { offers: real } = await loadOffers(config.realData!);
  const throughputOffers = Array.from({ length: 10 }, () => real).flat();
  const generatedPath = await ensureDefaultCorpus(config, 2000);
  const { offers: generated } = await loadOffers(generatedPath);
  const truth = themeMatrix(truthRecords(await readTruth(truthPathOf(generatedPath)), generated));

  /** The TypeScript model with some options, on the same folds: F1, times, throughput, out of domain. */
  const measure = async (options: ThemeModelOptions) => {
    const t0 = performance.now();
    const cv = multilabelScores(
      Y,
      (await crossValidate(new ThemeModel(options), sure, folds)).predictions,
      THEMES,
    );
    const cvTrainSeconds = (performance.now() - t0) / 1000; // training and predicting the folds (predicting is a small part)
    const t1 = performance.now();
    const model = new ThemeModel(options).fit(sure.offers, sure.labels);
    const trainSeconds = (performance.now() - t1) / 1000;
    model.predictProba(throughputOffers.slice(0, 2000)); // warm the caches, as a long run would be
    const t2 = performance.now();
    model.predictProba(throughputOffers);
    const rate = throughputOffers.length / ((performance.now() - t2) / 1000);
    const ood = multilabelScores(truth, model.predict(generated), THEMES);
    return {
      f1_micro: cv.micro.f1,
      f1_macro: cv.macro.f1,
      cv_train_seconds: cvTrainSeconds,
      train_seconds: trainSeconds,
      predict_offers_per_second: rate,
      ood_f1_micro: ood.micro.f1,
      ood_f1_macro: ood.macro.f1,
    };
  };
  const ts = await measure({ seed: 42 });
  const tsWords = await measure({ seed: 42, charNgrams: null });

  const missing = await peerAvailable();
  let peer: Record<string, number> | null = null;
  if (!missing) {
    const input = await Deno.makeTempFile({ suffix: ".json" });
    await Deno.writeTextFile(
      input,
      JSON.stringify({
        texts,
        labels: Y.map((row) => row.map(Number)),
        folds,
        throughput_texts: throughputOffers.map(modelText),
        ood: { texts: generated.map(modelText), labels: truth.map((row) => row.map(Number)) },
      }),
    );
    const out = await new Deno.Command(PYTHON, {
      args: [new URL("./peer_themes.py", import.meta.url).pathname, input],
      stdout: "piped",
      stderr: "inherit",
    }).output();
    if (!out.success) throw new Error("the peer script failed");
    peer = JSON.parse(new TextDecoder().decode(out.stdout));
    await Deno.remove(input);
  }
  return {
    labels: texts.length,
    folds: k,
    typescript: ts,
    typescript_word_ngrams_only: tsWords,
    peer: peer ?? { skipped: missing },
    ratios: peer
      ? {
        f1_micro_difference: ts.f1_micro - peer.f1_micro,
        ood_f1_micro_difference: ts.ood_f1_micro - peer.ood_f1_micro,
        prediction_speed: ts.predict_offers_per_second / peer.predict_offers_per_second,
        prediction_speed_word_ngrams_only: tsWords.predict_offers_per_second / peer.predict_offers_per_second,
        training_speed: peer.train_seconds / ts.train_seconds,
      }
      : null,
  };
}
