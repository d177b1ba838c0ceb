/**
 * Column mappings from a source's columns to the canonical offer, and the
 * conversion of one raw row into an Offer (or a quarantine reason).
 *
 * @example
 * ```ts
 * import { JOCAS_MAPPING, rowToOffer } from "./mapping.ts";
 * const r = rowToOffer({ ID_JOCAS: "1", description_full: "Poste..." }, JOCAS_MAPPING, "jocas");
 * ```
 */
import { cleanText, joinSections } from "./clean.ts";
import { normaliseDepartement, normaliseRegion, parseLocation, regionOfDepartement } from "./geo.ts";
import { emptyOffer, NAF_SECTIONS, nafSection, type Offer, type OfferSource } from "./schema.ts";

/** Which source column feeds each canonical field. Only `id` and one text column are required. */
export interface ColumnMapping {
  /** Column with the offer's own id. */
  id: string;
  title?: string;
  /** Full description; used as the text when the section columns are absent or empty. */
  text?: string;
  company_section?: string;
  job_section?: string;
  profile_section?: string;
  /** Publication date (ISO, `dd/mm/yyyy`, or a date value). */
  date?: string;
  /** Département code. */
  departement?: string;
  /** Free-text location ("89 - AUXERRE", "Lyon (69)"). */
  location?: string;
  /** Postcode, used when the location gives no département. */
  postcode?: string;
  region?: string;
  rome?: string;
  naf?: string;
  sector?: string;
  contract?: string;
  salary_min?: string;
  salary_max?: string;
  /** A salary sentence ("Annuel de 35000,00 Euros à 40000,00 Euros") parsed into min/max. */
  salary_label?: string;
  teleworking?: string;
  company?: string;
}

/** The JOCAS extract's column names. */
export const JOCAS_MAPPING: ColumnMapping = {
  id: "ID_JOCAS",
  title: "job_title",
  text: "description_full",
  company_section: "description_entreprise",
  job_section: "description_job",
  profile_section: "description_profil",
  date: "date_firstSeenDay",
  departement: "location_departement",
  location: "location_label",
  rome: "job_ROME_code",
  naf: "entrepriseSecteur_NAF21",
  contract: "contractType",
  salary_min: "salary_min",
  salary_max: "salary_max",
  teleworking: "teleworking_accepted",
  company: "entreprise_name",
};

/** France Travail API v2 records (flattened with dots) and their CSV exports. */
export const FRANCE_TRAVAIL_MAPPING: ColumnMapping = {
  id: "id",
  title: "intitule",
  job_section: "description",
  company_section: "entreprise.description",
  date: "dateCreation",
  location: "lieuTravail.libelle",
  postcode: "lieuTravail.codePostal",
  rome: "romeCode",
  naf: "codeNAF",
  sector: "secteurActiviteLibelle",
  contract: "typeContrat",
  salary_label: "salaire.libelle",
  company: "entreprise.nom",
};

/** Why a row was not kept. */
export class QuarantineError extends Error {
  constructor(readonly reason: string, readonly field: string, message: string) {
    super(message);
  }
}

const MIN_YEAR = 1990;

/**
 * Parses a date value into ISO `YYYY-MM-DD`. Returns null for a missing
 * value; throws QuarantineError("impossible date") for one that cannot be.
 */
