/**
 * Agreement between label sources: Cohen's kappa for two raters and
 * Krippendorff's alpha (nominal) for any number, with missing ratings.
 *
 * @example
 * ```ts
 * import { cohenKappa, krippendorffAlpha } from "./agreement.ts";
 * cohenKappa([true, false, true], [true, false, false]); // 0.4
 * ```
 */

/** Cohen's kappa of two raters over the same items (binary or nominal values). */
export function cohenKappa<T>(a: T[], b: T[]): number {
  if (a.length !== b.length) throw new Error(`raters rated ${a.length} and ${b.length} items`);
  const n = a.length;
  if (n === 0) return NaN;
  const categories = [...new Set([...a, ...b])];
  let observed = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) observed++;
  let expected = 0;
  for (const c of categories) {
    expected += (a.filter((x) => x === c).length / n) * (b.filter((x) => x === c).length / n);
  }
  return expected === 1 ? (observed === n ? 1 : 0) : (observed / n - expected) / (1 - expected);
}

/**
 * Krippendorff's alpha for nominal data. `ratings[item][rater]` is a value
 * or null when that rater did not rate the item; items with fewer than two
 * ratings are ignored.
 */
export function krippendorffAlpha<T>(ratings: (T | null)[][]): number {
  const coincidence = new Map<string, number>();
  const values = new Map<T, string>();
  const keyOf = (v: T) => {
    if (!values.has(v)) values.set(v, String(values.size));
    return values.get(v)!;
  };
  let total = 0;
  for (const item of ratings) {
    const present = item.filter((v): v is T => v !== null && v !== undefined);
    const m = present.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i === j) continue;
        const key = `${keyOf(present[i])}|${keyOf(present[j])}`;
        coincidence.set(key, (coincidence.get(key) ?? 0) + 1 / (m - 1));
      }
    }
    total += m;
  }
  if (total === 0) return NaN;
  const marginal = new Map<string, number>();
  for (const [key, v] of coincidence) {
    const c = key.split("|")[0];
    marginal.set(c, (marginal.get(c) ?? 0) + v);
  }
  let observedDisagreement = 0;
  for (const [key, v] of coincidence) {
    const [c, k] = key.split("|");
    if (c !== k) observedDisagreement += v;
  }
  let expectedDisagreement = 0;
  for (const [c, nc] of marginal) {
    for (const [k, nk] of marginal) if (c !== k) expectedDisagreement += nc * nk;
  }
  expectedDisagreement /= total - 1;
  return expectedDisagreement === 0 ? 1 : 1 - observedDisagreement / expectedDisagreement;
}
