/**
 * The canonical job-offer record every loader produces, whatever the source.
 *
 * @example
 * ```ts
 * import type { Offer } from "./schema.ts";
 * const o: Offer = emptyOffer("42", "generic");
 * ```
 */

/** Where an offer comes from. */
export type OfferSource = "jocas" | "france-travail" | "generic";

/** The three parts a job ad is usually made of (empty string when absent). */
export interface OfferSections {
  /** About the company ("Qui sommes-nous", description_entreprise). */
  company: string;
  /** The job itself: missions, conditions (description_job). */
  job: string;
  /** The profile sought (description_profil). */
  profile: string;
}

/** One job offer in canonical form. Text fields are cleaned (see clean.ts). */
export interface Offer {
  /** The source's own id (ID_JOCAS for JOCAS, `id` for France Travail). */
  id: string;
  source: OfferSource;
  title: string;
  sections: OfferSections;
  /** Full cleaned text; character spans of labels refer to this string. */
  text: string;
  /** Publication (first seen / creation) date, ISO `YYYY-MM-DD`. */
  date: string | null;
  /** INSEE département code ("01", "2A", "974"). */
  departement: string | null;
  /** Région name (2016 régions). */
  region: string | null;
  /** ROME code such as "M1805". */
  rome: string | null;
  /** NAF code or section as the source gives it ("62.01Z", "J"). */
  naf: string | null;
  /** Sector label (NAF section or source's own label). */
  sector: string | null;
  /** Contract type as the source writes it (CDI, CDD, MIS, ...). */
  contract: string | null;
  salaryMin: number | null;
  salaryMax: number | null;
  /** Whether teleworking is offered; null when the source does not say. */
  teleworking: boolean | null;
  company: string | null;
}

/** Canonical fields whose missing share is reported. */
export const OFFER_FIELDS = [
  "title",
  "text",
  "company_section",
  "job_section",
  "profile_section",
  "date",
  "departement",
  "region",
  "rome",
  "naf",
  "sector",
  "contract",
  "salaryMin",
  "salaryMax",
  "teleworking",
  "company",
] as const;

export type OfferField = typeof OFFER_FIELDS[number];

/** The value of a reportable field, null/empty meaning missing. */
export function fieldValue(offer: Offer, field: OfferField): unknown {
  switch (field) {
    case "company_section":
      return offer.sections.company;
    case "job_section":
      return offer.sections.job;
    case "profile_section":
      return offer.sections.profile;
    default:
      return offer[field];
  }
}

/** True when a value counts as missing (null, undefined, empty string). */
export function isMissing(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** An offer with every optional field empty. */
export function emptyOffer(id: string, source: OfferSource): Offer {
  return {
    id,
    source,
    title: "",
    sections: { company: "", job: "", profile: "" },
    text: "",
    date: null,
    departement: null,
    region: null,
    rome: null,
    naf: null,
    sector: null,
    contract: null,
    salaryMin: null,
    salaryMax: null,
    teleworking: null,
    company: null,
  };
}

/** NAF rev. 2 sections with their French labels. */
export const NAF_SECTIONS: Record<string, string> = {
  A: "Agriculture, sylviculture et pêche",
  B: "Industries extractives",
  C: "Industrie manufacturière",
  D: "Production et distribution d'électricité, de gaz",
  E: "Eau, assainissement, déchets, dépollution",
  F: "Construction",
  G: "Commerce ; réparation d'automobiles",
  H: "Transports et entreposage",
  I: "Hébergement et restauration",
  J: "Information et communication",
  K: "Activités financières et d'assurance",
  L: "Activités immobilières",
  M: "Activités spécialisées, scientifiques et techniques",
  N: "Activités de services administratifs et de soutien",
  O: "Administration publique",
  P: "Enseignement",
  Q: "Santé humaine et action sociale",
  R: "Arts, spectacles et activités récréatives",
  S: "Autres activités de services",
  T: "Activités des ménages en tant qu'employeurs",
  U: "Activités extra-territoriales",
};

/** ROME "grands domaines": the family of a ROME code is its first letter. */
export const ROME_DOMAINS: Record<string, string> = {
  A: "Agriculture et pêche, espaces naturels et verts, soins aux animaux",
  B: "Arts et façonnage d'ouvrages d'art",
  C: "Banque, assurance, immobilier",
  D: "Commerce, vente et grande distribution",
  E: "Communication, média et multimédia",
  F: "Construction, bâtiment et travaux publics",
  G: "Hôtellerie-restauration, tourisme, loisirs et animation",
  H: "Industrie",
  I: "Installation et maintenance",
  J: "Santé",
  K: "Services à la personne et à la collectivité",
  L: "Spectacle",
  M: "Support à l'entreprise",
  N: "Transport et logistique",
};

/**
 * The ROME family (grand domaine letter) of a ROME code, or null.
 *
 * @example
 * ```ts
 * romeDomain("M1805"); // "M"
 * ```
 */
export function romeDomain(code: string | null): string | null {
  const letter = code?.trim().charAt(0).toUpperCase() ?? "";
  return letter in ROME_DOMAINS ? letter : null;
}

const NAF_DIVISION_TO_SECTION: [number, number, string][] = [
  [1, 3, "A"],
  [5, 9, "B"],
  [10, 33, "C"],
  [35, 35, "D"],
  [36, 39, "E"],
  [41, 43, "F"],
  [45, 47, "G"],
  [49, 53, "H"],
  [55, 56, "I"],
  [58, 63, "J"],
  [64, 66, "K"],
  [68, 68, "L"],
  [69, 75, "M"],
  [77, 82, "N"],
  [84, 84, "O"],
  [85, 85, "P"],
  [86, 88, "Q"],
  [90, 93, "R"],
  [94, 96, "S"],
  [97, 98, "T"],
  [99, 99, "U"],
];

/**
 * The NAF section letter of a NAF code ("62.01Z" -> "J", "J" -> "J", "62" -> "J").
 *
 * @example
 * ```ts
 * nafSection("47.11F"); // "G"
 * ```
 */
export function nafSection(code: string | null): string | null {
  if (!code) return null;
  const s = code.trim().toUpperCase();
  if (/^[A-U]$/.test(s)) return s;
  const m = s.match(/^(\d{2})/);
  if (!m) return null;
  const division = Number(m[1]);
  return NAF_DIVISION_TO_SECTION.find(([lo, hi]) => division >= lo && division <= hi)?.[2] ?? null;
}

/**
 * The text every theme and soft-skill model reads for an offer: its title,
 * then its cleaned text.
 *
 * @example
 * ```ts
 * modelText({ title: "Comptable H/F", text: "Vous êtes rigoureux." }); // "Comptable H/F\nVous êtes rigoureux."
 * ```
 */
export function modelText(offer: Pick<Offer, "title" | "text">): string {
  return `${offer.title}\n${offer.text}`;
}
