/**
 * The offline teacher's French lexicon: patterns on folded text (lower case,
 * no accents, straight apostrophes) with the strength of the evidence they
 * give (0-100), per HR theme and per ROME soft skill. Written from the
 * codebook's definitions, not from any generator's phrase bank.
 */
import type { Theme } from "../base/mod.ts";

/** A cue: a pattern and the confidence it gives on its own. */
export interface Cue {
  pattern: string;
  strength: number;
  /** Counts only in the company section (culture praised by the company) or never there. */
  section?: "company-only" | "not-company";
}

const AMOUNT = String.raw`\d[\d\s.,]*\s?(?:k\s?)?(?:€|euros?\b)`;

export const THEME_CUES: Record<Theme, Cue[]> = {
  DIVERSITY: [
    {
      pattern: String
        .raw`situation de handicap|handicap\w*|\brqth\b|travailleurs? handicapes?|handi-?accueillant\w*`,
      strength: 90,
    },
    {
      pattern: String
        .raw`diversite|egalite des chances|discrimination|\binclusi(?:on|f|ve)\b|mixite|egalite (?:femmes?-hommes?|hommes?-femmes?|professionnelle)`,
      strength: 88,
    },
    {
      pattern: String.raw`charte de la diversite|quartiers prioritaires|\bseniors?\b|tous horizons`,
      strength: 75,
    },
  ],
  PAY_BENEFITS: [
    {
      pattern: String
        .raw`(?:salaire|remuneration|taux horaire|package|brut|net)[^.\n]{0,40}(?:${AMOUNT}|\d{2,3}\s?k\b)|${AMOUNT}[^.\n]{0,25}(?:brut|net|par an|annuel|mensuel|\/ ?an|\/ ?mois|de l'heure)`,
      strength: 90,
    },
    {
      pattern: String
        .raw`tickets?[- ]restaurants?|titres?[- ]restaurants?|carte (?:swile|ticket|restaurant|dejeuner)|paniers? repas`,
      strength: 90,
    },
    {
      pattern: String
        .raw`\bmutuelle\b|prevoyance|13e mois|13eme mois|treizieme mois|interessement|participation aux benefices|epargne salariale|plan d'epargne|\bpee\b|\bperco\b`,
      strength: 88,
    },
    {
      pattern: String
        .raw`\bprimes?\b(?! de risque)|cheques?[- ](?:vacances|cadeaux)|\bcse\b|comite d'entreprise|vehicule de (?:service|fonction|societe)|voiture de fonction|carte carburant`,
      strength: 80,
    },
    {
      pattern: String
        .raw`(?:remboursement|prise en charge)[^.\n]{0,30}(?:transport|navigo|abonnement)|indemnites?|remuneration attractive|salaire attractif|avantages sociaux`,
      strength: 72,
    },
    {
      pattern: String
        .raw`grille (?:indiciaire|salariale|des salaires)|logement (?:fourni|offert|de fonction|mis a disposition)|aide au logement`,
      strength: 80,
    },
  ],
  CAREER: [
    {
      pattern: String
        .raw`perspectives? d'evolution|possibilites? d'evolution|evolutions? (?:rapides?|professionnelles?|de carriere|possibles?)|mobilite interne|cdi a la cle`,
      strength: 90,
    },
    {
      pattern: String
        .raw`formations? (?:assuree|continue|interne|reguliere|certifiante|qualifiante|prise en charge|proposee|dispensee|complete)s?|plan de (?:formation|developpement)|parcours d'integration|programme d'integration|onboarding`,
      strength: 88,
    },
    {
      pattern: String
        .raw`montee en competences?|developpement des competences|mentorat|tutorat|\bacademie\b|certifications? (?:prise|financee)|accompagnement (?:personnalise|individualise)|vous serez forme`,
      strength: 82,
    },
  ],
  CULTURE_VALUES: [
    {
      pattern: String
        .raw`nos valeurs|valeurs (?:fortes|humaines|d'entreprise)|notre mission|raison d'etre|\brse\b|responsabilite (?:societale|sociale)|great place to work|happy ?at ?work`,
      strength: 90,
    },
    {
      pattern: String
        .raw`ambiance|conviviali?t?e?\w*|esprit (?:familial|start-?up|de famille)|taille humaine|team[- ]?building|afterworks?|seminaires?|evenements? (?:conviviaux|d'equipe)|entraide|solidarite`,
      strength: 82,
    },
    {
      pattern: String
        .raw`\bengagee?s? (?:pour|dans|en faveur)|bienveillan\w*|transparence|\brespect\b|culture d'entreprise`,
      strength: 62,
      section: "company-only",
    },
  ],
  LEADERSHIP_MANAGEMENT: [
    {
      pattern: String
        .raw`encadr(?:er|ez|erez|ement|ant)\b|manag(?:er|ez|erez)\b[^.\n]{0,25}(?:equipe|collaborateurs|personnes)|animer?z? (?:une |l'|votre |son )?equipe|animation (?:de l'|d'une |des )?equipes?`,
      strength: 90,
    },
    {
      pattern: String
        .raw`management (?:est |se veut |reste )?(?:bienveillant|participatif|de proximite|collaboratif|agile)|hierarchie plate|chef d'equipe|responsable d'(?:une )?equipe|management (?:d'une |de l'|des |d')?equipes?|gestion (?:d'une |de l'|des |d')?equipes?|equipe de \d+ (?:personnes|collaborateurs|salaries|techniciens|vendeurs)`,
      strength: 88,
    },
    {
      pattern: String
        .raw`(?:coordonn|pilot)(?:er|ez|erez)\b[^.\n]{0,40}(?:equipes?|techniciens|collaborateurs|personnes|intervenants)|recrutement et (?:de )?(?:la )?montee en competences de (?:votre|son) equipe`,
      strength: 80,
    },
  ],
  WORK_LIFE_BALANCE: [
    {
      pattern: String
        .raw`teletravail|travail hybride|organisation hybride|full remote|\bremote\b|home ?office`,
      strength: 90,
    },
    {
      pattern: String
        .raw`horaires? (?:flexibles?|amenages?|libres|de journee|compatibles?|souples?)|pas de (?:travail (?:le )?)?week-?ends?|semaine de (?:4|quatre) jours|\brtt\b|temps partiel (?:choisi|possible)|horaires? de jour\b|week-?ends? (?:libres|de repos)|repos (?:le|les) week-?ends?|equilibre (?:entre )?vie|vie (?:professionnelle|pro) (?:et|-) (?:vie )?(?:personnelle|perso)|conciliation|creche`,
      strength: 88,
    },
    {
      pattern: String.raw`du lundi au vendredi|jours de conges supplementaires|conges supplementaires`,
      strength: 62,
    },
  ],
};

