/**
 * A fixed, written test of what a representation puts together: pairs of
 * French soft-skill wordings that ask for the same ROME savoir-être
 * (synonyms: "écoute" / "empathie") or for different ones (non-synonyms:
 * "rigoureux" / "créatif"), judged by the ROME code each wording belongs to.
 * Several non-synonyms share a word or a stem ("esprit d'équipe" /
 * "ouverture d'esprit") and several synonyms share none, so spelling alone
 * does not pass it. A representation is scored by the AUC of its
 * similarities (the chance that a synonym pair is more similar than a
 * non-synonym pair), with a bootstrap interval over the pairs.
 *
 * @example
 * ```ts
 * import { pairAuc, SOFT_SKILL_PAIRS } from "./soft_skill_pairs.ts";
 * declare const wv: any; // your data
 * pairAuc((a, b) => wv.similarity(a, b), SOFT_SKILL_PAIRS); // { auc: 0.71, interval: [0.6, 0.82], pairs: 70 }
 * ```
 */
import { Random } from "../base/mod.ts";
import { percentileInterval } from "../stats/mod.ts";
import { contentWords } from "./word_vectors.ts";

/** One pair of wordings, and whether they ask for the same savoir-être (with the ROME codes behind the judgement). */
export interface WordingPair {
  a: string;
  b: string;
  synonym: boolean;
  codes: [string, string];
}

const same = (code: string, pairs: [string, string][]): WordingPair[] =>
  pairs.map(([a, b]) => ({ a, b, synonym: true, codes: [code, code] }));
const differ = (pairs: [string, string, string, string][]): WordingPair[] =>
  pairs.map(([a, ca, b, cb]) => ({ a, b, synonym: false, codes: [ca, cb] }));

/** The written pairs: 40 synonym pairs over the 16 codes, 36 non-synonym pairs. */
export const SOFT_SKILL_PAIRS: readonly WordingPair[] = [
  ...same("300412", [["écoute", "empathie"], ["sens de l'écoute", "bienveillance"], [
    "empathique",
    "attentionné",
  ]]),
  ...same("300416", [["inspirer", "motiver"], ["fédérer", "mobiliser"]]),
  ...same("300460", [["autonome", "indépendant"], ["autonomie", "débrouillardise"], [
    "autonome",
    "débrouillard",
  ]]),
  ...same("300461", [["responsable", "fiable"], ["sens des responsabilités", "conscience professionnelle"]]),
  ...same("300465", [["esprit d'équipe", "collaboratif"], ["coopération", "entraide"], [
    "sens du collectif",
    "esprit d'équipe",
  ]]),
  ...same("300467", [["force de proposition", "proactif"], ["initiative", "proactivité"]]),
  ...same("300473", [["réactif", "vif"], ["réactivité", "rapidité"]]),
  ...same("300478", [["sang-froid", "maîtrise de soi"], ["calme", "gestion du stress"], [
    "résistance au stress",
    "sang-froid",
  ]]),
  ...same("300479", [["adaptabilité", "flexibilité"], ["capacité d'adaptation", "souplesse"], [
    "adaptable",
    "polyvalent",
  ]]),
  ...same("300483", [["organisé", "méthodique"], ["sens de l'organisation", "gestion des priorités"]]),
  ...same("300485", [["persévérant", "tenace"], ["ténacité", "persévérance"], [
    "détermination",
    "opiniâtreté",
  ]]),
  ...same("300489", [["leadership", "charisme"], ["meneur", "leader"]]),
  ...same("300490", [["rigoureux", "méticuleux"], ["rigueur", "minutie"], ["précision", "souci du détail"]]),
  ...same("300493", [["curiosité", "ouverture d'esprit"], ["curieux", "soif d'apprendre"]]),
  ...same("300497", [["créatif", "inventif"], ["créativité", "imagination"], ["innovant", "créatif"]]),
  ...same("399999", [["sens du service", "orientation client"], ["serviable", "sens du service"]]),
  ...differ([
    ["rigoureux", "300490", "créatif", "300497"],
    ["autonome", "300460", "esprit d'équipe", "300465"],
    ["écoute", "300412", "rigueur", "300490"],
    ["leadership", "300489", "minutie", "300490"],
    ["curiosité", "300493", "sang-froid", "300478"],
    ["réactivité", "300473", "persévérance", "300485"],
    ["organisé", "300483", "empathique", "300412"],
    ["adaptabilité", "300479", "rigueur", "300490"],
    ["force de proposition", "300467", "écoute", "300412"],
    ["sens du service", "399999", "créativité", "300497"],
    ["méticuleux", "300490", "inventif", "300497"],
    ["tenace", "300485", "bienveillant", "300412"],
    ["charisme", "300489", "méthodique", "300483"],
    ["flexibilité", "300479", "minutie", "300490"],
    ["collaboratif", "300465", "indépendant", "300460"],
    ["calme", "300478", "réactif", "300473"],
    ["imagination", "300497", "précision", "300490"],
    ["fiable", "300461", "curieux", "300493"],
    ["proactif", "300467", "patient", "300478"],
    ["polyvalent", "300479", "rigoureux", "300490"],
    // a shared word or stem, another savoir-être
    ["esprit d'équipe", "300465", "ouverture d'esprit", "300493"],
    ["sens du service", "399999", "sens de l'organisation", "300483"],
    ["capacité d'adaptation", "300479", "capacité d'écoute", "300412"],
    ["gestion du stress", "300478", "gestion des priorités", "300483"],
    ["sens des responsabilités", "300461", "sens de l'écoute", "300412"],
    ["esprit d'initiative", "300467", "esprit d'équipe", "300465"],
    ["sens du collectif", "300465", "sens du détail", "300490"],
    ["esprit critique", "300493", "esprit d'équipe", "300465"],
    ["goût du challenge", "300485", "goût du contact", "399999"],
    ["qualités relationnelles", "300412", "qualités rédactionnelles", "300490"],
    ["autonomie", "300460", "autorité", "300489"],
    ["réactif", "300473", "créatif", "300497"],
    ["organisation", "300483", "orientation client", "399999"],
    ["motivé", "300416", "méthodique", "300483"],
    ["dynamique", "300473", "diplomate", "300412"],
    ["persévérance", "300485", "prévoyance", "300483"],
  ]),
];

