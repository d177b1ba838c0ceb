/**
 * Profiles a whole corpus file or folder with the stage-1 statistics,
 * splitting Parquet input across worker threads (one per core by default)
 * and merging their results, so that 1M offers take well under a minute on
 * two cores. Other formats stream in this thread.
 *
 * @example
 * ```ts
 * import { profileCorpus } from "./profile_corpus.ts";
 * const { summary, report } = await profileCorpus("data/bench/offers", { workers: 2 });
 * ```
 */
import { corpusFiles, type LoadOptions, type LoadReport, planCorpus, scanOffers } from "../corpus/mod.ts";
import { parquetRowCount } from "../base/mod.ts";
import { CorpusProfiler, type CorpusSummary, type ProfileOptions, type ProfileState } from "./describe.ts";

/** Options of {@link profileCorpus}. */
export interface ProfileCorpusOptions {
  /** Worker threads for Parquet input. @default navigator.hardwareConcurrency */
  workers?: number;
  /** Below this many rows everything runs in this thread. @default 50000 */
  minRowsForWorkers?: number;
  /** How to read the files (format, mapping, quarantine path). */
  load?: Omit<LoadOptions, "rows" | "sample" | "quarantine"> & { quarantine?: string };
  profile?: ProfileOptions;
  /** Called now and then with the number of offers read so far. */
  onProgress?: (read: number, total: number | null) => void;
}

/** One worker's share: row ranges of files, in corpus order. */
export interface ProfileTask {
  file: string;
  start: number;
  end: number;
}

function mergeReports(reports: LoadReport[], path: string): LoadReport {
  const out: LoadReport = {
    file: path,
    format: reports[0]?.format ?? "",
    source: reports[0]?.source ?? "generic",
    encoding: [...new Set(reports.map((r) => r.encoding))].join(" + "),
    read: 0,
    kept: 0,
    quarantined: 0,
    quarantine_reasons: {},
  };
  for (const r of reports) {
    out.read += r.read;
    out.kept += r.kept;
    out.quarantined += r.quarantined;
    for (const [k, v] of Object.entries(r.quarantine_reasons)) {
      out.quarantine_reasons[k] = (out.quarantine_reasons[k] ?? 0) + v;
    }
  }
  return out;
}

/** Splits the rows of Parquet files into `parts` contiguous shares of about equal size. */
export function splitRows(files: { file: string; rows: number }[], parts: number): ProfileTask[][] {
  const total = files.reduce((a, f) => a + f.rows, 0);
  const per = Math.ceil(total / parts);
  const shares: ProfileTask[][] = Array.from({ length: parts }, () => []);
  let share = 0;
  let room = per;
  for (const f of files) {
    let start = 0;
    while (start < f.rows) {
      const take = Math.min(room, f.rows - start);
      shares[share].push({ file: f.file, start, end: start + take });
      start += take;
      room -= take;
      if (room === 0 && share < parts - 1) {
        share++;
        room = per;
      }
    }
  }
  return shares.filter((s) => s.length > 0);
}

/** Profiles a corpus; see the module doc. */
export async function profileCorpus(
  path: string,
  options: ProfileCorpusOptions = {},
): Promise<{ summary: CorpusSummary; report: LoadReport }> {
  const files = await corpusFiles(path);
  const workers = options.workers ?? navigator.hardwareConcurrency ?? 2;
  const plans = await Promise.all(files.map((f) => planCorpus(f, options.load)));
  const parquet = plans.every((p) => p.container === "parquet");
  const rows = parquet ? files.map((file) => ({ file, rows: parquetRowCount(file) })) : [];
  const total = rows.reduce((a, r) => a + r.rows, 0);
  if (!parquet || workers <= 1 || total < (options.minRowsForWorkers ?? 50_000)) {
    const profiler = new CorpusProfiler(options.profile);
    const { offers, report } = scanOffers(path, options.load);
    for await (const offer of offers) {
      profiler.add(offer);
      if (report.read % 10_000 === 0) options.onProgress?.(report.read, parquet ? total : null);
    }
    return { summary: profiler.summary(), report };
  }
  const shares = splitRows(rows, workers);
  const progress = new Array(shares.length).fill(0);
  const results = await Promise.all(
    shares.map((tasks, k) =>
      new Promise<{ state: ProfileState; reports: LoadReport[] }>((resolve, reject) => {
        const worker = new Worker(new URL("./_profile_worker.ts", import.meta.url).href, { type: "module" });
        worker.onmessage = (e) => {
          if (e.data.progress !== undefined) {
            progress[k] = e.data.progress;
            options.onProgress?.(progress.reduce((a, b) => a + b, 0), total);
          } else if (e.data.error) {
            worker.terminate();
            reject(new Error(e.data.error));
          } else {
            worker.terminate();
            resolve(e.data);
          }
        };
        worker.onerror = (e) => {
          e.preventDefault();
          worker.terminate();
          reject(new Error(`profile worker failed: ${e.message}`));
        };
        worker.postMessage({ tasks, load: options.load ?? {}, profile: options.profile ?? {} });
      })
    ),
  );
  const profiler = new CorpusProfiler(options.profile);
  for (const r of results) profiler.merge(r.state);
  return { summary: profiler.summary(), report: mergeReports(results.flatMap((r) => r.reports), path) };
}
