/**
 * Before/after a break (Covid, March 2020) for a theme: the difference in
 * shares with bootstrap confidence intervals, a composition-adjusted
 * difference (after-period shares reweighted to the before-period mix of
 * cells, e.g. sector × région, so that a change in who posts offers is not
 * read as a change in what offers say), shares corrected for the
 * classifier's error rates, and an event study by quarter.
 *
 * The bootstrap is the Poisson bootstrap (each offer weighted by a
 * Poisson(1) draw, which, summed over the offers of a cell, is one
 * Poisson(count) draw per cell and outcome): seeded, fast on millions of
 * offers, and it resamples the validation counts of the correction too, so
 * the intervals carry the uncertainty of the classifier's error rates.
 * With `cluster` (the employer), the offers of one cluster share one
 * Poisson(1) weight: an employer that posts many similar offers moves the
 * share as one unit, and the interval widens accordingly.
 * The error rates can be given per period (validation offers before and
 * after the break counted apart): a classifier whose precision or recall
 * moved at the break would otherwise turn its own drift into a finding.
 *
 * @example
 * ```ts
 * import { beforeAfter } from "./covid.ts";
 * import type { LabelledOffer } from "../bulk/mod.ts";
 * declare const base: LabelledOffer[];
 * const r = beforeAfter(base, { value: (o) => o.themes.WORK_LIFE_BALANCE, cell: (o) => `${o.naf_section}|${o.region}`, breakMonth: "2020-03" });
 * r.raw.value; r.raw.interval; r.adjusted.interval;
 * ```
 */
import { Random } from "../base/mod.ts";
import { type Estimate, percentileInterval } from "../stats/mod.ts";
import { quarterOf } from "./series.ts";

/** Validation counts of a classifier for one label (predictions vs human or true labels). */
export interface ErrorCounts {
  tp: number;
  fp: number;
  fn: number;
}

/** Validation counts before and from the break, for a correction that lets the error rates differ by period. */
export interface PeriodErrors {
  before: ErrorCounts;
  after: ErrorCounts;
}

/** One draw from Poisson(lambda). */
export function poisson(lambda: number, random: () => number): number {
  if (lambda <= 0) return 0;
  if (lambda < 30) {
    const limit = Math.exp(-lambda);
    let k = 0, p = random();
    while (p > limit) {
      k++;
      p *= random();
    }
    return k;
  }
  const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
}

/** The share a classifier's observed share stands for: observed × precision / recall, in [0, 1]. */
export function correctedShare(observed: number, counts: ErrorCounts): number {
  return Math.min(1, Math.max(0, observed * factorOf(counts)));
}

/**
 * A monthly series of shares corrected for the classifier's error rates,
 * each month by its period's factor (one factor when the counts are pooled);
 * null where the share or the factor is undefined.
 *
 * @example
 * ```ts
 * correctSeries(["2020-01", "2020-04"], [0.2, 0.3], { before: { tp: 9, fp: 1, fn: 1 }, after: { tp: 6, fp: 0, fn: 4 } });
 * // [0.2, 0.5]: after the break recall is 0.6, precision 1
 * ```
 */
export function correctSeries(
  months: string[],
  shares: (number | null)[],
  errors: ErrorCounts | PeriodErrors,
  breakMonth = "2020-03",
): (number | null)[] {
  const [fb, fa] = factorsOf(errors);
  return shares.map((s, i) => {
    const f = months[i] < breakMonth ? fb : fa;
    return s === null || !Number.isFinite(f) ? null : s * f;
  });
}

/** Whether an estimate's interval holds a value (the planted one, on the generator). */
export function covers(e: Estimate, value: number): boolean {
  return e.interval[0] <= value && value <= e.interval[1];
}

