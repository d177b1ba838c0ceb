/**
 * Label records in the codebook's JSONL format, checked field by field, and
 * the location of evidence strings in the offer text as character spans.
 *
 * ```json
 * {"source": "ft", "id": "183XKZM", "themes": {"DIVERSITY": 5, ...},
 *  "soft_skills": [{"code_ogr": "300490", "evidence": "rigoureux", "confidence": 95}],
 *  "overall_confidence": 80}
 * ```
 *
 * @example
 * ```ts
 * import { readLabelFile, locateEvidence } from "./records.ts";
 * const { records, errors } = await readLabelFile("labels.jsonl");
 * locateEvidence("Vous êtes  rigoureux", "êtes rigoureux"); // { start: 5, end: 20 }
 * ```
 */
import {
  type LabelRecord,
  PRESENT,
  SOFT_SKILLS,
  type SoftSkillLabel,
  stripAccents,
  type Theme,
  THEMES,
} from "../base/mod.ts";

export type { LabelRecord, SoftSkillLabel };
import { cleanText } from "../corpus/mod.ts";

const CODES = new Set(SOFT_SKILLS.map((s) => s.code));

function confidence(value: unknown, where: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 100) {
    throw new Error(`${where} must be a number from 0 to 100, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Checks a parsed object against the codebook format; returns the record or
 * throws an Error naming the field that is wrong.
 */
export function validateRecord(value: unknown): LabelRecord {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new Error("record is not a JSON object");
  }
  const v = value as Record<string, unknown>;
  if (typeof v.id !== "string" && typeof v.id !== "number") {
    throw new Error(`field "id" is missing or not a string`);
  }
  const themesIn = v.themes as Record<string, unknown> | undefined;
  if (!themesIn || typeof themesIn !== "object") {
    throw new Error(`field "themes" is missing or not an object`);
  }
  const themes = {} as Record<Theme, number>;
  for (const t of THEMES) themes[t] = confidence(themesIn[t], `themes.${t}`);
  for (const k of Object.keys(themesIn)) {
    if (!THEMES.includes(k as Theme)) throw new Error(`themes.${k} is not a codebook theme`);
  }
  if (!Array.isArray(v.soft_skills)) throw new Error(`field "soft_skills" is missing or not an array`);
  const soft_skills = v.soft_skills.map((s: Record<string, unknown>, i: number) => {
    const code = String(s?.code_ogr ?? "");
    if (!CODES.has(code)) {
      throw new Error(`soft_skills[${i}].code_ogr "${code}" is not one of the 16 ROME soft skills`);
    }
    if (typeof s.evidence !== "string" || s.evidence.trim() === "") {
      throw new Error(`soft_skills[${i}].evidence is missing`);
    }
    return {
      code_ogr: code,
      evidence: s.evidence,
      confidence: confidence(s.confidence, `soft_skills[${i}].confidence`),
    };
  });
  return {
    source: String(v.source ?? ""),
    id: String(v.id),
    themes,
    soft_skills,
    overall_confidence: confidence(v.overall_confidence, "overall_confidence"),
  };
}

/** A record line that failed validation. */
export interface RecordError {
  file: string;
  line: number;
  message: string;
}

/** Reads a codebook-format JSONL file; bad lines are returned with file, line and reason, never dropped silently. */
export async function readLabelFile(
  path: string,
): Promise<{ records: LabelRecord[]; errors: RecordError[] }> {
  const records: LabelRecord[] = [];
  const errors: RecordError[] = [];
  const lines = (await Deno.readTextFile(path)).split("\n");
  lines.forEach((text, i) => {
    if (text.trim() === "") return;
    try {
      records.push(validateRecord(JSON.parse(text)));
    } catch (e) {
      errors.push({ file: path, line: i + 1, message: (e as Error).message });
    }
  });
  return { records, errors };
}

/** Writes records as codebook-format JSONL (spans included when located). */
export async function writeLabelFile(path: string, records: LabelRecord[]): Promise<void> {
  await Deno.writeTextFile(
    path,
    records.map((r) => JSON.stringify(r)).join("\n") + (records.length ? "\n" : ""),
  );
}

/** Folds one character for tolerant matching: lower case, no accent, straight apostrophe. */
function foldChar(ch: string): string {
  if (ch === "\u2019" || ch === "\u2018" || ch === "`" || ch === "\u00b4") return "'";
  return stripAccents(ch).toLowerCase();
}

/** The folded text and, for each folded character, the index of the original one. */
function foldWithMap(text: string): { folded: string; index: number[] } {
  let folded = "";
  const index: number[] = [];
  let lastSpace = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      if (!lastSpace) {
        folded += " ";
        index.push(i);
      }
      lastSpace = true;
      continue;
    }
    lastSpace = false;
    for (const c of foldChar(ch)) {
      folded += c;
      index.push(i);
    }
  }
  return { folded, index };
}

/**
 * Finds an evidence string in a text: exactly first, then tolerant to case,
 * accents, apostrophes, whitespace and HTML entities. Returns the span in the original
 * text, or null when the evidence is not there.
 */
export function locateEvidence(
  text: string,
  evidence: string,
  from = 0,
): { start: number; end: number } | null {
  const exact = text.indexOf(evidence, from);
  if (exact >= 0 && evidence.length > 0) return { start: exact, end: exact + evidence.length };
  const t = foldWithMap(text);
  const e = foldWithMap(cleanText(evidence)).folded.trim(); // evidence copied from raw text may hold entities
  if (!e) return null;
  const startInFolded = t.index.findIndex((orig) => orig >= from);
  const at = t.folded.indexOf(e, Math.max(0, startInFolded));
  if (at < 0) return null;
  return { start: t.index[at], end: t.index[at + e.length - 1] + 1 };
}

/** Locates every evidence of a record in its offer text; returns the record with spans and how many were not found. */
export function withSpans(record: LabelRecord, text: string): { record: LabelRecord; notFound: number } {
  let notFound = 0;
  const soft_skills = record.soft_skills.map((s) => {
    const span = locateEvidence(text, s.evidence);
    if (!span) notFound++;
    return { ...s, start: span?.start ?? null, end: span?.end ?? null };
  });
  return { record: { ...record, soft_skills }, notFound };
}

/** The themes a record marks present (confidence >= 50). */
export function presentThemes(record: Pick<LabelRecord, "themes">): Theme[] {
  return THEMES.filter((t) => record.themes[t] >= PRESENT);
}
