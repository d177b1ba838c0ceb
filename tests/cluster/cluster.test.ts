import assert from "node:assert/strict";
import { lemma, normaliseSpan } from "../../lib/cluster/normalise.ts";
import { chooseK, kmeans, silhouette } from "../../lib/cluster/kmeans.ts";
import { kChoiceNote } from "../../lib/cluster/registry.ts";
import { dbscan } from "../../lib/cluster/density.ts";
import { adjustedRandIndex, bestJaccard } from "../../lib/cluster/agreement.ts";
import { pca2 } from "../../lib/cluster/project.ts";
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
