/**
 * Cross-validation for multi-label data: iterative stratification
 * (Sechidis, Tsoumakas & Vlahavas, 2011), so that every fold holds about
 * the same share of each label, rare ones included; seeded.
 *
 * @example
 * ```ts
 * import { iterativeStratifiedFolds } from "./cv.ts";
 * declare const Y: any; // your data
 * const folds = iterativeStratifiedFolds(Y, 5, 42); // folds[i] = fold of row i
 * ```
 */
import { Random, stripAccents } from "../base/mod.ts";

/** The fold (0..k-1) of each row. */
export function iterativeStratifiedFolds(Y: boolean[][], k: number, seed = 42): number[] {
  const n = Y.length;
  const labels = Y[0]?.length ?? 0;
  const random = new Random(seed);
  const fold = new Array<number>(n).fill(-1);
  const desired = new Array<number>(k).fill(n / k);
  const desiredLabel = Array.from({ length: k }, () => new Array<number>(labels).fill(0));
  for (let l = 0; l < labels; l++) {
    const count = Y.filter((row) => row[l]).length;
    for (let f = 0; f < k; f++) desiredLabel[f][l] = count / k;
  }
  const remaining = new Set(Array.from({ length: n }, (_, i) => i));
  const order = random.shuffle([...remaining]);
  while (remaining.size > 0) {
    // the label with the fewest remaining examples (ties: lowest index)
    let label = -1, fewest = Infinity;
    for (let l = 0; l < labels; l++) {
      let c = 0;
      for (const i of remaining) if (Y[i][l]) c++;
      if (c > 0 && c < fewest) {
        fewest = c;
        label = l;
      }
    }
    const rows = label < 0
      ? order.filter((i) => remaining.has(i))
      : order.filter((i) => remaining.has(i) && Y[i][label]);
    for (const i of rows) {
      let best: number[] = [];
      let bestValue = -Infinity;
      for (let f = 0; f < k; f++) {
        const v = label < 0 ? desired[f] : desiredLabel[f][label];
        if (v > bestValue + 1e-12) {
          bestValue = v;
          best = [f];
        } else if (Math.abs(v - bestValue) <= 1e-12) best.push(f);
      }
      if (best.length > 1 && label >= 0) { // tie: the fold that wants the most examples overall
        const most = Math.max(...best.map((f) => desired[f]));
        best = best.filter((f) => Math.abs(desired[f] - most) <= 1e-12);
      }
      const f = best.length === 1 ? best[0] : random.pick(best);
      fold[i] = f;
      remaining.delete(i);
      desired[f]--;
      for (let l = 0; l < labels; l++) if (Y[i][l]) desiredLabel[f][l]--;
    }
  }
  return fold;
}

/** Train and test row indices of each fold. */
export function foldSplits(folds: number[], k: number): { train: number[]; test: number[] }[] {
  return Array.from({ length: k }, (_, f) => ({
    train: folds.flatMap((g, i) => (g !== f ? [i] : [])),
    test: folds.flatMap((g, i) => (g === f ? [i] : [])),
  }));
}

/**
 * Folds that keep each group whole (an occupation, an employer): every fold
 * is then tested on groups its training never saw. Groups go, largest
 * first (ties in seeded order), to the fold with the fewest rows so far.
 *
 * @example
 * ```ts
 * groupedFolds(["M1805", "M1805", "K2303", "H1501"], 2); // [0, 0, 1, 1]
 * ```
 */
export function groupedFolds(groups: string[], k: number, seed = 42): number[] {
  const members = new Map<string, number[]>();
  groups.forEach((g, i) => members.set(g, [...(members.get(g) ?? []), i]));
  if (members.size < k) throw new Error(`${members.size} groups cannot fill ${k} grouped folds`);
  const order = new Random(seed).shuffle([...members.keys()]).sort((a, b) =>
    members.get(b)!.length - members.get(a)!.length
  );
  const size = new Array<number>(k).fill(0);
  const fold = new Array<number>(groups.length);
  for (const g of order) {
    const f = size.indexOf(Math.min(...size));
    for (const i of members.get(g)!) fold[i] = f;
    size[f] += members.get(g)!.length;
  }
  return fold;
}

/** The occupation an offer is grouped by: its ROME code, else the first two words of its title. */
export function occupationOf(offer: { rome: string | null; title: string }): string {
  return offer.rome ?? offer.title.toLowerCase().split(/\s+/).slice(0, 2).join(" ");
}

/**
 * An offer's ROME family: its code's letter ("M" for support and IT, "J" for
 * health...); offers without a code by the first word of their title.
 *
 * @example
 * ```ts
 * familyOf({ rome: "J1501", title: "Aide-soignant" }); // "J"
 * familyOf({ rome: null, title: "Aide-soignant(e) de nuit" }); // "title: aide"
 * ```
 */
export function familyOf(offer: { rome: string | null; title: string }): string {
  if (offer.rome) return offer.rome[0].toUpperCase();
  const word = stripAccents(offer.title.toLowerCase()).match(/[a-z]{3,}/);
  return `title: ${word?.[0] ?? "?"}`;
}

/**
 * The folds a training run reports: grouped by occupation when the labels
 * span at least k occupations (the test that matches applying a model to
 * occupations it never saw), else iteratively stratified; with their name.
 *
 * @example
 * ```ts
 * import type { Offer } from "../corpus/mod.ts";
 * declare const offers: Offer[];
 * declare const Y: any; // your data
 * const { scheme, folds } = reportingFolds(offers, Y, 5); // scheme: "grouped by occupation"
 * ```
 */
export function reportingFolds(
  offers: { rome: string | null; title: string }[],
  Y: boolean[][],
  k: number,
  seed = 42,
): { scheme: string; folds: number[] } {
  const groups = offers.map(occupationOf);
  return new Set(groups).size >= k
    ? { scheme: "grouped by occupation", folds: groupedFolds(groups, k, seed) }
    : {
      scheme: "iterative stratification (fewer occupations than folds)",
      folds: iterativeStratifiedFolds(Y, k, seed),
    };
}

/**
 * Out-of-fold predictions: for each fold, `fitPredict` trains on the other
 * rows and returns one prediction per test row; they come back in row order.
 *
 * @example
 * ```ts
 * declare const Y: any; // your data
 * declare const folds: any; // your data
 * declare const fit: any; // your data
 * const predicted = outOfFold(Y.length, folds, (train, test) => fit(train).predict(test));
 * ```
 */
export function outOfFold<P>(
  n: number,
  folds: number[],
  fitPredict: (train: number[], test: number[]) => P[],
): P[] {
  const out = new Array<P>(n);
  const k = Math.max(...folds) + 1;
  for (const { train, test } of foldSplits(folds, k)) {
    if (test.length) fitPredict(train, test).forEach((p, j) => (out[test[j]] = p));
  }
  return out;
}
