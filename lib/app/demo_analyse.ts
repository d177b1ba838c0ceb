/**
 * What the demo (stage 8) does with a pasted text: checks it (size,
 * encoding, emptiness) with messages a user understands, cleans it as the
 * loaders do, and labels it with the demo's labeller — the model a folder
 * stands for (lib/train/labeller.ts), the one stage 9 applies to the base —
 * giving the six themes and the soft skills, each with the span of the
 * cleaned text that carried it (none when only the text model spoke), its
 * ROME savoir-être and, when a registry is loaded, its registry entry.
 *
 * @example
 * ```ts
 * import { analyseText } from "./demo_analyse.ts";
 * declare const labeller: any; // your data
 * const result = analyseText("Vous êtes rigoureux et autonome. Télétravail 2 jours.", { model: labeller });
 * result.themes[5]; result.soft_skills[0].label;
 * ```
 */
import { cleanText, emptyOffer } from "../corpus/mod.ts";
import { softSkillLabel, THEME_NAMES, THEMES } from "../base/mod.ts";
import type { Labeller } from "../train/mod.ts";
import { characterCount } from "./http_util.ts";

/** The longest text the demo accepts, in characters. */
export const MAX_TEXT_CHARS = 20_000;
/** Bytes of a request body: the longest text in 4-byte UTF-8 plus room for the JSON around it. */
export const MAX_DEMO_BODY_BYTES = MAX_TEXT_CHARS * 4 + 1024;

/** A text the demo refuses, with the reason in words (HTTP 400 / 413). */
export class DemoInputError extends Error {
  constructor(message: string, readonly status = 400) {
    super(message);
  }
}

/** What a registry entry contributes to the demo. */
export interface RegistryMatch {
  cluster: string;
  name: string;
}

/** One analysis. */
export interface DemoResult {
  /** The cleaned text the spans refer to. */
  text: string;
  themes: { theme: string; name: string; probability: number; decision: boolean }[];
  /** start/end null (and text "") when no phrase carried the soft skill (the text model alone decided). */
  soft_skills: {
    start: number | null;
    end: number | null;
    text: string;
    code_ogr: string;
    label: string;
    confidence: number;
    registry: RegistryMatch | null;
  }[];
}

/**
 * Analyses one text; throws DemoInputError on an empty, too long or
 * non-string text. `registry` maps a span (lower-cased text) or a ROME code
 * to its registry entry.
 */
export function analyseText(
  text: unknown,
  o: { model: Labeller; registry?: (spanText: string, code: string) => RegistryMatch | null },
): DemoResult {
  if (typeof text !== "string") {
    throw new DemoInputError(
      `"text" must be a string of at most ${MAX_TEXT_CHARS.toLocaleString("en")} characters`,
    );
  }
  if (text.length > MAX_TEXT_CHARS && characterCount(text) > MAX_TEXT_CHARS) {
    throw new DemoInputError(
      `the text has ${characterCount(text).toLocaleString("en")} characters; the demo takes at most ${
        MAX_TEXT_CHARS.toLocaleString("en")
      }`,
      413,
    );
  }
  const offer = emptyOffer("demo", "generic");
  offer.text = cleanText(text);
  if (offer.text.trim() === "") {
    throw new DemoInputError("the text is empty: paste a job offer or a candidate's text");
  }
  offer.sections = { company: "", job: "", profile: "" };
  const { probabilities: p, softSkills } = o.model.label(offer);
  const thresholds = o.model.thresholds;
  const themes = THEMES.map((t, c) => ({
    theme: t,
    name: THEME_NAMES[t],
    probability: p[c],
    decision: p[c] >= thresholds[c],
  }));
  const soft_skills = softSkills
    .map((s) => {
      const span = s.start !== null && s.end !== null ? offer.text.slice(s.start, s.end) : "";
      return {
        start: s.start,
        end: s.end,
        text: span,
        code_ogr: s.code_ogr,
        label: softSkillLabel(s.code_ogr),
        confidence: Math.round(100 * s.score),
        registry: o.registry?.(span.toLowerCase(), s.code_ogr) ?? null,
      };
    })
    .sort((a, b) => (a.start ?? Infinity) - (b.start ?? Infinity));
  return { text: offer.text, themes, soft_skills };
}

/** Decodes a request body as strict UTF-8 JSON `{ "text": ... }`; DemoInputError otherwise. */
export function parseDemoBody(bytes: Uint8Array): unknown {
  if (bytes.length > MAX_DEMO_BODY_BYTES) {
    throw new DemoInputError(
      `the request is ${bytes.length.toLocaleString("en")} bytes; the demo takes texts of at most ${
        MAX_TEXT_CHARS.toLocaleString("en")
      } characters`,
      413,
    );
  }
  let decoded: string;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DemoInputError("the request is not valid UTF-8: save the text as UTF-8 and paste it again");
  }
  let json: unknown;
  try {
    json = JSON.parse(decoded);
  } catch {
    throw new DemoInputError('the request is not JSON: send {"text": "..."}');
  }
  if (!json || typeof json !== "object" || !("text" in json)) {
    throw new DemoInputError('the request needs a "text" field: send {"text": "..."}');
  }
  return (json as { text: unknown }).text;
}
