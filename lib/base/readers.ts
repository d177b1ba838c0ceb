/**
 * Low-level streaming readers: each turns a file into rows of
 * `{column: value}` with the line (or row) they come from, or an error for
 * a row that cannot be parsed. Nothing here knows about offers.
 */
import pl from "nodejs-polars";
import { CsvParser, type CsvRecord, MAX_RECORD_CHARS, sniffSeparator } from "./csv.ts";
import {
  decodedBlocks,
  type DecodedLine,
  decodedLines,
  guessEncoding,
  sniffEncoding,
  type TextEncoding,
} from "./decode.ts";

/** A parsed row, or the reason a row could not be parsed. */
export type RawRow =
  | { line: number; values: Record<string, unknown>; error?: undefined; raw?: undefined }
  | { line: number; values?: undefined; error: string; raw: string };

/**
 * Yields the lines of a text file with their 1-based numbers, streaming,
 * decoded strictly: a line with bytes invalid in `encoding` carries
 * `invalid` (see {@link decodedLines}). `auto` sniffs UTF-8 or Windows-1252.
 */
export async function* readLines(
  path: string,
  encoding: TextEncoding = "utf-8",
  maxChars = Infinity,
): AsyncGenerator<DecodedLine> {
  yield* decodedLines(path, encoding === "auto" ? await sniffEncoding(path) : encoding, maxChars);
}

/** Reads the first line of a text file (a header), without reading the rest. */
export async function firstLine(path: string, encoding: TextEncoding = "utf-8"): Promise<string> {
  for await (const { text, invalid, tooLong } of readLines(path, encoding, MAX_RECORD_CHARS)) {
    if (tooLong !== undefined) {
      throw new Error(
        `${path}, line 1: the header is ${
          tooLong.toLocaleString("en")
        } characters long; is this a CSV file with a header line?`,
      );
    }
    if (invalid) {
      throw new Error(`${path}, line 1: ${invalid}; pass --encoding windows-1252 if the file is in Latin-1`);
    }
    return text.replace(/^\uFEFF/, "");
  }
  return "";
}

/** Objects nested deeper than this are refused by {@link flatten} (an offer record nests three or four levels). */
export const MAX_NESTING = 64;

/**
 * Flattens nested objects into dotted keys; arrays stay values. An object
 * nested deeper than {@link MAX_NESTING} levels throws a RangeError that
 * says so, instead of exhausting the stack.
 *
 * @example
 * ```ts
 * flatten({ a: { b: 1 }, c: [2] }); // { "a.b": 1, c: [2] }
 * ```
 */
export function flatten(
  value: Record<string, unknown>,
  prefix = "",
  out: Record<string, unknown> = {},
  depth = 1,
) {
  if (depth > MAX_NESTING) {
    throw new RangeError(`objects nested deeper than ${MAX_NESTING} levels (at "${prefix.slice(0, 200)}")`);
  }
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      flatten(v as Record<string, unknown>, key, out, depth + 1);
    } else out[key] = v;
  }
  return out;
}

/** A parsed JSON value as a row: its flattened fields, or why it is not a record. */
function jsonRecordRow(line: number, parsed: unknown, raw: () => string, what: string): RawRow {
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return { line, error: `${what} is not a JSON object`, raw: raw() };
  }
  try {
    return { line, values: flatten(parsed as Record<string, unknown>) };
  } catch (e) {
    if (e instanceof RangeError) return { line, error: `${what} has ${e.message}`, raw: raw() };
    throw e;
  }
}

/** The error of a record over a reader's size cap, saying how to raise it. */
export function tooLongMessage(length: number, maxChars: number): string {
  return `record of ${length.toLocaleString("en")} characters is over the cap of ${
    maxChars.toLocaleString("en")
  } (raise it with --max-record-mb)`;
}

/**
 * JSON Lines: one object a line; blank lines skipped; a bad line (invalid
 * bytes, unparseable, not an object, nested too deep, longer than
 * `maxChars`) is an error row with its first 2,000 characters.
 */
export async function* readJsonl(
  path: string,
  encoding: TextEncoding = "utf-8",
  maxChars = MAX_RECORD_CHARS,
): AsyncGenerator<RawRow> {
  for await (const { line, text, invalid, tooLong } of readLines(path, encoding, maxChars)) {
    const raw = () => text.slice(0, 2000);
    if (tooLong !== undefined) {
      yield { line, error: tooLongMessage(tooLong, maxChars), raw: raw() };
      continue;
    }
    if (invalid) {
      yield { line, error: `${invalid}, shown as U+FFFD in raw`, raw: raw() };
      continue;
    }
    const t = text.trim();
    if (t === "") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line === 1 ? t.replace(/^\uFEFF/, "") : t);
    } catch (e) {
      yield { line, error: `unparseable JSON: ${(e as Error).message}`, raw: raw() };
      continue;
    }
    yield jsonRecordRow(line, parsed, raw, "line");
  }
}

/**
 * A JSON document holding records: an array, or an object with the records
 * under `resultats` (France Travail API pages). `line` is the record's
 * 1-based position.
 */
