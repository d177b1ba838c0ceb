/**
 * Where the time of bulk labelling goes, phase by phase, on one core: the
 * offers of a Parquet corpus read (decode), turned into offers (mapping and
 * cleaning), their reposts hash, tokenised and hashed into features, scored,
 * gathered into the output columns and written. Each phase runs alone over
 * the output of the one before it (kept in memory), so its time is its own.
 * Beside them, the floor: one pass over the text in JavaScript and a copy
 * of its UTF-8 bytes at memory speed.
 *
 * Usage (from bulk_phase.ts): profile <model dir> <corpus> <offers>
 */
import { planCorpus, corpusFiles } from "../lib/corpus/load.ts";
import { readParquet } from "../lib/base/readers.ts";
import { rowToOffer } from "../lib/corpus/mapping.ts";
import { cleanText } from "../lib/corpus/clean.ts";
import { textHash } from "../lib/corpus/dedup.ts";
import { modelText, type Offer } from "../lib/corpus/schema.ts";
import { BULK_FIELDS, LabelledColumns } from "../lib/bulk/label_partition.ts";
import type { BulkModel } from "../lib/train/bulk_model.ts";
import { BulkLabeller } from "../lib/train/labeller.ts";

/** One phase's figures. */
export interface ProfilePhase {
  phase: string;
  seconds: number;
  /** Seconds per million offers on one core. */
  seconds_per_million: number;
}

const time = <T>(f: () => T): { value: T; seconds: number } => {
  const t = performance.now();
  const value = f();
  return { value, seconds: (performance.now() - t) / 1000 };
};

/** Profiles the first `n` offers of `corpus` through `model` (see the module doc). */
export async function profileBulk(model: BulkModel, corpus: string, n: number) {
  const rows: { line: number; values: Record<string, unknown> }[] = [];
  let plan = null;
  const t0 = performance.now();
  for (const file of await corpusFiles(corpus)) {
    plan = await planCorpus(file, { format: "jocas", fields: [...BULK_FIELDS] });
    for await (const row of readParquet(file, Object.values(plan.mapping).filter((c): c is string => !!c), { start: 0, end: n - rows.length })) rows.push(row as never);
    if (rows.length >= n) break;
  }
  const decode = (performance.now() - t0) / 1000;
  const count = rows.length;
  const mapping = plan!.mapping;
  const rawTexts = rows.map((r) => String(r.values[mapping.text!] ?? ""));
  const cleaning = time(() => rawTexts.map(cleanText));
  const offers = time(() => rows.map((r) => rowToOffer(r.values, mapping, "jocas")));
  const texts = offers.value.map(modelText);
  const chars = texts.reduce((a, t) => a + t.length, 0);
  const hashes = time(() => offers.value.map((o) => textHash(o.text)));
  const hashing = model.hashing;
  const featurise = time(() => { let s = 0; for (const t of texts) s += hashing.features(t).size; return s; });
  const labeller = new BulkLabeller(model);
  const scored = time(() => offers.value.map((o) => { const l = labeller.label(o); return { probabilities: Float64Array.from(l.probabilities), softSkills: l.softSkills }; }));
  const gather = time(() => { const c = new LabelledColumns(labeller); offers.value.forEach((o: Offer, i) => c.add(o, scored.value[i])); return c; });
  const tmp = await Deno.makeTempFile({ suffix: ".parquet" });
  const write = time(() => gather.value.frame().writeParquet(tmp, { compression: "zstd" }));
  await Deno.remove(tmp);
  // the floor: the text read once in JavaScript, and its UTF-8 bytes copied at memory speed
  const pass = time(() => { let s = 0; for (const t of texts) for (let i = 0; i < t.length; i++) s += t.charCodeAt(i); return s; });
  const bytes = new TextEncoder().encode(texts.join("\n"));
  const target = new Uint8Array(bytes.length);
  const copy = time(() => { for (let k = 0; k < 5; k++) target.set(bytes); return target[0]; });
  const phases: [string, number][] = [
    ["Parquet decode (polars, text and 10 columns to JS)", decode],
    ["mapping to offers (of which cleaning below)", offers.seconds],
    ["  cleaning the text alone (HTML, entities, NFC, spaces)", cleaning.seconds],
    ["reposts hash (FNV over the text)", hashes.seconds],
    ["tokenising + hashing (word 1-2-grams, MurmurHash3)", featurise.seconds],
    ["scoring (22 outputs; includes the features again)", scored.seconds],
    ["output columns", gather.seconds],
    ["Parquet write (zstd)", write.seconds],
  ];
  const perMillion = (s: number) => (s * 1e6) / count;
  return {
    offers: count, chars, bytes: bytes.length, mean_chars: chars / count,
    phases: phases.map(([phase, seconds]): ProfilePhase => ({ phase, seconds, seconds_per_million: perMillion(seconds) })),
    scoring_alone_seconds_per_million: perMillion(scored.seconds - featurise.seconds),
    floor: {
      js_pass_seconds_per_million: perMillion(pass.seconds),
      memory_copy_seconds_per_million: perMillion(copy.seconds / 5),
      memory_gb_per_second: bytes.length / (copy.seconds / 5) / 1e9,
    },
  };
}
