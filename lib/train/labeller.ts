/**
 * The one labeller a model folder stands for, applied the same way by
 * `jobs predict`, `label-all`, the demo and stage 9: the six themes and the
 * 16 soft-skill codes of an offer in one pass. For a folder written by
 * `jobs train` that is the validated pair — the theme model (model.json,
 * the teacher + text stack by default) and the soft-skill model
 * (skills.json, the offer-level model by default) — sharing one pass of the
 * rule teacher; what a folder lacks comes from the teacher itself. A folder
 * holding only a bulk model (bulk.json) is applied as that model.
 *
 * @example
 * ```ts
 * import { loadLabeller } from "./labeller.ts";
 * import type { Offer } from "../corpus/mod.ts";
 * declare const offer: Offer;
 * const { labeller } = await loadLabeller("models/themes");
 * const { probabilities, softSkills } = labeller.label(offer); // probabilities: themes, then skill:<code>
 * ```
 */
import type { Offer } from "../corpus/mod.ts";
import { PRESENT, sha256Hex, SKILL_CODES, THEMES } from "../base/mod.ts";
import { labelWithRules, type RulePass } from "../labelling/mod.ts";
import { BulkModel } from "./bulk_model.ts";
import { ThemeStack } from "./theme_stack.ts";
import type { ThemeModel } from "./theme_model.ts";
import { type EvidenceLookup, SkillCodeModel } from "./skill_codes.ts";
import type { SoftSkillDetector } from "./soft_skills.ts";
import { hasModel, loadModel, type ModelCard } from "./model_files.ts";

/** A soft skill found in an offer, as predict writes it (start and end null when no phrase carried it). */
export interface FoundSkill {
  code_ogr: string;
  start: number | null;
  end: number | null;
  text: string;
  score: number;
}

/** What a labeller says of one offer. */
export interface OfferLabels {
  /** One probability per output: the six themes, then the soft skills (`skill:<code>`). */
  probabilities: ArrayLike<number>;
  /** The soft skills decided present, in the order predict writes them. */
  softSkills: FoundSkill[];
}

/** Labels offers one at a time; see the module doc. */
export interface Labeller {
  /** What it is, for summaries and cards. */
  readonly description: string;
  /** The outputs' names: the six themes (THEMES order), then `skill:<code_ogr>`. */
  readonly outputs: string[];
  /** The decision threshold of each output (a theme is decided when its probability reaches it). */
  readonly thresholds: number[];
  /** Whether it reads the offers' sections (the teacher does): a bulk pass must then load the section columns. */
  readonly readsSections: boolean;
  /** The labels of one offer (the arrays may be reused by the next call: copy what you keep). */
  label(offer: Offer): OfferLabels;
}

const SKILL_OUTPUTS = SKILL_CODES.map((c) => `skill:${c}`);

/**
 * The decisions of one offer, copied out of the labeller's reused arrays:
 * each theme (THEMES order) and each soft-skill code (SKILL_CODES order).
 *
 * @example
 * ```ts
 * import type { Offer } from "../corpus/mod.ts";
 * declare const labeller: any; // your data
 * declare const offer: Offer;
 * const { themes, codes } = decisionsOf(labeller, offer); // [false, true, ...], [true, false, ...]
 * ```
 */
export function decisionsOf(labeller: Labeller, offer: Offer): { themes: boolean[]; codes: boolean[] } {
  const { probabilities, softSkills } = labeller.label(offer);
  const found = new Set(softSkills.map((s) => s.code_ogr));
  return {
    themes: THEMES.map((_, c) => probabilities[c] >= labeller.thresholds[c]),
    codes: SKILL_CODES.map((code) => found.has(code)),
  };
}

/** The bulk model as a labeller: its outputs ≥ their thresholds are the decisions; soft skills carry no span. */
export class BulkLabeller implements Labeller {
  readonly description = "bulk model (word hashing + linear layer)";
  readonly readsSections = false;
  constructor(readonly model: BulkModel) {}

  get outputs(): string[] {
    return this.model.outputs;
  }

  get thresholds(): number[] {
    return this.model.thresholds;
  }

  label(offer: Offer): OfferLabels {
    const p = this.model.probabilitiesOf(offer);
    const { outputs, thresholds } = this.model;
    const softSkills: FoundSkill[] = [];
    for (let c = THEMES.length; c < p.length; c++) {
      if (p[c] >= thresholds[c]) {
        softSkills.push({
          code_ogr: outputs[c].slice("skill:".length),
          start: null,
          end: null,
          text: "",
          score: p[c],
        });
      }
    }
    return { probabilities: p, softSkills };
  }
}

/** The theme models and soft-skill models a folder written by `jobs train` can hold. */
export type ThemePart = ThemeStack | ThemeModel;
export type SkillPart = SkillCodeModel | SoftSkillDetector | EvidenceLookup;

/** What each model kind is called on cards and pages. */
const PART_NAMES: Record<string, string> = {
  "theme-stack": "teacher + text stack",
  "theme-model": "text model (TF-IDF + logistic)",
  "skill-code-model": "offer-level soft-skill model",
  "soft-skill-detector": "span detector",
  "evidence-lookup": "evidence lookup",
};

/**
 * A theme model and a soft-skill model applied together, the rule teacher
 * run once per offer for whichever reads it, and standing in for a part
 * the folder lacks (its theme confidences / 100 at 0.5, its soft skills
 * at the codebook's PRESENT).
 */
