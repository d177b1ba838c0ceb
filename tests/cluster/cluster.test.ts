import assert from "node:assert/strict";
import { lemma, normaliseSpan } from "../../lib/cluster/normalise.ts";
import { chooseK, kmeans, silhouette } from "../../lib/cluster/kmeans.ts";
import { kChoiceNote } from "../../lib/cluster/registry.ts";
import { dbscan, densityRadius } from "../../lib/cluster/density.ts";
import { adjustedRandIndex, bestJaccard } from "../../lib/cluster/agreement.ts";
import { pca2, principalComponents } from "../../lib/cluster/project.ts";
import { averageLinkage } from "../../lib/cluster/hierarchical.ts";
import { mulberry32 } from "../../lib/base/random.ts";
import type { SparseVector } from "../../lib/represent/sparse.ts";

Deno.test("spans are normalised: elisions, inclusive and feminine forms, plurals, frame words", () => {
  assert.equal(normaliseSpan("Vous êtes rigoureuse et organisée"), "rigoureux organisé");
  assert.equal(normaliseSpan("rigoureux(se)"), "rigoureux");
  assert.equal(normaliseSpan("Rigoureux·se et créatif·ve"), "rigoureux créatif");
  assert.equal(normaliseSpan("l’esprit d'équipe"), "esprit équipe");
  assert.equal(normaliseSpan("Faire preuve d'une grande autonomie"), "autonomie");
  assert.equal(normaliseSpan("Qualités relationnelles"), "relationnel");
  assert.deepEqual(["créative", "curieuse", "ponctuelles", "souriante", "rigueur", "animatrice"].map(lemma), [
    "créatif",
    "curieux",
    "ponctuel",
    "souriant",
    "rigueur",
    "animateur",
  ]);
});

/** Points on three well separated directions of a 6-dimensional space. */
function threeGroups(): { X: SparseVector[]; truth: number[] } {
  const X: SparseVector[] = [], truth: number[] = [];
  for (let g = 0; g < 3; g++) {
    for (let i = 0; i < 10; i++) {
      const a = 1, b = 0.1 + 0.02 * i;
      const norm = Math.hypot(a, b);
      X.push({
        indices: Int32Array.from([2 * g, 2 * g + 1]),
        values: Float32Array.from([a / norm, b / norm]),
      });
      truth.push(g);
    }
  }
  return { X, truth };
}

Deno.test("k-means finds separated groups, is seeded, and the silhouette prefers the true k", () => {
  const { X, truth } = threeGroups();
  const w = X.map(() => 1);
  const r = kmeans(X, w, 6, 3, 7);
  assert.equal(adjustedRandIndex(r.labels, truth), 1);
  assert.deepEqual(kmeans(X, w, 6, 3, 7).labels, r.labels);
  assert.ok(silhouette(X, w, r.labels) > 0.9);
  assert.equal(chooseK(X, w, 6, [2, 3, 4, 5], 1).k, 3);
  const widened = chooseK(X, w, 6, [2, 3], 1);
  assert.deepEqual([widened.k, widened.scores.map((s) => s.k), widened.widened, widened.edge], [
    3,
    [2, 3, 4],
    1,
    null,
  ], "a grid ending below the true k grows by its step past the edge");
  const stuck = chooseK(X, w, 6, [2, 3], 1, 0);
  assert.deepEqual(
    [stuck.k, stuck.edge],
    [3, "largest"],
    "not allowed to grow, it says the best is on the edge",
  );
  assert.equal(
    kChoiceNote({ k: 32, widened: 2, edge: "largest" })?.startsWith(
      "k = 32 is the largest number of clusters tried, after widening the grid 2 time(s)",
    ),
    true,
  );
  assert.equal(kChoiceNote({ k: 12, widened: 0, edge: null }), null);
  assert.throws(() => kmeans(X, w, 6, 40), /k must be between 1 and/);
});

Deno.test("DBSCAN groups dense points and leaves isolated ones as noise", () => {
  const { X } = threeGroups();
  const lonely: SparseVector = {
    indices: Int32Array.from([0, 2, 4]),
    values: Float32Array.from([0.577, 0.577, 0.577]),
  };
  const labels = dbscan([...X, lonely], [...X.map(() => 1), 1], { eps: 0.2, minWeight: 3 });
  assert.equal(new Set([...labels].filter((l) => l >= 0)).size, 3);
  assert.equal(labels[30], -1);
});

