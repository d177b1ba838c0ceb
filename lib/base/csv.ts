/**
 * A streaming RFC 4180 CSV parser that keeps line numbers, so that a bad
 * record can be quarantined with the line it starts on instead of failing
 * the whole file. Quoted fields may hold separators, quotes ("") and
 * newlines.
 */

/**
 * One parsed record: its fields, or the reason it could not be parsed and
 * its raw text. `line` is the line it starts on, `lastLine` the line it ends on.
 */
export type CsvRecord =
  | { line: number; lastLine: number; fields: string[]; error?: undefined; raw?: undefined }
  | { line: number; lastLine: number; fields?: undefined; error: string; raw: string };

/** A quoted field longer than this is taken for an unbalanced quote (a real offer text is far shorter). */
export const MAX_RECORD_CHARS = 1_000_000;

/**
 * Parses CSV text arriving in chunks. Call push() per chunk, then end().
 * A record that spans several lines and fails (a quote that never closes,
 * or a wrong field count once {@link CsvParser.expectFields} is set) costs
 * only its first line: that line is reported with its raw text and reading
 * resumes on the next line, so one stray quote cannot swallow the file.
 */
export class CsvParser {
  #sep: string;
  #field = "";
  #fields: string[] = [];
  #inQuotes = false;
  #quoteClosed = false;
  #line = 1;
  #recordLine = 1;
  #badQuote = false;
  #pendingCR = false;
  #raw = "";
  #expected: number | undefined;

  constructor(separator: string, readonly maxRecordChars = MAX_RECORD_CHARS) {
    if (separator.length !== 1) throw new Error(`CSV separator must be one character, got ${JSON.stringify(separator)}`);
    this.#sep = separator;
  }

  /** From now on, a record with another number of fields is an error (the header's count). */
  expectFields(count: number) {
    this.#expected = count;
  }

