/**
 * Typed arrays as base64 text and back, byte for byte (little-endian, as
 * in memory), for weights saved inside JSON files.
 *
 * @example
 * ```ts
 * import { fromBase64, toBase64 } from "./base64.ts";
 * new Float64Array(fromBase64(toBase64(Float64Array.of(0.1, 2))).buffer); // Float64Array [0.1, 2]
 * ```
 */

/** The bytes of a typed array as base64. */
export function toBase64(array: ArrayBufferView): string {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Base64 text as bytes in a fresh, aligned buffer (view it as the typed array it was). */
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
