/**
 * `jobs predict`: every offer of a file through a model folder's labeller
 * (lib/train/labeller.ts: the theme model.json and soft-skill skills.json
 * that `jobs train` writes, what the folder lacks from the rule teacher; or
 * a bulk model), one JSON line per offer. It is label-all writing JSON
 * lines: every core, partition by partition into `<out>.parts/` (a killed
 * run resumes there), the parts then joined in order — so predict and
 * label-all give the same answers by construction. A folder with no model
 * is refused, naming the files it should hold.
 *
 * @example
 * ```ts
 * import { predictFile } from "./predict_file.ts";
 * await predictFile({ model: "models/themes", offers: "jocas.parquet", out: "predictions.jsonl" });
 * ```
 */
import type { CorpusFormat } from "../base/mod.ts";
import { labelAll } from "./label_all.ts";
import { labelledFiles } from "./labelled.ts";

/** Options of {@link predictFile}. */
export interface PredictOptions {
  /** Model folder. */
  model: string;
  /** Offers: any file or folder the loaders read. */
  offers: string;
  /** Output JSONL file; standard output when absent. */
  out?: string;
  format?: CorpusFormat;
  /** Worker threads of the bulk path. @default number of cores */
  workers?: number;
  onProgress?: (done: number, total: number | null) => void;
}

/** What a prediction run read, kept and set aside. */
export interface PredictReport {
  read: number;
  kept: number;
  quarantined: number;
  quarantine_reasons: Record<string, number>;
}

/**
 * Predicts every offer of a file and writes one JSON line per offer (see
 * the module doc): label-all's partitions and workers writing JSON lines
 * into `<out>.parts/` (a temporary folder for standard output), then the
 * parts copied in partition order to the output and the folder removed;
 * records set aside go to `<out>.quarantine.jsonl`.
 */
export async function predictFile(o: PredictOptions): Promise<PredictReport> {
  const parts = o.out ? `${o.out}.parts` : await Deno.makeTempDir({ prefix: "jobs-predict-" });
  const summary = await labelAll({
    model: o.model,
    input: o.offers,
    out: parts,
    output: "jsonl",
    format: o.format,
    workers: o.workers,
    onProgress: o.onProgress,
  });
  const sink = o.out ? await Deno.open(o.out, { write: true, create: true, truncate: true }) : null;
  try {
    for (const file of await labelledFiles(parts)) {
      const source = await Deno.open(file);
      await source.readable.pipeTo(sink ? sink.writable : Deno.stdout.writable, { preventClose: true });
    }
  } finally {
    sink?.close();
  }
  if (summary.quarantined > 0) {
    const quarantined = (await Array.fromAsync(Deno.readDir(parts))).map((e) => e.name).filter((n) =>
      n.endsWith(".quarantine.jsonl")
    ).sort();
    const target = `${o.out ?? "predictions"}.quarantine.jsonl`;
    await Deno.writeTextFile(
      target,
      (await Promise.all(quarantined.map((n) => Deno.readTextFile(`${parts}/${n}`)))).join(""),
    );
    console.error(`[predict] ${summary.quarantined} malformed records set aside in ${target}`);
  }
  await Deno.remove(parts, { recursive: true });
  return {
    read: summary.read,
    kept: summary.kept,
    quarantined: summary.quarantined,
    quarantine_reasons: summary.quarantine_reasons,
  };
}
