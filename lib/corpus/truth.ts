/**
 * Reading the generator's ground truth back against loaded offers.
 *
 * @example
 * ```ts
 * import { plantedDuplicateShares } from "./truth.ts";
 * declare const corpus: any; // your data
 * plantedDuplicateShares(corpus.truth!, corpus.offers); // { exact: 0.07, near: 0.03 }
 * ```
 */
import type { OfferTruth } from "./generator.ts";
import type { Offer } from "./schema.ts";
import { type LabelRecord, type Theme, THEMES } from "../base/mod.ts";

/** Shares of the offers that the generator planted as exact and near reposts. */
export function plantedDuplicateShares(
  truth: Map<string, OfferTruth>,
  offers: Offer[],
): { exact: number; near: number } {
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

/**
 * The generator's truth as label records (themes at 100 / 0, spans at 100),
 * in the order of `offers`, so truth compares with any label source.
 */
export function truthRecords(truth: Map<string, OfferTruth>, offers: Offer[]): LabelRecord[] {
  return offers.map((o) => {
    const t = truth.get(o.id);
    if (!t) throw new Error(`offer ${o.id} has no truth: is this the generated corpus?`);
    return {
      source: o.source,
      id: o.id,
      themes: Object.fromEntries(THEMES.map((th) => [th, t.themes.includes(th) ? 100 : 0])) as Record<
        Theme,
        number
      >,
      soft_skills: t.soft_skills.map((s) => ({
        code_ogr: s.code_ogr,
        evidence: s.text,
        confidence: 100,
        start: s.start,
        end: s.end,
      })),
      overall_confidence: 100,
    };
  });
}
