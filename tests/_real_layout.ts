/**
 * A real-layout JOCAS extract for the tests: the JOCAS columns as a CSV
 * comes, with what real exports hold and the generator does not: about a
 * third of the rows repeat an earlier text under a new id, dates span three
 * months of 2024 in two formats, départements written "69 - Rhône", missing
 * sectors and ROME codes, empty descriptions and HTML. No truth file is
 * written beside it: like a researcher's file, it has no planted answers.
 */
import { generateOffer, JOCAS_COLUMNS, type JocasRow } from "../lib/corpus/generator.ts";

const DEPARTEMENT_NAMES: Record<string, string> = {
  "69": "Rhône",
  "75": "Paris",
  "13": "Bouches-du-Rhône",
  "33": "Gironde",
  "59": "Nord",
};

function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const s = String(value);
  return /[,"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes `n` real-layout rows (seeded) to `path` and returns how many repeat an earlier text. */
export async function writeRealLayoutCsv(
  path: string,
  n = 300,
  seed = 77,
): Promise<{ rows: number; repeated: number }> {
  const rows: JocasRow[] = [];
  let repeated = 0;
  for (let k = 0; k < n; k++) {
    const row = { ...generateOffer(seed, k).row };
    const day = 1 + (k * 7) % 28, month = 1 + (k % 3);
    row.date_firstSeenDay = k % 4 === 0
      ? `${String(day).padStart(2, "0")}/0${month}/2024`
      : `2024-0${month}-${String(day).padStart(2, "0")}`;
    if (k > 10 && k % 3 === 0) { // a repost: an earlier offer's text under a new id
      const earlier = rows[(k * 13) % rows.length];
      row.description_full = earlier.description_full;
      row.description_job = earlier.description_job;
      row.description_profil = earlier.description_profil;
      row.description_entreprise = earlier.description_entreprise;
      row.job_title = earlier.job_title;
      repeated++;
    }
    const dep = row.location_departement;
    if (k % 5 === 1 && dep && DEPARTEMENT_NAMES[dep]) {
      row.location_departement = `${dep} - ${DEPARTEMENT_NAMES[dep]}`;
    }
    if (k % 7 === 2) row.entrepriseSecteur_NAF21 = null;
    if (k % 11 === 3) row.job_ROME_code = "";
    if (k % 13 === 4) row.location_departement = null;
    if (k % 17 === 5) row.description_full = `<p>${row.description_full.replace(/\n/g, "<br/>")}</p>`;
    if (k % 29 === 6) {
      row.description_full = "";
      row.description_job = row.description_profil = row.description_entreprise = null;
    }
    rows.push(row);
  }
  const text =
    [JOCAS_COLUMNS.join(","), ...rows.map((r) => JOCAS_COLUMNS.map((c) => csvField(r[c])).join(","))].join(
      "\n",
    ) + "\n";
  await Deno.writeTextFile(path, text);
  return { rows: n, repeated };
}