Deno.test("DBSCAN's radius read off the data: the median point's distance to reach the core weight", () => {
  const unit = (a: number) => ({
    indices: Int32Array.of(0, 1),
    values: Float32Array.of(Math.cos(a), Math.sin(a)),
  });
  // angles 0, 0.1, 0.2, 0.3 and 1.5: cosine distances to reach weight 2 are 1 - cos of the gap to the nearest point
  const X = [0, 0.1, 0.2, 0.3, 1.5].map(unit);
  const w = [1, 1, 1, 1, 1];
  const expected = [0.1, 0.1, 0.1, 0.1, 1.2].map((gap) => 1 - Math.cos(gap)).sort((a, b) => a - b);
  assert.ok(Math.abs(densityRadius(X, w, 2) - expected[2]) < 1e-6, "median");
  assert.ok(Math.abs(densityRadius(X, w, 2, 1) - expected[4]) < 1e-6, "largest: the isolated point's");
  assert.equal(
    densityRadius(X, [3, 1, 1, 1, 1], 3, 0),
    0,
    "a point weighing the core weight alone needs no radius",
  );
  assert.equal(densityRadius(X, w, 99), 2, "no radius reaches a weight above the whole set's");
  // the close points' largest radius (the 4th of 5): they form one cluster, the far one is noise
  const labels = dbscan(X, w, { eps: densityRadius(X, w, 2, 0.75), minWeight: 2 });
  assert.deepEqual(
    [...labels],
    [0, 0, 0, 0, -1],
    "at that radius the close points form one cluster, the far one is noise",
  );
  assert.throws(() => densityRadius([], [], 2), /no points/);
  // on random weighted points it is the definition: every distance sorted, weights summed until the core weight
  const random = mulberry32(11);
  const points = Array.from({ length: 40 }, () => unit(random() * 3));
  const weights = points.map(() => [0, 0.5, 1, 2][Math.floor(random() * 4)]);
  for (const core of [0, 1, 2.5, 6]) {
    const byDefinition = points.map((x) => {
      let total = 0;
      for (
        const d of points.map((
          y,
          j,
        ) => [1 - (x.values[0] * y.values[0] + x.values[1] * y.values[1]), weights[j]]).sort((a, b) =>
          a[0] - b[0]
        )
      ) {
        if ((total += d[1]) >= core) return Math.max(0, d[0]);
      }
      return 2;
    }).sort((a, b) => a - b);
    for (const q of [0, 0.5, 1]) {
      const want = byDefinition[Math.floor(q * (points.length - 1))];
      assert.ok(
        Math.abs(densityRadius(points, weights, core, q) - want) < 1e-6,
        `core ${core}, quantile ${q}`,
      );
    }
  }
});

Deno.test("adjusted Rand index and best Jaccard behave as their definitions say", () => {
  assert.equal(adjustedRandIndex([0, 0, 1, 1], [5, 5, 9, 9]), 1);
  assert.ok(
    Math.abs(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 1, 2, 0, 1, 2]) - -0.36363636363636365) < 1e-12,
  ); // sklearn 1.2.1: adjusted_rand_score
  const j = bestJaccard([0, 0, 1, 1, -1], [3, 3, 3, -2, 4]);
  assert.equal(j.get(0), 2 / 3);
  assert.equal(j.get(1), 1 / 3);
});

Deno.test("the 2-D projection separates the groups along its first components", () => {
  const { X, truth } = threeGroups();
  const { x, y, explained } = pca2(X, 6);
  assert.ok(explained[0] > 0.3 && explained[0] + explained[1] <= 1.0001);
  const centre = (g: number) =>
    [0, 1].map((d) => truth.reduce((a, t, i) => a + (t === g ? (d ? y[i] : x[i]) : 0), 0) / 10);
  const [a, b, c] = [0, 1, 2].map(centre);
  const dist = (p: number[], q: number[]) => Math.hypot(p[0] - q[0], p[1] - q[1]);
  assert.ok(Math.min(dist(a, b), dist(b, c), dist(a, c)) > 0.3);
});

