/**
 * The project's codebook: a versioned file (codebook.v1.json) that every
 * labeller (rules, LLM prompt, annotators in the app) reads, so that a
 * label always says which codebook it follows.
 *
 * @example
 * ```ts
 * import { CODEBOOK, codebookMarkdown } from "./codebook.ts";
 * CODEBOOK.version; // "codebook-v1"
 * ```
 */
import codebook from "./codebook.v1.json" with { type: "json" };
import type { Theme } from "../base/mod.ts";

/** The codebook's shape. */
export interface Codebook {
  version: string;
  based_on: string;
  confidence_scale: string;
  units: { themes: string; soft_skills: string };
  rules: string[];
  themes: { code: Theme; name: string; present_when: string; not_enough: string }[];
  soft_skills: { code_ogr: string; label: string; cues: string[] }[];
  examples: {
    text: string;
    labels: {
      themes: Record<Theme, number>;
      soft_skills: { code_ogr: string; evidence: string; confidence: number }[];
      overall_confidence: number;
    };
  }[];
}

/** The codebook in force. */
export const CODEBOOK: Codebook = codebook as Codebook;

/** The codebook as Markdown (for the LLM prompt, the app and the notebooks). */
export function codebookMarkdown(book: Codebook = CODEBOOK): string {
  const lines = [
    `# Codebook ${book.version}`,
    "",
    book.confidence_scale,
    "",
    `Units: themes — ${book.units.themes}; soft skills — ${book.units.soft_skills}.`,
    "",
    "Rules:",
    ...book.rules.map((r) => `- ${r}`),
    "",
    "## Themes (multi-label)",
    "| code | theme | present when the offer text... | not enough on its own |",
    "|---|---|---|---|",
    ...book.themes.map((t) => `| ${t.code} | ${t.name} | ${t.present_when} | ${t.not_enough} |`),
    "",
    "## Soft skills (ROME 4.0 savoirs-être professionnels)",
    "| code_ogr | soft skill | typical wordings |",
    "|---|---|---|",
    ...book.soft_skills.map((s) => `| ${s.code_ogr} | ${s.label} | ${s.cues.join(", ")} |`),
  ];
  return lines.join("\n");
}
