/**
 * Today's model as a third annotator: on the offers two annotators labelled,
 * how far the model's held-out decisions agree with each annotator, beside
 * how far the annotators agree with each other, with paired differences
 * over the same resamples. F1 is symmetric in its two raters, so "the model
 * against the first annotator" is the model's usual F1 and "the second
 * against the first" the ceiling; a model whose agreement with either
 * annotator reaches theirs with each other labels as well as a second
 * annotator would.
 *
 * @example
 * ```ts
 * import { modelAsAnnotator } from "./model_as_annotator.ts";
 * const first = [[true, false], [false, true], [true, true]];
 * const second = [[true, false], [false, false], [true, true]];
 * const model = [[true, false], [false, true], [false, true]];
 * const r = modelAsAnnotator(first, second, model, ["A", "B"], 200, 42);
 * r.secondVsFirst.value; // 0.857 (6/7: 3 decisions shared of 4 and 3)
 * r.gapToFirst.value; // the model's agreement with the first annotator minus the second's
 * ```
 */
import { Bootstrap, type Estimate } from "../stats/mod.ts";

/** What {@link modelAsAnnotator} measured (F1 micro, 95 % intervals). */
export interface ModelAsAnnotator {
  offers: number;
  modelVsFirst: Estimate;
  modelVsSecond: Estimate;
  secondVsFirst: Estimate;
  /** The model's agreement with the first annotator minus the second annotator's, paired. */
  gapToFirst: Estimate;
  /** The model's agreement with the second annotator minus the first annotator's, paired. */
  gapToSecond: Estimate;
}

/** See the module doc; rows are offers, columns labels (same order in all three). */
export function modelAsAnnotator(
  first: boolean[][],
  second: boolean[][],
  model: boolean[][],
  labels: readonly string[],
  resamples = 1000,
  seed = 42,
): ModelAsAnnotator {
  if (first.length !== second.length || first.length !== model.length) {
    throw new Error(
      `modelAsAnnotator: ${first.length} first, ${second.length} second and ${model.length} model rows`,
    );
  }
  if (!first.length) throw new Error("modelAsAnnotator: no offer labelled twice");
  const boot = new Bootstrap(first.length, resamples, seed);
  const annotators = boot.scores(first, second, labels);
  const withFirst = boot.scores(first, model, labels);
  const withSecond = boot.scores(second, model, labels);
  const estimate = (d: Estimate) => ({ value: d.value, interval: d.interval });
  return {
    offers: first.length,
    modelVsFirst: withFirst.micro.f1,
    modelVsSecond: withSecond.micro.f1,
    secondVsFirst: annotators.micro.f1,
    gapToFirst: estimate(boot.difference(withFirst, annotators)),
    gapToSecond: estimate(boot.difference(withSecond, annotators)),
  };
}
