/**
 * Stage 6, training and evaluation: the theme model distilled from the
 * teacher's sure labels (cross-validation, unseen offers against the
 * generator's truth, confusion, precision-recall, calibration, learning
 * curve, search over C), the run's model on its held-out offers, the
 * scoreboard on real offers of every occupation with folds grouped by ROME
 * family and its error analysis, and the soft-skill checks. Notebook 06
 * shows the views in order.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * import { trainingEvaluationStage } from "./training_evaluation.ts";
 * const stage = await trainingEvaluationStage(loadConfig(), { folds: 5 });
 * stage.metrics.headline; // "distilled theme model: CV F1 micro 0.9… vs teacher, …"
 * ```
 */
import type { RunConfig } from "../config.ts";
import { openRunCorpus } from "../corpus/mod.ts";
import { themeMatrix, THEMES } from "../base/mod.ts";
import {
  distillationSets,
  evaluateOn,
  learningCurve,
  searchC,
  SoftSkillDetector,
  themeCrossValidation,
  ThemeModel,
} from "../train/mod.ts";
import { multilabelScores } from "../stats/mod.ts";
import {
  asAnnotatorLine,
  bestLine,
  calibrationSeries,
  ceilingLine,
  confusionByClass,
  cooccurrence,
  curveLine,
  DEFAULT_MODELS,
  errorCountRows,
  errorRows,
  evaluateLabelled,
  perClassRows,
  precisionRecallByClass,
  recruiterCheck,
  reliability,
  type SchemeName,
  SCOREBOARD_TASKS,
  scoreboardRows,
  scoreboardSummary,
  spansAgainstTruth,
} from "../evaluate/mod.ts";
import { describeSources, heldOutRows, heldOutScores, prepareRunModel } from "../economics/mod.ts";
import {
  curves,
  groupedBars,
  heatmap,
  labelUse,
  note,
  type Part,
  runProvenance,
  smallMultiples,
  table,
} from "../report/mod.ts";
import type { StageResult } from "./stage.ts";

/** The stage's parameters. */
export interface TrainingEvaluationOptions {
  /** Folds of the cross-validation on the teacher's sure labels. @default 5 */
  folds?: number;
  /** Shares of the training labels on the learning curve. @default [0.25, 0.5, 0.75, 1] */
  learningShares?: number[];
  /** Inverse regularisation strengths searched (3-fold), widened when the best is on the edge. @default [0.5, 2, 8] */
  cGrid?: number[];
  /** Bins of the reliability diagram. @default 10 */
  calibrationBins?: number;
  /** Fold schemes of the real-offer scoreboard (`jobs evaluate` runs them all). @default ["family"] */
  schemes?: SchemeName[];
  /** Surest errors shown per theme and kind. @default 2 */
  errors?: number;
  /** Shares of each family training fold today's models are refitted on, to see whether more labels would help (each share costs about a minute on the reference labels). @default [0.5] */
  labelShares?: number[];
  /** ROME families of at least this many offers in the calibration table. @default 20 */
  minFamily?: number;
}

/** The notebook's views, in order. */
export type TrainingEvaluationView =
  | "sets"
  | "cv"
  | "unseen"
  | "diagnostics"
  | "learning"
  | "runModel"
  | "scoreboard"
  | "softSkills";

