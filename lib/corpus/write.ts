/**
 * Writing offers tables (the generated corpus, predictions) to Parquet,
 * CSV or JSONL in bounded chunks, so that millions of rows stream with flat
 * memory.
 *
 * @example
 * ```ts
 * import { writeGeneratedCorpus } from "./write.ts";
 * await writeGeneratedCorpus({ n: 1000, seed: 42, out: "data/default.parquet" });
 * // data/default.parquet and its truth data/default.truth.jsonl
 * ```
 */
import pl from "nodejs-polars";
import { generateOffer, JOCAS_COLUMNS, type JocasRow } from "./generator.ts";

/** Options of {@link writeGeneratedCorpus}. */
export interface GenerateOptions {
  /** Number of offers. */
  n: number;
  /** Seed: the same seed gives the same corpus, byte for byte. @default 42 */
  seed?: number;
  /** Output: `.parquet`, `.csv`, `.jsonl`, or a folder (partitioned Parquet, one file a chunk). */
  out: string;
  /** Rows per chunk / row group / partition. @default 50000 */
  chunk?: number;
  /** Called after each chunk with the number of offers written. */
  onProgress?: (done: number, total: number) => void;
}

const NUMERIC = new Set(["salary_min", "salary_max", "experience_min"]);

function frameOf(rows: JocasRow[]): pl.DataFrame {
  const columns = JOCAS_COLUMNS.map((c) => {
    const values = rows.map((r) => r[c]);
    const dtype = NUMERIC.has(c) ? pl.Float64 : c === "teleworking_accepted" ? pl.Bool : pl.Utf8;
    return pl.Series(c, values as unknown[], dtype);
  });
  return pl.DataFrame(columns);
}

function csvField(value: unknown, sep: string): string {
  if (value === null || value === undefined) return "";
  const s = String(value);
  return s.includes(sep) || s.includes('"') || s.includes("\n") || s.includes("\r") ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The truth file written beside a generated corpus: `x.parquet` -> `x.truth.jsonl`. */
export function truthPathOf(out: string): string {
  return out.replace(/\/$/, "").replace(/\.(parquet|csv|jsonl)$/i, "") + ".truth.jsonl";
}

/**
 * Generates `n` offers and writes them with their ground truth. Returns the
 * paths written.
 */
export async function writeGeneratedCorpus(options: GenerateOptions): Promise<{ out: string; truth: string }> {
  const { n, out } = options;
  const seed = options.seed ?? 42;
  const chunk = options.chunk ?? 50_000;
  const lower = out.toLowerCase();
  const kind = lower.endsWith(".parquet") ? "parquet" : lower.endsWith(".csv") ? "csv" : lower.endsWith(".jsonl") ? "jsonl" : "folder";
  const truthPath = truthPathOf(out);
  const encoder = new TextEncoder();
  const truthFile = await Deno.open(truthPath, { write: true, create: true, truncate: true });
  const textFile = kind === "csv" || kind === "jsonl" ? await Deno.open(out, { write: true, create: true, truncate: true }) : null;
  const partsDir = kind === "folder" ? out : kind === "parquet" ? `${out}.parts` : null;
  if (partsDir) {
    await Deno.remove(partsDir, { recursive: true }).catch(() => {});
    await Deno.mkdir(partsDir, { recursive: true });
  }
  if (kind === "csv") await textFile!.write(encoder.encode(JOCAS_COLUMNS.join(",") + "\n"));
  const parts: string[] = [];
  try {
    for (let start = 0; start < n; start += chunk) {
      const rows: JocasRow[] = [];
      const truthLines: string[] = [];
      for (let i = start; i < Math.min(n, start + chunk); i++) {
        const { row, truth } = generateOffer(seed, i);
        rows.push(row);
        truthLines.push(JSON.stringify(truth));
      }
      await truthFile.write(encoder.encode(truthLines.join("\n") + "\n"));
      if (kind === "csv") {
        const text = rows.map((r) => JOCAS_COLUMNS.map((c) => csvField(r[c], ",")).join(",")).join("\n") + "\n";
        await textFile!.write(encoder.encode(text));
      } else if (kind === "jsonl") {
        await textFile!.write(encoder.encode(rows.map((r) => JSON.stringify(r)).join("\n") + "\n"));
      } else {
        const part = `${partsDir}/part-${String(parts.length).padStart(5, "0")}.parquet`;
        frameOf(rows).writeParquet(part, { compression: "zstd" });
        parts.push(part);
      }
      options.onProgress?.(Math.min(n, start + chunk), n);
    }
  } finally {
    truthFile.close();
    textFile?.close();
  }
  if (kind === "parquet") {
    if (parts.length === 1) await Deno.rename(parts[0], out);
    else {
      pl.concat(parts.map((p) => pl.scanParquet(p))).sinkParquet(out, { compression: "zstd", rowGroupSize: chunk }).collectSync();
    }
    await Deno.remove(partsDir!, { recursive: true });
  }
  return { out, truth: truthPath };
}

/** Reads a truth file written beside a generated corpus into a map id -> truth. */
export async function readTruth(path: string): Promise<Map<string, import("./generator.ts").OfferTruth>> {
  const map = new Map();
  const text = await Deno.readTextFile(path);
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const t = JSON.parse(line);
    map.set(t.id, t);
  }
  return map;
}
