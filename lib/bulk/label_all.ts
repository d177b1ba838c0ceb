/**
 * `jobs label-all`: streams a whole corpus (a file or a partitioned folder,
 * any format the loaders read) through a model folder's labeller (the
 * theme and soft-skill models `jobs train` writes, or a bulk model), one worker per core,
 * into partitioned Parquet. Memory stays flat (a worker holds one slice of
 * one partition at a time); a partition written is never redone, so a run
 * killed at any moment and started again ends with exactly the files of an
 * uninterrupted run; `shard` takes a deterministic 1/n of the partitions so
 * that n machines (a Slurm array, an indexed Kubernetes job) share a corpus
 * with no code change.
 *
 * @example
 * ```ts
 * import { labelAll } from "./label_all.ts";
 * const summary = await labelAll({ model: "models/bulk", input: "data/offers", out: "data/labelled" });
 * console.log(summary.read, summary.offers_per_second);
 * ```
 */
import {
  type CorpusFormat,
  exists,
  type FileFingerprint,
  fileFingerprint,
  readJsonFile,
  writeAtomically,
} from "../base/mod.ts";
import { checkPartition } from "./partition_check.ts";
import { loadLabeller } from "../train/mod.ts";
import { labelPartition, type PartitionOutput, type PartitionReport } from "./label_partition.ts";
import { type Partition, planPartitions, type Shard, shardOf } from "./partitions.ts";

/** Version of the partition files' columns: a folder written by another version is refused as another run's. */
export const OUTPUT_FORMAT = 2;

/** Options of {@link labelAll}. */
export interface LabelAllOptions {
  /** Model folder: model.json and/or skills.json (from `jobs train`), or bulk.json (`jobs train --task bulk`). */
  model: string;
  /** Corpus file or folder. */
  input: string;
  /** Output folder. */
  out: string;
  shard?: Shard;
  /** Worker threads. @default number of cores */
  workers?: number;
  /** Rows per Parquet partition. @default 100000 */
  rowsPerPartition?: number;
  format?: CorpusFormat;
  /** A CSV record or JSONL line longer than this many characters is quarantined. @default 4,000,000 */
  maxRecordChars?: number;
  /** Partition files: label-all's columns in Parquet, or predict's JSON lines. @default "parquet" */
  output?: PartitionOutput;
  onProgress?: (done: number, total: number | null) => void;
}

/** What a run did, also written to `_summary[-i-of-n].json` in the output folder. */
export interface LabelAllSummary {
  input: string;
  out: string;
  model: string;
  shard: string;
  partitions: number;
  partitions_in_shard: number;
  partitions_already_done: number;
  partitions_written: number;
  /** Partitions found done whose files no longer matched their marker, with what differed: labelled again. */
  partitions_redone: Record<string, string>;
  read: number;
  kept: number;
  quarantined: number;
  quarantine_reasons: Record<string, number>;
  seconds: number;
  /** Offers read by this run (partitions already done excluded) per second. */
  offers_per_second: number;
}

/**
 * The run's identity: a folder holds the output of one (model, corpus,
 * slicing) only. An input file whose size or sampled content differs from
 * what the run recorded is refused by name: the partitions already written
 * were read from the old file.
 */
async function claimFolder(out: string, manifest: Record<string, unknown> & { inputs: InputFingerprint[] }) {
  await Deno.mkdir(out, { recursive: true });
  const path = `${out}/_run.json`;
  const text = JSON.stringify(manifest, null, 1) + "\n";
  // Shards on other machines may be writing theirs: a temporary name is per host and process, and only
  // this host's files of dead processes (killed runs) are removed.
  const host = Deno.hostname().replace(/[^\w.-]/g, "_");
  const procfs = await exists("/proc/self");
  for await (const entry of Deno.readDir(out)) {
    const m = /^_run\.json\.tmp-(.+)-(\d+)$/.exec(entry.name);
    if (procfs && m && m[1] === host && Number(m[2]) !== Deno.pid && !(await exists(`/proc/${m[2]}`))) {
      await Deno.remove(`${out}/${entry.name}`).catch(() => {});
    }
  }
  if (await exists(path)) {
    const before = await readJsonFile<typeof manifest>(path);
    checkInputs(before.inputs ?? [], manifest.inputs, out);
    const comparable = (m: typeof manifest) =>
      JSON.stringify({ ...m, inputs: m.inputs?.map(({ mtime: _, ...f }) => f) });
    if (comparable(before) !== comparable(manifest)) {
      throw new Error(
        `${out} holds the output of another run (see ${path}); use another --out folder or remove it`,
      );
    }
    return;
  }
  await writeAtomically(path, (tmp) => Deno.writeTextFile(tmp, text), `${path}.tmp-${host}-${Deno.pid}`);
}

