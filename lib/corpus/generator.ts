/**
 * The embedded default corpus: a seeded generator of realistic French job
 * offers in the JOCAS layout, with planted, known structure saved as ground
 * truth (HR themes per offer, soft skills with character spans, duplicates).
 *
 * Offer i depends only on (seed, i), so any slice can be generated alone, in
 * any order or process, and millions stream with flat memory.
 *
 * Planted structure:
 * - theme rates depend on sector (NAF section), région and period;
 *   WORK_LIFE_BALANCE jumps after March 2020 (logit +1.2), DIVERSITY rises
 *   over the years, LEADERSHIP_MANAGEMENT follows managerial occupations;
 * - soft skills follow the occupation; they are asked for in the profile
 *   section, in adjective (gender forms), noun or verb wordings;
 * - look-alikes that do not count: "pas de télétravail possible", "salaire
 *   selon profil", "H/F", "rattaché au directeur", a quality praised in the
 *   company section;
 * - typos, HTML and typographic apostrophes in the raw text, exact reposts
 *   (7 %) and near duplicates (3 %), a two-month collection gap (2018-08 and
 *   2018-09), a Covid dip in spring 2020, JOCAS-like missingness.
 *
 * @example
 * ```ts
 * import { generateOffer } from "./generator.ts";
 * const { row, truth } = generateOffer(42, 0);
 * row.description_full; // the offer text, JOCAS column names
 * truth.themes; // e.g. ["PAY_BENEFITS", "WORK_LIFE_BALANCE"]
 * ```
 */
import { Random, seedOf, type Theme, THEMES } from "../base/mod.ts";
import { DEPARTEMENTS } from "./geo.ts";
import { nafSection } from "./schema.ts";
import { cleanText } from "./clean.ts";
import * as P from "./_phrases.ts";

/** A soft skill planted in an offer: ROME code and its span in the canonical text. */
export interface TruthSpan {
  code_ogr: string;
  start: number;
  end: number;
  text: string;
}

/** What the generator planted in one offer. */
export interface OfferTruth {
  id: string;
  themes: Theme[];
  soft_skills: TruthSpan[];
  /** The id of the offer this one repeats, or null. */
  duplicate_of: string | null;
  duplicate_kind: "exact" | "near" | null;
  rome: string;
  /** Probability of each theme the generator drew from (for checking estimators). */
  theme_probability: Record<Theme, number>;
}

/** One generated offer as a JOCAS row (raw, noisy text) plus its truth. */
export interface GeneratedOffer {
  row: JocasRow;
  truth: OfferTruth;
}

/** The JOCAS columns the generator writes. */
export interface JocasRow {
  ID_JOCAS: string;
  date_firstSeenDay: string;
  site_name: string;
  job_title: string;
  description_full: string;
  description_job: string | null;
  description_profil: string | null;
  description_entreprise: string | null;
  job_ROME_code: string;
  contractType: string | null;
  location_departement: string | null;
  location_label: string | null;
  salary_min: number | null;
  salary_max: number | null;
  entrepriseSecteur_NAF21: string | null;
  entrepriseSecteur_NAF88: string | null;
  teleworking_accepted: boolean | null;
  teleworking_type: string | null;
  education_level: string | null;
  experience_min: number | null;
  entreprise_name: string | null;
}

/** Column order of the generated JOCAS files. */
export const JOCAS_COLUMNS: (keyof JocasRow)[] = [
  "ID_JOCAS",
  "date_firstSeenDay",
  "site_name",
  "job_title",
  "description_full",
  "description_job",
  "description_profil",
  "description_entreprise",
  "job_ROME_code",
  "contractType",
  "location_departement",
  "location_label",
  "salary_min",
  "salary_max",
  "entrepriseSecteur_NAF21",
  "entrepriseSecteur_NAF88",
  "teleworking_accepted",
  "teleworking_type",
  "education_level",
  "experience_min",
  "entreprise_name",
];

/** Version of the generator: bump when its output changes (cached corpora are keyed by it). */
export const GENERATOR_VERSION = 3;

/** First month generated (inclusive) and number of months: 2016-01 .. 2025-12. */
export const FIRST_YEAR = 2016;
export const MONTHS = 120;
/** Months with no collection at all (a gap researchers must see as a gap). */
export const GAP_MONTHS = new Set(["2018-08", "2018-09"]);
/** The Covid break: theme rates change from this month on. */
export const COVID_MONTH = "2020-03";

