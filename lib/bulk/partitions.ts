/**
 * How a bulk run cuts a corpus into partitions: each Parquet file into
 * slices of `rowsPerPartition` rows, each CSV/JSON/JSONL file whole. The
 * list depends only on the files and the slice size, so every process —
 * a worker, a resumed run, shard 3 of 8 on another machine — sees the same
 * partitions with the same ids.
 *
 * @example
 * ```ts
 * import { planPartitions, shardOf } from "./partitions.ts";
 * const all = await planPartitions("data/bench/offers", { rowsPerPartition: 100_000 });
 * const mine = shardOf(all, { index: 0, count: 4 }); // every 4th partition from the first
 * ```
 */
import { corpusFiles, planCorpus } from "../corpus/mod.ts";
import { type CorpusFormat, parquetRowCount } from "../base/mod.ts";

/** One unit of work, written to one output file. */
export interface Partition {
  /** `<file number>-<slice number>`, zero-padded: sorts in corpus order. */
  id: string;
  file: string;
  /** Parquet: the row slice; absent: the whole file. */
  rows?: { start: number; end: number };
}

/** A shard of a run: partition k belongs to shard k mod count. */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `i/n` (0 <= i < n) as given to `--shard`. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN, count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index >= count) {
    throw new Error(`--shard must be i/n with 0 <= i < n (e.g. 0/4), got "${text}"`);
  }
  return { index, count };
}

/** The partitions of a file or folder, in corpus order. */
export async function planPartitions(
  path: string,
  options: { rowsPerPartition?: number; format?: CorpusFormat } = {},
): Promise<Partition[]> {
  const per = options.rowsPerPartition ?? 100_000;
  if (!Number.isInteger(per) || per < 1) {
    throw new Error(`rows per partition must be a positive integer, got ${per}`);
  }
  const partitions: Partition[] = [];
  const files = await corpusFiles(path);
  for (const [f, file] of files.entries()) {
    const plan = await planCorpus(file, { format: options.format });
    const fileId = String(f).padStart(5, "0");
    if (plan.container !== "parquet") {
      partitions.push({ id: `${fileId}-0000`, file });
      continue;
    }
    const rows = parquetRowCount(file);
    for (let start = 0, s = 0; start < rows; start += per, s++) {
      partitions.push({
        id: `${fileId}-${String(s).padStart(4, "0")}`,
        file,
        rows: { start, end: Math.min(rows, start + per) },
      });
    }
  }
  return partitions;
}

/** The partitions of one shard: every `count`-th from `index`. The shards of a run are disjoint and cover it. */
export function shardOf(partitions: Partition[], shard: Shard): Partition[] {
  return partitions.filter((_, k) => k % shard.count === shard.index);
}
