/**
 * One way to save and load every model: `saveModel(dir, model, card)`
 * writes the model's JSON (and its raw weights where it has them) then its
 * card with the SHA-256 of each file; `loadModel(dir, role)` checks the
 * hashes and rebuilds the model, bit for bit. A folder holds at most one
 * model of each role, under fixed names:
 *
 * | role | model | card | weights |
 * |---|---|---|---|
 * | themes (ThemeStack, ThemeModel) | model.json | card.json | |
 * | soft-skills (SkillCodeModel, SoftSkillDetector, EvidenceLookup) | skills.json | skills-card.json | |
 * | bulk (BulkModel) | bulk.json | bulk-card.json | bulk.weights.f32 (raw little-endian float32) |
 * | head (MlpHead) | head.json | head-card.json | |
 *
 * @example
 * ```ts
 * import { loadModel, saveModel } from "./model_files.ts";
 * declare const model: any; // your data
 * declare const card: any; // your data
 * await saveModel("models/themes", model, card);
 * const { model: again, card: saved } = await loadModel("models/themes", "themes");
 * ```
 */
import { ThemeModel } from "./theme_model.ts";
import { ThemeStack } from "./theme_stack.ts";
import { SoftSkillDetector } from "./soft_skills.ts";
import { EvidenceLookup, SkillCodeModel } from "./skill_codes.ts";
import { BulkModel } from "./bulk_model.ts";
import { MlpHead, type OfferVectors } from "./mlp_head.ts";
import type { Estimator } from "./estimator.ts";
import { exists, readJsonFile, sha256File, writeAtomically } from "../base/mod.ts";

/** The roles a model folder can hold. */
export type ModelRole = "themes" | "soft-skills" | "bulk" | "head";

/** What a model card records. */
export interface ModelCard {
  name: string;
  task: ModelRole;
  created: string;
  code_commit: string;
  data: {
    offers_file: string;
    offers: number;
    labels_file: string;
    label_source: string;
    min_confidence: number;
    labels_used: number;
  };
  hyperparameters: Record<string, unknown>;
  metrics: Record<string, unknown>;
  thresholds?: Record<string, number>;
  /** SHA-256 of each file the model wrote (filled by saveModel). */
  files?: Record<string, string>;
}

/** The model of each role. */
interface RoleModels {
  themes: ThemeModel | ThemeStack;
  "soft-skills": SkillCodeModel | SoftSkillDetector | EvidenceLookup;
  bulk: BulkModel;
  head: MlpHead;
}

const FILES: Record<ModelRole, { model: string; card: string; weights?: string; what: string }> = {
  themes: { model: "model.json", card: "card.json", what: "theme model" },
  "soft-skills": { model: "skills.json", card: "skills-card.json", what: "soft-skill model" },
  bulk: { model: "bulk.json", card: "bulk-card.json", weights: "bulk.weights.f32", what: "bulk model" },
  head: { model: "head.json", card: "head-card.json", what: "head on embeddings" },
};

/** How a saved kind of model loads back: the role it is saved under and its class's own loader. */
export interface ModelLoader<R extends ModelRole = ModelRole> {
  role: R;
  /** Rebuilds the model from its JSON; `dir` holds its other files, `o.vectors` the embeddings a head reads. */
  load(json: any, dir: string, o: { vectors?: OfferVectors }): RoleModels[R] | Promise<RoleModels[R]>;
}

const LOADERS = new Map<string, ModelLoader>();

/**
 * Registers the loader of a model kind (the `kind` its `toJSON` writes), so
 * that {@link loadModel} and {@link saveModel} know it without an if-chain.
 *
 * @example
 * ```ts
 * import { registerModelKind } from "./model_files.ts";
 * import { ThemeModel } from "./theme_model.ts";
 * registerModelKind("theme-model", { role: "themes", load: (json) => ThemeModel.fromJSON(json) });
 * ```
 */
export function registerModelKind<R extends ModelRole>(kind: string, loader: ModelLoader<R>): void {
  LOADERS.set(kind, loader as unknown as ModelLoader);
}

registerModelKind("theme-model", { role: "themes", load: (json) => ThemeModel.fromJSON(json) });
registerModelKind("theme-stack", { role: "themes", load: (json) => ThemeStack.fromJSON(json) });
registerModelKind("skill-code-model", { role: "soft-skills", load: (json) => SkillCodeModel.fromJSON(json) });
registerModelKind("soft-skill-detector", {
  role: "soft-skills",
  load: (json) => SoftSkillDetector.fromJSON(json),
});
registerModelKind("evidence-lookup", { role: "soft-skills", load: (json) => EvidenceLookup.fromJSON(json) });
registerModelKind("bulk-model", {
  role: "bulk",
  load: async (json, dir) => BulkModel.fromParts(json, await Deno.readFile(`${dir}/${FILES.bulk.weights}`)),
});
registerModelKind("mlp-head", {
  role: "head",
  load: (json, dir, o) => {
    if (!o.vectors) {
      throw new Error(
        `${dir}/${FILES.head.model}: a head on embeddings loads with the embeddings it reads (loadModel(dir, "head", { vectors }))`,
      );
    }
    return MlpHead.fromJSON(json, o.vectors);
  },
});

