/**
 * Public face of lib/base/: The bottom layer: readers and decoders, files and hashing, randomness, CSV, labels and the shared vocabulary (themes, soft skills).
 * Other folders import from here, never from a file inside (tests/layers.test.ts).
 *
 * @example
 * ```ts
 * import { THEMES } from "./mod.ts";
 * THEMES.length; // 6
 * ```
 */
export * from "./base64.ts";
export * from "./csv.ts";
export * from "./decode.ts";
export * from "./files.ts";
export * from "./fold.ts";
export * from "./hash.ts";
export * from "./labels.ts";
export * from "./options.ts";
export * from "./random.ts";
export * from "./readers.ts";
export * from "./vocabulary.ts";