/** AUC of similarities: synonym pairs against non-synonym pairs (ties count half), with a percentile bootstrap interval over the pairs. */
export function pairAuc(
  similarity: (a: string, b: string) => number,
  pairs: readonly WordingPair[],
  o: { resamples?: number; seed?: number } = {},
) {
  const synonyms = pairs.filter((p) => p.synonym).map((p) => similarity(p.a, p.b));
  const others = pairs.filter((p) => !p.synonym).map((p) => similarity(p.a, p.b));
  if (!synonyms.length || !others.length) throw new Error("pairAuc needs synonym and non-synonym pairs");
  const auc = (s: number[], n: number[]) => {
    let wins = 0;
    for (const x of s) for (const y of n) wins += x > y ? 1 : x === y ? 0.5 : 0;
    return wins / (s.length * n.length);
  };
  const random = new Random(o.seed ?? 42);
  const draws = Array.from(
    { length: o.resamples ?? 1000 },
    () =>
      auc(
        synonyms.map(() => synonyms[random.int(0, synonyms.length - 1)]),
        others.map(() => others[random.int(0, others.length - 1)]),
      ),
  );
  return {
    auc: auc(synonyms, others),
    interval: percentileInterval(draws),
    pairs: pairs.length,
    synonyms,
    others,
  };
}

/**
 * How well a corpus shows the pairs' words: of the distinct content words
 * of the pairs, those the corpus holds at least `minOccurrences` times. A
 * representation learnt from co-occurrence cannot place a word it barely
 * saw, so the test says little about word vectors where many are rare.
 *
 * @example
 * ```ts
 * declare const wv: any; // your data
 * const s = pairWordSupport((w) => wv.count(w));
 * s.supported / s.words; // 0.71 on the 1,991 distinct real offers (67 of 95)
 * s.rare.slice(0, 3); // [{ word: "charisme", count: 0 }, ...]
 * ```
 */
export function pairWordSupport(
  count: (word: string) => number,
  o: { pairs?: readonly WordingPair[]; minOccurrences?: number } = {},
) {
  const minOccurrences = o.minOccurrences ?? 10;
  const words = [...new Set((o.pairs ?? SOFT_SKILL_PAIRS).flatMap((p) => [p.a, p.b]).flatMap(contentWords))];
  const counted = words.map((word) => ({ word, count: count(word) }));
  const rare = counted.filter((c) => c.count < minOccurrences).sort((a, b) =>
    a.count - b.count || a.word.localeCompare(b.word)
  );
  return { words: words.length, supported: words.length - rare.length, minOccurrences, rare };
}