/** The role a model is saved under. */
export function roleOf(model: Pick<Estimator<unknown>, "kind">): ModelRole {
  const role = LOADERS.get(model.kind)?.role;
  if (!role) throw new Error(`no file layout for a model of kind ${JSON.stringify(model.kind)}`);
  return role;
}

/** The short commit of the code, marked when the tree has uncommitted changes. */
export async function codeCommit(root = new URL("../..", import.meta.url).pathname): Promise<string> {
  try {
    const run = async (args: string[]) =>
      new TextDecoder().decode(
        (await new Deno.Command("git", { args, cwd: root, stdout: "piped", stderr: "null" }).output()).stdout,
      ).trim();
    const commit = await run(["rev-parse", "--short=12", "HEAD"]);
    const dirty = (await run(["status", "--porcelain", "--untracked-files=no"])) !== "";
    return commit ? commit + (dirty ? "+changes" : "") : "unknown";
  } catch {
    return "unknown";
  }
}

/** Whether `dir` holds a model of `role` (its model file exists). */
export async function hasModel(dir: string, role: ModelRole): Promise<boolean> {
  return await exists(`${dir}/${FILES[role].model}`);
}

/**
 * Writes a fitted model into `dir` under its role's names: the weights
 * first (where the model has raw ones), then the model's JSON, then the card
 * with every file's SHA-256 — each through a temporary name.
 */
export async function saveModel(
  dir: string,
  model: Estimator<unknown> & { weightBytes?(): Uint8Array },
  card: ModelCard,
): Promise<void> {
  const role = roleOf(model), names = FILES[role];
  await Deno.mkdir(dir, { recursive: true });
  const files: Record<string, string> = {};
  if (names.weights) {
    if (!model.weightBytes) throw new Error(`a ${names.what} needs its raw weights`);
    const path = `${dir}/${names.weights}`;
    await writeAtomically(path, (tmp) => Deno.writeFile(tmp, model.weightBytes!()));
    files[names.weights] = await sha256File(path);
  }
  const path = `${dir}/${names.model}`;
  await writeAtomically(path, (tmp) => Deno.writeTextFile(tmp, JSON.stringify(model.toJSON())));
  files[names.model] = await sha256File(path);
  const full: ModelCard = { ...card, task: role, files };
  await writeAtomically(
    `${dir}/${names.card}`,
    (tmp) => Deno.writeTextFile(tmp, JSON.stringify(full, null, 2) + "\n"),
  );
}

/**
 * Loads the model of `role` saved in `dir` and its card. Fails naming the
 * file and the command that makes it when the folder has none, and when a
 * file does not match the card's hash. A head needs `vectors`, the
 * embeddings of the encoder it was trained on.
 */
export async function loadModel<R extends ModelRole>(
  dir: string,
  role: R,
  o: { vectors?: OfferVectors } = {},
): Promise<{ model: RoleModels[R]; card: ModelCard }> {
  const names = FILES[role];
  const modelPath = `${dir}/${names.model}`;
  if (!(await exists(modelPath))) {
    throw new Error(
      `${modelPath} not found: ${dir} holds no ${names.what} (train one with \`deno task jobs train --task ${role} --out ${dir} ...\`)`,
    );
  }
  const json = await readJsonFile<any>(modelPath);
  // bulk models saved before bulk-card.json kept their card inside bulk.json
  const card: ModelCard | undefined = (await exists(`${dir}/${names.card}`))
    ? await readJsonFile<ModelCard>(`${dir}/${names.card}`)
    : json.card;
  if (!card) throw new Error(`${dir}/${names.card} not found: the ${names.what} in ${dir} has no card`);
  for (const file of [names.model, names.weights].filter((f): f is string => Boolean(f))) {
    const expected = card.files?.[file];
    if (!expected) continue;
    const actual = await sha256File(`${dir}/${file}`).catch((e) => {
      throw new Error(`${dir}/${file}: cannot be read (${e.message})`);
    });
    if (expected !== actual) {
      throw new Error(`${dir}/${file} does not match its model card (sha256 ${actual} != ${expected})`);
    }
  }
  const loader = LOADERS.get(json.kind);
  if (loader?.role !== role) {
    throw new Error(`${modelPath} is not a ${names.what} (kind ${JSON.stringify(json.kind)})`);
  }
  const model = await loader.load(json, dir, o);
  return { model: model as RoleModels[R], card };
}
