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
import { themeMatrix } from "../lib/train/experiments.ts";
import { modelText } from "../lib/corpus/schema.ts";
import { PYTHON, pythonPeer } from "../lib/evaluate/python_peer.ts";

const peerAvailable = () => pythonPeer(["sklearn", "xgboost"], ["python3-sklearn", "python3-xgboost"]);

/** Runs the benchmark; returns its figures, or a reason it was skipped. */
export async function benchThemes(): Promise<Record<string, unknown>> {
  const config = { ...loadConfig(), sample: 2000, seed: 42 };
  const reference = await loadReference(config);
  if (!reference) return { skipped: "../shared/data is absent: the reference labels are needed" };
  const sure = reference.records.map((r, i) => ({ r, i })).filter(({ r }) => r.overall_confidence >= 80);
  const texts = sure.map(({ i }) => modelText(reference.offers[i]));
  const Y = themeMatrix(sure.map(({ r }) => r));
  const k = 5;
  const folds = iterativeStratifiedFolds(Y, k, 42);

  const { offers: real } = await loadOffers(config.realData!);
  const throughputTexts = Array.from({ length: 10 }, () => real.map(modelText)).flat();
  const generatedPath = await ensureDefaultCorpus(config, 2000);
  const { offers: generated } = await loadOffers(generatedPath);
  const truth = themeMatrix(truthRecords(await readTruth(truthPathOf(generatedPath)), generated));

  /** The TypeScript model with some options, on the same folds: F1, times, throughput, out of domain. */
  const measure = (options: ThemeModelOptions) => {
    const predicted: boolean[][] = new Array(texts.length);
    let cvTrainSeconds = 0;
    for (let f = 0; f < k; f++) {
      const train = texts.map((_, i) => i).filter((i) => folds[i] !== f);
      const test = texts.map((_, i) => i).filter((i) => folds[i] === f);
      const t0 = performance.now();
      const model = ThemeModel.train(train.map((i) => texts[i]), train.map((i) => Y[i]), options);
      cvTrainSeconds += (performance.now() - t0) / 1000;
      model.predict(test.map((i) => texts[i])).forEach((p, j) => (predicted[test[j]] = p));
    }
    const cv = multilabelScores(Y, predicted, THEMES);
    const t1 = performance.now();
    const model = ThemeModel.train(texts, Y, options);
    const trainSeconds = (performance.now() - t1) / 1000;
    model.predictProba(throughputTexts.slice(0, 2000)); // warm the caches, as a long run would be
    const t2 = performance.now();
    model.predictProba(throughputTexts);
    const rate = throughputTexts.length / ((performance.now() - t2) / 1000);
    const ood = multilabelScores(truth, model.predict(generated.map(modelText)), THEMES);
    return { f1_micro: cv.micro.f1, f1_macro: cv.macro.f1, cv_train_seconds: cvTrainSeconds, train_seconds: trainSeconds, predict_offers_per_second: rate, ood_f1_micro: ood.micro.f1, ood_f1_macro: ood.macro.f1 };
  };
  const ts = measure({ seed: 42 });
  const tsWords = measure({ seed: 42, charNgrams: null });

  const missing = await peerAvailable();
  let peer: Record<string, number> | null = null;
  if (!missing) {
    const input = await Deno.makeTempFile({ suffix: ".json" });
    await Deno.writeTextFile(input, JSON.stringify({
      texts, labels: Y.map((row) => row.map(Number)), folds, throughput_texts: throughputTexts,
      ood: { texts: generated.map(modelText), labels: truth.map((row) => row.map(Number)) },
    }));
    const out = await new Deno.Command(PYTHON, { args: [new URL("./peer_themes.py", import.meta.url).pathname, input], stdout: "piped", stderr: "inherit" }).output();
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