/** Options of {@link beforeAfter} and {@link eventStudy}. */
export interface BreakOptions<T> {
  value: (o: T) => boolean;
  /** The composition cell of an offer (e.g. sector × région); only beforeAfter uses it. */
  cell?: (o: T) => string;
  /** The resampling cluster of an offer (its employer): offers of one cluster are drawn together; null draws the offer alone. */
  cluster?: (o: T) => string | null;
  /** First month of the "after" period. @default "2020-03" */
  breakMonth?: string;
  /** Validation counts, pooled or per period: when given, the corrected estimates are computed too. */
  errors?: ErrorCounts | PeriodErrors;
  /** Bootstrap replicates. @default 1000 */
  resamples?: number;
  seed?: number;
  /** Confidence level. @default 0.95 */
  level?: number;
}

interface Counts {
  k: number;
  m: number;
}

const ZERO: Counts = { k: 0, m: 0 };

function add(map: Map<string, Counts>, key: string, k: number, m: number) {
  const c = map.get(key);
  if (c) {
    c.k += k;
    c.m += m;
  } else map.set(key, { k, m });
}

/**
 * Offers with (k) and without (m) the theme per key (a cell, a quarter), and
 * one bootstrap draw of those counts: a Poisson(count) draw per key for the
 * offers drawn alone, one Poisson(1) weight per cluster for the others.
 */
function resampledCounts<T>(
  offers: T[],
  key: (x: T) => string | null,
  value: (x: T) => boolean,
  cluster?: (x: T) => string | null,
) {
  const point = new Map<string, Counts>(), alone = new Map<string, Counts>();
  const clusters = new Map<string, Map<string, Counts>>();
  for (const x of offers) {
    const k = key(x);
    if (k === null) continue;
    const v = value(x) ? 1 : 0;
    add(point, k, v, 1 - v);
    const c = cluster?.(x) ?? null;
    if (c === null) add(alone, k, v, 1 - v);
    else {
      let members = clusters.get(c);
      if (!members) clusters.set(c, members = new Map());
      add(members, k, v, 1 - v);
    }
  }
  const grouped = [...clusters.values()].map((members) => [...members]);
  const draw = (random: () => number): Map<string, Counts> => {
    const out = new Map<string, Counts>();
    for (const [k, c] of alone) out.set(k, { k: poisson(c.k, random), m: poisson(c.m, random) });
    for (const members of grouped) {
      const w = poisson(1, random);
      if (w > 0) { for (const [k, c] of members) add(out, k, w * c.k, w * c.m); }
    }
    return out;
  };
  return { point, draw, clusters: clusters.size };
}

const byPeriod = (
  errors: ErrorCounts | PeriodErrors,
): [ErrorCounts, ErrorCounts] => ("before" in errors ? [errors.before, errors.after] : [errors, errors]);

/** One bootstrap draw of the correction factors [before, after] (pooled counts give one draw for both). */
function drawFactors(errors: ErrorCounts | PeriodErrors | undefined, random: () => number): [number, number] {
  if (!errors) return [1, 1];
  const draw = (e: ErrorCounts) =>
    errorRates({ tp: poisson(e.tp, random), fp: poisson(e.fp, random), fn: poisson(e.fn, random) }).factor ??
      NaN;
  if (!("before" in errors)) {
    const f = draw(errors);
    return [f, f];
  }
  return [draw(errors.before), draw(errors.after)];
}

/**
 * Precision, recall and the correction factor P/R (what multiplies an
 * observed share to give the corrected one) of validation counts; null where
 * the counts leave it undefined (no true positive: nothing to correct with).
 *
 * @example
 * ```ts
 * errorRates({ tp: 8, fp: 2, fn: 2 }); // { precision: 0.8, recall: 0.8, factor: 1 }
 * errorRates({ tp: 0, fp: 0, fn: 0 }); // { precision: null, recall: null, factor: null }
 * ```
 */
export function errorRates(
  e: ErrorCounts,
): { precision: number | null; recall: number | null; factor: number | null } {
  const precision = e.tp + e.fp > 0 ? e.tp / (e.tp + e.fp) : null;
  const recall = e.tp + e.fn > 0 ? e.tp / (e.tp + e.fn) : null;
  return { precision, recall, factor: e.tp > 0 ? precision! / recall! : null };
}

