/**
 * Saving and loading trained models with their model card: a folder
 * holding `model.json` (the theme model: the teacher + text stack or the
 * text model alone; weights as exact bytes, so a
 * loaded model predicts bit for bit the same) and `card.json` (data, label
 * source and confidence filter, hyper-parameters, metrics with folds, date,
 * code commit, file hashes), and optionally `skills.json` with
 * `skills-card.json` (the offer-level soft-skill model or the span
 * detector), and optionally the bulk
 * labeller: `bulk.json` (outputs, thresholds, card) + `bulk.weights.f32`.
 *
 * @example
 * ```ts
 * import { loadThemeModel, saveThemeModel } from "./model_files.ts";
 * await saveThemeModel("models/themes", model, card);
 * const { model: again, card: saved } = await loadThemeModel("models/themes");
 * ```
 */
import { ThemeModel } from "./theme_model.ts";
import { ThemeStack } from "./theme_stack.ts";
import { SoftSkillDetector } from "./soft_skills.ts";
import { SkillCodeModel } from "./skill_codes.ts";
import { BulkModel } from "./bulk_model.ts";
import { exists, readJsonFile, sha256File } from "../base/files.ts";

/** What a model card records. */
export interface ModelCard {
  name: string;
  task: "themes" | "soft-skills" | "bulk";
  created: string;
  code_commit: string;
  data: { offers_file: string; offers: number; labels_file: string; label_source: string; min_confidence: number; labels_used: number };
  hyperparameters: Record<string, unknown>;
  metrics: Record<string, unknown>;
  thresholds?: Record<string, number>;
  files?: Record<string, string>;
}

/** The short commit of the code, marked when the tree has uncommitted changes. */
export async function codeCommit(root = new URL("../..", import.meta.url).pathname): Promise<string> {
  try {
    const run = async (args: string[]) => new TextDecoder().decode((await new Deno.Command("git", { args, cwd: root, stdout: "piped", stderr: "null" }).output()).stdout).trim();
    const commit = await run(["rev-parse", "--short=12", "HEAD"]);
    const dirty = (await run(["status", "--porcelain", "--untracked-files=no"])) !== "";
    return commit ? commit + (dirty ? "+changes" : "") : "unknown";
  } catch {
    return "unknown";
  }
}

/** Writes model.json then card.json (with the model file's hash) into `dir`. */
export async function saveThemeModel(dir: string, model: ThemeModel | ThemeStack, card: ModelCard): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  const modelPath = `${dir}/model.json`;
  await Deno.writeTextFile(`${modelPath}.tmp`, JSON.stringify(model.toJSON()));
  await Deno.rename(`${modelPath}.tmp`, modelPath);
  const full: ModelCard = { ...card, files: { "model.json": await sha256File(modelPath) } };
  await Deno.writeTextFile(`${dir}/card.json`, JSON.stringify(full, null, 2) + "\n");
}

/** Loads a saved theme model and its card; fails clearly when the folder has none, or when model.json does not match the card's hash. */
export async function loadThemeModel(dir: string): Promise<{ model: ThemeModel | ThemeStack; card: ModelCard }> {
  for (const file of ["model.json", "card.json"]) {
    if (!(await exists(`${dir}/${file}`))) throw new Error(`${dir}/${file} not found: ${dir} holds no theme model (train one with \`deno task jobs train --task themes --out ${dir} ...\`)`);
  }
  const card = await readJsonFile<ModelCard>(`${dir}/card.json`);
  const expected = card.files?.["model.json"];
  const actual = await sha256File(`${dir}/model.json`);
  if (expected && expected !== actual) throw new Error(`${dir}/model.json does not match its model card (sha256 ${actual} != ${expected})`);
  const json = await readJsonFile<any>(`${dir}/model.json`);
  if (json.kind === "theme-model") return { model: ThemeModel.fromJSON(json), card };
  if (json.kind === "theme-stack") return { model: ThemeStack.fromJSON(json), card };
  throw new Error(`${dir}/model.json is not a theme model (kind ${JSON.stringify(json.kind)})`);
}

/** Writes the soft-skill model (skills.json) and its card (skills-card.json) into `dir`. */
export async function saveSkillDetector(dir: string, detector: SoftSkillDetector | SkillCodeModel, card: ModelCard): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  const path = `${dir}/skills.json`;
  await Deno.writeTextFile(`${path}.tmp`, JSON.stringify(detector.toJSON()));
  await Deno.rename(`${path}.tmp`, path);
  await Deno.writeTextFile(`${dir}/skills-card.json`, JSON.stringify({ ...card, files: { "skills.json": await sha256File(path) } }, null, 2) + "\n");
}

/** Loads the soft-skill model of a model folder, or null when it has none; fails on a hash mismatch. */
export async function loadSkillDetector(dir: string): Promise<{ detector: SoftSkillDetector | SkillCodeModel; card: ModelCard } | null> {
  const exists = await Deno.stat(`${dir}/skills.json`).then(() => true, () => false);
  if (!exists) return null;
  const card = await readJsonFile<ModelCard>(`${dir}/skills-card.json`);
  const actual = await sha256File(`${dir}/skills.json`);
  if (card.files?.["skills.json"] && card.files["skills.json"] !== actual) throw new Error(`${dir}/skills.json does not match its model card`);
  const json = await readJsonFile<any>(`${dir}/skills.json`);
  return { detector: json.kind === "skill-code-model" ? SkillCodeModel.fromJSON(json) : SoftSkillDetector.fromJSON(json), card };
}

/** Writes the bulk labeller: its weights (`bulk.weights.f32`, raw little-endian float32) then `bulk.json` (meta and card with the weights' hash). */
export async function saveBulkModel(dir: string, model: BulkModel, card: ModelCard): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  const weights = `${dir}/bulk.weights.f32`;
  await Deno.writeFile(`${weights}.tmp`, new Uint8Array(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength));
  await Deno.rename(`${weights}.tmp`, weights);
  const json = { ...model.meta(), card: { ...card, files: { "bulk.weights.f32": await sha256File(weights) } } };
  await Deno.writeTextFile(`${dir}/bulk.json.tmp`, JSON.stringify(json, null, 1) + "\n");
  await Deno.rename(`${dir}/bulk.json.tmp`, `${dir}/bulk.json`);
}

/** Loads the bulk labeller of a model folder; fails clearly when it is absent or its weights do not match the card. */
export async function loadBulkModel(dir: string): Promise<{ model: BulkModel; card: ModelCard }> {
  const path = `${dir}/bulk.json`;
  if (!(await exists(path))) throw new Error(`${path} not found: train one with \`deno task jobs train --task bulk --out ${dir} ...\``);
  const json = await readJsonFile<any>(path);
  const weights = `${dir}/bulk.weights.f32`;
  const expected = json.card?.files?.["bulk.weights.f32"];
  const actual = await sha256File(weights);
  if (expected && expected !== actual) throw new Error(`${weights} does not match ${path} (sha256 ${actual} != ${expected})`);
  return { model: BulkModel.fromParts(json, await Deno.readFile(weights)), card: json.card };
}
