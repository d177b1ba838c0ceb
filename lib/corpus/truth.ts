/**
 * Reading the generator's ground truth back against loaded offers.
 *
 * @example
 * ```ts
 * import { plantedDuplicateShares } from "./truth.ts";
 * plantedDuplicateShares(corpus.truth!, corpus.offers); // { exact: 0.07, near: 0.03 }
 * ```
 */
import type { OfferTruth } from "./generator.ts";
import type { Offer } from "./schema.ts";

/** Shares of the offers that the generator planted as exact and near reposts. */
export function plantedDuplicateShares(truth: Map<string, OfferTruth>, offers: Offer[]): { exact: number; near: number } {
  let exact = 0;
  let near = 0;
  for (const o of offers) {
    const kind = truth.get(o.id)?.duplicate_kind;
    if (kind === "exact") exact++;
    else if (kind === "near") near++;
  }
  const n = Math.max(1, offers.length);
  return { exact: exact / n, near: near / n };
}