/** precision / recall; NaN when the validation has no true positive (the corrected estimates are then undefined). */
function factorOf(errors: ErrorCounts | undefined): number {
  return errors ? errorRates(errors).factor ?? NaN : 1;
}

/** The correction factors [before, after] of pooled or per-period counts. */
function factorsOf(errors: ErrorCounts | PeriodErrors | undefined): [number, number] {
  if (!errors) return [1, 1];
  const [b, a] = byPeriod(errors);
  return [factorOf(b), factorOf(a)];
}

/** What {@link breakCoverage} found: whether the base can answer a before/after question, and why not. */
export interface BreakCoverage {
  breakMonth: string;
  /** Dated offers before and from the break month. */
  before: number;
  after: number;
  /** Quarters with offers before and from the break's quarter. */
  quartersBefore: number;
  quartersAfter: number;
  firstMonth: string | null;
  lastMonth: string | null;
  /** True when both sides have enough offers and quarters for beforeAfter and eventStudy. */
  testable: boolean;
  /** Why not, in a sentence for the page (empty when testable). */
  reason: string;
}

/**
 * Whether a base spans the break well enough for a before/after comparison
 * and an event study: at least `minOffers` dated offers on each side and
 * `minQuartersBefore` quarters before the break (a reference quarter and a
 * pre-trend). A real extract of a few months answers "not testable", with the
 * date range in the reason, instead of an empty figure or NaN.
 *
 * @example
 * ```ts
 * const c = breakCoverage([{ month: "2024-01" }, { month: "2024-03" }]);
 * c.testable; // false
 * c.reason;   // "the offers run from 2024-01 to 2024-03: none before 2020-03, ..."
 * ```
 */
export function breakCoverage(
  offers: { month: string | null }[],
  o: { breakMonth?: string; minOffers?: number; minQuartersBefore?: number } = {},
): BreakCoverage {
  const breakMonth = o.breakMonth ?? "2020-03";
  const minOffers = o.minOffers ?? 100, minQuarters = o.minQuartersBefore ?? 2;
  const breakQuarter = quarterOf(breakMonth);
  let before = 0, after = 0;
  let firstMonth: string | null = null, lastMonth: string | null = null;
  const quarters = [new Set<string>(), new Set<string>()];
  for (const x of offers) {
    if (!x.month) continue;
    if (firstMonth === null || x.month < firstMonth) firstMonth = x.month;
    if (lastMonth === null || x.month > lastMonth) lastMonth = x.month;
    if (x.month >= breakMonth) after++;
    else before++;
    const q = quarterOf(x.month);
    quarters[q < breakQuarter ? 0 : 1].add(q);
  }
  const problems: string[] = [];
  if (before < minOffers) {
    problems.push(
      `${before.toLocaleString("en")} dated offers before ${breakMonth} (at least ${minOffers} needed)`,
    );
  }
  if (after < minOffers) {
    problems.push(`${after.toLocaleString("en")} from ${breakMonth} on (at least ${minOffers} needed)`);
  }
  if (quarters[0].size < minQuarters) {
    problems.push(
      `${
        quarters[0].size
      } quarters before ${breakQuarter} (at least ${minQuarters} needed for a reference quarter and a pre-trend)`,
    );
  }
  const range = firstMonth ? `the offers run from ${firstMonth} to ${lastMonth}` : "no offer has a date";
  return {
    breakMonth,
    before,
    after,
    quartersBefore: quarters[0].size,
    quartersAfter: quarters[1].size,
    firstMonth,
    lastMonth,
    testable: problems.length === 0,
    reason: problems.length
      ? `${range}: ${problems.join(", ")}; the before/after comparison and the event study are skipped`
      : "",
  };
}

/**
 * Shares before and after the break and their difference: raw, composition-
 * adjusted, and (with `errors`) corrected for the classifier's error rates.
 */
