/**
 * Text files decoded strictly, line by line: a line whose bytes are not
 * valid in the file's encoding is flagged (never silently altered), and a
 * file written in Windows-1252 / Latin-1 is recognised from its first bytes.
 */

/** Encodings a corpus file may be read with; `auto` sniffs UTF-8 or Windows-1252. */
export type TextEncoding = "auto" | "utf-8" | "windows-1252";

/** One line of a text file: its 1-based number, its text, and why its bytes are invalid, if they are. */
export interface DecodedLine {
  line: number;
  text: string;
  /** Set when the line's bytes are not valid in the encoding; `text` is then decoded with U+FFFD for display only. */
  invalid?: string;
}

const SNIFF_BYTES = 1 << 20;

/**
 * Guesses a file's encoding from its first megabyte: `utf-8` when its bytes
 * are valid UTF-8 (or plain ASCII), `windows-1252` when it has high bytes
 * and not one valid UTF-8 multi-byte sequence; a file mixing both is read
 * as UTF-8 and its invalid lines are flagged.
 *
 * @example
 * ```ts
 * await sniffEncoding("offres-latin1.csv"); // "windows-1252"
 * ```
 */
export async function sniffEncoding(path: string): Promise<"utf-8" | "windows-1252"> {
  const file = await Deno.open(path);
  try {
    const buffer = new Uint8Array(SNIFF_BYTES);
    let size = 0;
    while (size < buffer.length) {
      const n = await file.read(buffer.subarray(size));
      if (n === null) break;
      size += n;
    }
    return guessEncoding(buffer.subarray(0, size));
  } finally {
    file.close();
  }
}

/** The encoding a byte sample suggests (see {@link sniffEncoding}). */
export function guessEncoding(bytes: Uint8Array): "utf-8" | "windows-1252" {
  let valid = 0, invalid = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] < 0x80) continue;
    const length = utf8SequenceAt(bytes, i);
    if (length === 0) break; // cut at the sample's end
    if (length > 0) {
      valid++;
      i += length - 1;
    } else invalid++;
  }
  return invalid > 0 && valid === 0 ? "windows-1252" : "utf-8";
}

/** Length of the UTF-8 multi-byte sequence starting at `i`; -1 when invalid, 0 when cut by the end of `bytes`. */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
  if (need < 0) return -1;
  for (let k = 1; k <= need; k++) {
    if (i + k >= bytes.length) return 0;
    if ((bytes[i + k] & 0xc0) !== 0x80) return -1;
  }
  return need + 1;
}

/**
 * A run of whole lines of a text file, decoded: `text` ends with "\n" (the
 * file's last line may not), `firstLine` is the 1-based number of its first
 * line, `invalid` the lines whose bytes are invalid (decoded with U+FFFD).
 */
export interface DecodedBlock {
  firstLine: number;
  text: string;
  invalid: Map<number, string>;
}

/**
 * Streams a text file as blocks of whole lines decoded strictly in
 * `encoding`: one decode per block when its bytes are valid, line by line
 * (to name the bad ones) when they are not. `\r\n` is kept as it is.
 */
export async function* decodedBlocks(path: string, encoding: "utf-8" | "windows-1252"): AsyncGenerator<DecodedBlock> {
  const strict = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  const lenient = new TextDecoder(encoding, { ignoreBOM: true });
  const file = await Deno.open(path);
  let carry = new Uint8Array(0);
  let line = 1;
  const decode = (bytes: Uint8Array): DecodedBlock => {
    const firstLine = line;
    const invalid = new Map<number, string>();
    let text: string;
    try {
      text = strict.decode(bytes);
      line += countByte(bytes, 0x0a);
    } catch {
      const parts: string[] = [];
      for (let start = 0; start < bytes.length; line++) {
        const nl = bytes.indexOf(0x0a, start);
        const stop = nl < 0 ? bytes.length : nl + 1;
        const piece = bytes.subarray(start, stop);
        try {
          parts.push(strict.decode(piece));
        } catch {
          parts.push(lenient.decode(piece));
          invalid.set(line, `bytes not valid ${encoding} (first at byte ${firstInvalidByte(piece) + 1} of the line)`);
        }
        start = stop;
        if (nl < 0) line--; // a last line without "\n" does not end a line
      }
      text = parts.join("");
    }
    return { firstLine, text, invalid };
  };
  try {
    for await (const chunk of file.readable) {
      const bytes = carry.length ? concat(carry, chunk) : chunk;
      const last = bytes.lastIndexOf(0x0a);
      if (last < 0) {
        carry = bytes.slice();
        continue;
      }
      yield decode(bytes.subarray(0, last + 1));
      carry = bytes.slice(last + 1);
    }
  } finally {
    try {
      file.close();
    } catch { /* already closed by the stream */ }
  }
  if (carry.length > 0) yield decode(carry);
}

/**
 * Yields the lines of a text file (without their `\n` or `\r\n`), decoded
 * strictly in `encoding`, streaming. Windows-1252 maps every byte, so only
 * UTF-8 lines can be flagged invalid.
 *
 * @example
 * ```ts
 * for await (const { line, text, invalid } of decodedLines("offres.jsonl", "utf-8")) if (invalid) console.log(line, invalid);
 * ```
 */
export async function* decodedLines(path: string, encoding: "utf-8" | "windows-1252"): AsyncGenerator<DecodedLine> {
  for await (const block of decodedBlocks(path, encoding)) {
    const lines = block.text.split("\n");
    if (lines.at(-1) === "") lines.pop();
    for (let k = 0; k < lines.length; k++) {
      const line = block.firstLine + k;
      const text = lines[k].endsWith("\r") ? lines[k].slice(0, -1) : lines[k];
      const invalid = block.invalid.get(line);
      yield invalid ? { line, text, invalid } : { line, text };
    }
  }
}

function countByte(bytes: Uint8Array, byte: number): number {
  let n = 0;
  for (let k = bytes.indexOf(byte); k !== -1; k = bytes.indexOf(byte, k + 1)) n++;
  return n;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** 0-based offset of the first byte that breaks UTF-8 in `bytes` (its length when none does). */
function firstInvalidByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] < 0x80) continue;
    const length = utf8SequenceAt(bytes, i);
    if (length <= 0) return i;
    i += length - 1;
  }
  return bytes.length;
}
