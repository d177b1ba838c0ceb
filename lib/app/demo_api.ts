/**
 * The demo's JSON API and what it needs at start: the theme model — by
 * default the teacher + text stack (ThemeStack), trained once from the
 * teacher's sure labels on the run's corpus (the default generated one, or
 * the user's JOBS_DATA) and cached in `<dataDir>/models/demo-stack[-<file>]`;
 * or any folder given, holding a theme model (`jobs train --task themes`,
 * e.g. trained on real labels) or a bulk model. The stack keeps the teacher's
 * accuracy on real offers, which a text model trained on generated offers
 * alone loses (stage 8 measures both). Then the
 * soft-skill registry of stage 7 when it exists, and example offers of that
 * corpus.
 *
 *   POST /api/analyse        {"text": "..."} → themes, soft skills (see DemoResult)
 *   GET  /api/demo/examples  [{title, text}]
 *
 * @example
 * ```ts
 * import { demoApi, loadDemo } from "./demo_api.ts";
 * const api = demoApi(await loadDemo(loadConfig()));
 * const response = await api(new Request("http://x/api/analyse", { method: "POST", body: '{"text":"Vous êtes rigoureux."}' }));
 * ```
 */
import type { RunConfig } from "../config.ts";
import { ensureDefaultCorpus, openRunCorpus } from "../corpus/default_corpus.ts";
import type { Offer } from "../corpus/schema.ts";
import { labelWithRules } from "../labelling/rules.ts";
import { loadOffers } from "../corpus/load.ts";
import { readTruth, truthPathOf } from "../corpus/write.ts";
import { SURE, type Theme, THEMES } from "../base/vocabulary.ts";
import { codeCommit, hasModel, loadModel, saveModel } from "../train/model_files.ts";
import { themeStackFromTeacher } from "../train/distil.ts";
import { analyseText, DemoInputError, type DemoThemeModel, MAX_DEMO_BODY_BYTES, parseDemoBody, type RegistryMatch } from "./demo_analyse.ts";
import { HttpError, jsonResponse, methodNotAllowed, readBodyBytes } from "./http_util.ts";
import { loadRegistry, registryMatcher } from "../cluster/registry.ts";

/** What the demo serves with. */
export interface DemoContext {
  model: DemoThemeModel;
  registry: ((spanText: string, code: string) => RegistryMatch | null) | null;
  examples: { title: string; text: string }[];
  /** Where the model and the registry came from, for the start-up line. */
  sources: { model: string; registry: string | null };
  /** The corpus the model was trained on and the examples come from (see report/provenance.ts). */
  trainedOn: { generated: boolean; source: string; dates: (string | null)[]; repeated: number };
}

/** Offers of a user's corpus the demo model learns from, at most (a seeded sample beyond). */
export const DEMO_TRAINING_OFFERS = 5000;

const CANDIDATE_EXAMPLE = {
  title: "A candidate's text",
  text: "Titulaire d'un BTS comptabilité, je suis rigoureuse et organisée. J'aime travailler en équipe et je sais " +
    "faire preuve d'autonomie. Je cherche une entreprise qui propose du télétravail et des perspectives d'évolution.",
};

/**
 * Loads (or trains once) the demo's model, the registry when stage 7 has
 * written one, and four example offers showing different themes: from the
 * generator's truth on the default corpus, from the teacher's labels on a
 * user's corpus.
 */
