import assert from "node:assert/strict";
import { encoderOnReference } from "../../lib/train/encoder_comparison.ts";
import { generateOffer } from "../../lib/corpus/generator.ts";
import { JOCAS_MAPPING, rowToOffer } from "../../lib/corpus/mapping.ts";
import { truthRecords } from "../../lib/corpus/truth.ts";
import { writeLabelFile } from "../../lib/labelling/records.ts";
import { loadConfig } from "../../lib/config.ts";
import { THEMES } from "../../lib/base/vocabulary.ts";
import { tempDir } from "../_helpers.ts";

Deno.test("the pretrained encoder against TF-IDF on a sample of reference-labelled offers: cut texts, label budgets, neighbours, throughput", async () => {
  const dir = await tempDir();
  const generated = Array.from({ length: 150 }, (_, i) => generateOffer(9, i));
  const offers = generated.map((g) =>
    rowToOffer(g.row as unknown as Record<string, unknown>, JOCAS_MAPPING, "jocas")
  );
  const records = truthRecords(new Map(offers.map((o, i) => [o.id, generated[i].truth])), offers);
  await Deno.mkdir(`${dir}/france-travail`);
  await Deno.mkdir(`${dir}/labels`);
  await Deno.writeTextFile(
    `${dir}/france-travail/offers.jsonl`,
    generated.map((g) => JSON.stringify(g.row)).join("\n") + "\n",
  );
  await writeLabelFile(`${dir}/labels/reference-ft-600.jsonl`, records.map((r) => ({ ...r, source: "ft" })));
  const config = { ...loadConfig({}), dataDir: dir, referenceLabels: `${dir}/labels/reference-ft-600.jsonl` };

  // A planted encoder: the offer's ROME family as a strong one-hot, its true themes as ±1 axes, read from the text it is given.
  const byText = new Map<string, number>();
  const families = [...new Set(offers.map((o) => o.rome?.[0] ?? "?"))];
  const seen: string[] = [];
  const encoder = {
    name: "planted",
    embed: (texts: string[]) => {
      seen.push(...texts);
      return Promise.resolve(texts.map((t) => {
        const i = byText.get(t)!;
        const v = new Float32Array(THEMES.length + families.length);
        THEMES.forEach((theme, c) => (v[c] = records[i].themes[theme] >= 50 ? 1 : -1));
        v[THEMES.length + families.indexOf(offers[i].rome?.[0] ?? "?")] = 4;
        const norm = Math.hypot(...v);
        return v.map((x) => x / norm);
      }));
    },
  };
  // the encoder sees each offer cut at a word boundary to at most 300 characters
  const cut = (text: string) => {
    if (text.length <= 300) return text;
    const words = text.split(/\s+/);
    let out = "";
    for (const w of words) {
      if (out && out.length + 1 + w.length > 300) break;
      out = out ? `${out} ${w}` : w;
    }
    return out;
  };
  offers.forEach((o, i) => byText.set(cut(o.text), i));

  const result = await encoderOnReference(config, encoder, {
    offers: 120,
    maxChars: 300,
    budgets: [20, Infinity],
  });
  assert.ok(!("missing" in result));
  assert.equal(result.offers, 120);
  assert.equal(seen.length, 120);
  assert.ok(
    seen.every((t) => t.length <= 300 && byText.has(t)),
    "every text cut to 300 characters at a word",
  );
  assert.deepEqual(result.budgets.map((r) => [r.budget, r.representation]), [
    [20, "TF-IDF + logistic"],
    [20, "planted + logistic"],
    [Infinity, "TF-IDF + logistic"],
    [Infinity, "planted + logistic"],
  ]);
  assert.ok(result.budgets[1].vsFirst!.interval[0] > 0, `planted axes beat TF-IDF from 20 labels`);
  assert.ok(
    result.budgets[3].micro.value > 0.95,
    `planted themes from all labels: ${result.budgets[3].micro.value}`,
  );
  assert.ok(result.neighbours.embeddings > 0.9, "planted families: neighbours share the family");
  assert.ok(result.neighbours.chance < 0.5 && result.neighbours.tfidf < 1);
  assert.ok(result.offersPerSecond > 0 && result.meanCharacters <= 300);
  const again = await encoderOnReference(config, encoder, {
    offers: 120,
    maxChars: 300,
    budgets: [20, Infinity],
  });
  assert.ok(!("missing" in again));
  assert.deepEqual(
    [again.budgets, again.neighbours],
    [result.budgets, result.neighbours],
    "seeded: the same sample and figures",
  );
  assert.deepEqual(await encoderOnReference({ ...config, referenceLabels: null }, encoder), {
    missing: "../shared/data (the reference labels) is absent",
  });
});
