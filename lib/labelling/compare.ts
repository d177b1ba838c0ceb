/**
 * Comparing two label sources on the offers they share: per-theme
 * prevalence, agreement (Cohen's kappa), precision and recall of one
 * against the other, soft-skill agreement at offer level, and examples of
 * disagreement.
 *
 * @example
 * ```ts
 * import { compareSources } from "./compare.ts";
 * declare const teacher: any; // your data
 * declare const reference: any; // your data
 * const c = compareSources(teacher, reference);
 * c.themes.WORK_LIFE_BALANCE.kappa;
 * ```
 */
import { asSpans, multilabelScores, type Scores, spanScores } from "../stats/mod.ts";
import { cohenKappa } from "./agreement.ts";
import type { LabelRecord } from "./records.ts";
import type { LabelStore } from "./store.ts";
import { PRESENT, presentSpans, SOFT_SKILLS, type Theme, THEMES } from "../base/mod.ts";

const present = (r: LabelRecord, t: Theme) => r.themes[t] >= PRESENT;
const skills = (r: LabelRecord) =>
  new Set(r.soft_skills.filter((s) => s.confidence >= PRESENT).map((s) => s.code_ogr));

/** Pairs the records of two sources by offer id (in `a`'s order). */
export function pairRecords(a: LabelRecord[], b: LabelRecord[]): [LabelRecord, LabelRecord][] {
  const byId = new Map(b.map((r) => [r.id, r]));
  return a.filter((r) => byId.has(r.id)).map((r) => [r, byId.get(r.id)!]);
}

/** Agreement of source `a` with source `b` (b taken as the reference for precision and recall). */
export function compareSources(a: LabelRecord[], b: LabelRecord[]) {
  const pairs = pairRecords(a, b);
  const themes = {} as Record<
    Theme,
    {
      prevalenceA: number;
      prevalenceB: number;
      kappa: number;
      agreement: number;
      precision: number;
      recall: number;
      f1: number;
    }
  >;
  const scores = multilabelScores(
    pairs.map(([, y]) => THEMES.map((t) => present(y, t))),
    pairs.map(([x]) => THEMES.map((t) => present(x, t))),
    THEMES,
  );
  for (const t of THEMES) {
    const xa = pairs.map(([x]) => present(x, t));
    const xb = pairs.map(([, y]) => present(y, t));
    themes[t] = {
      prevalenceA: xa.filter(Boolean).length / Math.max(1, pairs.length),
      prevalenceB: xb.filter(Boolean).length / Math.max(1, pairs.length),
      kappa: cohenKappa(xa, xb),
      agreement: xa.filter((v, i) => v === xb[i]).length / Math.max(1, pairs.length),
      precision: scores.perClass[t].precision,
      recall: scores.perClass[t].recall,
      f1: scores.perClass[t].f1,
    };
  }
  const codes = SOFT_SKILLS.map((s) => s.code);
  const softSkills = multilabelScores(
    pairs.map(([, y]) => codes.map((c) => skills(y).has(c))),
    pairs.map(([x]) => codes.map((c) => skills(x).has(c))),
    codes,
  );
  return {
    offers: pairs.length,
    themes,
    themeMicroF1: scores.micro.f1,
    themeMacroF1: scores.macro.f1,
    softSkillMicroF1: softSkills.micro.f1,
    softSkills,
  };
}

/** The theme decisions on which two sources disagree, most confident disagreements first. */
export function disagreements(a: LabelRecord[], b: LabelRecord[], limit = 10) {
  const rows: { id: string; theme: Theme; a: number; b: number; gap: number }[] = [];
  for (const [x, y] of pairRecords(a, b)) {
    for (const t of THEMES) {
      if (present(x, t) !== present(y, t)) {
        rows.push({
          id: x.id,
          theme: t,
          a: x.themes[t],
          b: y.themes[t],
          gap: Math.abs(x.themes[t] - y.themes[t]),
        });
      }
    }
  }
  return rows.sort((p, q) => q.gap - p.gap || (p.id < q.id ? -1 : 1)).slice(0, limit);
}

/**
 * Span-level agreement of source `a` with the reference `b` (same offers,
 * same order): a present soft skill of `a` counts when it overlaps one of
 * `b` with the same code.
 *
 * @example
 * ```ts
 * declare const teacher: any; // your data
 * declare const truth: any; // your data
 * spanAgreement(teacher, truth).f1;
 * ```
 */
export function spanAgreement(
  a: Pick<LabelRecord, "soft_skills">[],
  b: Pick<LabelRecord, "soft_skills">[],
): Scores {
  if (a.length !== b.length) throw new Error(`spanAgreement: ${a.length} records against ${b.length}`);
  return spanScores(b.map((r) => asSpans(presentSpans(r))), a.map((r) => asSpans(presentSpans(r))));
}

/**
 * Share of records marking each theme present, in THEMES order.
 *
 * @example
 * ```ts
 * import type { LabelRecord } from "./records.ts";
 * declare const records: LabelRecord[];
 * themePrevalence(records); // [0.12, 0.4, ...]
 * ```
 */
export function themePrevalence(records: Pick<LabelRecord, "themes">[]): number[] {
  return THEMES.map((t) =>
    records.filter((r) => r.themes[t] >= PRESENT).length / Math.max(1, records.length)
  );
}

/**
 * Each human annotator of the store against another source on the offers
 * both labelled: offers, and Cohen's kappa averaged over the themes (a theme
 * whose kappa is undefined counts 0).
 *
 * @example
 * ```ts
 * declare const store: any; // your data
 * declare const teacher: any; // your data
 * annotatorsAgainst(store, teacher.records); // [{ annotator: "alice", offers: 40, meanKappa: 0.61 }]
 * ```
 */
export function annotatorsAgainst(
  store: LabelStore,
  source: LabelRecord[],
): { annotator: string; offers: number; meanKappa: number }[] {
  return store.labelSets().filter((s) => s.kind === "human").map((s) => {
    const records = store.records(s);
    const vs = compareSources(records, source);
    return {
      annotator: s.labeller,
      offers: records.length,
      meanKappa: THEMES.reduce((a, t) => a + (Number.isNaN(vs.themes[t].kappa) ? 0 : vs.themes[t].kappa), 0) /
        THEMES.length,
    };
  });
}
