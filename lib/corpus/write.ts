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
import {
  generateOffer,
  JOCAS_COLUMNS,
  type JocasRow,
  type LengthProfile,
  type OfferTruth,
} from "./generator.ts";
import { exists, PARQUET_ROW_GROUP, writeAtomically } from "../base/mod.ts";

/** Options of {@link writeGeneratedCorpus}. */
export interface GenerateOptions {
  /** Number of offers. */
  n: number;
  /** Seed: the same seed gives the same corpus, byte for byte. @default 42 */
  seed?: number;
  /** Output: `.parquet`, `.csv`, `.jsonl`, or a folder (partitioned Parquet, one file a chunk; resumable). */
  out: string;
  /** Rows generated per chunk (one partition file of a folder output). Parquet row groups hold PARQUET_ROW_GROUP rows. @default 50000 */
  chunk?: number;
  /** Called after each chunk with the number of offers written. */
  onProgress?: (done: number, total: number) => void;
  /** Length profile of the offers: "compact" (the default corpus) or "jocas" (real-length, for benchmarks). @default "compact" */
  lengths?: LengthProfile;
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
  return s.includes(sep) || s.includes('"') || s.includes("\n") || s.includes("\r")
    ? `"${s.replace(/"/g, '""')}"`
    : s;
}

/**
 * The truth written beside a generated corpus: `x.parquet` -> `x.truth.jsonl`;
 * for a folder output, the folder itself (one `part-NNNNN.truth.jsonl` a partition).
 */
export function truthPathOf(out: string): string {
  const clean = out.replace(/\/$/, "");
  return /\.(parquet|csv|jsonl)$/i.test(clean)
    ? clean.replace(/\.(parquet|csv|jsonl)$/i, "") + ".truth.jsonl"
    : clean;
}

/**
 * Generates `n` offers and writes them with their ground truth. Returns the
 * paths written.
 */
export async function writeGeneratedCorpus(
  options: GenerateOptions,
): Promise<{ out: string; truth: string; resumed: number }> {
  const { n, out } = options;
  const seed = options.seed ?? 42;
  const chunk = options.chunk ?? 50_000;
  const lower = out.toLowerCase();
  const kind = lower.endsWith(".parquet")
    ? "parquet"
    : lower.endsWith(".csv")
    ? "csv"
    : lower.endsWith(".jsonl")
    ? "jsonl"
    : "folder";
  if (kind === "folder") return { out, truth: out, resumed: await writeFolder(options, seed, chunk) };
  const truthPath = truthPathOf(out);
  const encoder = new TextEncoder();
  const truthFile = await Deno.open(truthPath, { write: true, create: true, truncate: true });
  const textFile = kind !== "parquet"
    ? await Deno.open(out, { write: true, create: true, truncate: true })
    : null;
  const partsDir = `${out}.parts`;
  if (kind === "parquet") {
    await Deno.remove(partsDir, { recursive: true }).catch(() => {});
    await Deno.mkdir(partsDir, { recursive: true });
  }
  if (kind === "csv") await textFile!.write(encoder.encode(JOCAS_COLUMNS.join(",") + "\n"));
  const parts: string[] = [];
  try {
    for (let start = 0; start < n; start += chunk) {
      const { rows, truth } = generateChunk(seed, start, Math.min(n, start + chunk), options.lengths);
      await truthFile.write(encoder.encode(truth));
      if (kind === "csv") {
        const text = rows.map((r) => JOCAS_COLUMNS.map((c) => csvField(r[c], ",")).join(",")).join("\n") +
          "\n";
        await textFile!.write(encoder.encode(text));
      } else if (kind === "jsonl") {
        await textFile!.write(encoder.encode(rows.map((r) => JSON.stringify(r)).join("\n") + "\n"));
      } else {
        const part = `${partsDir}/part-${String(parts.length).padStart(5, "0")}.parquet`;
        writeParquetFile(rows, part);
        parts.push(part);
      }
      options.onProgress?.(Math.min(n, start + chunk), n);
    }
  } finally {
    truthFile.close();
    textFile?.close();
  }
  if (kind === "parquet") {
    await writeAtomically(out, (tmp) => {
      pl.concat(parts.map((p) => pl.scanParquet(p))).sinkParquet(tmp, {
        compression: "zstd",
        rowGroupSize: PARQUET_ROW_GROUP,
      })
        .collectSync();
    });
    await Deno.remove(partsDir, { recursive: true });
  }
  return { out, truth: truthPath, resumed: 0 };
}

function generateChunk(
  seed: number,
  from: number,
  to: number,
  lengths: LengthProfile = "compact",
): { rows: JocasRow[]; truth: string } {
  const rows: JocasRow[] = [];
  const lines: string[] = [];
  for (let i = from; i < to; i++) {
    const { row, truth } = generateOffer(seed, i, lengths);
    rows.push(row);
    lines.push(JSON.stringify(truth));
  }
  return { rows, truth: lines.join("\n") + "\n" };
}

function writeParquetFile(rows: JocasRow[], path: string) {
  frameOf(rows).lazy().sinkParquet(path, { compression: "zstd", rowGroupSize: PARQUET_ROW_GROUP })
    .collectSync();
}

/**
 * Folder output: one Parquet partition and one truth file per chunk, each
 * written atomically, so an interrupted run resumes where it stopped (the
 * partitions already there are kept). Returns how many were kept.
 */
async function writeFolder(options: GenerateOptions, seed: number, chunk: number): Promise<number> {
  const { n, out } = options;
  await Deno.mkdir(out, { recursive: true });
  const manifest = `${out}/_generator.json`;
  const lengths = options.lengths ?? "compact";
  const expected = JSON.stringify({
    generator: "jobs default corpus",
    n,
    seed,
    chunk,
    ...(lengths === "compact" ? {} : { lengths }),
  });
  if (await exists(manifest) && (await Deno.readTextFile(manifest)) !== expected) {
    throw new Error(
      `${out} holds a corpus generated with other parameters (${await Deno.readTextFile(
        manifest,
      )}); use another folder`,
    );
  }
  await Deno.writeTextFile(manifest, expected);
  let resumed = 0;
  for (let start = 0, k = 0; start < n; start += chunk, k++) {
    const part = `${out}/part-${String(k).padStart(5, "0")}.parquet`;
    const truth = `${out}/part-${String(k).padStart(5, "0")}.truth.jsonl`;
    if (await exists(part) && await exists(truth)) {
      resumed++;
    } else {
      const { rows, truth: lines } = generateChunk(seed, start, Math.min(n, start + chunk), lengths);
      await writeAtomically(truth, (tmp) => Deno.writeTextFile(tmp, lines));
      await writeAtomically(part, (tmp) => writeParquetFile(rows, tmp));
    }
    options.onProgress?.(Math.min(n, start + chunk), n);
  }
  return resumed;
}

/** Reads the truth written beside a generated corpus (a file, or a folder's part files) into a map id -> truth. */
export async function readTruth(path: string): Promise<Map<string, OfferTruth>> {
  const map = new Map<string, OfferTruth>();
  const stat = await Deno.stat(path);
  const files = stat.isDirectory
    ? [...Deno.readDirSync(path)].filter((e) => e.name.endsWith(".truth.jsonl")).map((e) =>
      `${path}/${e.name}`
    ).sort()
    : [path];
  for (const file of files) {
    for (const line of (await Deno.readTextFile(file)).split("\n")) {
      if (line.trim() === "") continue;
      const t = JSON.parse(line) as OfferTruth;
      map.set(t.id, t);
    }
  }
  return map;
}
