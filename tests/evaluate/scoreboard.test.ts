import assert from "node:assert/strict";
import { generateOffer } from "../../lib/corpus/generator.ts";
import { JOCAS_MAPPING, rowToOffer } from "../../lib/corpus/mapping.ts";
import { truthRecords } from "../../lib/corpus/truth.ts";
import { loadConfig } from "../../lib/config.ts";
import { evaluateLabelled } from "../../lib/evaluate/evaluate_labelled.ts";
import {
  annotatorAgreement,
  calibrationSeries,
  DEFAULT_MODELS,
  familyOf,
  isIt,
  occupationOf,
  perClassRows,
  schemeFolds,
  scoreboard,
  scoreboardMarkdown,
} from "../../lib/evaluate/scoreboard.ts";
import { collectorsOf } from "../../lib/corpus/collectors.ts";
import { ThemeStack } from "../../lib/train/theme_stack.ts";
import { writeLabelFile } from "../../lib/labelling/records.ts";
import { tempDir } from "../_helpers.ts";

/** Generated offers with their planted truth as label records. */
function labelled(seed: number, n: number) {
  const generated = Array.from({ length: n }, (_, i) => generateOffer(seed, i));
  const offers = generated.map((g) =>
    rowToOffer(g.row as unknown as Record<string, unknown>, JOCAS_MAPPING, "jocas")
  );
  return {
    generated,
    offers,
    records: truthRecords(new Map(offers.map((o, i) => [o.id, generated[i].truth])), offers),
  };
}

