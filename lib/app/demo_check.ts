/**
 * The demo on labelled real offers: each offer's text goes through the
 * demo's own analysis (what a user pasting it would see), and its themes and
 * soft-skill codes are scored against the reference labels, beside the rule
 * teacher on the same offers, with paired bootstrap intervals. On the
 * default run the demo's model learnt from generated offers, so this is its
 * out-of-domain accuracy: the figure a user of the demo should keep in mind.
 *
 * @example
 * ```ts
 * import { demoOnLabelled } from "./demo_check.ts";
 * import { loadDemo } from "./demo_api.ts";
 * import { loadConfig } from "../config.ts";
 * import { loadLabelled, referenceLabelFiles } from "../labelling/mod.ts";
 * const config = loadConfig();
 * const check = demoOnLabelled(await loadDemo(config), await loadLabelled(config.realData!, referenceLabelFiles(config)));
 * check.themes.demo.micro.f1; // { value, interval }
 * ```
 */
import type { Offer } from "../corpus/mod.ts";
import { type LabelRecord, labelWithRules } from "../labelling/mod.ts";
import { codesOf, SKILL_CODES, themeMatrix, THEMES } from "../base/mod.ts";
import { Bootstrap } from "../stats/mod.ts";
import { analyseText, type DemoResult } from "./demo_analyse.ts";
import type { DemoContext } from "./demo_api.ts";

/** What {@link demoOnLabelled} measured. */
export interface DemoCheck {
  offers: number;
  themes: {
    demo: ReturnType<Bootstrap["scores"]>;
    teacher: ReturnType<Bootstrap["scores"]>;
    difference: ReturnType<Bootstrap["difference"]>;
  };
  /** Soft-skill codes: the demo's (its labeller's) and the rule teacher's, on the same resamples. */
  codes: ReturnType<Bootstrap["scores"]>;
  teacherCodes: ReturnType<Bootstrap["scores"]>;
  /** Each offer's demo result, in the order given. */
  results: DemoResult[];
}

/** Scores the demo's answers on labelled offers; see the module doc. */
export function demoOnLabelled(
  ctx: Pick<DemoContext, "model" | "registry">,
  set: { offers: Offer[]; records: LabelRecord[] },
  o: { resamples?: number; seed?: number } = {},
): DemoCheck {
  if (set.offers.length !== set.records.length) {
    throw new Error(`${set.offers.length} offers for ${set.records.length} label records`);
  }
  if (!set.offers.length) throw new Error("no labelled offer to check the demo on");
  const results = set.offers.map((x) =>
    analyseText(x.text, { model: ctx.model, registry: ctx.registry ?? undefined })
  );
  const truth = themeMatrix(set.records);
  const boot = new Bootstrap(set.offers.length, o.resamples ?? 1000, o.seed ?? 42);
  const demo = boot.scores(truth, results.map((r) => r.themes.map((t) => t.decision)), THEMES);
  const taught = set.offers.map((x) => labelWithRules(x).record);
  const teacher = boot.scores(truth, themeMatrix(taught), THEMES);
  const codeTruth = set.records.map(codesOf);
  const codes = boot.scores(
    codeTruth,
    results.map((r) => {
      const found = new Set(r.soft_skills.map((s) => s.code_ogr));
      return SKILL_CODES.map((c) => found.has(c));
    }),
    SKILL_CODES,
  );
  return {
    offers: set.offers.length,
    themes: { demo, teacher, difference: boot.difference(demo, teacher) },
    codes,
    teacherCodes: boot.scores(codeTruth, taught.map(codesOf), SKILL_CODES),
    results,
  };
}