export async function* readJsonDocument(
  path: string,
  encoding: TextEncoding = "utf-8",
): AsyncGenerator<RawRow> {
  const bytes = await Deno.readFile(path);
  const chosen = encoding === "auto" ? guessEncoding(bytes) : encoding;
  let text: string;
  try {
    text = new TextDecoder(chosen, { fatal: true }).decode(bytes);
  } catch {
    throw new Error(
      `${path}: bytes not valid ${chosen}; pass --encoding windows-1252 if the file is in Latin-1`,
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new Error(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const records = Array.isArray(doc)
    ? doc
    : doc && typeof doc === "object" && Array.isArray((doc as Record<string, unknown>).resultats)
    ? (doc as Record<string, unknown[]>).resultats
    : null;
  if (!records) {
    throw new Error(`${path}: expected a JSON array of records or an object with a "resultats" array`);
  }
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    yield jsonRecordRow(i + 1, r, () => safeJson(r), "record");
  }
}

/** A value as JSON text for the quarantine (its first 2,000 characters), or why it cannot be written. */
function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 2000) ?? "";
  } catch (e) {
    return `(not shown: ${(e as Error).message})`;
  }
}

/**
 * The columns of a CSV file's header and the separator used. A header that
 * names a column twice is refused, naming it: the last one would silently win.
 */
export async function csvHeader(
  path: string,
  separator?: string,
  encoding: TextEncoding = "utf-8",
): Promise<{ columns: string[]; separator: string }> {
  const head = await firstLine(path, encoding);
  const sep = separator ?? sniffSeparator(head);
  const parser = new CsvParser(sep);
  const rec = [...parser.push(head), ...parser.end()][0];
  const columns = rec?.fields?.map((c) => c.trim()) ?? [];
  const repeated = [...new Set(columns.filter((c, i) => columns.indexOf(c) !== i))];
  if (repeated.length > 0) {
    throw new Error(
      `${path}, line 1: column name(s) ${
        repeated.map((c) => JSON.stringify(c)).join(", ")
      } appear more than once in the header; rename them, or map the one to read with --map`,
    );
  }
  return { columns, separator: sep };
}

/**
 * CSV with a header line, decoded strictly: a record with the wrong number
 * of fields, a broken quote or bytes invalid in the encoding is an error row
 * with its raw text (see {@link CsvParser} for how a broken quote is contained).
 */
export async function* readCsv(
  path: string,
  separator?: string,
  encoding: TextEncoding = "utf-8",
  maxChars = MAX_RECORD_CHARS,
): AsyncGenerator<RawRow> {
  const chosen = encoding === "auto" ? await sniffEncoding(path) : encoding;
  const { columns, separator: sep } = await csvHeader(path, separator, chosen);
  const parser = new CsvParser(sep, maxChars);
  parser.expectFields(columns.length);
  let invalid = new Map<number, string>();
  let header = true;
  const emit = function* (records: CsvRecord[]): Generator<RawRow> {
    for (const rec of records) {
      if (header) {
        header = false;
        continue;
      }
      let badBytes: string | undefined;
      for (let l = rec.line; l <= rec.lastLine && invalid.size > 0; l++) {
        if (invalid.has(l)) badBytes ??= `line ${l}: ${invalid.get(l)}`;
        invalid.delete(l);
      }
      if (badBytes !== undefined) {
        yield {
          line: rec.line,
          error: `${badBytes}, shown as U+FFFD in raw`,
          raw: (rec.raw ?? rec.fields!.join(sep)).slice(0, 2000),
        };
      } else if (rec.error !== undefined) {
        yield { line: rec.line, error: rec.error, raw: rec.raw.slice(0, 2000) };
      } else {
        const values: Record<string, unknown> = {};
        for (let k = 0; k < columns.length; k++) values[columns[k]] = rec.fields[k];
        yield { line: rec.line, values };
      }
    }
  };
  for await (const block of decodedBlocks(path, chosen)) {
    if (block.invalid.size > 0) invalid = new Map([...invalid, ...block.invalid]);
    yield* emit(parser.push(block.text));
  }
  yield* emit(parser.end());
}

/** Runs a Polars read of a Parquet file; its failure names the file (polars' own message does not). */
function readingParquet<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw new Error(`${path}: not a Parquet file, or a damaged one (${(e as Error).message})`);
  }
}

/** The column names of a Parquet file (reads only its metadata). */
export function parquetColumns(path: string): string[] {
  return readingParquet(path, () => pl.scanParquet(path).columns);
}

/** Rows per Parquet row group written by the project, and per slice read: one slice decodes one row group. */
export const PARQUET_ROW_GROUP = 20_000;

/** The number of rows of a Parquet file (reads only its metadata). */
export function parquetRowCount(path: string): number {
  return readingParquet(
    path,
    () => Number(pl.scanParquet(path).select(pl.len().alias("n")).collectSync().getColumn("n").get(0)),
  );
}

/**
 * Parquet, read lazily in slices of `batchSize` rows with only the `columns`
 * asked for, so a file larger than memory streams; `rows` limits it to a
 * range (0-based, end excluded). `line` is the 1-based row.
 */
export async function* readParquet(
  path: string,
  columns?: string[],
  rows?: { start: number; end: number },
  batchSize = PARQUET_ROW_GROUP,
): AsyncGenerator<RawRow> {
  const all = parquetColumns(path);
  const wanted = columns ? all.filter((c) => columns.includes(c)) : all;
  const total = parquetRowCount(path);
  const first = Math.max(0, rows?.start ?? 0);
  const last = Math.min(total, rows?.end ?? total);
  for (let offset = first; offset < last; offset += batchSize) {
    const frame = readingParquet(
      path,
      () =>
        pl.scanParquet(path).select(...wanted).slice(offset, Math.min(batchSize, last - offset))
          .collectSync(),
    );
    const arrays = wanted.map((c) => frame.getColumn(c).toArray() as unknown[]);
    for (let r = 0; r < frame.height; r++) {
      const values: Record<string, unknown> = {};
      for (let k = 0; k < wanted.length; k++) values[wanted[k]] = arrays[k][r];
      yield { line: offset + r + 1, values };
    }
    await Promise.resolve();
  }
}
