/**
 * Stage 5, labelling: the stage-3 diverse sample labelled by the rule
 * teacher (and by an LLM where one is configured), uncertain labels sent to
 * review in the label store, the teacher checked against the generator's
 * truth and against the reference labels of real offers, the largest
 * disagreements, the human annotators and the themes' prevalence. Notebook
 * 05 shows the views in order.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * import { labellingStage } from "./labelling.ts";
 * const stage = await labellingStage(loadConfig(), { threshold: 80, uncertain: 50 });
 * stage.metrics.to_review; // labels below the threshold, queued for review
 * ```
 */
import type { RunConfig } from "../config.ts";
import { openRunCorpus, truthRecords } from "../corpus/mod.ts";
import {
  annotatorsAgainst,
  compareSources,
  disagreements,
  labelAllWithRules,
  labelBudget,
  LabelStore,
  labelWithLlm,
  llmOptionsFromEnv,
  loadReference,
  PROMPT_VERSION,
  runLabelSample,
  spanAgreement,
  storeReferenceLabels,
  storeTeacherLabels,
  themePrevalence,
} from "../labelling/mod.ts";
import { SURE, THEMES } from "../base/mod.ts";
import {
  groupedBars,
  histograms,
  labelUse,
  note,
  type Part,
  percent,
  runProvenance,
  smallMultiples,
  table,
} from "../report/mod.ts";
import type { StageResult } from "./stage.ts";

/** The stage's parameters. */
export interface LabellingOptions {
  /** Overall confidence below which a label goes to review. @default SURE (80), the codebook's "sure" cut-off */
  threshold?: number;
  /** Offers the teacher is least sure of, queued for the labelling app. @default 50 */
  uncertain?: number;
  /** Largest disagreements listed. @default 8 */
  disagreements?: number;
}

/** The notebook's views, in order. */
export type LabellingView =
  | "sample"
  | "teacher"
  | "truth"
  | "llm"
  | "reference"
  | "disagreements"
  | "humans"
  | "prevalence"
  | "headline";

const confidenceHistogram = (series: { name: string; values: number[] }[], title?: string) =>
  histograms({ series, binSize: 5, start: 0, end: 100, title, xTitle: "confidence", yTitle: "offers" });

