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
  /** Set to the line's length in characters when it is over the reader's cap; `text` then holds its first characters only. */
  tooLong?: number;
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
 * A run of a text file's lines, decoded: `firstLine` is the 1-based number
 * of its first line, `invalid` the lines whose bytes are invalid (decoded
 * with U+FFFD). `text` ends with "\n" (the file's last line may not), except
 * when `partial`: a line longer than a block is cut into several blocks,
 * each ending inside it, at a character boundary.
 */
export interface DecodedBlock {
  firstLine: number;
  text: string;
  invalid: Map<number, string>;
  partial?: boolean;
}

/** Bytes after which a line with no break yet is passed on in pieces (so a huge line never doubles in memory). */
export const BLOCK_BYTES = 1 << 20;

/**
 * Streams a text file as blocks of lines decoded strictly in `encoding`:
 * one decode per block when its bytes are valid, line by line (to name the
 * bad ones) when they are not. `\r\n` is kept as it is. Linear in the
 * file's size whatever its line lengths: bytes are gathered without copying
 * until a line break or {@link BLOCK_BYTES}.
 */
export async function* decodedBlocks(
  path: string,
  encoding: "utf-8" | "windows-1252",
): AsyncGenerator<DecodedBlock> {
  const strict = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  const lenient = new TextDecoder(encoding, { ignoreBOM: true });
  const file = await Deno.open(path);
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let line = 1;
  const decode = (bytes: Uint8Array, partial: boolean): DecodedBlock => {
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
          invalid.set(
            line,
            `bytes not valid ${encoding} (first at byte ${firstInvalidByte(piece) + 1} of the line)`,
          );
        }
        start = stop;
        if (nl < 0) line--; // a line without "\n" (yet) does not end a line
      }
      text = parts.join("");
    }
    return partial ? { firstLine, text, invalid, partial } : { firstLine, text, invalid };
  };
  const take = (): Uint8Array => {
    const bytes = pending.length === 1 ? pending[0] : concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    return bytes;
  };
  const keep = (bytes: Uint8Array) => {
    if (bytes.length === 0) return;
    pending.push(bytes.slice());
    pendingBytes += bytes.length;
  };
  try {
    for await (const chunk of file.readable) {
      const last = chunk.lastIndexOf(0x0a);
      if (last < 0) {
        keep(chunk);
        if (pendingBytes >= BLOCK_BYTES) {
          const bytes = take();
          const cut = encoding === "utf-8" ? characterBoundary(bytes) : bytes.length;
          yield decode(bytes.subarray(0, cut), true);
          keep(bytes.subarray(cut));
        }
        continue;
      }
      pending.push(chunk.subarray(0, last + 1));
      pendingBytes += last + 1;
      yield decode(take(), false);
      keep(chunk.subarray(last + 1));
    }
  } finally {
    try {
      file.close();
    } catch { /* already closed by the stream */ }
  }
  if (pendingBytes > 0) yield decode(take(), false);
}

/**
 * Yields the lines of a text file (without their `\n` or `\r\n`), decoded
 * strictly in `encoding`, streaming. Windows-1252 maps every byte, so only
 * UTF-8 lines can be flagged invalid. A line longer than `maxChars` is
 * given with its first characters only and `tooLong` set to its length,
 * so that a reader can quarantine it without holding it.
 *
 * @example
 * ```ts
 * for await (const { line, text, invalid } of decodedLines("offres.jsonl", "utf-8")) if (invalid) console.log(line, invalid);
 * ```
 */
export async function* decodedLines(
  path: string,
  encoding: "utf-8" | "windows-1252",
  maxChars = Infinity,
): AsyncGenerator<DecodedLine> {
  let head: string[] = [];
  let headChars = 0;
  let length = 0;
  let invalid: string | undefined;
  for await (const block of decodedBlocks(path, encoding)) {
    const lines = block.text.split("\n");
    const complete = block.partial ? lines.length - 1 : lines.at(-1) === "" ? lines.length - 1 : lines.length;
    for (let k = 0; k < lines.length; k++) {
      const line = block.firstLine + k;
      const piece = lines[k];
      invalid ??= block.invalid.get(line);
      if (k >= complete) { // the start (or a middle) of a line that goes on in the next block
        if (piece === "" && !block.partial) break;
        length += piece.length;
        if (headChars <= maxChars) {
          head.push(piece);
          headChars += piece.length;
        }
        break;
      }
      let text = head.length > 0 ? head.join("") + piece : piece;
      length += piece.length;
      head = [];
      headChars = 0;
      if (text.endsWith("\r")) {
        text = text.slice(0, -1);
        length--;
      }
      const out: DecodedLine = { line, text };
      if (length > maxChars) {
        out.text = text.slice(0, CHARS_KEPT);
        out.tooLong = length;
      }
      if (invalid) out.invalid = invalid;
      yield out;
      length = 0;
      invalid = undefined;
    }
  }
}

/** Characters of an over-long line kept for a message or the quarantine. */
const CHARS_KEPT = 2000;

/** Where to cut UTF-8 bytes so that no character is split: before a trailing incomplete sequence. */
function characterBoundary(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/**
 * How many times a byte occurs (line breaks: `countByte(bytes, 0x0a)`).
 *
 * @example
 * ```ts
 * countByte(new TextEncoder().encode("a\nb\n"), 0x0a); // 2
 * ```
 */
export function countByte(bytes: Uint8Array, byte: number): number {
  let n = 0;
  for (let k = bytes.indexOf(byte); k !== -1; k = bytes.indexOf(byte, k + 1)) n++;
  return n;
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
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