Deno.test("scoreboard: every model and peer on grouped folds and an out-of-domain set, with intervals, paired differences and the best model", async () => {
  const set = labelled(5, 160);
  const other = labelled(6, 60);
  const lines: string[] = [];
  const board = await scoreboard(set, {
    folds: 4,
    resamples: 60,
    schemes: ["grouped"],
    outOfDomain: { name: "other seed", ...other },
    onProgress: (l) => lines.push(l),
  });
  assert.deepEqual(board.schemes.map((s) => [s.name, s.tested]), [["grouped", 160], ["other seed", 60], [
    "other seed → labelled",
    160,
  ]]);
  assert.match(
    board.schemes[2].description,
    /the reverse: trained on 60 .*tested on the 160 labelled offers/,
  );
  assert.ok(
    !board.themes["other seed → labelled"].some((r) => r.model === "seed TF-IDF + XGBoost"),
    "the seed peer trains on the labelled offers only",
  );
  assert.ok(lines.some((l) => /\[evaluate\] other seed → labelled: offer-level model/.test(l)));
  const themeModels = board.themes.grouped.map((r) => r.model);
  for (
    const name of [
      "rule teacher",
      "TF-IDF words + logistic (ThemeModel)",
      "teacher + text stack (ThemeStack)",
      "stack on whole offers only (before sentences)",
    ]
  ) assert.ok(themeModels.includes(name), name);
  assert.ok(
    themeModels.includes("seed TF-IDF + XGBoost") || board.skipped.some((s) => /python3-sklearn/.test(s)),
    "the seed peer ran or says what it needs",
  );
  assert.deepEqual(board.codes.grouped.map((r) => r.model), [
    "rule teacher",
    "evidence lookup",
    "span detector (SoftSkillDetector)",
    "offer-level model (SkillCodeModel)",
  ]);
  for (const rows of [...Object.values(board.themes), ...Object.values(board.codes)]) {
    for (const r of rows) {
      assert.ok(
        r.microF1.interval[0] <= r.microF1.value && r.microF1.value <= r.microF1.interval[1],
        `${r.model}: ${JSON.stringify(r.microF1)}`,
      );
      assert.equal(
        r.peer,
        r.vsBestPeer === undefined,
        `${r.model}: only the project's models are compared with the best peer`,
      );
    }
  }
  assert.ok(board.codes.grouped.every((r) => typeof r.spanF1 === "number"));
  for (const r of board.themes.grouped.filter((x) => x.model !== "seed TF-IDF + XGBoost")) {
    assert.ok(
      r.calibration && r.calibration.ece >= 0 && r.calibration.ece < 0.5,
      `${r.model}: ECE ${r.calibration?.ece}`,
    );
    assert.equal(
      r.calibration.bins.reduce((n, b) => n + b.count, 0),
      160 * 6,
      "every offer and theme in one bin",
    );
  }
  const series = calibrationSeries(board, "grouped");
  assert.equal(series.at(-1)!.dash, "dot");
  assert.ok(series.some((x) => x.name.startsWith("teacher + text stack (ThemeStack) (ECE ")));
  const teacher = board.codes.grouped.find((r) => r.model === "rule teacher")!;
  assert.ok(
    teacher.microF1.value > 0.9,
    "the teacher knows the generator's phrasings (a method check, not a finding)",
  );
  assert.ok(
    [
      "TF-IDF words + logistic (ThemeModel)",
      "teacher + text stack (ThemeStack)",
      "stack on whole offers only (before sentences)",
    ].includes(board.best.themes.model),
  );
  assert.ok(lines.some((l) => /\[evaluate\] grouped: offer-level model/.test(l)));
  const md = scoreboardMarkdown(board);
  assert.match(md, /### Themes \(6, offer level\): grouped \(160 offers/);
  assert.match(md, /\| evidence lookup \| 0\.\d{3} \[0\.\d{3}, [01]\.\d{3}\]/);
  assert.match(md, /Best on the grouped folds: themes/);
  assert.match(md, /\| ECE \|/);
  assert.equal(occupationOf({ rome: null, title: "Technicien de Maintenance H/F" }), "technicien de");
  await assert.rejects(
    () => scoreboard(set, { schemes: ["stratified"] }),
    /family or grouped scheme is the scoreboard's reference/,
  );
});

Deno.test("scoreboard: ROME-family folds as the reference, leave one collector out, IT to every other occupation, per-class rows and the paired difference to today's model", async () => {
  const base = labelled(12, 200);
  const set = { ...base, offers: base.offers.map((o, i) => (i % 4 === 0 ? { ...o, rome: "M1805" } : o)) }; // a quarter IT, as the reference labels
  const collectors = set.offers.map((_, i) => ["github:a", "github:b", "offres.jsonl"][i % 3]);
  const it = set.offers.filter(isIt).length;
  assert.ok(it >= 20 && set.offers.length - it >= 20, `${it} generated IT offers`);
  const candidate = { name: "stack, C = 10", model: () => new ThemeStack({ C: 10 }) };
  const handed: { models: ThemeStack[]; folds: number[] }[] = [];
  const board = await scoreboard({ ...set, collectors }, {
    folds: 4,
    resamples: 50,
    schemes: ["family", "collector", "it-to-others"],
    themeCandidates: [candidate],
    second: [...set.records.slice(0, 60), { ...set.records[0], id: "not labelled here" }],
    curve: [0.5],
    onReferenceThemeModels: (models, folds) => handed.push({ models, folds }),
  });
  assert.equal(handed.length, 1, "today's theme models handed once, on the reference folds");
  assert.deepEqual(handed[0].folds, schemeFolds("family", set, 4, 42));
  assert.ok(handed[0].models.length === 4 && handed[0].models.every((m) => m instanceof ThemeStack));
  assert.equal(board.reference, "family");
  assert.deepEqual(board.schemes.map((s) => [s.name, s.tested]), [["family", 200], ["collector", 200], [
    "it-to-others",
    200 - it,
  ]]);
  assert.match(board.schemes[1].description, /^3 collectors; leave one collector out/);
  assert.match(board.schemes[2].description, new RegExp(`^${it} IT offers; trained on the IT offers`));
  const today = board.themes.family.find((r) => r.model === DEFAULT_MODELS.themes)!;
  assert.equal(today.vsDefault, undefined, "today's model is the comparison, not compared");
  const lever = board.themes.family.find((r) => r.model === "stack, C = 10")!;
  assert.ok(
    lever.vsDefault &&
      Math.abs(lever.vsDefault.difference.value - (lever.microF1.value - today.microF1.value)) < 1e-9,
  );
  assert.ok(
    board.codes.family.filter((r) => r.model !== DEFAULT_MODELS.codes).every((r) =>
      r.vsDefault?.model === DEFAULT_MODELS.codes
    ),
  );
  assert.equal(
    board.calibrationByFamily.reduce((n, f) => n + f.offers, 0),
    200,
    "every held-out offer in its family",
  );
  assert.ok(board.calibrationByFamily.every((f) => f.ece >= 0 && f.ece <= 1));
  const perTheme = perClassRows(board, "themes", "family");
  assert.equal(perTheme.length, 6);
  assert.ok(/^\d\.\d{3} \[/.test(String(perTheme[0][DEFAULT_MODELS.themes])), JSON.stringify(perTheme[0]));
  assert.equal(perClassRows(board, "codes", "family").length, 16);
  const asAnnotator = board.asAnnotator!; // the second annotator agrees with the first on the 60 offers both labelled
  assert.equal(asAnnotator.themes.offers, 60);
  assert.equal(asAnnotator.themes.secondVsFirst.value, 1);
  assert.equal(asAnnotator.codes.modelVsSecond.value, asAnnotator.codes.modelVsFirst.value);
  assert.ok(asAnnotator.themes.modelVsFirst.value > 0.3 && asAnnotator.themes.gapToFirst.value <= 0);
  assert.match(
    scoreboardMarkdown(board),
    /Today's models as a third annotator, on the 60 offers of the family folds/,
  );
  const curve = board.curve!; // today's models on half of each training fold, then on all of it (the board's rows)
  assert.deepEqual(curve.themes.points.map((p) => [p.share, p.labels]), [[0.5, 75], [1, 150]]);
  assert.equal(curve.themes.points[1].microF1.value, today.microF1.value);
  assert.equal(
    curve.codes.points[1].microF1.value,
    board.codes.family.find((r) => r.model === DEFAULT_MODELS.codes)!.microF1.value,
  );
  assert.equal(curve.codes.perDoubling.value, -curve.codes.points[0].vsAll.value);
  assert.match(
    scoreboardMarkdown(board),
    /More labels of the same kind \(today's models refitted on nested shares of each family training fold.*themes F1 micro \d\.\d{3} \[.*\] with 75 labels, .* with 150 labels; the last doubling bought .*annotators' agreement \(1\.000\)/,
  );
  board.ceiling = annotatorAgreement(set.records, set.records.slice(0, 60), 20);
  const withCeiling = perClassRows(board, "themes", "family");
  assert.ok(
    withCeiling.every((r) =>
      r["second annotator vs first (ceiling)"] === "" ||
      String(r["second annotator vs first (ceiling)"]).startsWith("1.000")
    ),
    JSON.stringify(withCeiling[0]),
  );
  assert.ok(
    !("second annotator vs first (ceiling)" in perClassRows(board, "codes", "family")[0]),
    "per theme only",
  );
  const md = scoreboardMarkdown(board);
  assert.match(md, /F1 per theme \[95 % CI\], family folds:/);
  assert.match(md, /Best on the family folds/);
  assert.match(md, /Calibration of teacher \+ text stack \(ThemeStack\) per ROME family/);
  assert.equal(familyOf({ rome: "m1805", title: "x" }), "M");
  assert.equal(familyOf({ rome: null, title: "Aide-soignant(e) de nuit" }), "title: aide");
  const one = await scoreboard({ ...set, collectors: set.offers.map(() => "one") }, {
    folds: 4,
    resamples: 20,
    schemes: ["grouped", "collector"],
    models: "defaults",
  });
  assert.deepEqual(
    one.themes.grouped.filter((r) => !r.peer).map((r) => r.model),
    [DEFAULT_MODELS.themes],
    "only today's models beside the peers",
  );
  assert.deepEqual(one.codes.grouped.filter((r) => !r.peer).map((r) => r.model), [DEFAULT_MODELS.codes]);
  assert.equal(one.reference, "grouped");
  assert.ok(
    one.skipped.some((s) => /scheme collector: one collector only \(one\)/.test(s)),
    one.skipped.join("; "),
  );
});

Deno.test("collectorsOf: the collected_from of each offer the loader reads, else the file's name; the first file giving an id wins", async () => {
  const dir = await tempDir();
  const offer = (id: string | number, from?: string) =>
    JSON.stringify({
      id,
      intitule: "Comptable",
      description: "Tenue de la comptabilité.",
      ...(from === undefined ? {} : { collected_from: from }),
    });
  await Deno.writeTextFile(
    `${dir}/a.jsonl`,
    [offer("1", "github:x/y"), offer(2), "not json", offer("3", "")].join("\n") + "\n",
  );
  await Deno.writeTextFile(
    `${dir}/b.jsonl`,
    [offer("1", "github:other"), offer("4", "github:z")].join("\n") + "\n",
  );
  const map = await collectorsOf([`${dir}/a.jsonl`, `${dir}/b.jsonl`]);
  assert.deepEqual(Object.fromEntries(map), {
    "1": "github:x/y",
    "2": "a.jsonl",
    "3": "a.jsonl",
    "4": "github:z",
  });
});

Deno.test("annotator agreement: a second annotator scored against the first on the offers both labelled", () => {
  const { records } = labelled(8, 30);
  const second = records.slice(0, 20).map((r, i) => (i < 5 ? { ...r, soft_skills: [] } : r));
  const agreement = annotatorAgreement(records, second, 100, 1)!;
  assert.equal(agreement.offers, 20);
  assert.equal(agreement.themes.value, 1);
  assert.equal(agreement.perTheme.CAREER.value, agreement.perTheme.CAREER.support ? 1 : 0, "per theme too");
  assert.ok(agreement.codes.value < 1 && agreement.codes.value > 0.5);
  assert.equal(annotatorAgreement(records, [], 10), null);
});

Deno.test("jobs evaluate: label files over an offers file, scoreboard written as JSON and Markdown; a clear error with nothing to evaluate", async () => {
  const dir = await tempDir();
  const { generated, records } = labelled(11, 120);
  const offersFile = `${dir}/offers.jsonl`;
  await Deno.writeTextFile(offersFile, generated.map((g) => JSON.stringify(g.row)).join("\n") + "\n");
  const half = Math.floor(records.length / 2);
  await writeLabelFile(`${dir}/a.jsonl`, records.slice(0, half).map((r) => ({ ...r, source: "ft" })));
  await writeLabelFile(`${dir}/b.jsonl`, [...records.slice(half).map((r) => ({ ...r, source: "ft" })), {
    ...records[0],
    overall_confidence: 10,
  }]);
  const config = { ...loadConfig({}), dataDir: dir, reportDir: dir };
  const { board, data, markdown, errors } = await evaluateLabelled({
    config,
    offers: offersFile,
    labels: [`${dir}/a.jsonl`, `${dir}/b.jsonl`],
    generated: 0,
    resamples: 40,
    folds: 3,
    schemes: ["grouped"],
    errors: 1,
    out: `${dir}/evaluate`,
  });
  assert.equal(errors!.counts.length, 6);
  assert.equal(
    errors!.counts.reduce((n, c) => n + c.tp + c.missed, 0),
    errors!.counts.reduce((n, c) => n + c.support, 0),
  );
  assert.match(markdown, /## Errors of today's theme model on the grouped folds/);
  assert.deepEqual(
    data.collectors,
    { "offers.jsonl": 120 },
    "offers without collected_from are their file's",
  );
  assert.equal(data.labelled, 120);
  assert.equal(data.repeated, 1, "an offer labelled twice counts once");
  assert.equal(board.schemes.length, 1);
  const saved = JSON.parse(await Deno.readTextFile(`${dir}/evaluate/scoreboard.json`));
  assert.equal(saved.best.codes.model, board.best.codes.model);
  assert.equal(await Deno.readTextFile(`${dir}/evaluate/scoreboard.md`), markdown);
  const run = {
    config,
    offers: offersFile,
    labels: [`${dir}/a.jsonl`],
    generated: 0,
    resamples: 40,
    folds: 3,
    schemes: ["grouped" as const],
    out: null,
    cache: `${dir}/cache`,
  };
  const first = await evaluateLabelled(run);
  const said: string[] = [];
  const again = await evaluateLabelled({ ...run, onProgress: (l) => said.push(l) });
  assert.deepEqual(again, JSON.parse(JSON.stringify(first)), "the cached scoreboard is the computed one");
  assert.ok(said.some((l) => /read from the cache/.test(l)), said.join("\n"));
  assert.ok(!said.some((l) => /offer-level model in/.test(l)), "nothing recomputed");
  await Deno.writeTextFile(
    `${dir}/a.jsonl`,
    (await Deno.readTextFile(`${dir}/a.jsonl`)).split("\n").slice(1).join("\n"),
  );
  const changed: string[] = [];
  await evaluateLabelled({ ...run, onProgress: (l) => changed.push(l) });
  assert.ok(!changed.some((l) => /read from the cache/.test(l)), "a changed label file is scored again");
  await assert.rejects(
    () => evaluateLabelled({ config: { ...config, realData: null, referenceLabels: null }, out: null }),
    /nothing to evaluate/,
  );
  await assert.rejects(
    () =>
      evaluateLabelled({
        config,
        offers: offersFile,
        labels: [`${dir}/a.jsonl`],
        minConfidence: 101,
        out: null,
      }),
    /only 0 labelled offers/,
  );
});
