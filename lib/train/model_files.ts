/**
 * Saving and loading trained models with their model card: a folder
 * holding `model.json` (the theme model; weights as exact bytes, so a
 * loaded model predicts bit for bit the same) and `card.json` (data, label
 * source and confidence filter, hyper-parameters, metrics with folds, date,
 * code commit, file hashes), and optionally `skills.json` with
 * `skills-card.json` (the soft-skill detector).
 *
 * @example
 * ```ts
 * import { loadThemeModel, saveThemeModel } from "./model_files.ts";
 * await saveThemeModel("models/themes", model, card);
 * const { model: again, card: saved } = await loadThemeModel("models/themes");
 * ```
 */
import { ThemeModel } from "./theme_model.ts";
import { SoftSkillDetector } from "./soft_skills.ts";

/** What a model card records. */
export interface ModelCard {
  name: string;
  task: "themes" | "soft-skills";
  created: string;
  code_commit: string;
  data: { offers_file: string; offers: number; labels_file: string; label_source: string; min_confidence: number; labels_used: number };
  hyperparameters: Record<string, unknown>;
  metrics: Record<string, unknown>;
  thresholds?: Record<string, number>;
  files?: Record<string, string>;
}

async function sha256File(path: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await Deno.readFile(path));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
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
export async function saveThemeModel(dir: string, model: ThemeModel, card: ModelCard): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  const modelPath = `${dir}/model.json`;
  await Deno.writeTextFile(`${modelPath}.tmp`, JSON.stringify(model.toJSON()));
  await Deno.rename(`${modelPath}.tmp`, modelPath);
  const full: ModelCard = { ...card, files: { "model.json": await sha256File(modelPath) } };
  await Deno.writeTextFile(`${dir}/card.json`, JSON.stringify(full, null, 2) + "\n");
}

/** Loads a saved theme model and its card; fails when model.json does not match the card's hash. */
export async function loadThemeModel(dir: string): Promise<{ model: ThemeModel; card: ModelCard }> {
  const card = JSON.parse(await Deno.readTextFile(`${dir}/card.json`)) as ModelCard;
  const expected = card.files?.["model.json"];
  const actual = await sha256File(`${dir}/model.json`);
  if (expected && expected !== actual) throw new Error(`${dir}/model.json does not match its model card (sha256 ${actual} != ${expected})`);
  const json = JSON.parse(await Deno.readTextFile(`${dir}/model.json`));
  if (json.kind !== "theme-model") throw new Error(`${dir}/model.json is not a theme model`);
  return { model: ThemeModel.fromJSON(json), card };
}

/** Writes the soft-skill detector (skills.json) and its card (skills-card.json) into `dir`. */
export async function saveSkillDetector(dir: string, detector: SoftSkillDetector, card: ModelCard): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  const path = `${dir}/skills.json`;
  await Deno.writeTextFile(`${path}.tmp`, JSON.stringify(detector.toJSON()));
  await Deno.rename(`${path}.tmp`, path);
  await Deno.writeTextFile(`${dir}/skills-card.json`, JSON.stringify({ ...card, files: { "skills.json": await sha256File(path) } }, null, 2) + "\n");
}

/** Loads the soft-skill detector of a model folder, or null when it has none; fails on a hash mismatch. */
export async function loadSkillDetector(dir: string): Promise<{ detector: SoftSkillDetector; card: ModelCard } | null> {
  const exists = await Deno.stat(`${dir}/skills.json`).then(() => true, () => false);
  if (!exists) return null;
  const card = JSON.parse(await Deno.readTextFile(`${dir}/skills-card.json`)) as ModelCard;
  const actual = await sha256File(`${dir}/skills.json`);
  if (card.files?.["skills.json"] && card.files["skills.json"] !== actual) throw new Error(`${dir}/skills.json does not match its model card`);
  return { detector: SoftSkillDetector.fromJSON(JSON.parse(await Deno.readTextFile(`${dir}/skills.json`))), card };
}
