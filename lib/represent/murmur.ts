/**
 * MurmurHash3 (x86, 32-bit) over bytes, and over the UTF-8 bytes of a
 * string without allocating — the hash scikit-learn's HashingVectorizer
 * uses, so features computed here and there agree bucket for bucket.
 *
 * @example
 * ```ts
 * import { murmur3String } from "./murmur.ts";
 * murmur3String("télétravail"); // signed 32-bit, as sklearn's murmurhash3_32(s, positive=False)
 * ```
 */

/** Signed 32-bit MurmurHash3 of `length` bytes of `bytes` from `offset`. */
export function murmur3(bytes: Uint8Array, length = bytes.length, seed = 0, offset = 0): number {
  let h = seed | 0;
  const blocks = offset + (length & ~3);
  for (let i = offset; i < blocks; i += 4) {
    let k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let k = 0;
  switch (length & 3) {
    case 3:
      k ^= bytes[blocks + 2] << 16;
    // falls through
    case 2:
      k ^= bytes[blocks + 1] << 8;
    // falls through
    case 1:
      k ^= bytes[blocks];
      k = Math.imul(k, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, 0x1b873593);
      h ^= k;
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Writes the UTF-8 bytes of `s` into `out` from `at`; returns the new end. `out` must have room for 3 bytes a UTF-16 unit. */
export function utf8Into(s: string, out: Uint8Array, at = 0): number {
  let p = at;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) out[p++] = c;
    else if (c < 0x800) {
      out[p++] = 0xc0 | (c >> 6);
      out[p++] = 0x80 | (c & 63);
    } else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
        out[p++] = 0xf0 | (c >> 18);
        out[p++] = 0x80 | ((c >> 12) & 63);
        out[p++] = 0x80 | ((c >> 6) & 63);
        out[p++] = 0x80 | (c & 63);
      } else p = threeBytes(c, out, p);
    } else p = threeBytes(c, out, p);
  }
  return p;
}

function threeBytes(c: number, out: Uint8Array, p: number): number {
  // A lone surrogate becomes U+FFFD, as Python's strict encoder would refuse it and TextEncoder replaces it.
  const code = c >= 0xd800 && c < 0xe000 ? 0xfffd : c;
  out[p] = 0xe0 | (code >> 12);
  out[p + 1] = 0x80 | ((code >> 6) & 63);
  out[p + 2] = 0x80 | (code & 63);
  return p + 3;
}

let scratch = new Uint8Array(1024);

/** Signed 32-bit MurmurHash3 of the UTF-8 bytes of `s`. */
export function murmur3String(s: string, seed = 0): number {
  if (s.length * 3 > scratch.length) scratch = new Uint8Array(s.length * 3 * 2);
  return murmur3(scratch, utf8Into(s, scratch), seed);
}
