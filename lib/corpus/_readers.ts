/**
 * Low-level streaming readers: each turns a file into rows of
 * `{column: value}` with the line (or row) they come from, or an error for
 * a row that cannot be parsed. Nothing here knows about offers.
 */
import pl from "nodejs-polars";
import { CsvParser, sniffSeparator } from "./_csv.ts";

/** A parsed row, or the reason a row could not be parsed. */
export type RawRow =
  | { line: number; values: Record<string, unknown>; error?: undefined; raw?: undefined }
  | { line: number; values?: undefined; error: string; raw: string };

/** Yields the lines of a UTF-8 text file with their 1-based numbers, streaming. */
export async function* readLines(path: string): AsyncGenerator<{ line: number; text: string }> {
  const file = await Deno.open(path);
  const decoder = new TextDecoder("utf-8");
  let rest = "";
  let line = 0;
  try {
    for await (const bytes of file.readable) {
      const chunk = rest + decoder.decode(bytes, { stream: true });
      const parts = chunk.split("\n");
      rest = parts.pop()!;
      for (const p of parts) yield { line: ++line, text: p.endsWith("\r") ? p.slice(0, -1) : p };
    }
  } finally {
    try {
      file.close();
    } catch { /* already closed by the stream */ }
  }
  rest += decoder.decode();
  if (rest.length > 0) yield { line: ++line, text: rest };
}

/** Reads the first line of a text file (a header), without reading the rest. */
export async function firstLine(path: string): Promise<string> {
  for await (const { text } of readLines(path)) return text.replace(/^\uFEFF/, "");
  return "";
}

/** Flattens nested objects into dotted keys: {a: {b: 1}} -> {"a.b": 1}; arrays stay values. */
export function flatten(value: Record<string, unknown>, prefix = "", out: Record<string, unknown> = {}) {
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === "object" && !Array.isArray(v)) flatten(v as Record<string, unknown>, key, out);
    else out[key] = v;
  }
  return out;
}

/** JSON Lines: one object a line; blank lines skipped; a bad line is an error row. */
export async function* readJsonl(path: string): AsyncGenerator<RawRow> {
  for await (const { line, text } of readLines(path)) {
    const t = text.trim();
    if (t === "") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line === 1 ? t.replace(/^\uFEFF/, "") : t);
    } catch (e) {
      yield { line, error: `unparseable JSON: ${(e as Error).message}`, raw: text.slice(0, 2000) };
      continue;
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      yield { line, error: "line is not a JSON object", raw: text.slice(0, 2000) };
      continue;
    }
    yield { line, values: flatten(parsed as Record<string, unknown>) };
  }
}

/**
 * A JSON document holding records: an array, or an object with the records
 * under `resultats` (France Travail API pages). `line` is the record's
 * 1-based position.
 */
export async function* readJsonDocument(path: string): AsyncGenerator<RawRow> {
  const text = await Deno.readTextFile(path);
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
  if (!records) throw new Error(`${path}: expected a JSON array of records or an object with a "resultats" array`);
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (r === null || typeof r !== "object" || Array.isArray(r)) {
      yield { line: i + 1, error: "record is not a JSON object", raw: JSON.stringify(r)?.slice(0, 2000) ?? "" };
    } else yield { line: i + 1, values: flatten(r as Record<string, unknown>) };
  }
}

/** The columns of a CSV file's header and the separator used. */
export async function csvHeader(path: string, separator?: string): Promise<{ columns: string[]; separator: string }> {
  const head = await firstLine(path);
  const sep = separator ?? sniffSeparator(head);
  const parser = new CsvParser(sep);
  const rec = [...parser.push(head), ...parser.end()][0];
  return { columns: rec?.fields?.map((c) => c.trim()) ?? [], separator: sep };
}

/** CSV with a header line; a record with the wrong number of fields is an error row. */
export async function* readCsv(path: string, separator?: string): AsyncGenerator<RawRow> {
  const { columns, separator: sep } = await csvHeader(path, separator);
  const parser = new CsvParser(sep);
  const file = await Deno.open(path);
  const decoder = new TextDecoder("utf-8");
  let header = true;
  const emit = function* (records: ReturnType<CsvParser["push"]>): Generator<RawRow> {
    for (const rec of records) {
      if (header) {
        header = false;
        continue;
      }
      if (rec.error !== undefined) {
        yield { line: rec.line, error: rec.error, raw: "" };
      } else if (rec.fields.length !== columns.length) {
        yield {
          line: rec.line,
          error: `expected ${columns.length} fields, found ${rec.fields.length}`,
          raw: rec.fields.join(sep).slice(0, 2000),
        };
      } else {
        const values: Record<string, unknown> = {};
        for (let k = 0; k < columns.length; k++) values[columns[k]] = rec.fields[k];
        yield { line: rec.line, values };
      }
    }
  };
  for await (const bytes of file.readable) yield* emit(parser.push(decoder.decode(bytes, { stream: true })));
  yield* emit(parser.push(decoder.decode()));
  yield* emit(parser.end());
}

/** The column names of a Parquet file (reads only its metadata). */
export function parquetColumns(path: string): string[] {
  return pl.scanParquet(path).columns;
}

/** Rows per Parquet row group written by the project, and per slice read: one slice decodes one row group. */
export const PARQUET_ROW_GROUP = 20_000;

/** The number of rows of a Parquet file (reads only its metadata). */
export function parquetRowCount(path: string): number {
  return Number(pl.scanParquet(path).select(pl.len().alias("n")).collectSync().getColumn("n").get(0));
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
    const frame = pl.scanParquet(path).select(...wanted).slice(offset, Math.min(batchSize, last - offset)).collectSync();
    const arrays = wanted.map((c) => frame.getColumn(c).toArray() as unknown[]);
    for (let r = 0; r < frame.height; r++) {
      const values: Record<string, unknown> = {};
      for (let k = 0; k < wanted.length; k++) values[wanted[k]] = arrays[k][r];
      yield { line: offset + r + 1, values };
    }
    await Promise.resolve();
  }
}