/** Runs stage 6 (see the module doc). */
export async function trainingEvaluationStage(
  config: RunConfig,
  options: TrainingEvaluationOptions = {},
): Promise<StageResult<TrainingEvaluationView>> {
  const {
    folds = 5,
    learningShares = [0.25, 0.5, 0.75, 1],
    cGrid = [0.5, 2, 8],
    calibrationBins = 10,
    schemes = ["family"],
    errors = 2,
    labelShares = [0.5],
    minFamily = 20,
  } = options;
  const views = {} as Record<TrainingEvaluationView, Part[]>;
  const corpus = await openRunCorpus(config);
  // The stage-3 sample labelled by the teacher, its sure labels (overall confidence ≥ 80), and the unseen rest of the corpus.
  const { sample, sure, unseen } = await distillationSets(config, corpus);
  const trainY = themeMatrix(sure.labels);
  const trainTruth = sure.truth ? themeMatrix(sure.truth) : null;
  const unseenTruth = unseen.truth ? themeMatrix(unseen.truth) : null;
  views.sets = [
    `Training set: the ${sample.offers.length} offers of the stage-3 sample labelled by the teacher, ${sure.offers.length} with overall confidence ≥ 80. ` +
    `Unseen test set: the other ${unseen.offers.length} offers of the corpus.`,
  ];

  const cv = await themeCrossValidation(new ThemeModel({ seed: config.seed }), sure, {
    k: folds,
    seed: config.seed,
    truth: trainTruth ?? undefined,
  });
  const cvVsTeacher = multilabelScores(trainY, cv.predictions, THEMES);
  views.cv = [
    table(
      cv.folds.map((f) => ({
        fold: f.fold + 1,
        offers: f.size,
        "F1 micro": f.microF1,
        "F1 macro": f.macroF1,
      })),
      { caption: `Per fold (scored against ${trainTruth ? "the truth" : "the labels"})` },
    ),
    table(
      THEMES.map((t) => ({
        theme: t,
        "P vs teacher": cvVsTeacher.perClass[t].precision,
        "R vs teacher": cvVsTeacher.perClass[t].recall,
        "F1 vs teacher": cvVsTeacher.perClass[t].f1,
        ...(trainTruth
          ? {
            "P vs truth": cv.scores.perClass[t].precision,
            "R vs truth": cv.scores.perClass[t].recall,
            "F1 vs truth": cv.scores.perClass[t].f1,
          }
          : {}),
      })),
      { caption: "Out-of-fold scores per theme" },
    ),
    `F1 micro / macro against the teacher: ${cvVsTeacher.micro.f1.toFixed(3)} / ${
      cvVsTeacher.macro.f1.toFixed(3)
    }` + (trainTruth
      ? `; against the truth: ${cv.scores.micro.f1.toFixed(3)} / ${cv.scores.macro.f1.toFixed(3)}.`
      : "."),
  ];

  const model = new ThemeModel({ seed: config.seed }).fit(sure.offers, sure.labels);
  const onUnseen = unseenTruth ? evaluateOn(model, { offers: unseen.offers, truth: unseenTruth }) : null;
  const teacherUnseen = unseenTruth
    ? multilabelScores(unseenTruth, themeMatrix(unseen.teacher), THEMES)
    : null;
  views.unseen = onUnseen && teacherUnseen
    ? [
      groupedBars({
        categories: [...THEMES],
        title: "F1 per theme on unseen offers (against the truth)",
        yTitle: "F1",
        series: [
          { name: "teacher (rules)", values: THEMES.map((t) => teacherUnseen.perClass[t].f1) },
          { name: "distilled model", values: THEMES.map((t) => onUnseen.scores.perClass[t].f1) },
        ],
      }),
      `On ${unseen.offers.length} unseen offers, against the truth: distilled model F1 micro ${
        onUnseen.scores.micro.f1.toFixed(3)
      } (macro ${onUnseen.scores.macro.f1.toFixed(3)}); the teacher itself ${
        teacherUnseen.micro.f1.toFixed(3)
      } (macro ${teacherUnseen.macro.f1.toFixed(3)}).`,
    ]
    : [note("No truth for this corpus: the unseen-offer check needs the generated corpus.")];

  const confusionRows = confusionByClass(cv.predictions, trainY, THEMES);
  const co = cooccurrence(trainY);
  const pr = precisionRecallByClass(cv.probabilities, trainY, THEMES);
  const calibration = reliability(cv.probabilities.flat(), trainY.flat(), calibrationBins);
  const filled = calibration.bins.filter((b) => b.count);
  views.diagnostics = [
    table(confusionRows.map(({ class: theme, ...counts }) => ({ theme, ...counts })), {
      caption: "Confusion per theme (tp, fp, fn, tn)",
    }),
    heatmap({
      z: co,
      x: [...THEMES],
      y: [...THEMES],
      title: "Theme co-occurrence in the training labels (offers)",
      format: (v) => String(v),
    }),
    smallMultiples(
      pr.map((p) => ({
        title: `${p.class} (AP ${p.averagePrecision.toFixed(2)})`,
        figure: curves({
          xTitle: "recall",
          yTitle: "precision",
          xRange: [0, 1],
          yRange: [0, 1.02],
          series: [{
            name: "out of fold",
            x: p.points.map((q) => q.recall),
            y: p.points.map((q) => q.precision),
          }],
        }),
      })),
      { title: "Precision-recall curves (out of fold), one panel a theme", columns: 3 },
    ),
    curves({
      title: `Reliability diagram (all themes pooled; ECE ${calibration.ece.toFixed(3)})`,
      xTitle: "mean predicted probability",
      yTitle: "observed share of positives",
      xRange: [0, 1],
      yRange: [0, 1],
      series: [
        { name: "model", x: filled.map((b) => b.meanProbability), y: filled.map((b) => b.positiveRate) },
        { name: "perfect calibration", x: [0, 1], y: [0, 1], dash: "dot" },
      ],
    }),
  ];

  const learning = learningCurve(
    sure,
    unseenTruth ? { offers: unseen.offers, truth: unseenTruth } : { offers: sure.offers, truth: trainY },
    learningShares,
    { seed: config.seed },
  );
  const search = await searchC(sure, cGrid, { k: 3, seed: config.seed, thresholdFolds: 0 });
  views.learning = [
    curves({
      title: "Learning curve",
      xTitle: "labelled offers",
      yTitle: "F1",
      yRange: [0, 1],
      series: [
        { name: "F1 micro", x: learning.map((p) => p.labels), y: learning.map((p) => p.microF1) },
        { name: "F1 macro", x: learning.map((p) => p.labels), y: learning.map((p) => p.macroF1) },
      ],
    }),
    table(search.results.map((r) => ({ C: r.C, "F1 micro (3-fold)": r.microF1, "F1 macro": r.macroF1 })), {
      caption: `Search over C (best: ${search.best.C}${
        search.widened ? `; grid widened ${search.widened} time(s) because the best was on its edge` : ""
      })`,
    }),
    ...(search.edge ? [note(search.edge, "warning")] : []),
  ];

  const runModel = await prepareRunModel(config, { size: config.baseSize });
  const heldOut = await heldOutScores(runModel, config.seed);
  views.runModel = [
    `Model ${
      runModel.dir.split("/").pop()
    } (${runModel.labeller.description}): ${runModel.sure} sure labels of ${runModel.training.length} offers (${
      describeSources(runModel.labels.counts)
    }).`,
    heldOut
      ? table(heldOutRows(heldOut), {
        caption:
          `The run's model on ${heldOut.offers} held-out offers, against ${heldOut.against} (95 % bootstrap intervals)`,
      })
      : note(
        "No held-out offer has a label independent of the rule teacher: the run's model cannot be scored here (stage 9 says how to label its validation sample).",
        "warning",
      ),
  ];

  const evaluation = config.realData && config.referenceLabels
    ? await evaluateLabelled({
      config,
      schemes,
      models: "defaults",
      errors,
      curve: labelShares,
      generated: corpus.truth ? 2000 : 0,
      out: `${config.reportDir}/evaluate`,
      cache: `${config.dataDir}/cache/evaluate`,
    })
    : null;
  const board = evaluation?.board;
  views.scoreboard = evaluation && board
    ? [
      ...SCOREBOARD_TASKS.flatMap(([task, title]) => [
        ...board.schemes.map((s) =>
          table(scoreboardRows(board, task, s.name), {
            caption: `${title} — ${s.name}: ${s.description} (${s.tested} offers)`,
          })
        ),
        table(perClassRows(board, task, board.reference), {
          caption: `${title}: F1 per class [95 % CI], ${board.reference} folds`,
        }),
      ]),
      curves({
        title: "Reliability on ROME-family folds (all themes pooled)",
        xTitle: "mean predicted probability",
        yTitle: "observed share of positives",
        xRange: [0, 1],
        yRange: [0, 1],
        series: calibrationSeries(board, board.reference),
      }),
      table(board.calibrationByFamily.filter((f) => f.offers >= minFamily), {
        caption:
          `Today's theme model: expected calibration error within each ROME family of at least ${minFamily} offers (held out, all themes pooled)`,
      }),
      ...board.skipped.map((why) => note(`Not run: ${why}`, "warning")),
      board.ceiling ? ceilingLine(board.ceiling) : null,
      board.asAnnotator ? asAnnotatorLine(board.asAnnotator, board.reference) : null,
      ...(board.curve
        ? [
          curves({
            title:
              `More labels of the same kind: today's models on shares of each ${board.reference} training fold`,
            xTitle: "labelled offers a fold trains on",
            yTitle: "F1 micro (held-out families)",
            series: SCOREBOARD_TASKS.map(([task]) => ({
              name: DEFAULT_MODELS[task],
              x: board.curve![task].points.map((p) => p.labels),
              y: board.curve![task].points.map((p) => p.microF1.value),
            })),
          }),
          curveLine(board),
        ]
        : []),
      bestLine(board),
      table(errorCountRows(evaluation.errors!.counts), {
        caption: "Errors of today's theme model on the held-out families, per theme",
      }),
      table(errorRows(evaluation.errors!.examples), {
        caption:
          "The surest errors per theme and kind (one family each), with the sentence that carried or triggered the theme",
      }),
      "The seed reached F1 0.883 / 0.854 with about 2,000 labels (TF-IDF + XGBoost, confidence ≥ 80), on stratified folds of IT offers; the family folds above are the harder, honest test.",
    ]
    : [
      note(
        "../shared/data is absent: the real-offer scoreboard is skipped (run `deno task jobs evaluate --offers <file> --labels <jsonl>` on your own labels).",
        "warning",
      ),
    ];

  const detector = new SoftSkillDetector({ seed: config.seed }).fit(sure.offers, sure.labels); // learns from the teacher's spans
  const skillRows = unseen.truth
    ? spansAgainstTruth(detector, unseen.offers, unseen.truth, unseen.teacher).map((r) => ({
      data: "generated, unseen offers",
      reference: "truth",
      ...r,
    }))
    : [];
  const recruiters = await recruiterCheck(config);
  views.softSkills = [
    skillRows.length
      ? table(skillRows, { caption: "Soft-skill spans on the generated offers (overlap, same code)" })
      : null,
    recruiters
      ? table([
        {
          model: "offer-level model (trained on the reference labels)",
          precision: recruiters.detector.precision,
          recall: recruiters.detector.recall,
        },
        {
          model: "teacher (rules)",
          precision: recruiters.teacher.precision,
          recall: recruiters.teacher.recall,
        },
      ], {
        caption:
          `Offer level against the recruiters' qualitesProfessionnelles (${recruiters.offers} real offers outside the reference set)`,
      })
      : note("../shared/data is absent: the real-offer soft-skill checks are skipped.", "warning"),
  ];

  const summary = board ? scoreboardSummary(board) : null;
  const metrics = {
    labels_used: [
      labelUse(
        "training the distilled theme model (stage-3 sample)",
        { rules: sample.offers.length },
        sure.offers.length,
      ),
      labelUse("training the run's model (stage 9's labelled sample)", runModel.labels.counts, runModel.sure),
      ...(unseenTruth ? [labelUse("scoring on unseen offers", { truth: unseen.offers.length })] : []),
      ...(board
        ? [labelUse("scoreboard on real offers (ROME-family folds)", { reference: board.labelled })]
        : []),
    ],
    data: runProvenance(corpus),
    headline: `distilled theme model: CV F1 micro ${cvVsTeacher.micro.f1.toFixed(3)} vs teacher` +
      (onUnseen
        ? `, ${onUnseen.scores.micro.f1.toFixed(3)} vs truth on unseen offers (teacher ${
          teacherUnseen!.micro.f1.toFixed(3)
        })`
        : "") +
      (board && summary
        ? `; real offers of every occupation, ROME-family folds: themes ${board.best.themes.model} F1 ${
          summary.themes.f1_micro.value.toFixed(3)
        }, soft-skill codes ${board.best.codes.model} F1 ${summary.codes.f1_micro.value.toFixed(3)}`
        : ""),
    cv_vs_teacher: { micro: cvVsTeacher.micro.f1, macro: cvVsTeacher.macro.f1 },
    cv_vs_truth: trainTruth ? { micro: cv.scores.micro.f1, macro: cv.scores.macro.f1 } : null,
    unseen_vs_truth: onUnseen
      ? { micro: onUnseen.scores.micro.f1, macro: onUnseen.scores.macro.f1, teacher: teacherUnseen!.micro.f1 }
      : null,
    ece: calibration.ece,
    run_model: {
      dir: runModel.dir.split("/").pop(),
      description: runModel.labeller.description,
      sure: runModel.sure,
      held_out: heldOut
        ? {
          against: heldOut.against,
          offers: heldOut.offers,
          themes_f1_micro: heldOut.themes.micro.f1,
          themes_f1_macro: heldOut.themes.macro.f1,
          codes_f1_micro: heldOut.codes.micro.f1,
        }
        : null,
    },
    learning,
    search: search.results,
    scoreboard: summary,
    scoreboard_rows: board
      ? {
        labelled: board.labelled,
        reference: board.reference,
        themes: scoreboardRows(board, "themes", board.reference),
        codes: scoreboardRows(board, "codes", board.reference),
      }
      : null,
    theme_errors: evaluation?.errors?.counts ?? null,
    soft_skills: skillRows,
    recruiters,
  };
  return { views, metrics };
}