export function beforeAfter<T extends { month: string | null }>(offers: T[], o: BreakOptions<T>) {
  const breakMonth = o.breakMonth ?? "2020-03";
  const cell = o.cell ?? (() => "all");
  // keys "<period>|<cell>": period 0 before the break, 1 from it
  const counts = resampledCounts(
    offers,
    (x) => (x.month ? `${x.month >= breakMonth ? 1 : 0}|${cell(x)}` : null),
    o.value,
    o.cluster,
  );
  const cellsOf = (period: number) =>
    [...counts.point.keys()].filter((k) => k[0] === String(period)).map((k) => k.slice(2));
  const cells = [cellsOf(0), cellsOf(1)];
  const inAfter = new Set(cells[1]);
  const common = cells[0].filter((k) => inAfter.has(k)).sort();
  // the shares of each period, and the before-period mix of the common cells (composition adjustment)
  const components = (drawn: Map<string, Counts>) => {
    const get = (period: number, key: string) => drawn.get(`${period}|${key}`) ?? ZERO;
    const totals = cells.map((keys, period) => {
      let k = 0, n = 0;
      for (const key of keys) {
        const d = get(period, key);
        k += d.k;
        n += d.k + d.m;
      }
      return k / n;
    });
    let wSum = 0, before = 0, after = 0;
    for (const key of common) {
      const b = get(0, key), a = get(1, key);
      const nb = b.k + b.m, na = a.k + a.m;
      if (nb === 0 || na === 0) continue;
      wSum += nb;
      before += b.k;
      after += nb * (a.k / na);
    }
    return { before: totals[0], after: totals[1], mixBefore: before / wSum, mixAfter: after / wSum };
  };
  /** Each period's share times its correction factor. */
  const scaled = (c: ReturnType<typeof components>, [fb, fa]: [number, number]) => ({
    before: c.before * fb,
    after: c.after * fa,
    raw: c.after * fa - c.before * fb,
    adjusted: c.mixAfter * fa - c.mixBefore * fb,
  });
  const point = components(counts.point);
  const factors = factorsOf(o.errors);
  const random = new Random(o.seed ?? 42).next;
  const draws: ReturnType<typeof scaled>[] = [];
  const resampled: ReturnType<typeof scaled>[] = [];
  for (let r = 0; r < (o.resamples ?? 1000); r++) {
    const f = drawFactors(o.errors, random);
    const e = components(counts.draw(random));
    draws.push(scaled(e, [1, 1]));
    resampled.push(scaled(e, f));
  }
  const level = o.level ?? 0.95;
  const est = (
    value: number,
    key: "before" | "after" | "raw" | "adjusted",
    from: typeof draws,
  ): Estimate => ({ value, interval: percentileInterval(from.map((d) => d[key]), level) });
  const offersIn = (period: number, key: string) => {
    const c = counts.point.get(`${period}|${key}`)!;
    return c.k + c.m;
  };
  const n = cells.map((keys, period) => keys.reduce((a, key) => a + offersIn(period, key), 0));
  const inCommon = common.reduce((a, key) => a + offersIn(0, key), 0);
  const plain = scaled(point, [1, 1]), corrected = scaled(point, factors);
  return {
    breakMonth,
    n: { before: n[0], after: n[1] },
    /** Cells of each period, those in both, and the share of before-period offers in a common cell (what the adjustment rests on). */
    cells: {
      before: cells[0].length,
      after: cells[1].length,
      common: common.length,
      beforeInCommon: n[0] ? inCommon / n[0] : NaN,
    },
    /** Resampling clusters (employers) drawn as one unit; 0 when every offer is drawn alone. */
    clusters: counts.clusters,
    before: est(plain.before, "before", draws),
    after: est(plain.after, "after", draws),
    raw: est(plain.raw, "raw", draws),
    adjusted: est(plain.adjusted, "adjusted", draws),
    corrected: o.errors
      ? {
        /** The factor P/R of each period (equal when the counts are pooled). */
        factors: { before: factors[0], after: factors[1] },
        perPeriod: "before" in o.errors,
        before: est(corrected.before, "before", resampled),
        after: est(corrected.after, "after", resampled),
        raw: est(corrected.raw, "raw", resampled),
        adjusted: est(corrected.adjusted, "adjusted", resampled),
      }
      : null,
  };
}

