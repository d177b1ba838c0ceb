/**
 * Spellcheck of French offers with nspell and the Hunspell dictionary-fr,
 * plus a jargon word list so that job vocabulary, acronyms and brand names
 * are not counted as errors.
 *
 * @example
 * ```ts
 * import { Spellchecker } from "./spellcheck.ts";
 * const checker = await Spellchecker.create();
 * checker.isKnown("équipe"); // true
 * checker.isKnown("équpie"); // false
 * ```
 */
import nspell from "nspell";
import dictionary from "dictionary-fr";
import { tokenize } from "./tokens.ts";
import { mulberry32 } from "../base/mod.ts";

/** Words of job ads that a general dictionary lacks. */
export const JARGON = [
  "cdi",
  "cdd",
  "rtt",
  "cse",
  "rqth",
  "haccp",
  "gmao",
  "esn",
  "ssii",
  "saas",
  "rse",
  "afnor",
  "devops",
  "backend",
  "frontend",
  "fullstack",
  "full",
  "stack",
  "remote",
  "afterworks",
  "afterwork",
  "team",
  "building",
  "manager",
  "managers",
  "managez",
  "helpdesk",
  "lead",
  "data",
  "engineer",
  "scientist",
  "pipelines",
  "cloud",
  "scrum",
  "agile",
  "agiles",
  "kpi",
  "b2b",
  "b2c",
  "swile",
  "bac",
  "bts",
  "dut",
  "but",
  "deau",
  "cap",
  "ehpad",
  "btp",
  "smic",
  "sql",
  "python",
  "java",
  "javascript",
  "linux",
  "windows",
  "azure",
  "aws",
  "docker",
  "kubernetes",
  "git",
  "api",
  "apis",
  "web",
  "mobile",
  "startup",
  "start-up",
  "freelance",
  "night",
  "auditor",
  "community",
  "rh",
  "drh",
  "sirh",
  "erp",
  "crm",
  "sap",
  "ia",
  "it",
  "si",
  "ux",
  "ui",
  "seo",
  "pme",
  "tpe",
  "eti",
  "cv",
  "vl",
  "pl",
  "spl",
  "caces",
  "ssiap",
  "vae",
  "cpf",
  "mutuelle",
  "télétravail",
  "coéquipier",
  "coéquipière",
  "handi-accueillante",
  "titres-restaurant",
  "réassort",
  "autolaveuses",
  "parpaings",
  "ferraillage",
  "cariste",
  "saisonnier",
];

/** Checks French words; unknown words are counted by the caller. */
export class Spellchecker {
  #speller: ReturnType<typeof nspell>;
  #cache = new Map<string, boolean>();

  private constructor(extra: string[]) {
    this.#speller = nspell(dictionary as unknown as { aff: Uint8Array; dic: Uint8Array });
    for (const w of [...JARGON, ...extra]) this.#speller.add(w);
  }

  /** Loads the dictionary (about a second) and adds the jargon plus `extraWords`. */
  static create(extraWords: string[] = []): Promise<Spellchecker> {
    return Promise.resolve(new Spellchecker(extraWords));
  }

  /**
   * True when a token is a French word, a job-jargon word, an acronym (all
   * capitals in the source) or contains a digit.
   */
  isKnown(token: string): boolean {
    if (/\d/.test(token) || token.length <= 2) return true;
    const cached = this.#cache.get(token);
    if (cached !== undefined) return cached;
    const known = this.#speller.correct(token) || this.#speller.correct(token.toLowerCase()) ||
      token.split("-").every((part) => part.length === 0 || this.#speller.correct(part));
    this.#cache.set(token, known);
    return known;
  }

  /** Suggestions for an unknown word (slow: use on the top misspellings only). */
  suggest(token: string): string[] {
    return this.#speller.suggest(token).slice(0, 3);
  }

  /** The tokens of a text that are unknown, acronyms written in capitals excepted. */
  unknownWords(text: string): { tokens: number; unknown: string[] } {
    const raw = tokenize(text, { lower: false });
    const unknown: string[] = [];
    for (const t of raw) {
      if (t.length > 1 && t === t.toUpperCase()) continue; // acronym
      const lower = t.toLowerCase();
      if (!this.isKnown(lower)) unknown.push(lower);
    }
    return { tokens: raw.length, unknown };
  }
}

/** What a spellcheck of a sample of offers found. */
export interface SpellcheckSummary {
  offersChecked: number;
  tokens: number;
  unknown: number;
  unknownShare: number;
  /** Most frequent unknown words with a suggestion. */
  top: { word: string; count: number; suggestion: string }[];
}

/**
 * Spellchecks `texts` (a seeded sample of them when there are more than
 * `sample`): share of unknown tokens and the most frequent unknown words.
 */
export function spellcheckTexts(
  checker: Spellchecker,
  texts: string[],
  options: { sample?: number; seed?: number; top?: number } = {},
): SpellcheckSummary {
  const sample = options.sample ?? 500;
  let chosen = texts;
  if (texts.length > sample) {
    const random = mulberry32(options.seed ?? 42);
    const idx = texts.map((_, i) => i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    chosen = idx.slice(0, sample).sort((a, b) => a - b).map((i) => texts[i]);
  }
  let tokens = 0;
  const counts = new Map<string, number>();
  for (const text of chosen) {
    const r = checker.unknownWords(text);
    tokens += r.tokens;
    for (const w of r.unknown) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const unknown = [...counts.values()].reduce((a, b) => a + b, 0);
  const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, options.top ?? 20)
    .map(([word, count]) => ({ word, count, suggestion: checker.suggest(word)[0] ?? "" }));
  return { offersChecked: chosen.length, tokens, unknown, unknownShare: tokens ? unknown / tokens : 0, top };
}
