/**
 * The offline teacher: a transparent French rule/lexicon labeller for the
 * six themes and the 16 soft skills, for the embedded default corpus and for
 * users without an LLM. It reads the cleaned text folded (case, accents,
 * apostrophes), handles elisions and inclusive endings, drops negated cues
 * ("pas de télétravail possible", "télétravail non envisageable"), and knows
 * the sections: a benefit counts wherever it is, a soft skill counts when it
 * is asked of the candidate (profile part, or a requirement cue in the same
 * sentence), not when the company praises itself. Every label carries a
 * 0-100 confidence and the cue that fired; soft skills carry character spans.
 *
 * @example
 * ```ts
 * import { labelWithRules } from "./rules.ts";
 * import type { Offer } from "../corpus/mod.ts";
 * declare const offer: Offer;
 * const { record, matches } = labelWithRules(offer);
 * record.themes.WORK_LIFE_BALANCE; // 90 when "Télétravail 2 jours par semaine"
 * ```
 */
import type { Offer } from "../corpus/mod.ts";
import { foldKeepLength, type Theme, THEMES } from "../base/mod.ts";
import { CODEBOOK } from "./codebook.ts";
import type { LabelRecord, SoftSkillLabel } from "./records.ts";
import * as L from "./lexicon.ts";
import { MultiPattern } from "../text/mod.ts";

/** Version of the rules (bump when the lexicon or the scoring changes). */
export const RULES_VERSION = "rules-v1";

/** A cue that fired, for the record's explanation. */
export interface RuleMatch {
  kind: "theme" | "soft_skill";
  code: string;
  start: number;
  end: number;
  text: string;
  strength: number;
  section: SectionName;
  negated: boolean;
}

type SectionName = "company" | "job" | "profile";

// Every cue of every theme, then every soft-skill wording, matched in one pass over the folded text.
const THEME_CUES = THEMES.flatMap((theme) => L.THEME_CUES[theme].map((cue) => ({ theme, cue })));
const SKILL_CUES = Object.entries(L.SOFT_SKILL_CUES).map(([code, p]) => ({
  code,
  pattern: `(?:${p})${L.INCLUSIVE_SUFFIX}`,
}));
const CUES = new MultiPattern([...THEME_CUES.map((c) => c.cue.pattern), ...SKILL_CUES.map((c) => c.pattern)]);
const NEG_BEFORE = new RegExp(L.NEGATION_BEFORE);
const NEG_AFTER = new RegExp(L.NEGATION_AFTER);
const REQUIREMENT = new RegExp(L.REQUIREMENT_CUE);
const PROFILE_HEADING = new RegExp(L.PROFILE_HEADING);

/** Where each section lies in the full text: [start, end) offsets. */
export function sectionBounds(offer: Offer): { company: [number, number]; profileStart: number } {
  const text = offer.text;
  const companyAt = offer.sections.company ? text.indexOf(offer.sections.company) : -1;
  const company: [number, number] = companyAt >= 0
    ? [companyAt, companyAt + offer.sections.company.length]
    : [0, 0];
  let profileStart = offer.sections.profile ? text.lastIndexOf(offer.sections.profile) : -1;
  if (profileStart < 0) { // no profile section of its own: find a profile heading after the company part
    const folded = foldKeepLength(text.slice(company[1]));
    const m = PROFILE_HEADING.exec(folded);
    profileStart = m ? company[1] + m.index : text.length;
  }
  return { company, profileStart };
}

function sectionOf(pos: number, bounds: ReturnType<typeof sectionBounds>): SectionName {
  if (pos >= bounds.company[0] && pos < bounds.company[1]) return "company";
  return pos >= bounds.profileStart ? "profile" : "job";
}

const SENTENCE_END = ".!?\n;";
const IS_END = new Uint8Array(128);
for (const ch of SENTENCE_END) IS_END[ch.charCodeAt(0)] = 1;
/** Characters of context the negation patterns can reach: their longest match is under 40 before and 55 after. */
const NEG_BEFORE_REACH = 60;
const NEG_AFTER_REACH = 70;

/**
 * The sentences (or bullet lines) of a folded text, found once so that each
 * cue looks up its sentence in O(log n) and the negation patterns read a
 * bounded window: labelling stays linear in the text length.
 */
