/**
 * `jobs inspect`: what loading a corpus gives, as one JSON object.
 *
 * @example
 * ```ts
 * const result = await inspectCorpus("offers.csv", { quarantine: "bad.jsonl" });
 * result.kept; result.quarantine_reasons; result.missing_share.salaryMin;
 * ```
 */
import type { ColumnMapping } from "../corpus/mod.ts";
import { CORPUS_FORMATS, type CorpusFormat, type TextEncoding } from "../base/mod.ts";
import { profileCorpus } from "../stats/mod.ts";
import { UsageError } from "./args.ts";

/** Options of {@link inspectCorpus}. */
export interface InspectOptions {
  format?: string;
  quarantine?: string;
  /** "field=column,field=column" */
  map?: string;
  separator?: string;
  /** auto (default), utf-8 or windows-1252 */
  encoding?: string;
  /** A record longer than this many characters is quarantined. @default 4,000,000 */
  maxRecordChars?: number;
  workers?: number;
  onProgress?: (done: number, total: number | null) => void;
}

const ENCODINGS = ["auto", "utf-8", "windows-1252"];

/** Parses "id=ref,text=body" into a column mapping. */
export function parseMapping(text: string): Partial<ColumnMapping> {
  const mapping: Record<string, string> = {};
  for (const pair of text.split(",")) {
    const [field, column] = pair.split("=").map((s) => s.trim());
    if (!field || !column) {
      throw new UsageError(`--map expects field=column pairs separated by commas, got "${pair}"`);
    }
    mapping[field] = column;
  }
  return mapping as Partial<ColumnMapping>;
}

/** Loads and profiles a corpus; returns the inspect report. */
export async function inspectCorpus(path: string, options: InspectOptions = {}) {
  const format = options.format ?? "auto";
  if (!(CORPUS_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${CORPUS_FORMATS.join(", ")}, got "${format}"`);
  }
  const encoding = options.encoding === "latin1" || options.encoding === "latin-1"
    ? "windows-1252"
    : options.encoding ?? "auto";
  if (!ENCODINGS.includes(encoding)) {
    throw new UsageError(
      `--encoding must be one of ${ENCODINGS.join(", ")} (latin1 reads as windows-1252), got "${encoding}"`,
    );
  }
  const { summary, report } = await profileCorpus(path, {
    workers: options.workers,
    load: {
      format: format as CorpusFormat,
      quarantine: options.quarantine,
      mapping: options.map ? parseMapping(options.map) : undefined,
      separator: options.separator,
      encoding: encoding as TextEncoding,
      maxRecordChars: options.maxRecordChars,
    },
    profile: { top: 20 },
    onProgress: options.onProgress,
  });
  return {
    file: path,
    format: report.format,
    encoding: report.encoding,
    read: report.read,
    kept: report.kept,
    quarantined: report.quarantined,
    quarantine_reasons: report.quarantine_reasons,
    quarantine_file: options.quarantine ?? null,
    duplicates: {
      exact: summary.duplicates.exact,
      near: summary.duplicates.near,
      exact_share: summary.duplicates.exactShare,
      near_share: summary.duplicates.nearShare,
    },
    date_range: summary.dateRange,
    missing_share: Object.fromEntries(summary.missing.map((m) => [m.field, Number(m.share.toFixed(4))])),
    words_per_offer: {
      median: summary.length.words.median,
      mean: Number(summary.length.words.mean.toFixed(1)),
    },
  };
}