/** Runs stage 5 (see the module doc); the labels go to `<dataDir>/labels.sqlite`. */
export async function labellingStage(
  config: RunConfig,
  options: LabellingOptions = {},
): Promise<StageResult<LabellingView>> {
  const { threshold = SURE, uncertain = 50, disagreements: shown = 8 } = options;
  const views = {} as Record<LabellingView, Part[]>;
  const corpus = await openRunCorpus(config);
  const budget = labelBudget(corpus.offers.length);
  const sample = (await runLabelSample(config, corpus.offers, budget)).indices.map((i) => corpus.offers[i]);
  await Deno.mkdir(config.dataDir, { recursive: true });
  const store = LabelStore.open(`${config.dataDir}/labels.sqlite`);
  try {
    store.upsertOffers(sample);
    views.sample = [
      `${sample.length} offers to label (the stage-3 diverse sample of the ${corpus.source}); label store: ${store.path}.`,
    ];

    const teacher = labelAllWithRules(sample);
    // Saved with their status; below the threshold to the "rules_to_review" queue; the app's "diverse" and "uncertain" queues filled.
    const teacherCounts = storeTeacherLabels(store, sample, teacher.records, { threshold, uncertain });
    views.teacher = [
      `Teacher: ${teacher.records.length} offers labelled; ${teacherCounts.to_review} below the confidence threshold (${threshold}) sent to review; the ${uncertain} it is least sure of queued as "uncertain".`,
      confidenceHistogram([{
        name: "overall confidence",
        values: teacher.records.map((r) => r.overall_confidence),
      }], "Teacher: overall confidence"),
      smallMultiples(
        THEMES.map((t) => ({
          title: t,
          figure: confidenceHistogram([{
            name: t,
            values: teacher.records.map((r) => r.themes[t]),
          }]),
        })),
        { title: "Teacher: theme confidences", columns: 3 },
      ),
    ];

    const truth = corpus.truth ? truthRecords(corpus.truth, sample) : null;
    const vsTruth = truth ? compareSources(teacher.records, truth) : null;
    const spanVsTruth = truth ? spanAgreement(teacher.records, truth) : null;
    views.truth = vsTruth && spanVsTruth
      ? [
        table(
          THEMES.map((t) => ({
            theme: t,
            "true prevalence": percent(vsTruth.themes[t].prevalenceB),
            "teacher prevalence": percent(vsTruth.themes[t].prevalenceA),
            precision: vsTruth.themes[t].precision,
            recall: vsTruth.themes[t].recall,
            F1: vsTruth.themes[t].f1,
            kappa: vsTruth.themes[t].kappa,
          })),
          { caption: "Teacher vs the generator's truth, per theme" },
        ),
        `Themes: F1 micro ${vsTruth.themeMicroF1.toFixed(3)}, macro ${
          vsTruth.themeMacroF1.toFixed(3)
        }. Soft skills: offer-level F1 ${
          vsTruth.softSkillMicroF1.toFixed(3)
        }; span-level (overlap, same code) precision ${spanVsTruth.precision.toFixed(3)}, recall ${
          spanVsTruth.recall.toFixed(3)
        }, F1 ${spanVsTruth.f1.toFixed(3)}.`,
      ]
      : [note("The data is not the generated corpus: no truth to compare with.")];

    const llmEnv = llmOptionsFromEnv();
    const llm = llmEnv.model
      ? await labelWithLlm(sample, {
        ...llmEnv,
        model: llmEnv.model,
        cacheDir: `${config.dataDir}/llm-cache`,
        store,
        threshold,
        toReviewPath: `${config.dataDir}/to_review.jsonl`,
      })
      : null;
    const llmVsTeacher = llm ? compareSources(teacher.records, llm.records) : null;
    views.llm = llm && llmVsTeacher
      ? [
        `LLM ${llmEnv.model} (${PROMPT_VERSION}): ${llm.records.length} labelled, ${llm.failed.length} failed, ${llm.toReview.length} to review, ${llm.evidenceNotFound} evidence strings not found; ${
          llm.usage.prompt_tokens + llm.usage.completion_tokens
        } tokens, about $${
          llm.usage.cost_usd.toFixed(2)
        }; cache ${llm.cache.hits} hits / ${llm.cache.misses} calls.`,
        table(
          THEMES.map((t) => ({
            theme: t,
            kappa: llmVsTeacher.themes[t].kappa,
            agreement: percent(llmVsTeacher.themes[t].agreement),
          })),
          { caption: "Teacher vs LLM" },
        ),
      ]
      : [
        note(
          "No LLM endpoint configured (JOBS_LLM_MODEL unset): the LLM labeller is skipped; its tests run against a local fake endpoint.",
        ),
      ];

    const reference = await loadReference(config);
    const imported = reference ? storeReferenceLabels(store, reference, { threshold }) : null;
    const refTeacher = reference ? labelAllWithRules(reference.offers).records : null;
    const refVsTeacher = reference && refTeacher ? compareSources(refTeacher, reference.records) : null;
    views.reference = reference && imported && refTeacher && refVsTeacher
      ? [
        `${imported.imported} reference records imported (${reference.errors.length} invalid lines, ${reference.evidenceNotFound} evidence strings not found); ${imported.belowThreshold} have an overall confidence below ${threshold}.`,
        confidenceHistogram(
          [{
            name: "reference",
            values: reference.records.map((r) => r.overall_confidence),
          }, { name: "teacher on the same offers", values: refTeacher.map((r) => r.overall_confidence) }],
          "Real offers: overall confidence",
        ),
        table(
          THEMES.map((t) => ({
            theme: t,
            "reference prevalence": percent(refVsTeacher.themes[t].prevalenceB),
            "teacher prevalence": percent(refVsTeacher.themes[t].prevalenceA),
            "teacher precision": refVsTeacher.themes[t].precision,
            "teacher recall": refVsTeacher.themes[t].recall,
            kappa: refVsTeacher.themes[t].kappa,
          })),
          { caption: "Teacher vs reference labels on real offers" },
        ),
        `Teacher vs reference: themes F1 micro ${refVsTeacher.themeMicroF1.toFixed(3)}, macro ${
          refVsTeacher.themeMacroF1.toFixed(3)
        }; soft skills (offer level) F1 ${refVsTeacher.softSkillMicroF1.toFixed(3)}.`,
      ]
      : [note("../shared/data is absent: the reference labels are skipped.", "warning")];

    const [left, right, leftName, rightName, texts] = reference && refTeacher
      ? [
        refTeacher,
        reference.records,
        "teacher",
        "reference",
        new Map(reference.offers.map((o) => [o.id, o.text])),
      ]
      : [teacher.records, truth ?? [], "teacher", "truth", new Map(sample.map((o) => [o.id, o.text]))];
    const worst = disagreements(left, right, shown);
    views.disagreements = [
      table(
        worst.map((d) => ({
          offer: d.id,
          theme: d.theme,
          [leftName]: d.a,
          [rightName]: d.b,
          text: (texts.get(d.id) ?? "").slice(0, 220) + "…",
        })),
        { caption: `Largest disagreements: ${leftName} vs ${rightName}` },
      ),
    ];

    const humanRows = annotatorsAgainst(store, teacher.records);
    views.humans = [
      humanRows.length
        ? table(
          humanRows.map((h) => ({
            annotator: h.annotator,
            offers: h.offers,
            "kappa vs teacher (mean over themes)": h.meanKappa,
          })),
          { caption: "Human annotators" },
        )
        : note("No human labels in the store yet (start the labelling app, stage 4)."),
    ];

    const series = [
      { name: "teacher (sample)", values: themePrevalence(teacher.records) },
      ...(truth ? [{ name: "truth (sample)", values: themePrevalence(truth) }] : []),
      ...(llm ? [{ name: "LLM (sample)", values: themePrevalence(llm.records) }] : []),
      ...(reference && refTeacher
        ? [{ name: "reference (real offers)", values: themePrevalence(reference.records) }, {
          name: "teacher (real offers)",
          values: themePrevalence(refTeacher),
        }]
        : []),
    ];
    views.prevalence = [
      groupedBars({
        categories: [...THEMES],
        series,
        title: "Share of offers with each theme",
        yTitle: "share",
      }),
    ];

    const headline =
      `${teacher.records.length} offers labelled by the teacher (${teacherCounts.to_review} to review)` +
      (vsTruth ? `; teacher vs truth F1 micro ${vsTruth.themeMicroF1.toFixed(3)}` : "") +
      (refVsTeacher ? `; vs reference labels ${refVsTeacher.themeMicroF1.toFixed(3)}` : "");
    views.headline = [note(headline)];
    const metrics = {
      data: runProvenance(corpus),
      headline,
      labelled: teacher.records.length,
      to_review: teacherCounts.to_review,
      teacher_vs_truth: vsTruth
        ? {
          micro: vsTruth.themeMicroF1,
          macro: vsTruth.themeMacroF1,
          soft_skills: vsTruth.softSkillMicroF1,
          spans: spanVsTruth,
        }
        : null,
      teacher_vs_reference: refVsTeacher
        ? {
          micro: refVsTeacher.themeMicroF1,
          macro: refVsTeacher.themeMacroF1,
          soft_skills: refVsTeacher.softSkillMicroF1,
        }
        : null,
      llm: llm
        ? { labelled: llm.records.length, failed: llm.failed.length, to_review: llm.toReview.length }
        : null,
      labels_used: [
        labelUse("labelling the stage-3 sample", {
          rules: teacher.records.length,
          llm: llm?.records.length ?? 0,
        }, teacher.records.length - teacherCounts.to_review),
        ...(reference
          ? [labelUse("checking the teacher on real offers", { reference: reference.records.length })]
          : []),
        ...(truth
          ? [labelUse("checking the teacher against the planted truth", { truth: truth.length })]
          : []),
      ],
    };
    return { views, metrics };
  } finally {
    store.close();
  }
}
