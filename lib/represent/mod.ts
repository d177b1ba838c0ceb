/**
 * Public face of lib/represent/: Representations of text: TF-IDF, feature hashing, word vectors, transformer and OpenAI-compatible embeddings with their cache.
 * Other folders import from here, never from a file inside (tests/layers.test.ts).
 *
 * @example
 * ```ts
 * import { TfidfVectorizer } from "./mod.ts";
 * const vectors = new TfidfVectorizer().fitTransform(["télétravail possible", "horaires de journée"]);
 * ```
 */
export * from "./embedding_cache.ts";
export * from "./encoder.ts";
export * from "./hashing.ts";
export * from "./local_embeddings.ts";
export * from "./murmur.ts";
export * from "./openai_embeddings.ts";
export * from "./soft_skill_pairs.ts";
export * from "./sparse.ts";
export * from "./tfidf.ts";
export * from "./transformers.ts";
export * from "./word_hashing.ts";
export * from "./word_vectors.ts";
