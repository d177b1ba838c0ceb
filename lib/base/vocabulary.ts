/**
 * The two label vocabularies: six HR themes (offer level, multi-label) and
 * the 16 ROME 4.0 professional soft skills ("savoirs-être professionnels").
 *
 * @example
 * ```ts
 * import { THEMES, SOFT_SKILLS, softSkillLabel } from "./vocabulary.ts";
 * softSkillLabel("300490"); // "Faire preuve de rigueur et de précision"
 * ```
 */

/** The six HR themes, in the codebook's order. */
export const THEMES = [
  "DIVERSITY",
  "PAY_BENEFITS",
  "CAREER",
  "CULTURE_VALUES",
  "LEADERSHIP_MANAGEMENT",
  "WORK_LIFE_BALANCE",
] as const;

export type Theme = typeof THEMES[number];

/** French names of the themes, for figures and the apps. */
export const THEME_NAMES: Record<Theme, string> = {
  DIVERSITY: "Diversité / inclusion",
  PAY_BENEFITS: "Rémunération / avantages",
  CAREER: "Opportunités professionnelles",
  CULTURE_VALUES: "Culture / valeurs",
  LEADERSHIP_MANAGEMENT: "Leadership / management",
  WORK_LIFE_BALANCE: "Équilibre vie pro – vie perso",
};

/** One ROME 4.0 savoir-être professionnel. */
export interface SoftSkill {
  /** code_ogr in unix_referentiel_competence_v460_utf8.csv */
  code: string;
  label: string;
}

/** The 16 ROME 4.0 soft skills. */
export const SOFT_SKILLS: readonly SoftSkill[] = [
  { code: "300412", label: "Etre à l'écoute, faire preuve d'empathie" },
  { code: "300416", label: "Inspirer, donner du sens" },
  { code: "300460", label: "Faire preuve d'autonomie" },
  { code: "300461", label: "Faire preuve de sens des responsabilités" },
  { code: "300465", label: "Avoir l'esprit d'équipe" },
  { code: "300467", label: "Etre force de proposition" },
  { code: "300473", label: "Faire preuve de réactivité" },
  { code: "300478", label: "Faire preuve de contrôle de soi" },
  { code: "300479", label: "Etre ouvert aux changements" },
  { code: "300483", label: "Organiser son travail selon les priorités et les objectifs" },
  { code: "300485", label: "Faire preuve de persévérance" },
  { code: "300489", label: "Faire preuve de leadership" },
  { code: "300490", label: "Faire preuve de rigueur et de précision" },
  { code: "300493", label: "Faire preuve de curiosité, d'ouverture d'esprit" },
  { code: "300497", label: "Faire preuve de créativité, d'inventivité" },
  { code: "399999", label: "Avoir le sens du service" },
];

const LABELS = new Map(SOFT_SKILLS.map((s) => [s.code, s.label]));

/** The label of a soft-skill code, or the code itself when unknown. */
export function softSkillLabel(code: string): string {
  return LABELS.get(code) ?? code;
}

/** The 16 soft-skill codes, in the order of {@link SOFT_SKILLS}. */
export const SKILL_CODES: readonly string[] = SOFT_SKILLS.map((s) => s.code);

/**
 * The codebook's cut-offs on a 0-100 confidence: a label is *sure* (fit to
 * train on, no review needed) at an overall confidence of at least SURE, and
 * a theme or soft skill is *present* at a confidence of at least PRESENT.
 */
export const SURE = 80;
export const PRESENT = 50;

/** One soft skill of a record: evidence copied from the text, and (once located) its span. */
export interface SoftSkillLabel {
  code_ogr: string;
  evidence: string;
  confidence: number;
  /** Character span in the canonical offer text; null when the evidence could not be found. */
  start?: number | null;
  end?: number | null;
}

/** One labelled offer, as the codebook writes it. */
export interface LabelRecord {
  source: string;
  id: string;
  themes: Record<Theme, number>;
  soft_skills: SoftSkillLabel[];
  overall_confidence: number;
}

/** The corpus formats the loaders read ("auto" guesses from the file). */
export const CORPUS_FORMATS = ["auto", "jocas", "france-travail", "csv", "jsonl", "json", "parquet"] as const;
export type CorpusFormat = typeof CORPUS_FORMATS[number];