  /** Feeds a chunk; returns the records completed by it. */
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    this.#scan(chunk, out);
    if (this.#inQuotes && this.#raw.length > this.maxRecordChars) {
      this.#resync(`quoted field runs past ${this.maxRecordChars.toLocaleString("en")} characters (a quote that never closes?)`, out);
    }
    return out.filter((r) => !(r.fields && r.fields.length === 1 && r.fields[0] === ""));
  }

  /** Flushes the last record; an unterminated quoted field costs its first line, and the lines after it are read again. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    while (this.#inQuotes) this.#resync("unterminated quoted field (reaches end of file)", out);
    if (this.#field.length > 0 || this.#fields.length > 0 || this.#quoteClosed) {
      this.#endField();
      this.#settle(this.#endRecord(this.#raw), out);
      this.#raw = "";
    }
    return out.filter((r) => !(r.fields && r.fields.length === 1 && r.fields[0] === ""));
  }

  #scan(chunk: string, out: CsvRecord[]) {
    const sep = this.#sep;
    const n = chunk.length;
    let i = this.#pendingCR && n > 0 && chunk[0] === "\n" ? 1 : 0;
    let segment = i; // where the current record's text starts in this chunk
    this.#pendingCR = false;
    let endsWithCR = false;
    while (i < n) {
      if (this.#inQuotes) {
        const q = chunk.indexOf('"', i);
        if (q === -1) {
          const part = chunk.slice(i);
          this.#line += countNewlines(part);
          this.#field += part;
          break;
        }
        const part = chunk.slice(i, q);
        this.#line += countNewlines(part);
        this.#field += part;
        if (q + 1 >= n) { // quote at chunk end: decide with the next chunk
          this.#inQuotes = false;
          this.#quoteClosed = true;
          i = q + 1;
          continue;
        }
        if (chunk[q + 1] === '"') {
          this.#field += '"';
          i = q + 2;
        } else {
          this.#inQuotes = false;
          this.#quoteClosed = true;
          i = q + 1;
        }
        continue;
      }
      const c = chunk[i];
      if (this.#quoteClosed && c === '"') { // "" split across chunks
        this.#field += '"';
        this.#inQuotes = true;
        this.#quoteClosed = false;
        i++;
        continue;
      }
      if (c === sep) {
        this.#endField();
        i++;
      } else if (c === "\n" || c === "\r") {
        let stop = i + 1;
        if (c === "\r") {
          if (stop < n && chunk[stop] === "\n") stop++;
          else if (stop === n) endsWithCR = true;
        }
        const raw = this.#raw + chunk.slice(segment, stop);
        this.#raw = "";
        this.#endField();
        const record = this.#endRecord(raw);
        this.#line++;
        this.#recordLine = this.#line;
        i = segment = stop;
        this.#settle(record, out);
      } else if (c === '"' && this.#field.length === 0 && !this.#quoteClosed) {
        this.#inQuotes = true;
        i++;
      } else {
        // plain run up to the next special character
        let j = i;
        while (j < n) {
          const d = chunk[j];
          if (d === sep || d === "\n" || d === "\r" || d === '"') break;
          j++;
        }
        if (j === i) { // a stray quote inside an unquoted field
          this.#badQuote = true;
          this.#field += c;
          i++;
        } else {
          if (this.#quoteClosed) this.#badQuote = true;
          this.#field += chunk.slice(i, j);
          i = j;
        }
      }
    }
    this.#raw += chunk.slice(segment);
    this.#pendingCR = endsWithCR;
  }

  /** Emits a completed record, or, when a failed record spans several lines, its first line as the error and the rest read again. */
  #settle(record: CsvRecord & { rawText: string }, out: CsvRecord[]) {
    const { rawText, ...rec } = record;
    const wrongCount = rec.fields && this.#expected !== undefined && rec.fields.length !== this.#expected && !(rec.fields.length === 1 && rec.fields[0] === "");
    const error = rec.error ?? (wrongCount ? `expected ${this.#expected} fields, found ${rec.fields!.length}` : undefined);
    if (error === undefined) {
      out.push(rec);
      return;
    }
    if (rec.lastLine > rec.line) {
      this.#restartAfterFirstLine(rawText, rec.line, `${error}: the record starting here runs to line ${rec.lastLine}`, out);
      return;
    }
    out.push({ line: rec.line, lastLine: rec.lastLine, error, raw: stripBreak(rawText) });
  }

  /** Gives up on the open record: its first line is an error, the text after it is parsed again. */
  #resync(reason: string, out: CsvRecord[]) {
    const raw = this.#raw;
    const line = this.#recordLine;
    this.#raw = "";
    this.#restartAfterFirstLine(raw, line, reason, out);
  }

  #restartAfterFirstLine(raw: string, line: number, reason: string, out: CsvRecord[]) {
    const breakAt = raw.search(/\r\n?|\n/);
    const first = breakAt < 0 ? raw : raw.slice(0, breakAt);
    const rest = breakAt < 0 ? "" : raw.slice(breakAt + (raw.startsWith("\r\n", breakAt) ? 2 : 1));
    out.push({ line, lastLine: line, error: `${reason}; line ${line} is quarantined and reading resumes on line ${line + 1}`, raw: first });
    this.#field = "";
    this.#fields = [];
    this.#inQuotes = this.#quoteClosed = this.#badQuote = this.#pendingCR = false;
    this.#line = this.#recordLine = line + 1;
    this.#scan(rest, out);
  }

  #endField() {
    this.#fields.push(this.#field);
    this.#field = "";
    this.#quoteClosed = false;
  }

  #endRecord(rawText: string): CsvRecord & { rawText: string } {
    const rec = this.#badQuote
      ? { line: this.#recordLine, lastLine: this.#line, error: "stray quote character inside an unquoted field", raw: "", rawText }
      : { line: this.#recordLine, lastLine: this.#line, fields: this.#fields, rawText };
    this.#fields = [];
    this.#badQuote = false;
    return rec;
  }
}

function stripBreak(raw: string): string {
  return raw.replace(/\r?\n$|\r$/, "");
}

function countNewlines(s: string): number {
  let count = 0;
  for (let k = s.indexOf("\n"); k !== -1; k = s.indexOf("\n", k + 1)) count++;
  return count;
}

/**
 * Guesses the separator of a CSV header line among `,`, `;`, `|` and tab.
 *
 * @example
 * ```ts
 * sniffSeparator("id|intitule|description"); // "|"
 * ```
 */
export function sniffSeparator(headerLine: string): string {
  const candidates = [",", ";", "|", "\t"];
  let best = ",";
  let bestCount = 0;
  for (const c of candidates) {
    const count = headerLine.split(c).length - 1;
    if (count > bestCount) {
      best = c;
      bestCount = count;
    }
  }
  return best;
}