export function parseDate(value: unknown, field = "date"): string | null {
  if (value === null || value === undefined || value === "") return null;
  let y: number, m: number, d: number;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      throw new QuarantineError("impossible date", field, "invalid date value");
    }
    [y, m, d] = [value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()];
  } else {
    const s = String(value).trim();
    let match = s.match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/);
    if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    else if ((match = s.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: .*)?$/))) {
      [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    } else if (/^\d{10,13}$/.test(s)) {
      const date = new Date(s.length === 13 ? Number(s) : Number(s) * 1000);
      [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    } else {throw new QuarantineError(
        "impossible date",
        field,
        `unreadable date ${JSON.stringify(s.slice(0, 40))}`,
      );}
  }
  const maxYear = new Date().getUTCFullYear() + 1;
  const check = new Date(Date.UTC(y, m - 1, d));
  if (
    y < MIN_YEAR || y > maxYear || check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 ||
    check.getUTCDate() !== d
  ) {
    throw new QuarantineError("impossible date", field, `impossible date ${y}-${m}-${d}`);
  }
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Parses a number written the French or English way ("35 000,50", "35000.5"); null when absent or unreadable. */
export function parseNumber(value: unknown): number | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return Number(value);
  const s = String(value).replace(/[\s\u00A0\u202F€]/g, "").replace(",", ".");
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

const PERIOD_FACTOR: [RegExp, number][] = [[/^annuel/i, 1], [/^mensuel/i, 12], [/^horaire/i, 1607]];

/**
 * Reads a France Travail salary sentence into annual min/max euros.
 *
 * @example
 * ```ts
 * parseSalaryLabel("Mensuel de 2000,00 Euros à 2500,00 Euros sur 12 mois"); // { min: 24000, max: 30000 }
 * ```
 */
export function parseSalaryLabel(label: unknown): { min: number | null; max: number | null } {
  if (typeof label !== "string" || label.trim() === "") return { min: null, max: null };
  const factor = PERIOD_FACTOR.find(([re]) => re.test(label.trim()))?.[1];
  if (factor === undefined) return { min: null, max: null };
  const numbers = [...label.matchAll(/(\d[\d\s]*(?:[.,]\d+)?)\s*Euros/gi)].map((m) => parseNumber(m[1]));
  const values = numbers.filter((n): n is number => n !== null).map((n) => Math.round(n * factor));
  if (values.length === 0) return { min: null, max: null };
  return { min: values[0], max: values[values.length - 1] };
}

/** Reads a yes/no value ("True", "1", "oui", true) into a boolean, or null. */
export function parseBoolean(value: unknown): boolean | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "boolean") return value;
  const s = String(value).trim().toLowerCase();
  if (["true", "1", "yes", "oui", "y", "o", "vrai"].includes(s)) return true;
  if (["false", "0", "no", "non", "n", "faux"].includes(s)) return false;
  return null;
}

function str(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  return s === "" ? null : s;
}

/**
 * Converts one raw row into an Offer. Throws QuarantineError when the row
 * cannot be an offer (missing id, missing text, impossible date).
 */
export function rowToOffer(
  values: Record<string, unknown>,
  mapping: ColumnMapping,
  source: OfferSource,
): Offer {
  const get = (key: keyof ColumnMapping) => {
    const column = mapping[key];
    return column === undefined ? undefined : values[column];
  };
  const id = str(get("id"));
  if (id === null) {
    throw new QuarantineError("missing id", mapping.id, `no value in id column "${mapping.id}"`);
  }
  const offer = emptyOffer(id, source);
  offer.title = cleanText(str(get("title")));
  offer.sections = {
    company: cleanText(str(get("company_section"))),
    job: cleanText(str(get("job_section"))),
    profile: cleanText(str(get("profile_section"))),
  };
  const full = cleanText(str(get("text")));
  const joined = joinSections([offer.sections.company, offer.sections.job, offer.sections.profile]);
  offer.text = full !== "" ? full : joined;
  if (offer.text === "") {
    const columns = [mapping.text, mapping.company_section, mapping.job_section, mapping.profile_section]
      .filter(Boolean).join(", ");
    throw new QuarantineError("missing text", columns, `no description text in ${columns}`);
  }
  offer.date = parseDate(get("date"), mapping.date);
  const dep = normaliseDepartement(get("departement"));
  const loc = dep
    ? { departement: dep, region: regionOfDepartement(dep) }
    : parseLocation(str(get("location")));
  if (!loc.departement && mapping.postcode) {
    const fromPostcode = parseLocation(str(get("postcode")));
    if (fromPostcode.departement) Object.assign(loc, fromPostcode);
  }
  offer.departement = loc.departement;
  offer.region = loc.region ?? normaliseRegion(str(get("region")));
  offer.rome = str(get("rome"))?.toUpperCase() ?? null;
  offer.naf = str(get("naf"));
  const section = nafSection(offer.naf);
  offer.sector = str(get("sector")) ?? (section ? NAF_SECTIONS[section] : null);
  offer.contract = str(get("contract"));
  const label = parseSalaryLabel(get("salary_label"));
  offer.salaryMin = parseNumber(get("salary_min")) ?? label.min;
  offer.salaryMax = parseNumber(get("salary_max")) ?? label.max;
  offer.teleworking = parseBoolean(get("teleworking"));
  offer.company = str(get("company"));
  return offer;
}
