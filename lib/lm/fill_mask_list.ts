/**
 * Fill-mask judged on a fixed, written list: soft-skill and offer contexts
 * with the answers a French recruiter would accept, scored as the top-5 hit
 * rate (a context counts when one of the model's five best tokens is an
 * accepted answer, case and accents aside). Contexts whose answers are all
 * missing from the model's vocabulary as whole tokens cannot be hit and are
 * counted apart, so that a small vocabulary is not read as ignorance.
 *
 * @example
 * ```ts
 * import { FILL_MASK_CONTEXTS, fillMaskHits } from "./fill_mask_list.ts";
 * declare const modelDir: any; // your data
 * const r = await fillMaskHits(modelDir, FILL_MASK_CONTEXTS);
 * r.hitRate; // share of answerable contexts hit in the top five (null when none is answerable)
 * ```
 */
import { stripAccents } from "../base/mod.ts";
import { loadTokenizer, resolveModel } from "../represent/mod.ts";
import { fillMask } from "./lm_quality.ts";

/** A context with one [MASK] and the answers accepted for it. */
export interface FillMaskContext {
  sentence: string;
  answers: string[];
}

/** The written list (20 contexts): soft skills first, then offer conventions. */
export const FILL_MASK_CONTEXTS: FillMaskContext[] = [
  {
    sentence: "Vous êtes [MASK] et autonome.",
    answers: ["rigoureux", "dynamique", "motivé", "organisé", "curieux", "sérieux", "polyvalent", "réactif"],
  },
  {
    sentence: "Nous recherchons une personne rigoureuse et [MASK].",
    answers: [
      "organisée",
      "autonome",
      "dynamique",
      "motivée",
      "curieuse",
      "sérieuse",
      "polyvalente",
      "réactive",
    ],
  },
  {
    sentence: "Vous avez le sens du [MASK] et de l'écoute.",
    answers: ["relationnel", "service", "contact", "travail", "client", "détail"],
  },
  { sentence: "Vous aimez le travail en [MASK].", answers: ["équipe", "autonomie"] },
  { sentence: "Vous avez l'esprit d'[MASK].", answers: ["équipe", "initiative", "analyse", "synthèse"] },
  {
    sentence: "Vous faites preuve d'[MASK] et de rigueur.",
    answers: ["autonomie", "organisation", "initiative", "adaptabilité", "écoute", "curiosité"],
  },
  { sentence: "Vous êtes force de [MASK].", answers: ["proposition"] },
  { sentence: "Vous savez travailler en [MASK] et en autonomie.", answers: ["équipe"] },
  {
    sentence: "Vous avez une bonne capacité d'[MASK].",
    answers: ["adaptation", "analyse", "écoute", "organisation"],
  },
  {
    sentence: "Vous êtes reconnu pour votre [MASK] et votre sens de l'organisation.",
    answers: ["rigueur", "autonomie", "dynamisme", "sérieux", "réactivité"],
  },
  {
    sentence: "Le sens de l'[MASK] est indispensable.",
    answers: ["organisation", "écoute", "initiative", "accueil"],
  },
  { sentence: "Vous avez un excellent [MASK] client.", answers: ["sens", "relationnel", "contact"] },
  { sentence: "Vous avez une bonne [MASK] au stress.", answers: ["résistance", "gestion"] },
  {
    sentence: "Vous gérez vos [MASK] avec méthode.",
    answers: ["priorités", "dossiers", "projets", "missions"],
  },
  { sentence: "Poste en CDI à temps [MASK].", answers: ["plein", "partiel", "complet"] },
  { sentence: "Télétravail possible deux jours par [MASK].", answers: ["semaine"] },
  { sentence: "Une première [MASK] dans un poste similaire est souhaitée.", answers: ["expérience"] },
  { sentence: "Salaire selon [MASK].", answers: ["expérience", "profil", "convention", "qualification"] },
  {
    sentence: "Vous êtes titulaire d'un [MASK] en comptabilité.",
    answers: ["diplôme", "bac", "bts", "dut", "master"],
  },
  {
    sentence: "Rejoignez une [MASK] à taille humaine.",
    answers: ["équipe", "entreprise", "structure", "société"],
  },
];

/** A token as a word: WordPiece "##", SentencePiece "▁" and byte-level BPE "Ġ" markers, case and accents aside. */
const key = (token: string) => stripAccents(token.replace(/^(##|▁|Ġ)/, "").trim().toLowerCase());

/** One context's outcome. */
export interface FillMaskHit {
  sentence: string;
  predictions: string[];
  /** Some accepted answer is a whole token of the vocabulary. */
  answerable: boolean;
  hit: boolean;
}

/** Top-5 hit rate of a model folder (or hub name) on the contexts (see the module doc). */
export async function fillMaskHits(
  model: string,
  contexts: FillMaskContext[] = FILL_MASK_CONTEXTS,
  topK = 5,
) {
  const tokenizer = await loadTokenizer(resolveModel(model));
  const vocabulary = new Set(
    [...(tokenizer as unknown as { get_vocab: () => Map<string, number> }).get_vocab().keys()].map(key),
  );
  const filled = await fillMask(model, contexts.map((c) => c.sentence), topK);
  const rows: FillMaskHit[] = contexts.map((c, i) => {
    const accepted = new Set(c.answers.map(key));
    const predictions = filled[i].predictions.map((p) => p.token);
    return {
      sentence: c.sentence,
      predictions,
      answerable: [...accepted].some((a) => vocabulary.has(a)),
      hit: predictions.some((p) => accepted.has(key(p))),
    };
  });
  const answerable = rows.filter((r) => r.answerable);
  return {
    rows,
    answerable: answerable.length,
    hits: answerable.filter((r) => r.hit).length,
    hitRate: answerable.length ? answerable.filter((r) => r.hit).length / answerable.length : null,
  };
}