export class ModelLabeller implements Labeller {
  readonly outputs = [...THEMES, ...SKILL_OUTPUTS];
  readonly thresholds: number[];
  readonly readsSections: boolean;
  readonly description: string;
  readonly #probabilities = new Float64Array(THEMES.length + SKILL_CODES.length);

  constructor(readonly themes: ThemePart | null, readonly skills: SkillPart | null) {
    this.readsSections = !themes || themes instanceof ThemeStack || !skills ||
      skills instanceof SkillCodeModel;
    const skillThresholds = skills instanceof SkillCodeModel
      ? skills.thresholds
      : SKILL_CODES.map(() => PRESENT / 100);
    this.thresholds = [...(themes ? themes.thresholds : THEMES.map(() => PRESENT / 100)), ...skillThresholds];
    // the stack's text model and the soft-skill model's learnt from the same offers: one vector per offer serves both
    if (themes instanceof ThemeStack && skills instanceof SkillCodeModel) {
      skills.textModel?.shareFeatures(themes.text);
    }
    const name = (
      part: { kind: string } | null,
    ) => (part ? PART_NAMES[part.kind] ?? part.kind : "rule teacher");
    this.description = `themes: ${name(themes)}; soft skills: ${name(skills)}`;
  }

  label(offer: Offer): OfferLabels {
    const p = this.#probabilities;
    const teacher: RulePass | null = this.readsSections ? labelWithRules(offer) : null;
    const T = THEMES.length;
    const themes = this.themes instanceof ThemeStack
      ? this.themes.predictProba([offer], [teacher!.record])[0]
      : this.themes
      ? this.themes.predictProba([offer])[0]
      : THEMES.map((t) => teacher!.record.themes[t] / 100);
    for (let c = 0; c < T; c++) p[c] = themes[c];
    p.fill(0, T);
    let softSkills: FoundSkill[];
    if (this.skills instanceof SkillCodeModel) {
      const scores = this.skills.scoresOf(offer, teacher!);
      const thresholds = this.skills.thresholds;
      softSkills = [];
      scores.forEach((s, c) => {
        p[T + c] = s.score;
        if (s.score >= thresholds[c]) {
          softSkills.push({
            code_ogr: SKILL_CODES[c],
            start: s.span?.start ?? null,
            end: s.span?.end ?? null,
            text: s.span ? offer.text.slice(s.span.start, s.span.end) : "",
            score: s.score,
          });
        }
      });
    } else if (this.skills) {
      softSkills = this.skills.predict([offer])[0].map((d) => ({
        code_ogr: d.code_ogr,
        start: d.start,
        end: d.end,
        text: "text" in d && typeof d.text === "string"
          ? d.text
          : d.start != null && d.end != null
          ? offer.text.slice(d.start, d.end)
          : "",
        score: d.score,
      }));
      for (const s of softSkills) p[T + SKILL_CODES.indexOf(s.code_ogr)] = s.score;
    } else {
      softSkills = teacher!.record.soft_skills.filter((s) => s.confidence >= PRESENT)
        .map((s) => ({
          code_ogr: s.code_ogr,
          start: s.start ?? null,
          end: s.end ?? null,
          text: s.evidence,
          score: s.confidence / 100,
        }));
      for (const s of teacher!.record.soft_skills) {
        p[T + SKILL_CODES.indexOf(s.code_ogr)] = s.confidence / 100;
      }
    }
    return { probabilities: p, softSkills };
  }
}

/** A loaded labeller, the cards of its models, and a fingerprint of its files (a run's identity). */
export interface LoadedLabeller {
  labeller: Labeller;
  cards: { themes: ModelCard | null; skills: ModelCard | null; bulk: ModelCard | null };
  /** SHA-256 over the model files' hashes: the same fingerprint means the same answers. */
  fingerprint: string;
}

/**
 * The labeller of a model folder (see the module doc): its theme and/or
 * soft-skill models, else its bulk model; fails naming the files a folder
 * should hold when it has none.
 *
 * @example
 * ```ts
 * const { labeller, cards } = await loadLabeller("models/ft");
 * cards.themes?.metrics.f1_micro;
 * ```
 */
export async function loadLabeller(dir: string): Promise<LoadedLabeller> {
  const hasThemes = await hasModel(dir, "themes"), hasSkills = await hasModel(dir, "soft-skills");
  if (!hasThemes && !hasSkills) {
    if (!(await hasModel(dir, "bulk"))) {
      throw new Error(
        `${dir} holds no model: expected model.json and skills.json (jobs train), or bulk.json (jobs train --task bulk)`,
      );
    }
    const { model, card } = await loadModel(dir, "bulk");
    return {
      labeller: new BulkLabeller(model),
      cards: { themes: null, skills: null, bulk: card },
      fingerprint: await fingerprintOf([card]),
    };
  }
  const themes = hasThemes ? await loadModel(dir, "themes") : null;
  const skills = hasSkills ? await loadModel(dir, "soft-skills") : null;
  return {
    labeller: new ModelLabeller(themes?.model ?? null, skills?.model ?? null),
    cards: { themes: themes?.card ?? null, skills: skills?.card ?? null, bulk: null },
    fingerprint: await fingerprintOf([themes?.card ?? null, skills?.card ?? null]),
  };
}

async function fingerprintOf(cards: (ModelCard | null)[]): Promise<string> {
  return await sha256Hex(JSON.stringify(cards.map((c) => c ? Object.entries(c.files ?? {}).sort() : null)));
}