export async function loadDemo(config: RunConfig, o: { model?: string } = {}): Promise<DemoContext> {
  const generated = config.data === "default";
  const corpus = generated
    ? await ensureDefaultCorpus(config, 2000)
    : config.data;
  const loaded = generated
    ? { offers: (await loadOffers(corpus, { format: "jocas" })).offers, repeated: 0 }
    : await openRunCorpus({ ...config, sample: Math.min(config.sample || DEMO_TRAINING_OFFERS, DEMO_TRAINING_OFFERS) }).then((c) => ({ offers: c.offers, repeated: c.repeated }));
  const offers = loaded.offers;
  const dir = o.model ?? `${config.dataDir}/models/demo-stack${generated ? "" : `-${corpus.split("/").pop()}`}`;
  let model: DemoThemeModel;
  if (o.model) model = (await hasModel(dir, "themes")) ? (await loadModel(dir, "themes")).model : (await loadModel(dir, "bulk")).model;
  else if (await hasModel(dir, "themes")) model = (await loadModel(dir, "themes")).model;
  else {
    const trained = themeStackFromTeacher(offers, config.seed);
    model = trained.model;
    await saveModel(dir, model, {
      name: "demo", task: "themes", created: new Date().toISOString().slice(0, 10), code_commit: await codeCommit(), hyperparameters: { variant: "teacher + text stack", seed: config.seed }, metrics: {},
      data: { offers_file: corpus, offers: offers.length, labels_file: "offline teacher (rules)", label_source: "rules", min_confidence: SURE, labels_used: trained.sure },
    });
  }
  const registryPath = `${config.reportDir}/registry/soft_skill_registry.json`;
  const registry = await loadRegistry(registryPath).catch(() => null);
  const truth = generated ? await readTruth(truthPathOf(corpus)) : null;
  const taught = new Map<string, Theme[]>(); // the teacher reads each candidate once, whatever the theme sought
  const themesOf = (x: Offer): Theme[] => {
    if (truth) return truth.get(x.id)?.themes ?? [];
    if (!taught.has(x.id)) taught.set(x.id, THEMES.filter((t) => labelWithRules(x).record.themes[t] >= SURE));
    return taught.get(x.id)!;
  };
  const wanted: [Theme, string][] = [["WORK_LIFE_BALANCE", "Work-life balance"], ["PAY_BENEFITS", "Pay and benefits"], ["DIVERSITY", "Diversity"], ["LEADERSHIP_MANAGEMENT", "Management"]];
  const used = new Set<string>();
  const examples = wanted.flatMap(([theme, name]) => {
    const offer = offers.find((x) => !used.has(x.text) && x.text.length > 600 && x.text.length < 2500 && themesOf(x).includes(theme));
    if (!offer) return [];
    used.add(offer.text);
    return [{ title: `${name}: ${offer.title}`, text: offer.text }];
  });
  return {
    model, registry: registry ? registryMatcher(registry) : null, examples: [...examples, CANDIDATE_EXAMPLE],
    sources: { model: dir, registry: registry ? registryPath : null },
    trainedOn: {
      generated, source: generated ? `generated default corpus (seed ${config.seed}, ${offers.length} offers)` : corpus,
      dates: offers.map((x) => x.date), repeated: loaded.repeated,
    },
  };
}

/** The demo's routes; returns null for a path that is not the demo's. */
export function demoApi(ctx: DemoContext, headers: Record<string, string> = {}) {
  return async (req: Request): Promise<Response | null> => {
    const { pathname } = new URL(req.url);
    const refuse = (e: HttpError) => jsonResponse({ error: e.message }, e.status, { ...headers, ...e.headers });
    if (pathname === "/api/demo/examples") {
      return req.method === "GET" || req.method === "HEAD" ? jsonResponse(ctx.examples, 200, headers) : refuse(methodNotAllowed(req.method, pathname, ["GET", "HEAD"]));
    }
    if (pathname !== "/api/analyse") return null;
    if (req.method !== "POST") return refuse(methodNotAllowed(req.method, pathname, ["POST"]));
    try {
      const text = parseDemoBody(await readBodyBytes(req, MAX_DEMO_BODY_BYTES));
      return jsonResponse(analyseText(text, { model: ctx.model, registry: ctx.registry ?? undefined }), 200, headers);
    } catch (e) {
      if (e instanceof DemoInputError || e instanceof HttpError) return refuse(e instanceof HttpError ? e : new HttpError(e.status, e.message));
      throw e;
    }
  };
}
