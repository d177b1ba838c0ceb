/**
 * Public face of lib/text/: Text utilities: tokens, stop words, phrases, sentences, multi-pattern search, spell-check.
 * Other folders import from here, never from a file inside (tests/layers.test.ts).
 *
 * @example
 * ```ts
 * import { sentences, tokenize } from "./mod.ts";
 * tokenize("Télétravail possible"); // ["télétravail", "possible"]
 * sentences("Poste en CDI. Télétravail possible.").length; // 2
 * ```
 */
export * from "./multi_pattern.ts";
export * from "./phrases.ts";
export * from "./sentences.ts";
export * from "./spellcheck.ts";
export * from "./stopwords.ts";
export * from "./tokens.ts";
export * from "./vocabulary.ts";
