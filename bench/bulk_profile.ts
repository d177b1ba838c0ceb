/**
 * Where the time of bulk labelling goes, phase by phase, on one core: the
 * offers of a Parquet corpus read (decode), turned into offers (mapping and
 * cleaning), their reposts hash, labelled by the model folder's labeller
 * (and, for the default model, each of its parts alone: the rule teacher,
 * the theme model, the soft-skill model), gathered into the output columns
 * and written. Each phase runs alone over
 * the output of the one before it (kept in memory), so its time is its own.
 * Beside them, the floor: one pass over the text in JavaScript and a copy
 * of its UTF-8 bytes at memory speed.
 *
 * Usage (from bulk_phase.ts): profile <model dir> <corpus> <offers>
 */
import { corpusFiles, planCorpus } from "../lib/corpus/load.ts";
import { readParquet } from "../lib/base/readers.ts";
import { rowToOffer } from "../lib/corpus/mapping.ts";
import { cleanText } from "../lib/corpus/clean.ts";
import { textHash } from "../lib/corpus/dedup.ts";
import { modelText, type Offer } from "../lib/corpus/schema.ts";
import { fieldsFor, LabelledColumns } from "../lib/bulk/label_partition.ts";
import { loadLabeller, ModelLabeller } from "../lib/train/labeller.ts";
import { SkillCodeModel } from "../lib/train/skill_codes.ts";
import { labelWithRules } from "../lib/labelling/rules.ts";

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

/** Profiles the first `n` offers of `corpus` through a model folder's labeller (see the module doc). */
export async function profileBulk(modelDir: string, corpus: string, n: number) {
  const { labeller } = await loadLabeller(modelDir);
  const rows: { line: number; values: Record<string, unknown> }[] = [];
  let plan = null;
  const t0 = performance.now();
  for (const file of await corpusFiles(corpus)) {
    plan = await planCorpus(file, { format: "jocas", fields: fieldsFor(labeller) });
    for await (
      const row of readParquet(file, Object.values(plan.mapping).filter((c): c is string => !!c), {
        start: 0,
        end: n - rows.length,
      })
    ) rows.push(row as never);
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
  // the labeller's parts alone (each over the same offers), then the whole labeller
  const parts: [string, number][] = [];
  if (labeller instanceof ModelLabeller) {
    const teacher = time(() => offers.value.map((o) => labelWithRules(o)));
    parts.push(["  rule teacher (one pass: 38 cue patterns, sections, negation)", teacher.seconds]);
    if (labeller.themes) {
      parts.push([
        "  theme model (TF-IDF + logistic, stacked with the teacher, isotonic)",
        time(() =>
          offers.value.forEach((o, i) => labeller.themes!.predictProba([o], [teacher.value[i].record]))
        ).seconds,
      ]);
    }
    if (labeller.skills instanceof SkillCodeModel) {
      parts.push([
        "  soft-skill model (phrase lexicon, evidence lookup, text model, combiner)",
        time(() =>
          offers.value.forEach((o, i) => (labeller.skills as SkillCodeModel).scoresOf(o, teacher.value[i]))
        ).seconds,
      ]);
    }
  }
  const scored = time(() =>
    offers.value.map((o) => {
      const l = labeller.label(o);
      return { probabilities: Float64Array.from(l.probabilities), softSkills: l.softSkills };
    })
  );
  const gather = time(() => {
    const c = new LabelledColumns(labeller);
    offers.value.forEach((o: Offer, i) => c.add(o, scored.value[i]));
    return c;
  });
  const tmp = await Deno.makeTempFile({ suffix: ".parquet" });
  const write = time(() => gather.value.frame().writeParquet(tmp, { compression: "zstd" }));
  await Deno.remove(tmp);
  // the floor: the text read once in JavaScript, and its UTF-8 bytes copied at memory speed
  const pass = time(() => {
    let s = 0;
    for (const t of texts) for (let i = 0; i < t.length; i++) s += t.charCodeAt(i);
    return s;
  });
  const bytes = new TextEncoder().encode(texts.join("\n"));
  const target = new Uint8Array(bytes.length);
  const copy = time(() => {
    for (let k = 0; k < 5; k++) target.set(bytes);
    return target[0];
  });
  const phases: [string, number][] = [
    [`Parquet decode (polars, text and ${fieldsFor(labeller).length} columns to JS)`, decode],
    ["mapping to offers (of which cleaning below)", offers.seconds],
    ["  cleaning the text alone (HTML, entities, NFC, spaces)", cleaning.seconds],
    ["reposts hash (FNV over the text)", hashes.seconds],
    [`labelling (${labeller.description}; its parts below)`, scored.seconds],
    ...parts,
    ["output columns", gather.seconds],
    ["Parquet write (zstd)", write.seconds],
  ];
  const perMillion = (s: number) => (s * 1e6) / count;
  return {
    offers: count,
    chars,
    bytes: bytes.length,
    mean_chars: chars / count,
    model: labeller.description,
    phases: phases.map(([phase, seconds]): ProfilePhase => ({
      phase,
      seconds,
      seconds_per_million: perMillion(seconds),
    })),
    floor: {
      js_pass_seconds_per_million: perMillion(pass.seconds),
      memory_copy_seconds_per_million: perMillion(copy.seconds / 5),
      memory_gb_per_second: bytes.length / (copy.seconds / 5) / 1e9,
    },
  };
}
