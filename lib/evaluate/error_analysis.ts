/**
 * Where today's theme model fails on occupations it never saw: the stack is
 * trained on each fold of a grouped scheme (by ROME family by default) and
 * its errors on the held-out offers are listed per theme — missed themes
 * (false negatives) and false alarms (false positives) — each with the
 * sentence that carried the theme or wrongly triggered it: the rule
 * teacher's cue when one fired, else the sentence the text model scores
 * highest for the theme when read alone. Counts per theme and family tell
 * which lever to try next (a cue missing from the lexicon, a phrasing of one
 * occupation, a label the annotators disagree on).
 *
 * @example
 * ```ts
 * import { familyOf, groupedFolds } from "../stats/mod.ts";
 * declare const set: any; // your data
 * const analysis = await themeErrors(set, groupedFolds(set.offers.map(familyOf), 5), { examples: 4 });
 * analysis.examples.filter((e) => e.theme === "WORK_LIFE_BALANCE" && e.kind === "missed");
 * ```
 */
import type { Offer } from "../corpus/mod.ts";
import { type LabelRecord, labelWithRules } from "../labelling/mod.ts";
import { themeMatrix, THEMES } from "../base/mod.ts";
import { familyOf, foldSplits } from "../stats/mod.ts";
import { sentences } from "../text/mod.ts";
import { ThemeStack } from "../train/mod.ts";

/** One error of the model on a held-out offer. */
export interface ThemeError {
  id: string;
  title: string;
  rome: string | null;
  family: string;
  theme: string;
  kind: "missed" | "false alarm";
  /** The model's calibrated probability and the theme's threshold. */
  probability: number;
  threshold: number;
  /** The sentence that carried (missed) or triggered (false alarm) the theme, and where it comes from. */
  sentence: string;
  from: "teacher cue" | "text model" | "none";
}

/** Per theme: true positives, misses and false alarms over all held-out offers, and the families with the most errors. */
export interface ThemeErrorCounts {
  theme: string;
  support: number;
  tp: number;
  missed: number;
  falseAlarms: number;
  /** Families by errors (misses + false alarms), most first, at most five. */
  worstFamilies: { family: string; offers: number; missed: number; falseAlarms: number }[];
}

/** Options of {@link themeErrors}. */
export interface ThemeErrorOptions {
  /** The model to analyse. @default today's stack */
  model?: () => ThemeStack;
  /** Examples kept per theme and kind, the surest errors first, one per family while families last. @default 5 */
  examples?: number;
  /** The model already fitted on each fold's training offers, by fold number (the scoreboard's): nothing is fitted again. */
  fitted?: ThemeStack[];
}

const SENTENCE_CHARS = 220;

/** Trains on each fold and lists the errors on its held-out offers (see the module doc). */
export async function themeErrors(
  set: { offers: Offer[]; records: LabelRecord[] },
  folds: number[],
  o: ThemeErrorOptions = {},
): Promise<{ counts: ThemeErrorCounts[]; examples: ThemeError[] }> {
  const make = o.model ?? (() => new ThemeStack());
  const truth = themeMatrix(set.records);
  const all: ThemeError[] = [];
  const decisions: boolean[][] = new Array(set.offers.length);
  for (const [fold, { train, test }] of foldSplits(folds, Math.max(...folds) + 1).entries()) {
    if (!test.length) continue;
    const model = o.fitted?.[fold] ??
      await make().fit(train.map((i) => set.offers[i]), train.map((i) => set.records[i]));
    const offers = test.map((i) => set.offers[i]);
    const p = model.predictProba(offers);
    const decided = model.decide(p);
    test.forEach((i, j) => {
      decisions[i] = decided[j];
      THEMES.forEach((theme, c) => {
        if (decided[j][c] === truth[i][c]) return;
        const offer = set.offers[i];
        all.push({
          id: offer.id,
          title: offer.title,
          rome: offer.rome,
          family: familyOf(offer),
          theme,
          kind: truth[i][c] ? "missed" : "false alarm",
          probability: p[j][c],
          threshold: model.thresholds[c],
          ...carrier(offer, c, model),
        });
      });
    });
  }
  return { counts: countErrors(set.offers, truth, decisions), examples: keepExamples(all, o.examples ?? 5) };
}

