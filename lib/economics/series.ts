/**
 * Theme shares over time: monthly shares with collection gaps kept as gaps
 * (null, never 0), a centred rolling mean and LOESS smoothing that skip the
 * gaps, and shares by group (sector, région, ROME family).
 *
 * @example
 * ```ts
 * import { monthlyShares, rollingMean, loess } from "./series.ts";
 * import type { LabelledOffer } from "../bulk/mod.ts";
 * declare const base: LabelledOffer[];
 * const s = monthlyShares(base, (o) => o.themes.WORK_LIFE_BALANCE);
 * rollingMean(s.share, 3); loess(s.share, 0.25);
 * ```
 */

import { monthRange } from "../stats/mod.ts";

/** What the series functions need of an offer. */
export interface Dated {
  month: string | null;
}

/** Every month from `first` to `last` (`YYYY-MM`), inclusive (the stage-1 helper). */
export { monthRange };

/** The quarter of a month: "2020-03" → "2020Q1". */
export function quarterOf(month: string): string {
  return `${month.slice(0, 4)}Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/**
 * Monthly share of offers for which `value` is true (or mean of a numeric
 * `value`), over every month between the first and last dated offer:
 * `share` is null for months with no offer at all (a collection gap), and
 * `n` the offers of each month.
 */
export function monthlyShares<T extends Dated>(offers: T[], value: (o: T) => boolean | number) {
  const counts = new Map<string, { n: number; k: number }>();
  for (const o of offers) {
    if (!o.month) continue;
    const c = counts.get(o.month) ?? { n: 0, k: 0 };
    c.n++;
    c.k += Number(value(o));
    counts.set(o.month, c);
  }
  const keys = [...counts.keys()].sort();
  const months = keys.length ? monthRange(keys[0], keys[keys.length - 1]) : [];
  return {
    months,
    n: months.map((m) => counts.get(m)?.n ?? 0),
    share: months.map((m) => {
      const c = counts.get(m);
      return c ? c.k / c.n : null;
    }),
  };
}

/**
 * Centred rolling mean over `window` points (odd), skipping gaps; null at
 * gaps and where fewer than half the window has data.
 */
export function rollingMean(values: (number | null)[], window: number): (number | null)[] {
  if (!Number.isInteger(window) || window < 1 || window % 2 === 0) {
    throw new Error(`the rolling window must be an odd positive integer, got ${window}`);
  }
  const half = (window - 1) / 2;
  return values.map((v, i) => {
    if (v === null) return null;
    let sum = 0, count = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(values.length - 1, i + half); j++) {
      const x = values[j];
      if (x !== null) {
        sum += x;
        count++;
      }
    }
    return count * 2 >= window ? sum / count : null;
  });
}

/**
 * LOESS: at each point, a weighted linear fit on the nearest
 * `span` × (points with data) points, tricube weights (Cleveland 1979,
 * degree 1, no robustness iterations). Gaps stay null.
 */
export function loess(values: (number | null)[], span: number): (number | null)[] {
  if (!(span > 0 && span <= 1)) throw new Error(`the LOESS span must be in (0, 1], got ${span}`);
  const points = values.flatMap((y, x) => (y === null ? [] : [{ x, y }]));
  const q = Math.max(2, Math.ceil(span * points.length));
  return values.map((v, x0) => {
    if (v === null) return null;
    const near = points.map((p) => ({ ...p, d: Math.abs(p.x - x0) })).sort((a, b) => a.d - b.d || a.x - b.x)
      .slice(0, q);
    const h = Math.max(near[near.length - 1].d, 1e-9) * (q < points.length ? 1 : 1.0001);
    let sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (const p of near) {
      const u = p.d / h;
      const w = u < 1 ? (1 - u ** 3) ** 3 : 0;
      sw += w;
      sx += w * p.x;
      sy += w * p.y;
      sxx += w * p.x * p.x;
      sxy += w * p.x * p.y;
    }
    if (sw === 0) return v;
    const mx = sx / sw, my = sy / sw;
    const vx = sxx / sw - mx * mx;
    const slope = vx > 1e-12 ? (sxy / sw - mx * my) / vx : 0;
    return my + slope * (x0 - mx);
  });
}

/** Share of offers with `value` true in each group (null key = "unknown"), largest groups first; groups under `minOffers` dropped. */
export function sharesBy<T>(
  offers: T[],
  key: (o: T) => string | null,
  value: (o: T) => boolean,
  minOffers = 1,
) {
  const groups = new Map<string, { n: number; k: number }>();
  for (const o of offers) {
    const g = key(o) ?? "unknown";
    const c = groups.get(g) ?? { n: 0, k: 0 };
    c.n++;
    if (value(o)) c.k++;
    groups.set(g, c);
  }
  return [...groups].filter(([, c]) => c.n >= minOffers).map(([group, c]) => ({
    group,
    n: c.n,
    share: c.k / c.n,
  }))
    .sort((a, b) => b.n - a.n || a.group.localeCompare(b.group));
}

/**
 * Applies a smoother to each side of a break apart, so that a rolling mean
 * or a LOESS never averages months before the break with months after it
 * (which would blur a jump into a ramp).
 *
 * @example
 * ```ts
 * declare const months: any; // your data
 * declare const corrected: any; // your data
 * smoothEachSide(months, corrected, "2020-03", (side) => loess(side, 0.2));
 * ```
 */
export function smoothEachSide(
  months: string[],
  values: (number | null)[],
  breakMonth: string,
  smooth: (side: (number | null)[]) => (number | null)[],
): (number | null)[] {
  if (months.length !== values.length) throw new Error(`${months.length} months for ${values.length} values`);
  const cut = months.findIndex((m) => m >= breakMonth);
  if (cut <= 0) return smooth(values); // the break is outside the series: one side only
  const sideOf = (part: (number | null)[]) => (part.some((v) => v !== null) ? smooth(part) : part);
  return [...sideOf(values.slice(0, cut)), ...sideOf(values.slice(cut))];
}

/**
 * Share of offers mentioning each theme, one row per group with at least
 * `minOffers` offers (largest first, "unknown" left out), rows labelled
 * "<code> <name>" in full, for a heatmap.
 *
 * @example
 * ```ts
 * import { NAF_SECTIONS } from "../corpus/mod.ts";
 * import { THEMES } from "../base/mod.ts";
 * import { heatmap } from "../report/mod.ts";
 * import type { LabelledOffer } from "../bulk/mod.ts";
 * declare const base: LabelledOffer[];
 * const g = themeGrid(base, (o) => o.naf_section, NAF_SECTIONS, THEMES, 50);
 * heatmap({ z: g.z, x: [...THEMES], y: g.labels });
 * ```
 */
export function themeGrid<T extends { themes: Record<string, boolean> }>(
  offers: T[],
  key: (o: T) => string | null,
  names: Record<string, string>,
  themes: readonly string[],
  minOffers = 50,
) {
  const groups = sharesBy(offers, key, () => true, minOffers).map((g) => g.group).filter((g) =>
    g !== "unknown"
  );
  const members = new Map(groups.map((g) => [g, offers.filter((o) => key(o) === g)]));
  return {
    groups,
    z: groups.map((g) =>
      themes.map((t) => {
        const m = members.get(g)!;
        return m.filter((o) => o.themes[t]).length / m.length;
      })
    ),
    labels: groups.map((g) => (names[g] ? `${g} ${names[g]}` : g)),
  };
}