const BASE_LOGIT: Record<Theme, number> = {
  DIVERSITY: -2.1,
  PAY_BENEFITS: -0.6,
  CAREER: -0.8,
  CULTURE_VALUES: -1.0,
  LEADERSHIP_MANAGEMENT: -2.0,
  WORK_LIFE_BALANCE: -1.7,
};
const SECTOR_EFFECT: Record<string, Partial<Record<Theme, number>>> = {
  J: { WORK_LIFE_BALANCE: 0.9, CULTURE_VALUES: 0.6, CAREER: 0.2 },
  K: { PAY_BENEFITS: 0.6, DIVERSITY: 0.7, CAREER: 0.3 },
  O: { DIVERSITY: 1.3, WORK_LIFE_BALANCE: 0.3, PAY_BENEFITS: -0.3 },
  Q: { WORK_LIFE_BALANCE: -0.7, CULTURE_VALUES: 0.2, PAY_BENEFITS: 0.2 },
  I: { WORK_LIFE_BALANCE: -0.9, PAY_BENEFITS: 0.4, CULTURE_VALUES: 0.3 },
  G: { CAREER: 0.4, PAY_BENEFITS: 0.2 },
  H: { PAY_BENEFITS: 0.3, WORK_LIFE_BALANCE: -0.4 },
  C: { PAY_BENEFITS: 0.4, CAREER: 0.2 },
  F: { PAY_BENEFITS: 0.3, WORK_LIFE_BALANCE: -0.5, DIVERSITY: -0.4 },
  N: { CAREER: 0.7 },
  M: { CULTURE_VALUES: 0.4, WORK_LIFE_BALANCE: 0.4 },
  P: { CAREER: 0.3, CULTURE_VALUES: 0.3 },
};
const REGION_EFFECT: Record<string, Partial<Record<Theme, number>>> = {
  "Île-de-France": { WORK_LIFE_BALANCE: 0.4, DIVERSITY: 0.3 },
  "Auvergne-Rhône-Alpes": { CULTURE_VALUES: 0.2 },
  "Occitanie": { WORK_LIFE_BALANCE: 0.15 },
  "Hauts-de-France": { PAY_BENEFITS: 0.2, WORK_LIFE_BALANCE: -0.2 },
  "Guadeloupe": { PAY_BENEFITS: -0.3 },
  "Martinique": { PAY_BENEFITS: -0.3 },
  "Guyane": { PAY_BENEFITS: -0.3 },
  "La Réunion": { PAY_BENEFITS: -0.3 },
  "Mayotte": { PAY_BENEFITS: -0.3 },
};
const DEPARTEMENT_WEIGHT: Record<string, number> = {
  "75": 9,
  "92": 4,
  "93": 2.5,
  "94": 2,
  "78": 2,
  "91": 2,
  "95": 1.5,
  "77": 2,
  "69": 5,
  "13": 4,
  "31": 3,
  "33": 3,
  "59": 4,
  "44": 3,
  "67": 2.5,
  "34": 2,
  "06": 2.5,
  "35": 2,
  "76": 2,
  "38": 2,
  "62": 2,
  "57": 1.6,
  "48": 0.3,
  "23": 0.4,
  "976": 0.3,
  "973": 0.4,
};
const DEP_WEIGHTS = DEPARTEMENTS.map((d) => DEPARTEMENT_WEIGHT[d.code] ?? 1);
const OCC_WEIGHTS = P.OCCUPATIONS.map((o) => o.weight);

