/**
 * Public face of lib/corpus/: The offers: schema, the embedded generator, loading with quarantine, cleaning, de-duplication, the France Travail client and collector.
 * Other folders import from here, never from a file inside (tests/layers.test.ts).
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * import { openRunCorpus } from "./mod.ts";
 * const corpus = await openRunCorpus(loadConfig());
 * ```
 */
export * from "./clean.ts";
export * from "./collect_ft.ts";
export * from "./collectors.ts";
export * from "./dedup.ts";
export * from "./default_corpus.ts";
export * from "./ft_api.ts";
export * from "./generator.ts";
export * from "./geo.ts";
export * from "./load.ts";
export * from "./mapping.ts";
export * from "./quarantine.ts";
export * from "./schema.ts";
export * from "./truth.ts";
export * from "./write.ts";