/**
 * Event study by quarter: each quarter's share minus the share of the
 * reference quarter (the last full quarter before the break), with
 * bootstrap intervals; corrected for error rates when `errors` is given.
 */
export function eventStudy<T extends { month: string | null }>(offers: T[], o: BreakOptions<T>) {
  const breakMonth = o.breakMonth ?? "2020-03";
  const breakQuarter = quarterOf(breakMonth);
  const counts = resampledCounts(offers, (x) => (x.month ? quarterOf(x.month) : null), o.value, o.cluster);
  const quarters = [...counts.point.keys()].sort();
  const reference = quarters.filter((q) => q < breakQuarter).pop();
  if (!reference) {
    throw new Error(`no quarter before ${breakQuarter}: an event study needs data before the break`);
  }
  const share = (c: Counts | undefined) => (c ? c.k / (c.k + c.m) : NaN);
  // each quarter's share corrected by its period's factor, minus the reference quarter's (a before-break quarter)
  const effect = (drawn: Map<string, Counts>, [fb, fa]: [number, number], q: string) =>
    share(drawn.get(q)) * (q < breakQuarter ? fb : fa) - share(drawn.get(reference)) * fb;
  const factors = factorsOf(o.errors);
  const random = new Random(o.seed ?? 42).next;
  const draws: number[][] = quarters.map(() => []);
  for (let r = 0; r < (o.resamples ?? 1000); r++) {
    const f = drawFactors(o.errors, random);
    const drawn = counts.draw(random);
    quarters.forEach((q, i) => draws[i].push(effect(drawn, f, q)));
  }
  return {
    reference,
    breakQuarter,
    quarters: quarters.map((q, i) => ({
      quarter: q,
      n: counts.point.get(q)!.k + counts.point.get(q)!.m,
      effect: effect(counts.point, factors, q),
      interval: percentileInterval(draws[i], o.level ?? 0.95),
    })),
  };
}

/**
 * The before/after comparison within each group (sector, région...): one
 * row per group with at least `minOffers` dated offers on each side, the
 * raw and (with `errors`) corrected differences with their intervals.
 * Groups share the base's error counts: the correction assumes the
 * classifier errs alike in every group.
 *
 * @example
 * ```ts
 * import type { LabelledOffer } from "../bulk/mod.ts";
 * declare const base: LabelledOffer[];
 * declare const errors: any; // your data
 * changesBy(base, (o) => o.naf_section, { value: (o) => o.themes.WORK_LIFE_BALANCE, errors, minOffers: 200 });
 * ```
 */
export function changesBy<T extends { month: string | null }>(
  offers: T[],
  key: (o: T) => string | null,
  o: BreakOptions<T> & { minOffers?: number },
) {
  const breakMonth = o.breakMonth ?? "2020-03", minOffers = o.minOffers ?? 200;
  const groups = new Map<string, T[]>();
  for (const x of offers) {
    const g = key(x);
    if (g === null || !x.month) continue;
    const list = groups.get(g) ?? [];
    list.push(x);
    groups.set(g, list);
  }
  return [...groups].flatMap(([group, members]) => {
    const after = members.filter((x) => x.month! >= breakMonth).length, before = members.length - after;
    if (before < minOffers || after < minOffers) return [];
    const r = beforeAfter(members, o);
    return [{ group, before: r.n.before, after: r.n.after, raw: r.raw, corrected: r.corrected?.raw ?? null }];
  }).sort((a, b) => b.before + b.after - (a.before + a.after) || a.group.localeCompare(b.group));
}
