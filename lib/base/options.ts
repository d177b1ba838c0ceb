/**
 * Merging options with their defaults, where an option given as undefined
 * keeps its default (a plain spread would let `{ C: undefined }` erase it).
 *
 * @example
 * ```ts
 * withDefaults({ C: 4, seed: 42 }, { C: undefined, seed: 7 }); // { C: 4, seed: 7 }
 * ```
 */
export function withDefaults<T extends object>(defaults: T, options: Partial<T> | undefined): T {
  const out = { ...defaults };
  for (const [k, v] of Object.entries(options ?? {})) {
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}
