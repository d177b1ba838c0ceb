/**
 * A streaming RFC 4180 CSV parser that keeps line numbers, so that a bad
 * record can be quarantined with the lines it spans instead of failing
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

/**
 * A record longer than this many characters is quarantined whole (a real
 * offer is far shorter); {@link CsvParser}'s second argument raises it.
 */
export const MAX_RECORD_CHARS = 4_000_000;

/** Characters of a quarantined record's raw text kept for the quarantine file. */
const RAW_KEPT = 2000;

/**
 * Parses CSV text arriving in chunks. Call push() per chunk, then end().
 * Nothing is ever made out of the inside of a quoted field: a record that
 * cannot be closed is quarantined whole, and reading resumes on the first
 * line that can start a record (see {@link CsvParser.end} and the rules in
 * `#settle`). A record over `maxRecordChars` is skipped in constant memory
 * and quarantined whole.
 *
 * @example
 * ```ts
 * const parser = new CsvParser(",");
 * parser.expectFields(2);
 * const records = [...parser.push('id,text\n1,"a, b"\n'), ...parser.end()];
 * records[1].fields; // ["1", "a, b"]
 * ```
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
  #oversized = false;
  #expected: number | undefined;

  constructor(separator: string, readonly maxRecordChars = MAX_RECORD_CHARS) {
    if (separator.length !== 1) {
      throw new Error(`CSV separator must be one character, got ${JSON.stringify(separator)}`);
    }
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
    if (!this.#oversized && this.#raw.length > this.maxRecordChars) this.#startSkipping();
    return out.filter((r) => !(r.fields && r.fields.length === 1 && r.fields[0] === ""));
  }

  /**
   * Flushes the last record. A quoted field still open at the end of the
   * file has no closing quote after it, so the lines it swallowed hold no
   * quote: its first line and the lines up to the next one that parses as
   * a record of the header's field count are quarantined together, and
   * reading resumes there.
   */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    while (this.#inQuotes) {
      if (this.#oversized) {
        out.push(
          this.#failure(
            this.#recordLine,
            this.#line,
            `unterminated quoted field longer than ${this.#capText()} (reaches the end of the file)`,
            this.#raw,
          ),
        );
        this.#reset(this.#line + 1);
        break;
      }
      this.#resumeAfterUnclosed(out);
    }
    if (this.#field.length > 0 || this.#fields.length > 0 || this.#quoteClosed || this.#oversized) {
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
          this.#line += countNewlines(chunk, i, n);
          if (!this.#oversized) this.#field += chunk.slice(i);
          break;
        }
        this.#line += countNewlines(chunk, i, q);
        if (!this.#oversized) this.#field += chunk.slice(i, q);
        if (q + 1 >= n) { // quote at chunk end: decide with the next chunk
          this.#inQuotes = false;
          this.#quoteClosed = true;
          i = q + 1;
          continue;
        }
        if (chunk[q + 1] === '"') {
          if (!this.#oversized) this.#field += '"';
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
        if (!this.#oversized) this.#field += '"';
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
        this.#appendRaw(chunk, segment, stop);
        const raw = this.#raw;
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
          if (!this.#oversized) this.#field += c;
          i++;
        } else {
          if (this.#quoteClosed) this.#badQuote = true;
          if (!this.#oversized) this.#field += chunk.slice(i, j);
          i = j;
        }
      }
    }
    this.#appendRaw(chunk, segment, n);
    this.#pendingCR = endsWithCR;
  }

  /** Adds chunk[from, to) to the record's raw text; past the cap, only up to the characters kept for the quarantine. */
  #appendRaw(chunk: string, from: number, to: number) {
    if (!this.#oversized) this.#raw += chunk.slice(from, to);
    else if (this.#raw.length < RAW_KEPT) {
      this.#raw += chunk.slice(from, Math.min(to, from + RAW_KEPT - this.#raw.length));
    }
  }

  /** Past the cap: the record's text is dropped (its first characters kept for the quarantine), its structure still followed. */
  #startSkipping() {
    this.#oversized = true;
    this.#raw = this.#raw.slice(0, RAW_KEPT);
    this.#field = "";
    this.#fields = [];
  }

  #capText(): string {
    return `${this.maxRecordChars.toLocaleString("en")} characters`;
  }

  /**
   * Emits a completed record. An error on one line costs that line. A record
   * that spans lines and fails is quarantined whole when its quotes balance
   * (a wrong field count) or when it is over the cap. When a stray quote
   * broke it, the quote that opened its first multi-line field was closed
   * by another record's opening quote: the lines between are inside that
   * field and quarantined with it, and reading resumes on the line of the
   * closing quote, which may start a record.
   */
  #settle(record: CsvRecord & { rawText: string }, out: CsvRecord[]) {
    const { rawText, ...rec } = record;
    if (this.#oversized || rawText.length > this.maxRecordChars) {
      this.#oversized = false;
      out.push(
        this.#failure(
          rec.line,
          rec.lastLine,
          `record longer than ${this.#capText()} (raise the cap to read it)`,
          rawText,
        ),
      );
      return;
    }
    const wrongCount = rec.fields && this.#expected !== undefined && rec.fields.length !== this.#expected &&
      !(rec.fields.length === 1 && rec.fields[0] === "");
    const error = rec.error ??
      (wrongCount ? `expected ${this.#expected} fields, found ${rec.fields!.length}` : undefined);
    if (error === undefined) {
      out.push(rec);
      return;
    }
    const closing = rec.error !== undefined && rec.lastLine > rec.line
      ? lineOfFirstMultilineClose(rawText, this.#sep)
      : -1;
    if (closing <= 0) {
      out.push(this.#failure(rec.line, rec.lastLine, error, rawText));
      return;
    }
    const [inside, rest] = splitAtLine(rawText, closing);
    out.push(
      this.#failure(
        rec.line,
        rec.line + closing - 1,
        `${error}: a quote opened on line ${rec.line} closes on line ${
          rec.line + closing
        }, so the lines between are inside one field`,
        inside,
      ),
    );
    this.#reset(rec.line + closing);
    this.#scan(rest, out);
  }

  /** At the end of the file inside a quoted field: quarantines up to the next line that parses as a record, and reads again from there. */
  #resumeAfterUnclosed(out: CsvRecord[]) {
    const raw = this.#raw;
    const first = this.#recordLine;
    const lines = raw.split("\n");
    let resume = 1;
    while (resume < lines.length && !this.#startsRecord(lines[resume].replace(/\r$/, ""))) resume++;
    const [inside, rest] = splitAtLine(raw, resume);
    const where = rest !== ""
      ? `; reading resumes on line ${first + resume}, the next that parses as a record`
      : "";
    out.push(
      this.#failure(
        first,
        first + linesIn(inside) - 1,
        `unterminated quoted field (no closing quote before the end of the file)${where}`,
        inside,
      ),
    );
    this.#raw = "";
    this.#reset(first + resume);
    this.#scan(rest, out);
  }

  /** Whether a line holding no open quote parses alone as a record of the header's field count. */
  #startsRecord(line: string): boolean {
    if (line === "") return false;
    const probe = new CsvParser(this.#sep, this.maxRecordChars);
    if (this.#expected !== undefined) probe.expectFields(this.#expected);
    const records = [...probe.push(line + "\n"), ...probe.end()];
    return records.length === 1 && records[0].fields !== undefined;
  }

  #failure(line: number, lastLine: number, reason: string, raw: string): CsvRecord {
    const span = lastLine > line ? ` (record on lines ${line}-${lastLine}, quarantined whole)` : "";
    return { line, lastLine, error: reason + span, raw: stripBreak(raw.slice(0, RAW_KEPT)) };
  }

  #reset(line: number) {
    this.#field = "";
    this.#fields = [];
    this.#inQuotes =
      this.#quoteClosed =
      this.#badQuote =
      this.#pendingCR =
      this.#oversized =
        false;
    this.#line = this.#recordLine = line;
  }

  #endField() {
    if (!this.#oversized) this.#fields.push(this.#field);
    this.#field = "";
    this.#quoteClosed = false;
  }

  #endRecord(rawText: string): CsvRecord & { rawText: string } {
    const rec = this.#badQuote
      ? {
        line: this.#recordLine,
        lastLine: this.#line,
        error: "stray quote character inside an unquoted field",
        raw: "",
        rawText,
      }
      : { line: this.#recordLine, lastLine: this.#line, fields: this.#fields, rawText };
    this.#fields = [];
    this.#badQuote = false;
    return rec;
  }
}

