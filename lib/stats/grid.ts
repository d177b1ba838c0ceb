/**
 * A grid search that does not stop on its own edge: every value of the grid
 * is scored; while the best one is the largest (or smallest) value tried and
 * strictly better than its neighbour, the grid is extended past that edge,
 * at most `widen` times. Whatever still ends on an edge is reported, so the
 * caller can say that the optimum may lie beyond. Ties go to the smaller
 * value (the simpler model, the fewer clusters).
 *
 * @example
 * ```ts
 * import { searchGrid } from "./grid.ts";
 * declare const cv: any; // your data
 * const s = searchGrid([1, 2, 4], (C) => ({ C, f1: cv(C) }), (r) => r.f1, (side, lo, hi) => side === "largest" ? hi * 2 : lo / 2);
 * s.best.C; s.edge; // null, or "largest" / "smallest" when the best is still on an edge
 * ```
 */

/** Where the best value lies when it is on the edge of what was tried. */
export type GridEdge = "largest" | "smallest";

/** The outcome of {@link searchGrid}: every result by value, the best, how often the grid grew, and the edge it still ends on. */
export interface GridSearch<R> {
  results: R[];
  best: R;
  bestValue: number;
  widened: number;
  edge: GridEdge | null;
}

/**
 * Scores `values`, then widens past an edge holding the best (see the module
 * doc). `beyond(side, lowest, highest)` gives the next value on that side,
 * or null when the side cannot grow (k cannot reach the number of points).
 */
export function searchGrid<R>(
  values: number[],
  evaluate: (value: number) => R,
  score: (result: R) => number,
  beyond: (side: GridEdge, lowest: number, highest: number) => number | null,
  widen = 2,
): GridSearch<R> {
  const steps = gridSteps(values, score, beyond, widen);
  for (let step = steps.next();; step = steps.next(evaluate(step.value as number))) {
    if (step.done) return step.value;
  }
}

/**
 * {@link searchGrid} for an asynchronous `evaluate` (a model whose training
 * awaits a backend); the values are still scored one after the other.
 *
 * @example
 * ```ts
 * declare const cv: any; // your data
 * const s = await searchGridAsync([0.5, 2, 8], async (C) => ({ C, f1: await cv(C) }), (r) => r.f1, (side, lo, hi) => side === "largest" ? hi * 4 : lo / 4);
 * ```
 */
export async function searchGridAsync<R>(
  values: number[],
  evaluate: (value: number) => Promise<R>,
  score: (result: R) => number,
  beyond: (side: GridEdge, lowest: number, highest: number) => number | null,
  widen = 2,
): Promise<GridSearch<R>> {
  const steps = gridSteps(values, score, beyond, widen);
  for (let step = steps.next();; step = steps.next(await evaluate(step.value as number))) {
    if (step.done) return step.value;
  }
}

/** The search as steps: yields each value to score, receives its result, returns the search. */
function* gridSteps<R>(
  values: number[],
  score: (result: R) => number,
  beyond: (side: GridEdge, lowest: number, highest: number) => number | null,
  widen: number,
): Generator<number, GridSearch<R>, R> {
  if (values.length === 0) throw new Error("a grid search needs at least one value");
  const tried = new Map<number, R>();
  for (const v of [...new Set(values)].sort((a, b) => a - b)) tried.set(v, yield v);
  const sorted = () => [...tried.keys()].sort((a, b) => a - b);
  const bestValue = () =>
    sorted().reduce((a, b) => (score(tried.get(b)!) > score(tried.get(a)!) + 1e-12 ? b : a));
  const edge = (): GridEdge | null => {
    const keys = sorted(), best = bestValue();
    if (keys.length < 2) return null;
    const better = (neighbour: number) => score(tried.get(best)!) > score(tried.get(neighbour)!) + 1e-12;
    if (best === keys[keys.length - 1] && better(keys[keys.length - 2])) return "largest";
    if (best === keys[0] && better(keys[1])) return "smallest";
    return null;
  };
  const initial = tried.size;
  for (let step = 0, side = edge(); step < widen && side; step++, side = edge()) {
    const keys = sorted();
    const next = beyond(side, keys[0], keys[keys.length - 1]);
    if (next === null || tried.has(next)) break;
    tried.set(next, yield next);
  }
  const best = bestValue();
  return {
    results: sorted().map((v) => tried.get(v)!),
    best: tried.get(best)!,
    bestValue: best,
    widened: tried.size - initial,
    edge: edge(),
  };
}