/** The teacher's non-negated cue of the theme in the offer, else the text model's best sentence for it. */
function carrier(offer: Offer, theme: number, model: ThemeStack): Pick<ThemeError, "sentence" | "from"> {
  const cue = labelWithRules(offer).matches.find((m) =>
    m.kind === "theme" && m.code === THEMES[theme] && !m.negated
  );
  const list = sentences(offer.text);
  if (cue) {
    const holding = list.find((s) => s.start <= cue.start && cue.end <= s.end);
    return { sentence: clip(holding?.text ?? cue.text), from: "teacher cue" };
  }
  if (!list.length) return { sentence: "", from: "none" };
  const scores = model.text.predictProba(list.map((s) => ({ title: "", text: s.text })));
  let best = 0;
  for (let k = 1; k < scores.length; k++) if (scores[k][theme] > scores[best][theme]) best = k;
  return { sentence: clip(list[best].text), from: "text model" };
}

const clip = (s: string) => (s.length > SENTENCE_CHARS ? `${s.slice(0, SENTENCE_CHARS - 1)}…` : s);

function countErrors(offers: Offer[], truth: boolean[][], decisions: boolean[][]): ThemeErrorCounts[] {
  return THEMES.map((theme, c) => {
    const byFamily = new Map<
      string,
      { family: string; offers: number; missed: number; falseAlarms: number }
    >();
    let tp = 0, missed = 0, falseAlarms = 0, support = 0;
    offers.forEach((offer, i) => {
      if (!decisions[i]) return; // trained on, never tested (a scheme's train-only offers)
      const f = familyOf(offer);
      const row = byFamily.get(f) ?? { family: f, offers: 0, missed: 0, falseAlarms: 0 };
      byFamily.set(f, row);
      row.offers++;
      if (truth[i][c]) support++;
      if (truth[i][c] && decisions[i][c]) tp++;
      else if (truth[i][c]) {
        missed++;
        row.missed++;
      } else if (decisions[i][c]) {
        falseAlarms++;
        row.falseAlarms++;
      }
    });
    const worstFamilies = [...byFamily.values()].filter((r) => r.missed + r.falseAlarms > 0)
      .sort((a, b) =>
        b.missed + b.falseAlarms - (a.missed + a.falseAlarms) || a.family.localeCompare(b.family)
      ).slice(0, 5);
    return { theme, support, tp, missed, falseAlarms, worstFamilies };
  });
}

/** Per theme and kind, the surest errors first (furthest from the threshold), one per family until families run out. */
function keepExamples(all: ThemeError[], n: number): ThemeError[] {
  const out: ThemeError[] = [];
  for (const theme of THEMES) {
    for (const kind of ["missed", "false alarm"] as const) {
      const list = all.filter((e) => e.theme === theme && e.kind === kind)
        .sort((a, b) =>
          Math.abs(b.probability - b.threshold) - Math.abs(a.probability - a.threshold) ||
          a.id.localeCompare(b.id)
        );
      const families = new Set<string>(), kept: ThemeError[] = [];
      for (const e of list) {
        if (kept.length < n && !families.has(e.family)) {
          families.add(e.family);
          kept.push(e);
        }
      }
      for (const e of list) if (kept.length < n && !kept.includes(e)) kept.push(e);
      out.push(...kept);
    }
  }
  return out;
}

/**
 * Error examples as display rows, for a notebook table.
 *
 * @example
 * ```ts
 * import { table } from "../report/mod.ts";
 * declare const analysis: Awaited<ReturnType<typeof themeErrors>>;
 * table(errorRows(analysis.examples.filter((e) => e.theme === "CAREER")), { caption: "CAREER: errors" });
 * ```
 */
export function errorRows(examples: ThemeError[]): Record<string, string>[] {
  return examples.map((e) => ({
    theme: e.theme,
    error: e.kind,
    offer: `${e.title} (${e.rome ?? "no ROME"})`,
    "p / threshold": `${e.probability.toFixed(2)} / ${e.threshold.toFixed(2)}`,
    sentence: e.sentence,
    from: e.from,
  }));
}

/**
 * Error counts per theme as display rows: support, hits, misses, false
 * alarms and the families with the most errors.
 *
 * @example
 * ```ts
 * import { table } from "../report/mod.ts";
 * declare const analysis: any; // your data
 * table(errorCountRows(analysis.counts), { caption: "Errors per theme" });
 * ```
 */
export function errorCountRows(counts: ThemeErrorCounts[]): Record<string, string | number>[] {
  return counts.map((c) => ({
    theme: c.theme,
    support: c.support,
    hits: c.tp,
    missed: c.missed,
    "false alarms": c.falseAlarms,
    "worst families (missed / false alarms)": c.worstFamilies.map((f) =>
      `${f.family} ${f.missed}/${f.falseAlarms}`
    ).join(", "),
  }));
}