/** Words that negate a cue in the same clause (before it, or right after it). */
export const NEGATION_BEFORE = String
  .raw`(?:\bpas de\b|\bpas d'|\baucune?\b|\bsans\b|\bni\b|\bnon\b|\bn'est pas\b|\bne (?:sont|permet) pas\b|\bexclu)[^.\n;:]{0,25}$`;
export const NEGATION_AFTER = String
  .raw`^[^.\n;]{0,30}(?:\bnon (?:possible|envisageable|compatible|autorise|prevu)|\bpas (?:possible|envisageable|compatible|autorise|prevu)|n'est pas (?:possible|envisageable|prevu|autorise)|\bimpossible|\bexclu)`;

/** Soft-skill wordings: adjectives (with gender / inclusive forms), nouns and verb phrases. */
export const SOFT_SKILL_CUES: Record<string, string> = {
  "300412": String
    .raw`a l'ecoute|sens de l'ecoute|qualites d'ecoute|ecoute active|empathi(?:e|que)|bienveillan(?:t|te|ce)`,
  "300416": String.raw`federat(?:eur|rice)|capacite a federer|federer|donner du sens|inspirant(?:e)?`,
  "300460": String.raw`autonom(?:e|ie)s?|independan(?:t|te)s?|travailler seul|en toute autonomie`,
  "300461": String
    .raw`sens des responsabilites|fiab(?:le|ilite)|conscien(?:cieux|cieuse|ce professionnelle)|tenir (?:vos|ses|les) engagements|assumer (?:vos|ses) responsabilites`,
  "300465": String
    .raw`esprit d'equipe|travail(?:ler)? en equipe|gout du travail en equipe|sens du collectif|collaborati(?:f|ve)|coequipi(?:er|ere)|collaborer avec`,
  "300467": String
    .raw`force de proposition|esprit d'initiative|prendre des initiatives|proacti(?:f|ve|vite)|proposer des ameliorations|capacite de proposition`,
  "300473": String.raw`reacti(?:f|ve|vite)|\bdynamique\b|reagir (?:vite|rapidement)|capacite a reagir`,
  "300478": String
    .raw`gestion du stress|gerer (?:le|son|votre) stress|resistance au stress|sang-froid|\bcalme\b|maitrise de soi|\bpatient(?:e)?\b|garder (?:votre|son) calme`,
  "300479": String
    .raw`adaptabilite|capacite d'adaptation|capacite a s'adapter|vous adapter|s'adapter|\badaptable\b|polyvalen(?:t|te|ce)|\bflexib(?:le|ilite)\b|ouverte? (?:au|aux) changements?`,
  "300483": String
    .raw`\borganise(?:e)?\b|sens de l'organisation|\bmethodique\b|(?:gerer|gestion des) priorites|capacite a prioriser|organiser (?:votre|son) travail|bonne organisation`,
  "300485": String
    .raw`perseveran(?:t|te|ce)|\btenace\b|tenacite|combati(?:f|ve)|gout du challenge|ne rien lacher|aller au bout des choses`,
  "300489": String.raw`leadership|charism(?:e|atique)|\bleader\b|mobiliser une equipe|prendre le lead`,
  "300490": String
    .raw`rigoureu(?:x|se)|rigueur|\bprecis(?:e|ion)?\b|meticuleu(?:x|se)|sens du detail|minutie|minutieu(?:x|se)|travailler avec precision`,
  "300493": String
    .raw`curiosite|curieu(?:x|se)|ouverture d'esprit|ouverte? d'esprit|soif d'apprendre|apprendre en continu|vous tenir informe`,
  "300497": String
    .raw`creati(?:f|ve|vite)|inventi(?:f|ve|vite)|imaginati(?:f|ve)|esprit creatif|sens de l'innovation|sortir des sentiers battus|imaginer des solutions`,
  "399999": String
    .raw`sens du service|sens du client|orientation client|souriant(?:e)?|\bserviable\b|\baimable\b|aisance relationnelle|satisfaire (?:les|nos) clients|accueillir la clientele`,
};

/** Inclusive-writing endings that extend an adjective's span: "rigoureux(se)", "organisé(e)", "fédérateur/fédératrice". */
export const INCLUSIVE_SUFFIX = String.raw`(?:\((?:e|se|ve|euse|rice)\)|\/\w{1,12})?`;

/** Words around a soft skill that show it is asked of the candidate. */
export const REQUIREMENT_CUE = String
  .raw`vous etes|vous savez|vous devez|vous aimez|vous faites preuve|faire preuve|qualites|savoir-etre|\bprofil\b|capacite|\bdote\b|attend|apprecier|indispensable|requis|souhaite|\batout\b|\bsens\b|\besprit\b|aptitude|\bdoit\b|\bdevra\b|competences`;

/** Headings that start the profile part of a text with no profile section of its own. */
export const PROFILE_HEADING = String
  .raw`(?:^|\n)[\s\-*•]*(?:description du profil|profil recherche|votre profil|le profil|profil\s*:|profil candidat|competences et qualites|qualites requises|savoir-etre|ce que nous attendons de vous|vous etes\b)`;