/**
 * The 0-based line (within `raw`) on which the record's first quoted field
 * that spans lines closes; -1 when none does. Quotes open only at a field's
 * start, and "" inside a quoted field is a quote, as the parser reads them.
 */
function lineOfFirstMultilineClose(raw: string, sep: string): number {
  let line = 0, openedOn = -1, atFieldStart = true;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (openedOn >= 0) {
      if (c === "\n") line++;
      else if (c === '"') {
        if (raw[i + 1] === '"') i++;
        else if (line > openedOn) return line;
        else openedOn = -1;
      }
      continue;
    }
    if (c === "\n") line++;
    if (c === '"' && atFieldStart) openedOn = line;
    atFieldStart = c === sep || c === "\n" || c === "\r";
  }
  return -1;
}

/** The number of lines `text` spans (a last line without a break counts). */
function linesIn(text: string): number {
  return Math.max(1, countNewlines(text, 0, text.length) + (text.endsWith("\n") ? 0 : 1));
}

/** `text` cut before its 0-based line `line`: the lines before, and the rest. */
function splitAtLine(text: string, line: number): [string, string] {
  let at = 0;
  for (let k = 0; k < line; k++) {
    const nl = text.indexOf("\n", at);
    if (nl < 0) return [text, ""];
    at = nl + 1;
  }
  return [text.slice(0, at), text.slice(at)];
}

function stripBreak(raw: string): string {
  return raw.replace(/\r?\n$|\r$/, "");
}

function countNewlines(s: string, from: number, to: number): number {
  let count = 0;
  for (let k = s.indexOf("\n", from); k !== -1 && k < to; k = s.indexOf("\n", k + 1)) count++;
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
