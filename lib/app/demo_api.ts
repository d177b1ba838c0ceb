/**
 * The demo's JSON API and what it needs at start: the labeller — by default
 * the run's model (`prepareRunModel`: the teacher + text stack and the
 * offer-level soft-skill model, trained the way `jobs train` trains them on
 * the run's best labels, the very model stage 9 applies to the base), or
 * any model folder given (`jobs train` writes one; a bulk-only folder is
 * served as its bulk model). Then the soft-skill registry of stage 7 when
 * it exists, and example offers of the run's labelled sample.
 *
 *   POST /api/analyse        {"text": "..."} → themes, soft skills (see DemoResult)
 *   GET  /api/demo/examples  [{title, text}]
 *
 * @example
 * ```ts
 * import { demoApi, loadDemo } from "./demo_api.ts";
 * import { loadConfig } from "../config.ts";
 * const api = demoApi(await loadDemo(loadConfig()));
 * const response = await api(new Request("http://x/api/analyse", { method: "POST", body: '{"text":"Vous êtes rigoureux."}' }));
 * ```
 */
import type { RunConfig } from "../config.ts";
import { type Offer, readTruth, truthPathOf } from "../corpus/mod.ts";
import { labelWithRules } from "../labelling/mod.ts";
import { SURE, type Theme, THEMES } from "../base/mod.ts";
import { type Labeller, loadLabeller } from "../train/mod.ts";
import { prepareRunModel, type RunSample, runSample } from "../economics/mod.ts";
import {
  analyseText,
  DemoInputError,
  MAX_DEMO_BODY_BYTES,
  parseDemoBody,
  type RegistryMatch,
} from "./demo_analyse.ts";
import { HttpError, jsonResponse, methodNotAllowed, readBodyBytes } from "./http_util.ts";
import { loadRegistry, registryMatcher } from "../cluster/mod.ts";

/** What the demo serves with. */
export interface DemoContext {
  /** The labeller (lib/train/labeller.ts): the run's model, or the folder given. */
  model: Labeller;
  registry: ((spanText: string, code: string) => RegistryMatch | null) | null;
  examples: { title: string; text: string }[];
  /** Where the model and the registry came from, for the start-up line. */
  sources: { model: string; registry: string | null };
  /** What the model is (its parts), for the page and the report. */
  description: string;
  /** The corpus the model was trained on and the examples come from (see report/provenance.ts). */
  trainedOn: { generated: boolean; source: string; dates: (string | null)[]; repeated: number };
}

const CANDIDATE_EXAMPLE = {
  title: "A candidate's text",
  text:
    "Titulaire d'un BTS comptabilité, je suis rigoureuse et organisée. J'aime travailler en équipe et je sais " +
    "faire preuve d'autonomie. Je cherche une entreprise qui propose du télétravail et des perspectives d'évolution.",
};

/**
 * Loads the demo's model — by default the run's model (prepareRunModel:
 * the labeller stage 6 shows and stage 9 applies to the base, trained once
 * and kept in the data folder), or the model folder given (`jobs train`
 * writes one) — the registry when stage 7 has written one, and four example
 * offers showing different themes: from the generator's truth on the
 * default corpus, from the teacher's labels on a user's corpus.
 */
export async function loadDemo(config: RunConfig, o: { model?: string } = {}): Promise<DemoContext> {
  // a folder given is served as it is: the run's sample then only gives the examples (no model is trained)
  const { run, dir, model } = o.model
    ? {
      run: await runSample(config, { size: config.baseSize }),
      dir: o.model,
      model: (await loadLabeller(o.model)).labeller,
    }
    : await prepareRunModel(config, { size: config.baseSize }).then((m) => ({
      run: m as RunSample,
      dir: m.dir,
      model: m.labeller,
    }));
  const offers = [...run.training, ...run.validation];
  const registryPath = `${config.reportDir}/registry/soft_skill_registry.json`;
  const registry = await loadRegistry(registryPath).catch(() => null);
  const truth = run.generated ? await readTruth(truthPathOf(run.corpus)) : null;
  const taught = new Map<string, Theme[]>(); // the teacher reads each candidate once, whatever the theme sought
  const themesOf = (x: Offer): Theme[] => {
    if (truth) return truth.get(x.id)?.themes ?? [];
    if (!taught.has(x.id)) taught.set(x.id, THEMES.filter((t) => labelWithRules(x).record.themes[t] >= SURE));
    return taught.get(x.id)!;
  };
  const wanted: [Theme, string][] = [
    ["WORK_LIFE_BALANCE", "Work-life balance"],
    ["PAY_BENEFITS", "Pay and benefits"],
    ["DIVERSITY", "Diversity"],
    ["LEADERSHIP_MANAGEMENT", "Management"],
  ];
  const used = new Set<string>();
  const examples = wanted.flatMap(([theme, name]) => {
    const offer = offers.find((x) =>
      !used.has(x.text) && x.text.length > 600 && x.text.length < 2500 && themesOf(x).includes(theme)
    );
    if (!offer) return [];
    used.add(offer.text);
    return [{ title: `${name}: ${offer.title}`, text: offer.text }];
  });
  return {
    model,
    registry: registry ? registryMatcher(registry) : null,
    examples: [...examples, CANDIDATE_EXAMPLE],
    sources: { model: dir, registry: registry ? registryPath : null },
    description: model.description,
    trainedOn: {
      generated: run.generated,
      source: run.generated
        ? `generated default corpus (seed ${config.seed}, ${run.size} offers; a sample of ${offers.length} labelled)`
        : run.corpus,
      dates: offers.map((x) => x.date),
      repeated: 0,
    },
  };
}

/** The demo's routes; returns null for a path that is not the demo's. */
export function demoApi(ctx: DemoContext, headers: Record<string, string> = {}) {
  return async (req: Request): Promise<Response | null> => {
    const { pathname } = new URL(req.url);
    const refuse = (e: HttpError) =>
      jsonResponse({ error: e.message }, e.status, { ...headers, ...e.headers });
    if (pathname === "/api/demo/examples") {
      return req.method === "GET" || req.method === "HEAD"
        ? jsonResponse(ctx.examples, 200, headers)
        : refuse(methodNotAllowed(req.method, pathname, ["GET", "HEAD"]));
    }
    if (pathname !== "/api/analyse") return null;
    if (req.method !== "POST") return refuse(methodNotAllowed(req.method, pathname, ["POST"]));
    try {
      const text = parseDemoBody(await readBodyBytes(req, MAX_DEMO_BODY_BYTES));
      return jsonResponse(
        analyseText(text, { model: ctx.model, registry: ctx.registry ?? undefined }),
        200,
        headers,
      );
    } catch (e) {
      if (e instanceof DemoInputError || e instanceof HttpError) {
        return refuse(e instanceof HttpError ? e : new HttpError(e.status, e.message));
      }
      throw e;
    }
  };
}
