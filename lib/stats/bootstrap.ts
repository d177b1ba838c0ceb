/**
 * Bootstrap intervals for multi-label scores: the offers are resampled with
 * replacement (the same seeded resamples for every model, so differences
 * between models are paired), and micro/macro F1, precision and recall are
 * recomputed on each resample; intervals are the 2.5 and 97.5 percentiles (stats/estimate.ts's rule).
 *
 * @example
 * ```ts
 * import { Bootstrap } from "./bootstrap.ts";
 * declare const truth: any; // your data
 * declare const predictedA: any; // your data
 * declare const predictedB: any; // your data
 * const boot = new Bootstrap(truth.length, 1000, 42);
 * const a = boot.scores(truth, predictedA, ["A", "B"]);
 * a.micro.f1.interval; // [0.71, 0.83]
 * boot.difference(a, boot.scores(truth, predictedB, ["A", "B"])).interval; // paired: A minus B
 * ```
 */
import { Random } from "../base/mod.ts";
import { type Estimate, percentileInterval } from "./estimate.ts";

/** Bootstrapped scores of one model; `samples` holds the micro F1 of every resample (for paired differences). */
export interface BootstrapScores {
  micro: { f1: Estimate; precision: Estimate; recall: Estimate };
  macro: { f1: Estimate };
  perClass: Record<string, Estimate & { support: number }>;
  /** Labels the macro average runs over: those present at least once in the truth. */
  macroLabels: string[];
  samples: Float64Array;
}

const f1Of = (tp: number, fp: number, fn: number) => (2 * tp + fp + fn ? (2 * tp) / (2 * tp + fp + fn) : 0);
const ratio = (a: number, b: number) => (b ? a / b : 0);

/** Seeded resamples of n items, shared by every model scored with it. */
export class Bootstrap {
  /** counts[b][i]: how many times item i is drawn in resample b. */
  readonly counts: Uint16Array[];
  constructor(readonly n: number, readonly resamples = 1000, seed = 42) {
    const random = new Random(seed);
    this.counts = Array.from({ length: resamples }, () => {
      const c = new Uint16Array(n);
      for (let k = 0; k < n; k++) c[Math.floor(random.next() * n)]++;
      return c;
    });
  }

  /** Micro and macro scores with intervals for predictions against the truth (rows = items, columns = labels). */
  scores(truth: boolean[][], predicted: boolean[][], labels: readonly string[]): BootstrapScores {
    if (truth.length !== this.n || predicted.length !== this.n) {
      throw new Error(
        `the bootstrap was drawn for ${this.n} items, got ${truth.length} truths and ${predicted.length} predictions`,
      );
    }
    const L = labels.length;
    // per item and label: 1 true positive, 2 false positive, 3 false negative, 0 true negative
    const outcome = new Uint8Array(this.n * L);
    const support = new Array<number>(L).fill(0);
    for (let i = 0; i < this.n; i++) {
      for (let j = 0; j < L; j++) {
        const t = truth[i][j], p = predicted[i][j];
        outcome[i * L + j] = t && p ? 1 : p ? 2 : t ? 3 : 0;
        if (t) support[j]++;
      }
    }
    const present = labels.map((_, j) => j).filter((j) => support[j] > 0);
    const tally = (weight: (i: number) => number) => {
      const tp = new Float64Array(L), fp = new Float64Array(L), fn = new Float64Array(L);
      for (let i = 0; i < this.n; i++) {
        const w = weight(i);
        if (w === 0) continue;
        for (let j = 0; j < L; j++) {
          const o = outcome[i * L + j];
          if (o === 1) tp[j] += w;
          else if (o === 2) fp[j] += w;
          else if (o === 3) fn[j] += w;
        }
      }
      const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0);
      const [TP, FP, FN] = [sum(tp), sum(fp), sum(fn)];
      const perClass = labels.map((_, j) => f1Of(tp[j], fp[j], fn[j]));
      return {
        f1: f1Of(TP, FP, FN),
        precision: ratio(TP, TP + FP),
        recall: ratio(TP, TP + FN),
        perClass,
        macro: present.length ? present.reduce((s, j) => s + perClass[j], 0) / present.length : 0,
      };
    };
    const point = tally(() => 1);
    const draws = this.counts.map((c) => tally((i) => c[i]));
    const interval = (pick: (d: ReturnType<typeof tally>) => number): Estimate => ({
      value: pick(point),
      interval: percentileInterval(Float64Array.from(draws, pick)),
    });
    return {
      micro: {
        f1: interval((d) => d.f1),
        precision: interval((d) => d.precision),
        recall: interval((d) => d.recall),
      },
      macro: { f1: interval((d) => d.macro) },
      perClass: Object.fromEntries(
        labels.map((label, j) => [label, { ...interval((d) => d.perClass[j]), support: support[j] }]),
      ),
      macroLabels: present.map((j) => labels[j]),
      samples: Float64Array.from(draws, (d) => d.f1),
    };
  }

  /** Micro F1 of `a` minus that of `b`, paired over the same resamples, with the share of resamples where a wins. */
  difference(a: BootstrapScores, b: BootstrapScores): Estimate & { aWins: number } {
    const d = a.samples.map((x, k) => x - b.samples[k]);
    const aWins = d.filter((x) => x > 0).length / d.length;
    return { value: a.micro.f1.value - b.micro.f1.value, interval: percentileInterval(d), aWins };
  }
}
