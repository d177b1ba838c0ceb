/**
 * The reference lists a soft-skill cluster is mapped to: the 16 ROME 4.0
 * savoirs-être professionnels (read from ../shared/data/taxonomies when
 * present, else the project's own copy of them) and the ESCO transversal
 * skills (French labels; only with ../shared).
 *
 * @example
 * ```ts
 * import { loadTaxonomies } from "./taxonomies.ts";
 * const { rome, esco } = await loadTaxonomies("../shared/data/taxonomies");
 * ```
 */
import { readCsv, SOFT_SKILLS } from "../base/mod.ts";

/** One entry a cluster can map to. */
export interface TaxonomyEntry {
  id: string;
  label: string;
  /** Other wordings (ESCO altLabels). */
  alternatives: string[];
}

/** ROME savoirs-être and, when available, ESCO transversal skills; `source` says where they came from. */
export async function loadTaxonomies(
  dir: string | null,
): Promise<{ rome: TaxonomyEntry[]; esco: TaxonomyEntry[] | null; source: string }> {
  const romeFile = dir ? `${dir}/rome4-v460/unix_referentiel_competence_v460_utf8.csv` : null;
  const escoFile = dir ? `${dir}/esco-v1-fr/skills_fr.csv` : null;
  const exists = async (p: string | null) => !!p && await Deno.stat(p).then(() => true, () => false);
  let rome: TaxonomyEntry[] = SOFT_SKILLS.map((s) => ({ id: s.code, label: s.label, alternatives: [] }));
  let source = "ROME 4.0 savoirs-être from the project's codebook (../shared absent)";
  if (await exists(romeFile)) {
    rome = [];
    for await (const row of readCsv(romeFile!)) {
      const v = row.values ?? {};
      if (v.cat_comp === "Savoir-être professionnel") {
        rome.push({ id: String(v.code_ogr), label: String(v.libelle_competence), alternatives: [] });
      }
    }
    source = `ROME 4.0 (${romeFile})`;
  }
  let esco: TaxonomyEntry[] | null = null;
  if (await exists(escoFile)) {
    esco = [];
    for await (const row of readCsv(escoFile!)) {
      const v = row.values ?? {};
      if (v.reuseLevel === "transversal" && String(v.skillType).startsWith("skill/competence")) {
        esco.push({
          id: String(v.conceptUri),
          label: String(v.preferredLabel),
          alternatives: String(v.altLabels ?? "").split("\n").map((s) => s.trim()).filter(Boolean),
        });
      }
    }
    source += `; ESCO v1 transversal skills (${escoFile})`;
  } else source += "; ESCO absent";
  return { rome, esco, source };
}