/** An input file as a run read it: its size, modification time and sampled SHA-256 ({@link fileFingerprint}). */
type InputFingerprint = { file: string } & FileFingerprint;

async function inputFingerprints(partitions: Partition[]): Promise<InputFingerprint[]> {
  const files = [...new Set(partitions.map((p) => p.file))];
  return await Promise.all(files.map(async (file) => ({ file, ...(await fileFingerprint(file)) })));
}

/** Refuses a resumed run whose input files differ from the recorded ones, naming each; a new modification time alone is noted. */
function checkInputs(before: InputFingerprint[], now: InputFingerprint[], out: string) {
  const recorded = new Map(before.map((f) => [f.file, f]));
  const changed: string[] = [];
  for (const f of now) {
    const old = recorded.get(f.file);
    if (!old) continue; // a different file list is another run: refused by the manifest comparison
    if (old.bytes !== f.bytes || old.sampled_sha256 !== f.sampled_sha256) {
      changed.push(
        `${f.file} (${old.bytes.toLocaleString("en")} bytes when the run started, ${
          f.bytes.toLocaleString("en")
        } now${old.bytes === f.bytes ? ", other content" : ""})`,
      );
    } else if (old.mtime !== f.mtime) {
      console.error(
        `[label-all] ${f.file}: modified at ${f.mtime}, after the run started (${old.mtime}); same size and sampled content, so the run goes on`,
      );
    }
  }
  if (changed.length > 0) {
    throw new Error(
      `${out}: the input changed since this run started: ${
        changed.join("; ")
      }. The partitions already written were read from the old input: restore it, or label the new one into another --out folder`,
    );
  }
}

/** Removes temporary files a killed run left for the partitions of this shard (no other process writes those). */
async function removeLeftovers(out: string, mine: Partition[]) {
  const ids = new Set(mine.map((p) => p.id));
  for await (const entry of Deno.readDir(out)) {
    const m = /^part-(\d{5}-\d{4})\..*\.tmp-\d+$/.exec(entry.name);
    // a worker being stopped may remove its own temporary file at the same moment: gone is as good as removed
    if (m && ids.has(m[1])) {
      await Deno.remove(`${out}/${entry.name}`).catch((e) => {
        if (!(e instanceof Deno.errors.NotFound)) throw e;
      });
    }
  }
}

function runInWorkers(
  todo: Partition[],
  o: LabelAllOptions,
  workers: number,
  onRead: (k: number, read: number) => void,
): Promise<PartitionReport[]> {
  return new Promise((resolve, reject) => {
    const reports: PartitionReport[] = [];
    const pool: Worker[] = [];
    let next = 0;
    let failed = false;
    const finish = (error?: Error) => {
      pool.forEach((w) => w.terminate());
      if (error) reject(error);
      else resolve(reports);
    };
    const feed = (worker: Worker, slot: { k: number }) => {
      if (next >= todo.length) {
        worker.terminate();
        if (reports.length === todo.length) finish();
        return;
      }
      slot.k = next++;
      worker.postMessage({
        modelDir: o.model,
        partition: todo[slot.k],
        outDir: o.out,
        options: { format: o.format, output: o.output, maxRecordChars: o.maxRecordChars },
      });
    };
    for (let w = 0; w < workers; w++) {
      const worker = new Worker(new URL("./_label_worker.ts", import.meta.url).href, { type: "module" });
      const slot = { k: -1 };
      pool.push(worker);
      worker.onmessage = (e) => {
        if (failed) return;
        if (e.data.progress !== undefined) onRead(slot.k, e.data.progress);
        else if (e.data.error) {
          failed = true;
          finish(new Error(e.data.error));
        } else {
          reports.push(e.data.report);
          onRead(slot.k, e.data.report.read);
          if (reports.length === todo.length) finish();
          else feed(worker, slot);
        }
      };
      worker.onerror = (e) => {
        e.preventDefault();
        failed = true;
        finish(new Error(`label-all worker failed: ${e.message}`));
      };
      feed(worker, slot);
    }
  });
}

