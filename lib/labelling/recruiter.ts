/**
 * The recruiters' own choice of soft skills in France Travail offers
 * (`qualitesProfessionnelles`, up to three per offer), mapped to ROME 4.0
 * codes: a real signal to evaluate soft-skill detection at offer level.
 *
 * @example
 * ```ts
 * const qualities = await readRecruiterQualities("offres.jsonl"); // Map id -> ["300490", ...]
 * ```
 */
import { readJsonl } from "../base/mod.ts";

/** France Travail's wording of the 16 qualities -> ROME 4.0 code_ogr. */
export const FT_QUALITY_CODES: Record<string, string> = {
  "Être à l'écoute, faire preuve d'empathie": "300412",
  "Inspirer, donner du sens": "300416",
  "Faire preuve d'autonomie": "300460",
  "Respecter ses engagements, assumer ses responsabilités": "300461",
  "Travailler en équipe": "300465",
  "Prendre des initiatives et être force de proposition": "300467",
  "Faire preuve de réactivité": "300473",
  "Gérer son stress": "300478",
  "S'adapter aux changements": "300479",
  "Organiser son travail selon les priorités et les objectifs": "300483",
  "Faire preuve de persévérance": "300485",
  "Faire preuve de leadership": "300489",
  "Faire preuve de rigueur et de précision": "300490",
  "Faire preuve de curiosité": "300493",
  "Faire preuve de créativité, d'inventivité": "300497",
  "Avoir le sens du service": "399999",
};

/** Offer id -> the ROME codes the recruiter chose (offers without a choice are left out; unknown wordings reported). */
export async function readRecruiterQualities(
  path: string,
): Promise<{ qualities: Map<string, string[]>; unknown: string[] }> {
  const qualities = new Map<string, string[]>();
  const unknown = new Set<string>();
  for await (const row of readJsonl(path)) {
    if (!row.values) continue;
    const list = row.values.qualitesProfessionnelles as { libelle?: string }[] | undefined;
    if (!Array.isArray(list) || list.length === 0) continue;
    const codes = list.map((q) => FT_QUALITY_CODES[q.libelle ?? ""] ?? (unknown.add(q.libelle ?? ""), null))
      .filter((c): c is string => c !== null);
    qualities.set(String(row.values.id), [...new Set(codes)]);
  }
  return { qualities, unknown: [...unknown] };
}
