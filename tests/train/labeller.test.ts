import assert from "node:assert/strict";
import { main } from "../../lib/cli/main.ts";
import { writeGeneratedCorpus } from "../../lib/corpus/write.ts";
import { loadOffers } from "../../lib/corpus/load.ts";
import { labelWithRules } from "../../lib/labelling/rules.ts";
import { PRESENT, SKILL_CODES, THEMES } from "../../lib/base/vocabulary.ts";
import { loadLabeller, ModelLabeller } from "../../lib/train/labeller.ts";
import { loadModel } from "../../lib/train/model_files.ts";
import { ThemeStack } from "../../lib/train/theme_stack.ts";
import { SkillCodeModel } from "../../lib/train/skill_codes.ts";
import { readLabelled } from "../../lib/bulk/labelled.ts";
import { tempDir } from "../_helpers.ts";

/** Runs the command line with its standard output captured. */
async function run(args: string[]): Promise<{ code: number; out: string }> {
  const log = console.log;
  let out = "";
  console.log = (s: string) => (out += s + "\n");
  try {
    return { code: await main(args), out };
  } finally {
    console.log = log;
  }
}

/** 320 generated offers split into two files (distinct ids) and, for each, the rule teacher's labels in the codebook format. */
async function twoLabelledFiles(dir: string) {
  const { out } = await writeGeneratedCorpus({ n: 320, seed: 21, out: `${dir}/all.jsonl` });
  const lines = (await Deno.readTextFile(out)).trimEnd().split("\n");
  const files: string[] = [], labels: string[] = [];
  for (const k of [0, 1]) {
    const file = `${dir}/offers-${k}.jsonl`;
    await Deno.writeTextFile(file, lines.slice(160 * k, 160 * (k + 1)).join("\n") + "\n");
    const { offers } = await loadOffers(file);
    await Deno.writeTextFile(
      `${dir}/labels-${k}.jsonl`,
      offers.map((o) => JSON.stringify(labelWithRules(o).record)).join("\n") + "\n",
    );
    files.push(file);
    labels.push(`${dir}/labels-${k}.jsonl`);
  }
  return { files, labels };
}

Deno.test("jobs train (no task) trains the labeller on several files; label-all and predict apply that folder with the same answers as its models apart", async () => {
  const dir = await tempDir();
  const { files, labels } = await twoLabelledFiles(dir);
  const trained = await run([
    "train",
    "--offers",
    files.join(","),
    "--labels",
    labels.join(","),
    "--min-confidence",
    "0",
    "--out",
    `${dir}/model`,
    "--folds",
    "3",
  ]);
  assert.equal(trained.code, 0);
  const result = JSON.parse(trained.out);
  assert.equal(result.themes.labels_used, 320, "both files' offers, both files' labels");
  assert.equal(result.themes.variant, "stack");
  assert.equal(result.soft_skills.variant, "codes");
  const [low, high] = result.themes.f1_micro_interval;
  assert.ok(
    low <= result.themes.f1_micro && result.themes.f1_micro <= high,
    "the card's F1 sits inside its interval",
  );
  const card = JSON.parse(await Deno.readTextFile(`${dir}/model/card.json`));
  assert.equal(card.data.offers_file, files.join(", "));
  assert.ok(
    card.metrics.f1_micro_interval &&
      JSON.parse(await Deno.readTextFile(`${dir}/model/skills-card.json`)).metrics.codes_f1_micro_interval,
  );

  // the folder's labeller is the pair of models, applied together
  const { labeller, cards } = await loadLabeller(`${dir}/model`);
  assert.ok(labeller instanceof ModelLabeller && cards.themes && cards.skills && !cards.bulk);
  const stack = (await loadModel(`${dir}/model`, "themes")).model as ThemeStack;
  const skills = (await loadModel(`${dir}/model`, "soft-skills")).model as SkillCodeModel;
  const { offers } = await loadOffers(files[1]);
  const themesApart = stack.predictProba(offers);
  const skillsApart = skills.predict(offers);
  offers.forEach((o, i) => {
    const l = labeller.label(o);
    assert.deepEqual(Array.from(l.probabilities).slice(0, 6), themesApart[i]);
    assert.deepEqual(
      l.softSkills.map((s) => [s.code_ogr, s.start, s.end, s.score]),
      skillsApart[i].map((d) => [d.code_ogr, d.start, d.end, d.score]),
    );
  });

  // label-all's Parquet rows and JSON lines, and predict's lines, from that folder
  assert.equal(
    (await run([
      "label-all",
      "--model",
      `${dir}/model`,
      files[1],
      "--out",
      `${dir}/parquet`,
      "--workers",
      "1",
    ])).code,
    0,
  );
  const rows = await readLabelled(`${dir}/parquet`);
  rows.forEach((row, i) => {
    const l = labeller.label(offers[i]);
    THEMES.forEach((t, c) => assert.equal(row.themes[t], l.probabilities[c] >= labeller.thresholds[c]));
    assert.deepEqual(row.soft_skills, l.softSkills.map((s) => s.code_ogr));
  });
  assert.equal(
    (await run([
      "label-all",
      "--model",
      `${dir}/model`,
      files[1],
      "--out",
      `${dir}/lines`,
      "--output",
      "jsonl",
    ])).code,
    0,
  );
  assert.equal(
    (await run(["predict", "--model", `${dir}/model`, files[1], "--out", `${dir}/predicted.jsonl`])).code,
    0,
  );
  const lines = await Deno.readTextFile(`${dir}/lines/part-00000-0000.jsonl`);
  assert.equal(
    lines,
    await Deno.readTextFile(`${dir}/predicted.jsonl`),
    "label-all --output jsonl writes predict's lines, byte for byte",
  );
  const first = JSON.parse(lines.split("\n")[0]);
  assert.equal(first.id, offers[0].id);
  assert.deepEqual(
    first.soft_skills.map((s: { code_ogr: string }) => s.code_ogr),
    labeller.label(offers[0]).softSkills.map((s) => s.code_ogr),
  );
  assert.equal(
    (await run(["label-all", "--model", `${dir}/model`, files[1], "--out", `${dir}/x`, "--output", "csv"]))
      .code,
    2,
    "an unknown output is a usage error",
  );
});

Deno.test("a folder with one part of the labeller: the rule teacher stands in for the other; an empty folder is refused by name", async () => {
  const dir = await tempDir();
  const { files, labels } = await twoLabelledFiles(dir);
  assert.equal(
    (await run([
      "train",
      "--task",
      "themes",
      "--offers",
      files[0],
      "--labels",
      labels[0],
      "--min-confidence",
      "0",
      "--out",
      `${dir}/themes`,
      "--folds",
      "2",
    ])).code,
    0,
  );
  const { labeller } = await loadLabeller(`${dir}/themes`);
  const { offers } = await loadOffers(files[1]);
  for (const o of offers.slice(0, 40)) {
    const teacher = labelWithRules(o).record;
    const l = labeller.label(o);
    assert.deepEqual(
      l.softSkills.map((s) => s.code_ogr),
      teacher.soft_skills.filter((s) => s.confidence >= PRESENT).map((s) => s.code_ogr),
    );
    for (const s of teacher.soft_skills) {
      assert.equal(l.probabilities[6 + SKILL_CODES.indexOf(s.code_ogr)], s.confidence / 100);
    }
  }
  await Deno.mkdir(`${dir}/empty`);
  await assert.rejects(
    loadLabeller(`${dir}/empty`),
    /holds no model: expected model\.json and skills\.json \(jobs train\), or bulk\.json/,
  );
});
