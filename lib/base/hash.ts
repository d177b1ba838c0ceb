/**
 * The project's string hash: 32-bit FNV-1a, used for text identity (reposts),
 * MinHash shingles, feature hashing and seeded choices.
 *
 * @example
 * ```ts
 * import { fnv1a } from "./hash.ts";
 * fnv1a("rigoureux"); // a 32-bit unsigned integer, the same on every machine
 * fnv1a("rigoureux", 7); // another seed, another hash
 * ```
 */

/** 32-bit FNV-1a of a string. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
