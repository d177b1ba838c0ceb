/**
 * The nine stage modules run without Jupyter, in the notebooks' order, on a
 * small generated corpus with the real-data sections off (the notebook test
 * runs them with ../shared): each returns every view it names and a metrics
 * payload whose figures follow from the run.
 */
import assert from "node:assert/strict";
import { loadConfig } from "../../lib/config.ts";
import type { StageResult } from "../../lib/stages/stage.ts";
import { descriptiveStatsStage } from "../../lib/stages/descriptive_stats.ts";
import { languageModelStage } from "../../lib/stages/language_model.ts";
import { labellingStrategyStage } from "../../lib/stages/labelling_strategy.ts";
import { labellingAppStage } from "../../lib/stages/labelling_app.ts";
import { labellingStage } from "../../lib/stages/labelling.ts";
import { trainingEvaluationStage } from "../../lib/stages/training_evaluation.ts";
import { skillClusteringStage } from "../../lib/stages/skill_clustering.ts";
import { BAD_INPUTS, demoStage } from "../../lib/stages/demo.ts";
import { economicAnalysisStage } from "../../lib/stages/economic_analysis.ts";

/** Every named view is there and shows at least one part; the metrics have a headline. */
function assertStage<V extends string>(result: StageResult<V>, names: V[]): Record<string, any> {
  assert.deepEqual(Object.keys(result.views).sort(), [...names].sort());
  for (const name of names) {
    assert.ok(result.views[name].some((part) => part), `view "${name}" shows nothing`);
  }
  assert.equal(typeof result.metrics.headline, "string");
  return result.metrics;
}

Deno.test({
  name:
    "the nine stages run in order without Jupyter on a 300-offer generated corpus and return their views and metrics",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const dir = await Deno.makeTempDir({ prefix: "jobs-stages-" });
    const config = loadConfig({
      JOBS_CONFIG: undefined,
      JOBS_CORPUS_SIZE: "300",
      JOBS_BASE_SIZE: "5000",
      JOBS_LM_STEPS: "30",
      JOBS_REAL_DATA: "none",
      JOBS_PRETRAINED_ENCODER: "none",
      JOBS_DATA_DIR: `${dir}/data`,
      JOBS_REPORT_DIR: `${dir}/reports`,
    });
    let budget = 0;
    await t.step("1 descriptive statistics", async () => {
      const m = assertStage(await descriptiveStatsStage(config, { spellcheckOffers: 100 }), [
        "parameters",
        "load",
        "lengths",
        "terms",
        "spelling",
        "missing",
        "counts",
        "duplicates",
        "real",
        "headline",
      ]);
      assert.equal(m.offers, 300);
      assert.equal(m.real, null, "no real sample in this run");
      assert.match(m.headline, /^300 offers, median [\d.]+ words/);
    });
    await t.step("2 language model", async () => {
      const m = assertStage(await languageModelStage(config, { perplexityOffers: 10 }), [
        "parameters",
        "training",
        "curves",
        "fillMask",
        "perplexity",
        "neighbours",
        "pairs",
        "metadata",
        "realPairs",
        "comparison",
        "pretrained",
      ]);
      assert.equal(m.steps, 30);
      assert.ok(m.held_out_loss.trained < m.held_out_loss.untrained, "pre-training lowers the held-out loss");
      assert.equal(m.pretrained_encoder, null);
      assert.equal(
        m.pretrained_on_reference,
        null,
        "no pretrained encoder: no comparison on reference offers",
      );
    });
    await t.step("3 labelling strategy, deterministic", async () => {
      const first = assertStage(await labellingStrategyStage(config), [
        "codebook",
        "neighbours",
        "quality",
        "strata",
        "uncertain",
        "chosen",
      ]);
      budget = first.budget;
      assert.equal(first.sample_ids.length, budget);
      assert.ok(
        first.diverse.worst >= first.random.worst,
        "the diverse sample covers the worst-covered offers at least as well as a random one",
      );
      assert.deepEqual((await labellingStrategyStage(config)).metrics, first);
    });
    await t.step("4 labelling app", async () => {
      const m = assertStage(await labellingAppStage(config, { offers: 5 }), ["app", "agreement"]);
      assert.equal(m.double_labelled, 0, "nobody labelled twice in a fresh store");
    });
    await t.step("5 labelling", async () => {
      const m = assertStage(await labellingStage(config, { threshold: 80, uncertain: 10 }), [
        "sample",
        "teacher",
        "truth",
        "llm",
        "reference",
        "disagreements",
        "humans",
        "prevalence",
        "headline",
      ]);
      assert.equal(m.labelled, budget);
      assert.ok(m.to_review >= 0 && m.to_review <= budget);
      assert.ok(m.teacher_vs_truth.micro > 0.5, `teacher vs truth ${m.teacher_vs_truth.micro}`);
      assert.ok(await Deno.stat(`${config.dataDir}/labels.sqlite`), "labels stored");
    });
    await t.step("6 training and evaluation", async () => {
      const m = assertStage(
        await trainingEvaluationStage(config, { folds: 3, learningShares: [0.5, 1], cGrid: [1, 4] }),
        ["sets", "cv", "unseen", "diagnostics", "learning", "runModel", "scoreboard", "softSkills"],
      );
      assert.ok(
        m.cv_vs_teacher.micro > 0.5 && m.unseen_vs_truth.micro > 0.5,
        JSON.stringify(m.unseen_vs_truth),
      );
      assert.equal(m.learning.length, 2);
      assert.equal(m.scoreboard, null, "no real data: no scoreboard");
    });
    await t.step("7 skill clustering", async () => {
      const m = assertStage(await skillClusteringStage(config), [
        "spans",
        "groups",
        "clusters",
        "spaces",
        "registry",
        "heldOut",
        "map",
        "written",
      ]);
      assert.ok(m.kept >= 1 && m.k >= m.kept);
      for (const agreement of [m.density.ari_average_linkage, m.density.ari_labelled_codes]) {
        assert.ok(agreement >= -1 && agreement <= 1, JSON.stringify(m.density));
      }
      const written = [...Deno.readDirSync(`${config.reportDir}/registry`)].map((e) => e.name);
      assert.ok(
        written.some((name) => name.endsWith(".json")) && written.some((name) => name.endsWith(".csv")),
        `registry written: ${written}`,
      );
    });
    await t.step("8 demo", async () => {
      const m = assertStage(await demoStage(config), [
        "model",
        "examples",
        "real",
        "refused",
        "screenshot",
        "bench",
      ]);
      assert.equal(m.refused.length, BAD_INPUTS.length);
      assert.ok(m.refused.every((status: number) => status >= 400 && status < 500), `refused: ${m.refused}`);
      assert.ok(m.examples.length >= 1);
    });
    await t.step("9 economic analysis", async () => {
      const stage = await economicAnalysisStage(config, {
        resamples: 100,
        coverageSeeds: [config.seed + 1],
        coverageSize: 3000,
        coverageLabelled: 600,
      });
      const m = assertStage(stage, [
        "base",
        "errors",
        "monthly",
        "focus",
        "groups",
        "covid",
        "changes",
        "event",
        "coverage",
        "reading",
      ]);
      assert.equal(m.offers + m.repeated, 5000 - m.quarantined);
      assert.ok(m.covid?.WORK_LIFE_BALANCE, "the generated base spans the break");
      assert.match(
        m.headline,
        /WORK_LIFE_BALANCE after Covid [+-][\d.]+ \[-?[\d.]+, -?[\d.]+\] points corrected/,
      );
      assert.deepEqual(m.coverage_study.seeds, [config.seed + 1]);
    });
  },
});
