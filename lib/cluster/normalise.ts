/**
 * Soft-skill spans in one canonical form before clustering: lower case,
 * elisions dropped ("l'écoute" → "écoute"), inclusive and feminine forms
 * brought to the masculine lemma ("rigoureux(se)", "rigoureux·se",
 * "rigoureuse" → "rigoureux"; "créative" → "créatif"; "organisée" →
 * "organisé"), plurals to singular, and the frame words of a requirement
 * ("vous êtes", "faire preuve de", "doté d'un bon") removed.
 *
 * @example
 * ```ts
 * import { normaliseSpan } from "./normalise.ts";
 * normaliseSpan("Vous êtes rigoureuse et organisée"); // "rigoureux organisé"
 * ```
 */

import { isStopword } from "../text/mod.ts";

/** Words that frame a soft skill without being it. */
const FRAME = new Set([
  "vous",
  "êtes",
  "etes",
  "être",
  "etre",
  "avez",
  "avoir",
  "faire",
  "faites",
  "preuve",
  "doté",
  "dotés",
  "disposez",
  "disposer",
  "un",
  "une",
  "des",
  "le",
  "la",
  "les",
  "de",
  "du",
  "et",
  "ou",
  "à",
  "a",
  "au",
  "aux",
  "en",
  "d",
  "l",
  "qu",
  "que",
  "votre",
  "vos",
  "bon",
  "bonne",
  "bons",
  "bonnes",
  "grand",
  "grande",
  "grands",
  "grandes",
  "très",
  "tres",
  "excellent",
  "excellente",
  "réel",
  "réelle",
  "véritable",
  "sens",
  "capacité",
  "capacités",
  "qualités",
  "qualité",
  "sachant",
  "savez",
  "savoir",
  "aptitude",
  "aptitudes",
  "certaine",
  "certain",
  "vraie",
  "vrai",
  "reconnu",
  "reconnue",
  "appréciée",
  "apprécié",
  "doit",
  "devez",
  "requis",
  "requise",
  "souhaité",
  "souhaitée",
  "indispensable",
]);

/** Feminine endings → masculine, longest first; applied to words of 5+ letters. */
const FEMININE: [RegExp, string][] = [
  [/euses?$/, "eux"],
  [/trices?$/, "teur"],
  [/ives?$/, "if"],
  [/elles?$/, "el"],
  [/iennes?$/, "ien"],
  [/onnes?$/, "on"],
  [/ères?$/, "er"],
  [/ées?$/, "é"],
  [/antes?$/, "ant"],
  [/entes?$/, "ent"],
];

/** The masculine singular of one lower-case word (a heuristic lemma; nouns such as "rigueur" stay). */
export function lemma(word: string): string {
  if (word.length < 5) return word;
  for (const [pattern, replacement] of FEMININE) {
    if (pattern.test(word)) return word.replace(pattern, replacement);
  }
  if (/[^s]s$/.test(word) && !/(?:ès|us|is|os)$/.test(word)) return word.slice(0, -1);
  if (/aux$/.test(word) && word.length > 5) return word.replace(/aux$/, "al");
  return word;
}

/** The canonical form of a span; see the module doc. */
export function normaliseSpan(text: string): string {
  const s = text.normalize("NFC").toLowerCase()
    .replace(/[\u2019\u02bc`´]/g, "'")
    // Inclusive writing: keep the first (masculine) form.
    .replace(
      /(\p{L}+)\s?(?:\(|·|•|\.|\/)\s?(?:e|se|euse|ive|ve|ère|ne|le|lle|trice|rice|fe)s?\)?(?![\p{L}])/gu,
      "$1",
    )
    .replace(/\b(?:l|d|j|qu|n|s|c|m|t)'/g, " ");
  const words = s.split(/[^\p{L}\p{N}-]+/u).filter((w) => w.length > 1 && !FRAME.has(w) && !isStopword(w))
    .map(lemma);
  return words.join(" ").trim();
}