Deno.test("principal components: the variance of each planted direction, scores up to the sign rule, sparse and wide", () => {
  // Eight points in 1,000 sparse dimensions: ±3 along feature 10, ±1 along feature 900 (orthogonal, centred).
  const signs = [[1, 1], [1, -1], [-1, 1], [-1, -1], [1, 1], [1, -1], [-1, 1], [-1, -1]];
  const X: SparseVector[] = signs.map(([a, b]) => ({
    indices: Int32Array.from([10, 900]),
    values: Float32Array.from([3 * a + 0.5, b - 0.25]), // an offset the centring removes
  }));
  const { coordinates, explained } = principalComponents(X, 1000, 2, 5);
  assert.deepEqual(explained.map((e) => Number(e.toFixed(6))), [0.9, 0.1]);
  coordinates.forEach((c, i) => {
    assert.ok(Math.abs(Math.abs(c[0]) - 3) < 1e-9 && Math.abs(Math.abs(c[1]) - 1) < 1e-9, `${c}`);
    assert.equal(Math.sign(c[0]) * Math.sign(coordinates[0][0]), signs[i][0] * signs[0][0]);
  });
  // the sign rule: each component's largest coordinate is positive (the first one met among equals)
  assert.ok(coordinates[0][0] > 0 && coordinates[0][1] > 0);
  assert.deepEqual(principalComponents(X, 1000, 2, 5), { coordinates, explained }, "seeded");
  // asking for more components than the data holds gives what it holds, the rest of the variance nil
  const all = principalComponents(X, 1000, 6, 5);
  assert.equal(all.coordinates[0].length, 6);
  assert.ok(Math.abs(all.explained.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  assert.throws(() => principalComponents([], 3, 2), /0 components|0 points/);
});

/** Average linkage by its definition: merge the two clusters of least weighted mean pairwise distance, until k. */
function naiveAverageLinkage(X: SparseVector[], w: number[], k: number): number[] {
  const dist = (i: number, j: number) => {
    let s = 0;
    X[i].indices.forEach((d, a) =>
      X[j].indices.forEach((e, b) => (s += d === e ? X[i].values[a] * X[j].values[b] : 0))
    );
    return 1 - s;
  };
  let clusters = X.map((_, i) => [i]);
  const between = (A: number[], B: number[]) => {
    let s = 0, m = 0;
    for (const i of A) for (const j of B) (s += w[i] * w[j] * dist(i, j)), (m += w[i] * w[j]);
    return s / m;
  };
  while (clusters.length > k) {
    let best = [0, 1], bd = Infinity;
    for (let a = 0; a < clusters.length; a++) {
      for (let b = a + 1; b < clusters.length; b++) {
        const d = between(clusters[a], clusters[b]);
        if (d < bd - 1e-9) (bd = d), (best = [a, b]);
      }
    }
    clusters[best[0]] = [...clusters[best[0]], ...clusters[best[1]]];
    clusters = clusters.filter((_, c) => c !== best[1]);
  }
  const labels: number[] = [];
  clusters.forEach((members, c) => members.forEach((i) => (labels[i] = c)));
  return labels;
}

Deno.test("average linkage (nearest-neighbour chain) cuts the dendrogram its definition gives, with weights", () => {
  const { X, truth } = threeGroups();
  assert.equal(adjustedRandIndex(averageLinkage(X, X.map(() => 1), 3), truth), 1);
  const random = mulberry32(11);
  for (let trial = 0; trial < 3; trial++) {
    const points: SparseVector[] = Array.from({ length: 40 }, () => {
      const v = Float32Array.from({ length: 5 }, () => random() - 0.5);
      const n = Math.hypot(...v);
      return { indices: Int32Array.from([0, 1, 2, 3, 4]), values: v.map((x) => x / n) };
    });
    const w = points.map(() => 1 + Math.floor(random() * 5));
    for (const k of [2, 5, 9]) {
      const labels = averageLinkage(points, w, k);
      assert.equal(new Set(labels).size, k);
      assert.equal(adjustedRandIndex(labels, naiveAverageLinkage(points, w, k)), 1, `trial ${trial}, k ${k}`);
      assert.equal(labels[0], 0, "numbered in order of first appearance");
    }
  }
  assert.throws(() => averageLinkage(X, X.map(() => 1), 31), /k must be between 1 and 30/);
});