class Sentences {
  readonly #ends: number[] = [];
  readonly #asked = new Map<number, boolean>();
  constructor(readonly folded: string) {
    for (let i = 0; i < folded.length; i++) {
      const c = folded.charCodeAt(i);
      if (c < 128 && IS_END[c]) this.#ends.push(i);
    }
  }
  /** [start, end) of the sentence holding [from, to). */
  around(from: number, to: number): [number, number] {
    const ends = this.#ends;
    let lo = 0, hi = ends.length; // first end >= to
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] < to) lo = mid + 1;
      else hi = mid;
    }
    let i = lo - 1; // last end < from
    while (i >= 0 && ends[i] >= from) i--;
    return [i >= 0 ? ends[i] + 1 : 0, lo < ends.length ? ends[lo] : this.folded.length];
  }
  /** Whether the text before [from, to) in its sentence negates the cue ("pas de télétravail"). */
  negatedBefore(from: number, to: number): boolean {
    const [a] = this.around(from, to);
    return NEG_BEFORE.test(this.folded.slice(Math.max(a, from - NEG_BEFORE_REACH), from));
  }
  /** Whether the text after [from, to) in its sentence negates the cue ("télétravail non envisageable"). */
  negatedAfter(from: number, to: number): boolean {
    const [, b] = this.around(from, to);
    return NEG_AFTER.test(this.folded.slice(to, Math.min(b, to + NEG_AFTER_REACH)));
  }
  /** Whether the sentence holding [from, to) asks something of the candidate (cached per sentence). */
  asks(from: number, to: number): boolean {
    const [a, b] = this.around(from, to);
    let asked = this.#asked.get(a);
    if (asked === undefined) this.#asked.set(a, asked = REQUIREMENT.test(this.folded.slice(a, b)));
    return asked;
  }
}

/** Combines independent pieces of evidence: 1 - Π(1 - s). */
function combine(strengths: number[]): number {
  let miss = 1;
  for (const s of strengths) miss *= 1 - s / 100;
  return Math.round(Math.min(98, 100 * (1 - miss)));
}

/** What one pass of the teacher over an offer gives: the codebook record, the cues that fired, the sections' bounds. */
export interface RulePass {
  record: LabelRecord;
  matches: RuleMatch[];
  bounds: ReturnType<typeof sectionBounds>;
}

/** Labels one offer with the rules; returns the codebook record, the cues that fired and where the sections lie. */
export function labelWithRules(offer: Offer): RulePass {
  const text = offer.text;
  const folded = foldKeepLength(text);
  const bounds = sectionBounds(offer);
  const sentences = new Sentences(folded);
  const matches: RuleMatch[] = [];
  const found = CUES.matches(folded);
  const themes = {} as Record<Theme, number>;
  for (const theme of THEMES) {
    const strengths: number[] = [];
    let negatedOnly = false;
    THEME_CUES.forEach(({ theme: of, cue }, k) => {
      if (of !== theme) return;
      for (const [start, end] of found[k]) {
        const section = sectionOf(start, bounds);
        if (cue.section === "company-only" && section !== "company") continue;
        const negated = sentences.negatedBefore(start, end) || sentences.negatedAfter(start, end);
        matches.push({
          kind: "theme",
          code: theme,
          start,
          end,
          text: text.slice(start, end),
          strength: cue.strength,
          section,
          negated,
        });
        if (negated) negatedOnly = true;
        else strengths.push(cue.strength);
      }
    });
    themes[theme] = strengths.length ? combine(strengths) : negatedOnly ? 10 : 5;
  }
  const best = new Map<string, SoftSkillLabel>();
  SKILL_CUES.forEach(({ code }, k) => {
    for (const [start, end] of found[THEME_CUES.length + k]) {
      const section = sectionOf(start, bounds);
      const asked = sentences.asks(start, end);
      const negated = sentences.negatedBefore(start, end);
      const confidence = negated
        ? 10
        : section === "profile"
        ? (asked ? 92 : 85)
        : section === "job"
        ? (asked ? 75 : 45)
        : asked
        ? 40
        : 20;
      matches.push({
        kind: "soft_skill",
        code,
        start,
        end,
        text: text.slice(start, end),
        strength: confidence,
        section,
        negated,
      });
      const label: SoftSkillLabel = {
        code_ogr: code,
        evidence: text.slice(start, end),
        confidence,
        start,
        end,
      };
      const key = `${code}:${start}`;
      if (!best.has(key)) best.set(key, label);
    }
  });
  // One label per soft skill and offer (its best evidence), as the codebook asks.
  const perCode = new Map<string, SoftSkillLabel>();
  for (const l of best.values()) {
    const current = perCode.get(l.code_ogr);
    if (!current || l.confidence > current.confidence) perCode.set(l.code_ogr, l);
  }
  const soft_skills = [...perCode.values()].sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
  const decisiveness = THEMES.reduce((a, t) => a + Math.abs(themes[t] - 50), 0) / THEMES.length / 50;
  const lengthFactor = Math.min(1, text.length / 400);
  const overall = Math.round(40 + 50 * decisiveness * lengthFactor);
  return {
    record: { source: offer.source, id: offer.id, themes, soft_skills, overall_confidence: overall },
    matches,
    bounds,
  };
}

/** Labels many offers; the label set's provenance names the rules and codebook versions. */
export function labelAllWithRules(
  offers: Offer[],
): { records: LabelRecord[]; labeller: string; version: string } {
  return {
    records: offers.map((o) => labelWithRules(o).record),
    labeller: RULES_VERSION,
    version: CODEBOOK.version,
  };
}
