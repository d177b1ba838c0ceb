/**
 * Public face of lib/cluster/: Soft-skill clustering: spans, normalisation, k-means and DBSCAN, agreement, taxonomies, the registry.
 * Other folders import from here, never from a file inside (tests/layers.test.ts).
 *
 * @example
 * ```ts
 * import { adjustedRandIndex } from "./mod.ts";
 * adjustedRandIndex([0, 0, 1], [1, 1, 0]); // 1
 * ```
 */
export * from "./agreement.ts";
export * from "./density.ts";
export * from "./hierarchical.ts";
export * from "./kmeans.ts";
export * from "./normalise.ts";
export * from "./project.ts";
export * from "./registry.ts";
export * from "./spans.ts";
export * from "./taxonomies.ts";
