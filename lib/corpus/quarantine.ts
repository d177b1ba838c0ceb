/**
 * Where malformed records go: a JSONL file, one line per record, with the
 * source file, line, field, reason and the raw record, appended so that
 * nothing written before is lost.
 *
 * @example
 * ```ts
 * const q = new Quarantine("data/quarantine.jsonl");
 * q.add({ file: "offers.csv", line: 12, reason: "missing text", field: "description", message: "", raw: "..." });
 * await q.close();
 * ```
 */
import { writeError } from "../base/mod.ts";

/** One quarantined record. */
export interface QuarantineEntry {
  file: string;
  line: number;
  reason: string;
  field: string;
  message: string;
  raw: unknown;
}

/** Collects quarantined records: counts by reason, and appends them to a file when one is given. */
export class Quarantine {
  readonly counts: Record<string, number> = {};
  /** The first entries, kept in memory for display (at most `keep`). */
  readonly examples: QuarantineEntry[] = [];
  #file: Deno.FsFile | null = null;
  #encoder = new TextEncoder();

  constructor(readonly path: string | null = null, readonly keep = 20) {
    try {
      if (path) this.#file = Deno.openSync(path, { append: true, create: true });
    } catch (e) {
      throw writeError(path!, e);
    }
  }

  /** Records one entry (written through to the file at once). */
  add(entry: QuarantineEntry) {
    this.counts[entry.reason] = (this.counts[entry.reason] ?? 0) + 1;
    if (this.examples.length < this.keep) this.examples.push(entry);
    if (!this.#file) return;
    const bytes = this.#encoder.encode(JSON.stringify(entry) + "\n");
    try {
      for (let at = 0; at < bytes.length;) at += this.#file.writeSync(bytes.subarray(at));
    } catch (e) {
      throw writeError(this.path!, e);
    }
  }

  /** How many records were quarantined. */
  get total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }

  close() {
    this.#file?.close();
    this.#file = null;
  }
}