/** Labels a corpus; see the module doc. */
export async function labelAll(o: LabelAllOptions): Promise<LabelAllSummary> {
  const started = performance.now();
  const { labeller: model, cards, fingerprint } = await loadLabeller(o.model); // checks the model before any work; reused when running in this thread
  const rowsPerPartition = o.rowsPerPartition ?? 100_000;
  const shard = o.shard ?? { index: 0, count: 1 };
  const all = await planPartitions(o.input, { rowsPerPartition, format: o.format });
  const mine = shardOf(all, shard);
  await claimFolder(o.out, {
    format: OUTPUT_FORMAT,
    inputs: await inputFingerprints(all),
    ...(o.output === "jsonl" ? { output: "jsonl" } : {}),
    ...(cards.bulk
      ? { model_weights_sha256: cards.bulk.files?.["bulk.weights.f32"] ?? null }
      : { model: fingerprint }),
    rows_per_partition: rowsPerPartition,
    partitions: all.map((p) => ({ id: p.id, file: p.file.split("/").pop(), rows: p.rows ?? null })),
  });
  await removeLeftovers(o.out, mine);
  const before: PartitionReport[] = [];
  const todo: Partition[] = [];
  const redone: Record<string, string> = {};
  for (const p of mine) {
    const check = await checkPartition(o.out, p.id, o.output);
    if (check.marker) before.push(check.marker);
    else {
      todo.push(p);
      if (check.problem) {
        redone[p.id] = check.problem;
        console.error(`[label-all] partition ${p.id}: ${check.problem}; labelling it again`);
      }
    }
  }
  const total = todo.every((p) => p.rows)
    ? todo.reduce((a, p) => a + (p.rows!.end - p.rows!.start), 0)
    : null;
  const reads = new Array(todo.length).fill(0);
  const onRead = (k: number, read: number) => {
    reads[k] = read;
    o.onProgress?.(reads.reduce((a, b) => a + b, 0), total);
  };
  const workers = Math.max(1, Math.min(o.workers ?? navigator.hardwareConcurrency ?? 2, todo.length));
  let written: PartitionReport[] = [];
  if (workers <= 1) {
    for (const [k, p] of todo.entries()) {
      written.push(
        await labelPartition(model, p, o.out, {
          format: o.format,
          output: o.output,
          maxRecordChars: o.maxRecordChars,
          onProgress: (read) => onRead(k, read),
        }),
      );
    }
  } else if (todo.length > 0) {
    written = await runInWorkers(todo, o, workers, onRead).catch(async (e) => {
      // The other workers were stopped mid-partition; one inside a native Parquet write finishes that call
      // before it stops, and may create its temporary file after a first sweep: sweep again after a pause.
      await removeLeftovers(o.out, todo);
      await new Promise((resolve) => setTimeout(resolve, 250));
      await removeLeftovers(o.out, todo);
      throw e;
    });
  }
  const reports = [...before, ...written];
  const reasons: Record<string, number> = {};
  for (const r of reports) {
    for (const [k, v] of Object.entries(r.quarantine_reasons)) reasons[k] = (reasons[k] ?? 0) + v;
  }
  const seconds = (performance.now() - started) / 1000;
  const readNow = written.reduce((a, r) => a + r.read, 0);
  const summary: LabelAllSummary = {
    input: o.input,
    out: o.out,
    model: o.model,
    shard: `${shard.index}/${shard.count}`,
    partitions: all.length,
    partitions_in_shard: mine.length,
    partitions_already_done: before.length,
    partitions_written: written.length,
    partitions_redone: redone,
    read: reports.reduce((a, r) => a + r.read, 0),
    kept: reports.reduce((a, r) => a + r.kept, 0),
    quarantined: reports.reduce((a, r) => a + r.quarantined, 0),
    quarantine_reasons: reasons,
    seconds: Number(seconds.toFixed(2)),
    offers_per_second: Math.round(readNow / Math.max(seconds, 1e-9)),
  };
  const name = shard.count === 1 ? "_summary.json" : `_summary-${shard.index}-of-${shard.count}.json`;
  await writeAtomically(
    `${o.out}/${name}`,
    (tmp) => Deno.writeTextFile(tmp, JSON.stringify(summary, null, 2) + "\n"),
  );
  return summary;
}
