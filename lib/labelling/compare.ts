/**
 * Comparing two label sources on the offers they share: per-theme
 * prevalence, agreement (Cohen's kappa), precision and recall of one
 * against the other, soft-skill agreement at offer level, and examples of
 * disagreement.
 *
 * @example
 * ```ts
 * import { compareSources } from "./compare.ts";
 * const c = compareSources(teacher, reference);
 * c.themes.WORK_LIFE_BALANCE.kappa;
 * ```
 */
import { multilabelScores } from "../stats/metrics.ts";
import { cohenKappa } from "./agreement.ts";
import type { LabelRecord } from "./records.ts";
import { PRESENT, SOFT_SKILLS, type Theme, THEMES } from "../base/vocabulary.ts";

const present = (r: LabelRecord, t: Theme) => r.themes[t] >= PRESENT;
const skills = (r: LabelRecord) => new Set(r.soft_skills.filter((s) => s.confidence >= PRESENT).map((s) => s.code_ogr));

/** Pairs the records of two sources by offer id (in `a`'s order). */
export function pairRecords(a: LabelRecord[], b: LabelRecord[]): [LabelRecord, LabelRecord][] {
  const byId = new Map(b.map((r) => [r.id, r]));
  return a.filter((r) => byId.has(r.id)).map((r) => [r, byId.get(r.id)!]);
}

/** Agreement of source `a` with source `b` (b taken as the reference for precision and recall). */
export function compareSources(a: LabelRecord[], b: LabelRecord[]) {
  const pairs = pairRecords(a, b);
  const themes = {} as Record<Theme, { prevalenceA: number; prevalenceB: number; kappa: number; agreement: number; precision: number; recall: number; f1: number }>;
  const scores = multilabelScores(pairs.map(([, y]) => THEMES.map((t) => present(y, t))), pairs.map(([x]) => THEMES.map((t) => present(x, t))), THEMES);
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
  const softSkills = multilabelScores(pairs.map(([, y]) => codes.map((c) => skills(y).has(c))), pairs.map(([x]) => codes.map((c) => skills(x).has(c))), codes);
  return { offers: pairs.length, themes, themeMicroF1: scores.micro.f1, themeMacroF1: scores.macro.f1, softSkillMicroF1: softSkills.micro.f1, softSkills };
}

/** The theme decisions on which two sources disagree, most confident disagreements first. */
export function disagreements(a: LabelRecord[], b: LabelRecord[], limit = 10) {
  const rows: { id: string; theme: Theme; a: number; b: number; gap: number }[] = [];
  for (const [x, y] of pairRecords(a, b)) {
    for (const t of THEMES) if (present(x, t) !== present(y, t)) rows.push({ id: x.id, theme: t, a: x.themes[t], b: y.themes[t], gap: Math.abs(x.themes[t] - y.themes[t]) });
  }
  return rows.sort((p, q) => q.gap - p.gap || (p.id < q.id ? -1 : 1)).slice(0, limit);
}
