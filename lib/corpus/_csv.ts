/**
 * A streaming RFC 4180 CSV parser that keeps line numbers, so that a bad
 * record can be quarantined with the line it starts on instead of failing
 * the whole file. Quoted fields may hold separators, quotes ("") and
 * newlines.
 */

/** One parsed record: its fields, or the reason it could not be parsed. */
export type CsvRecord =
  | { line: number; fields: string[]; error?: undefined }
  | { line: number; fields?: undefined; error: string };

/** Parses CSV text arriving in chunks. Call push() per chunk, then end(). */
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

  constructor(separator: string) {
    if (separator.length !== 1) throw new Error(`CSV separator must be one character, got ${JSON.stringify(separator)}`);
    this.#sep = separator;
  }

  /** Feeds a chunk; returns the records completed by it. */
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const sep = this.#sep;
    let i = 0;
    const n = chunk.length;
    if (this.#pendingCR && n > 0 && chunk[0] === "\n") i = 1;
    this.#pendingCR = false;
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
        this.#endField();
        out.push(this.#endRecord());
        this.#line++;
        this.#recordLine = this.#line;
        if (c === "\r") {
          if (i + 1 < n && chunk[i + 1] === "\n") i++;
          else if (i + 1 === n) this.#pendingCR = true;
        }
        i++;
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
    return out.filter((r) => !(r.fields && r.fields.length === 1 && r.fields[0] === ""));
  }

  /** Flushes the last record; an unterminated quoted field is an error. */
  end(): CsvRecord[] {
    if (this.#inQuotes) {
      const rec: CsvRecord = { line: this.#recordLine, error: "unterminated quoted field (reaches end of file)" };
      this.#inQuotes = false;
      this.#field = "";
      this.#fields = [];
      return [rec];
    }
    if (this.#field.length === 0 && this.#fields.length === 0 && !this.#quoteClosed) return [];
    this.#endField();
    return [this.#endRecord()];
  }

  #endField() {
    this.#fields.push(this.#field);
    this.#field = "";
    this.#quoteClosed = false;
  }

  #endRecord(): CsvRecord {
    const rec: CsvRecord = this.#badQuote
      ? { line: this.#recordLine, error: "stray quote character inside an unquoted field" }
      : { line: this.#recordLine, fields: this.#fields };
    this.#fields = [];
    this.#badQuote = false;
    return rec;
  }
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