/** Month weights: growth over time, Covid dip, collection gap. */
const MONTH_KEYS: string[] = [];
const MONTH_WEIGHTS: number[] = [];
for (let m = 0; m < MONTHS; m++) {
  const key = `${FIRST_YEAR + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
  const covid: Record<string, number> = { "2020-03": 0.75, "2020-04": 0.4, "2020-05": 0.55, "2020-11": 0.85 };
  MONTH_KEYS.push(key);
  MONTH_WEIGHTS.push(GAP_MONTHS.has(key) ? 0 : (1 + 0.012 * m) * (covid[key] ?? 1));
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const LEADING_TASK = /encadr|animer|recruter et développer/;

/**
 * The probability that an offer of this sector, région, month and
 * occupation mentions a theme: the planted truth the analysis must recover.
 */
export function themeProbability(
  theme: Theme,
  section: string | null,
  region: string,
  month: string,
  manager: boolean,
) {
  const year = Number(month.slice(0, 4)) + (Number(month.slice(5, 7)) - 1) / 12;
  let logit = BASE_LOGIT[theme] + (section ? SECTOR_EFFECT[section]?.[theme] ?? 0 : 0) +
    (REGION_EFFECT[region]?.[theme] ?? 0);
  if (theme === "WORK_LIFE_BALANCE") logit += 0.04 * (year - FIRST_YEAR) + (month >= COVID_MONTH ? 1.2 : 0);
  if (theme === "DIVERSITY") logit += 0.1 * (year - FIRST_YEAR);
  if (theme === "PAY_BENEFITS") logit += 0.04 * (year - FIRST_YEAR);
  if (theme === "LEADERSHIP_MANAGEMENT" && manager) logit += 2.8;
  return sigmoid(logit);
}

/** Builds text while recording the character spans of soft skills in it. */
class SpanText {
  text = "";
  spans: TruthSpan[] = [];
  add(s: string) {
    this.text += s;
    return this;
  }
  skill(code: string, s: string) {
    this.spans.push({ code_ogr: code, start: this.text.length, end: this.text.length + s.length, text: s });
    this.text += s;
    return this;
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function fill(template: string, slots: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(slots[k] ?? `{${k}}`));
}

function inclusive([m, f]: [string, string]): string {
  if (m === f) return m;
  if (f === m + "e") return `${m}(e)`;
  if (m.endsWith("eux") && f.endsWith("euse")) return `${m}(se)`;
  if (m.endsWith("if") && f.endsWith("ive")) return `${m}(ve)`;
  return `${m}/${f}`;
}

const TYPO_OPS = [
  (w: string, r: Random) => w.replace(/[éèê]/, "e") === w ? swap(w, r) : w.replace(/[éèê]/, "e"),
  (w: string, r: Random) => swap(w, r),
  (w: string, r: Random) => {
    const k = r.int(1, w.length - 2);
    return w.slice(0, k) + w[k] + w.slice(k);
  },
  (w: string, r: Random) => {
    const k = r.int(1, w.length - 2);
    return w.slice(0, k) + w.slice(k + 1);
  },
];

function swap(w: string, r: Random): string {
  const k = r.int(1, w.length - 3);
  return w.slice(0, k) + w[k + 1] + w[k] + w.slice(k + 2);
}

/** Puts one or two typos into a plain phrase (never into a soft-skill span). */
function typo(phrase: string, r: Random): string {
  const words = phrase.split(" ");
  const candidates = words.map((w, i) => (/^[a-zéèêàùûôîç]{6,}$/.test(w) ? i : -1)).filter((i) => i >= 0);
  if (candidates.length === 0) return phrase;
  const i = r.pick(candidates);
  words[i] = r.pick(TYPO_OPS)(words[i], r);
  return words.join(" ");
}

function companyName(r: Random): string {
  return r.pick(P.COMPANY_SYLLABLES) + r.pick(P.COMPANY_SYLLABLES).toLowerCase() + r.pick(P.COMPANY_SUFFIXES);
}

function isoDate(month: string, day: number): string {
  return `${month}-${String(day).padStart(2, "0")}`;
}

function daysIn(month: string): number {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Writes the profile sentences asking for the chosen soft skills. */
function profileSkills(out: SpanText, codes: string[], r: Random) {
  const gender = r.weighted(["m", "f", "inclusive"] as const, [2, 1, 2]);
  const adjective = (code: string) => {
    const pair = r.pick(P.SOFT_SKILL_WORDINGS[code].adj);
    return gender === "m" ? pair[0] : gender === "f" ? pair[1] : inclusive(pair);
  };
  const noun = (code: string) => r.pick(P.SOFT_SKILL_WORDINGS[code].noun);
  const verb = (code: string) => r.pick(P.SOFT_SKILL_WORDINGS[code].verb);
  let rest = codes.slice();
  while (rest.length > 0) {
    const take = Math.min(rest.length, r.int(1, 3));
    const group = rest.slice(0, take);
    rest = rest.slice(take);
    const style = r.int(0, 6);
    out.add(style === 6 ? "\n" : " ");
    if (style === 0) { // Vous êtes a, b et c.
      out.add("Vous êtes ");
      group.forEach((c, k) => {
        if (k > 0) out.add(k === group.length - 1 ? " et " : ", ");
        out.skill(c, adjective(c));
      });
      out.add(".");
    } else if (style === 1) { // Noun et noun sont indispensables.
      group.forEach((c, k) => {
        if (k > 0) out.add(k === group.length - 1 ? " et " : ", ");
        const w = noun(c);
        out.skill(c, k === 0 ? capitalise(w) : w);
      });
      out.add(
        group.length > 1
          ? " sont indispensables pour réussir à ce poste."
          : " est indispensable pour ce poste.",
      );
    } else if (style === 2) { // Qualités attendues : a, b.
      out.add(r.pick(["Qualités attendues : ", "Savoir-être : ", "Qualités requises : "]));
      group.forEach((c, k) => {
        if (k > 0) out.add(k === group.length - 1 ? " et " : ", ");
        out.skill(c, noun(c));
      });
      out.add(".");
    } else if (style === 3) { // Vous savez v1 et v2.
      out.add(r.pick(["Vous savez ", "Vous devez ", "Vous aimez "]));
      group.forEach((c, k) => {
        if (k > 0) out.add(k === group.length - 1 ? " et " : ", ");
        out.skill(c, verb(c));
      });
      out.add(".");
    } else if (style === 4) { // Votre noun sera un atout.
      group.forEach((c, k) => {
        if (k > 0) out.add(" ");
        out.add(r.pick(["Votre ", "Nous apprécierons votre ", "On attend de vous votre "]));
        out.skill(c, noun(c));
        out.add(r.pick([" sera un atout.", " est essentielle.", "."]));
      });
    } else if (style === 5) { // Doté d'un réel noun, vous êtes adjective.
      out.add("Doté d'un réel ");
      out.skill(group[0], noun(group[0]));
      if (group.length > 1) {
        out.add(", vous êtes ");
        group.slice(1).forEach((c, k) => {
          if (k > 0) out.add(" et ");
          out.skill(c, adjective(c));
        });
      } else out.add(", vous saurez vous intégrer rapidement");
      out.add(".");
    } else { // bullets
      group.forEach((c, k) => {
        if (k > 0) out.add("\n");
        out.add("- ");
        out.skill(c, capitalise(noun(c)));
      });
    }
  }
}

function pickSkills(occ: P.Occupation, r: Random): string[] {
  const k = r.weighted([0, 1, 2, 3, 4], [12, 22, 32, 24, 10]);
  const codes = Object.keys(occ.skills);
  const weights = codes.map((c) => occ.skills[c]);
  const chosen: string[] = [];
  while (chosen.length < k) {
    const c = r.chance(0.12) ? r.pick(Object.keys(P.SOFT_SKILL_WORDINGS)) : r.weighted(codes, weights);
    if (!chosen.includes(c)) chosen.push(c);
  }
  return chosen;
}

interface Canonical {
  title: string;
  company: string;
  job: string;
  profile: string;
  spans: TruthSpan[]; // relative to the profile section
  themes: Theme[];
  probability: Record<Theme, number>;
  month: string;
  day: number;
  dep: (typeof DEPARTEMENTS)[number];
  occ: P.Occupation;
  naf88: string;
  companyName: string;
  contract: string;
  telework: boolean;
}

function canonicalOffer(seed: number, index: number): Canonical {
  const r = new Random(seedOf(seed, index, 1));
  const occ = r.weighted(P.OCCUPATIONS, OCC_WEIGHTS);
  const naf88 = r.pick(occ.naf);
  const section = nafSection(naf88);
  const dep = r.weighted(DEPARTEMENTS, DEP_WEIGHTS);
  const month = r.weighted(MONTH_KEYS, MONTH_WEIGHTS);
  const day = r.int(1, daysIn(month));
  const co = companyName(r);
  const title = r.pick(occ.titles);
  const contract = r.weighted(P.CONTRACTS.map((c) => c[0]), P.CONTRACTS.map((c) => c[1]));
  const [lo, hi] = occ.salary;
  const s1 = Math.round((lo + r.next() * (hi - lo) * 0.5) / 500) * 500;
  const s2 = Math.round((s1 * (1.08 + r.next() * 0.2)) / 500) * 500;
  const slots: Record<string, string | number> = {
    co,
    town: dep.town,
    title: title.toLowerCase(),
    year: r.int(1950, 2015),
    size: r.pick([12, 25, 40, 80, 150, 300, 1200]),
    n: r.int(2, 3),
    r: r.int(8, 14),
    s1,
    s2,
    m1: Math.round(s1 / 12 / 10) * 10,
    h: (11.65 + r.next() * 4).toFixed(2).replace(".", ","),
    next: occ.next,
    boss: r.pick(P.BOSSES),
    edu: r.pick(P.EDUCATION),
  };
  const probability = {} as Record<Theme, number>;
  const themes: Theme[] = [];
  for (const t of THEMES) {
    probability[t] = themeProbability(t, section, dep.region, month, occ.manager);
    if (r.chance(probability[t])) themes.push(t);
  }
  const has = (t: Theme) => themes.includes(t);
  const sentence = (t: Theme) => fill(r.pick(P.THEME_SENTENCES[t]), slots);
  const distractor = (
    t: Theme,
    p: number,
  ) => (!has(t) && r.chance(p) ? fill(r.pick(P.THEME_DISTRACTORS[t]), slots) : null);
  const telework = has("WORK_LIFE_BALANCE") && r.chance(0.6);

  // Company section.
  const company: string[] = [];
  if (!r.chance(0.08)) {
    const domain = r.pick(P.COMPANY_DOMAINS[naf88] ?? ["une entreprise"]);
    company.push(fill(r.pick(P.COMPANY_INTROS), { ...slots, domain }));
    if (has("CULTURE_VALUES")) company.push(sentence("CULTURE_VALUES"));
    const cultureLookalike = distractor("CULTURE_VALUES", 0.2);
    if (cultureLookalike) company.push(cultureLookalike);
    if (has("DIVERSITY") && r.chance(0.4)) company.push(sentence("DIVERSITY"));
    if (has("LEADERSHIP_MANAGEMENT") && !occ.manager && r.chance(0.5)) {
      company.push(sentence("LEADERSHIP_MANAGEMENT"));
    }
    if (r.chance(0.1)) company.push(r.pick(P.SOFT_SKILL_DECOYS));
  }
  const companyText = company.map((s, k) => (k === 0 && r.chance(0.3) ? typo(s, r) : s)).join(" ");

  // Job section.
  const job: string[] = [fill(r.pick(P.JOB_INTROS), slots)];
  // Tasks that lead people express LEADERSHIP_MANAGEMENT: only when the theme is planted.
  const taskPool = has("LEADERSHIP_MANAGEMENT") ? occ.tasks : occ.tasks.filter((t) => !LEADING_TASK.test(t));
  const tasks = r.sample(taskPool, r.int(3, Math.min(5, taskPool.length)));
  job.push(r.pick(P.TASK_HEADS));
  const typoTask = r.chance(0.35) ? r.int(0, tasks.length - 1) : -1;
  for (let k = 0; k < tasks.length; k++) {
    job.push("- " + capitalise(k === typoTask ? typo(tasks[k], r) : tasks[k]));
  }
  const leadershipPlaced = company.some((s) =>
    P.THEME_SENTENCES.LEADERSHIP_MANAGEMENT.some((t) => fill(t, slots) === s)
  );
  if (has("LEADERSHIP_MANAGEMENT") && !leadershipPlaced) job.push(sentence("LEADERSHIP_MANAGEMENT"));
  const leadLookalike = distractor("LEADERSHIP_MANAGEMENT", 0.25);
  if (leadLookalike) job.push(leadLookalike);
  job.push(`Contrat : ${contract} basé à ${dep.town}.`);
  const offered = (["PAY_BENEFITS", "WORK_LIFE_BALANCE", "CAREER"] as Theme[]).filter(has);
  if (offered.length > 0) {
    const bullets = r.chance(0.5);
    job.push(r.pick(["Ce que nous offrons :", "Avantages :", "Conditions :", "Pourquoi nous rejoindre ?"]));
    const lines = r.shuffle(
      offered.flatMap((
        t,
      ) => (t === "PAY_BENEFITS" && r.chance(0.3) ? [sentence(t), sentence(t)] : [sentence(t)])),
    );
    for (const line of lines) job.push(bullets ? "- " + line : line);
  }
  for (
    const [t, p] of [["PAY_BENEFITS", 0.3], ["WORK_LIFE_BALANCE", 0.2], ["CAREER", 0.12]] as [Theme, number][]
  ) {
    const d = distractor(t, p);
    if (d) job.push(d);
  }
  const jobText = job.join("\n");

  // Profile section.
  const profile = new SpanText();
  profile.add(r.pick(P.PROFILE_HEADS) + "\n");
  profile.add(fill(r.pick(P.EDUCATION_SENTENCES), slots));
  profileSkills(profile, pickSkills(occ, r), r);
  if (
    has("DIVERSITY") && !company.some((s) => P.THEME_SENTENCES.DIVERSITY.some((t) => fill(t, slots) === s))
  ) {
    profile.add("\n" + sentence("DIVERSITY"));
  }
  const diversityLookalike = distractor("DIVERSITY", 0.2);
  if (diversityLookalike) profile.add("\n" + diversityLookalike);

  return {
    title,
    company: companyText,
    job: jobText,
    profile: profile.text,
    spans: profile.spans,
    themes,
    probability,
    month,
    day,
    dep,
    occ,
    naf88,
    companyName: co,
    contract,
    telework,
  };
}

const ENTITIES: Record<string, string> = {
  "é": "&eacute;",
  "è": "&egrave;",
  "à": "&agrave;",
  "ê": "&ecirc;",
  "ç": "&ccedil;",
  "'": "&#39;",
  "&": "&amp;",
};

/** Turns canonical text into what scraped sources deliver: HTML, entities, curly apostrophes, stray spaces. */
function noisy(text: string, r: Random): string {
  let s = text;
  if (r.chance(0.3)) s = s.replace(/'/g, "\u2019");
  if (r.chance(0.1)) s = s.replace(/ (et|de|vous) /g, "  $1 ");
  if (r.chance(0.12)) {
    s = s.replace(/[éèàêç'&]/g, (c) => ENTITIES[c] ?? c).replace(/\n/g, "<br>");
    s = `<div>${s.replace(/(Vos missions|Profil recherché|Avantages) :/g, "<strong>$1</strong> :")}</div>`;
  }
  return s;
}

/**
 * How long generated offers are. "compact" (the default corpus): company,
 * job and profile as planted, about 640 characters (median; p90 about 790).
 * "jocas": the same offers lengthened with neutral sentences (company
 * activity, recruitment process) towards a length drawn per offer from a
 * log-normal fitted to a JOCAS extract (median 871 characters, p90 1,866),
 * for benchmarks that must read as much text as the real workload. The
 * planted themes, soft skills and their spans are the same in both.
 */
export type LengthProfile = "compact" | "jocas";

/** Log-normal of the "jocas" target length: median and spread (sigma) of the log. */
const JOCAS_LENGTH = { median: 808, sigma: 0.645 };

/** Lengthens the company and profile sections of an offer with neutral sentences towards a drawn length. */
function lengthen(
  c: Canonical,
  profile: string,
  seed: number,
  root: number,
): { company: string; profile: string } {
  const r = new Random(seedOf(seed, root, 3));
  const target = Math.round(JOCAS_LENGTH.median * Math.exp(JOCAS_LENGTH.sigma * r.normal()));
  const slots = { town: c.dep.town, size: r.pick([12, 25, 40, 80, 150, 300, 1200]), year: r.int(1950, 2015) };
  const company = c.company ? [c.company] : [];
  const after: string[] = [];
  // company and process sentences in turn, each list in a seeded order, until the offer is long enough
  const companyPool = r.shuffle([...P.COMPANY_FILLERS]), processPool = r.shuffle([...P.PROCESS_FILLERS]);
  const turns = companyPool.flatMap((text, k) => [{ to: company, text }, { to: after, text: processPool[k] }])
    .filter((t) => t.text);
  let length = c.company.length + c.job.length + profile.length + 4;
  for (const { to, text } of turns) {
    if (length >= target) break;
    const sentence = fill(text, slots);
    to.push(sentence);
    length += sentence.length + 1;
  }
  return { company: company.join(" "), profile: after.length ? `${profile}\n${after.join(" ")}` : profile };
}

/**
 * Generates offer `index` of the corpus of `seed`: the raw JOCAS row and its
 * truth. Spans refer to the canonical text, i.e. `cleanText(row.description_full)`.
 * `lengths` chooses the length profile ({@link LengthProfile}).
 */
export function generateOffer(
  seed: number,
  index: number,
  lengths: LengthProfile = "compact",
): GeneratedOffer {
  const r = new Random(seedOf(seed, index, 2));
  const id = String(10_000_000 + index);
  // Reposts: the same offer again, as an exact copy or with a line added.
  const kind = index > 0 ? r.weighted(["none", "exact", "near"] as const, [90, 7, 3]) : "none";
  const baseIndex = kind === "none" ? index : index - 1 - Math.floor(r.next() * Math.min(index, 3000));
  const root = kind === "none" ? index : rootOf(seed, baseIndex);
  const c = canonicalOffer(seed, root);
  let profile = c.profile;
  if (lengths === "jocas") ({ company: c.company, profile } = lengthen(c, profile, seed, root));
  if (kind === "near") profile += `\nRéférence de l'offre : ${c.occ.rome}-${r.int(1000, 9999)}.`;
  let month = c.month;
  let day = c.day;
  if (kind !== "none") {
    const shifted = Math.min(day + r.int(1, 20), 28);
    day = shifted;
    if (r.chance(0.3)) {
      const next = MONTH_KEYS[MONTH_KEYS.indexOf(month) + 1];
      if (next && !GAP_MONTHS.has(next)) month = next;
    }
  }
  const sections = [c.company, c.job, profile];
  const full = sections.filter((s) => s.length > 0).join("\n\n");
  const profileStart = full.length - profile.length;
  const spans = c.spans.map((s) => ({ ...s, start: s.start + profileStart, end: s.end + profileStart }));
  const splitFailed = r.chance(0.1); // the scraper could not find the profile: it stays inside the job text
  const [lo, hi] = c.occ.salary;
  const hasSalary = r.chance(0.25);
  const salaryMin = hasSalary ? Math.round((lo + r.next() * (hi - lo) * 0.5) / 100) * 100 : null;
  const teleKnown = r.chance(0.4);
  const naf21 = r.chance(0.7) ? nafSection(c.naf88) : null;
  const row: JocasRow = {
    ID_JOCAS: id,
    date_firstSeenDay: isoDate(month, day),
    site_name: r.pick(P.SITES),
    job_title: r.chance(0.5) ? `${c.title} H/F` : c.title,
    description_full: noisy(full, r),
    description_job: splitFailed ? noisy(c.job + "\n\n" + profile, r) : noisy(c.job, r),
    description_profil: splitFailed ? null : noisy(profile, r),
    description_entreprise: c.company ? noisy(c.company, r) : null,
    job_ROME_code: c.occ.rome,
    contractType: r.chance(0.93) ? c.contract : null,
    location_departement: r.chance(0.96) ? c.dep.code : null,
    location_label: r.chance(0.9) ? `${c.dep.town} (${c.dep.code})` : null,
    salary_min: salaryMin,
    salary_max: salaryMin !== null && r.chance(0.7) ? Math.round(salaryMin * 1.15 / 100) * 100 : null,
    entrepriseSecteur_NAF21: naf21,
    entrepriseSecteur_NAF88: naf21 ? c.naf88 : null,
    teleworking_accepted: teleKnown ? c.telework : null,
    teleworking_type: teleKnown && c.telework ? r.pick(P.TELEWORK_TYPES) : null,
    education_level: r.chance(0.28) ? r.pick(P.EDUCATION) : null,
    experience_min: r.chance(0.45) ? r.int(0, 5) : null,
    entreprise_name: r.chance(0.6) ? c.companyName : null,
  };
  return {
    row,
    truth: {
      id,
      themes: c.themes,
      soft_skills: spans,
      duplicate_of: kind === "none" ? null : String(10_000_000 + root),
      duplicate_kind: kind === "none" ? null : kind,
      rome: c.occ.rome,
      theme_probability: c.probability,
    },
  };
}

/** The original offer a repost chain leads back to. */
function rootOf(seed: number, index: number): number {
  let i = index;
  for (;;) {
    const r = new Random(seedOf(seed, i, 2));
    const kind = i > 0 ? r.weighted(["none", "exact", "near"] as const, [90, 7, 3]) : "none";
    if (kind === "none") return i;
    i = i - 1 - Math.floor(r.next() * Math.min(i, 3000));
  }
}

/** The canonical text of a generated row, as every loader will see it. */
export function canonicalText(row: JocasRow): string {
  return cleanText(row.description_full);
}
