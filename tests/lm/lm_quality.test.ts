import assert from "node:assert/strict";
import { denseDot, nearestNeighbours, neighbourAgreement } from "../../lib/lm/lm_quality.ts";
import { chooseLabelSample } from "../../lib/labelling/plan.ts";
import { denseToSparse, dot } from "../../lib/represent/sparse.ts";
import type { Offer } from "../../lib/corpus/schema.ts";

const unit = (...xs: number[]) => {
  const n = Math.hypot(...xs);
  return Float32Array.from(xs, (x) => x / n);
};

Deno.test("nearest neighbours by cosine, on dense or sparse vectors; neighbour agreement against chance", () => {
  const vectors = [unit(1, 0), unit(0.9, 0.1), unit(0, 1), unit(0.1, 0.9), unit(0.95, 0.05)];
  assert.deepEqual(nearestNeighbours(vectors, 0, 2).map((n) => n.index), [4, 1]);
  assert.deepEqual(nearestNeighbours(vectors.map(denseToSparse), 2, 1, dot).map((n) => n.index), [3]);
  assert.ok(Math.abs(denseDot(vectors[0], vectors[0]) - 1) < 1e-6);
  const groups = ["a", "a", "b", "b", "a"];
  const r = neighbourAgreement(groups, (i) => nearestNeighbours(vectors, i, 1).map((n) => n.index), 5);
  assert.equal(r.agreement, 1);
  assert.ok(Math.abs(r.chance - (0.6 ** 2 + 0.4 ** 2)) < 1e-12);
});

Deno.test("the diverse sample runs in an embedding space when embeddings are given", () => {
  const offers = Array.from(
    { length: 60 },
    (_, i) =>
      ({
        id: String(i),
        text: `offre ${i}`,
        sector: "C",
        region: "Bretagne",
        date: "2020-01-01",
      }) as unknown as Offer,
  );
  // Two tight groups in embedding space: a 4-offer diverse sample must take from both.
  const embeddings = offers.map((_, i) => unit(i < 30 ? 1 : 0, i < 30 ? 0 : 1, 0.01 * (i % 7)));
  const { indices, vectors } = chooseLabelSample(offers, 4, 1, embeddings);
  assert.equal(vectors[0].indices.length, 3);
  assert.ok(indices.some((i) => i < 30) && indices.some((i) => i >= 30), JSON.stringify(indices));
});
