import assert from "node:assert/strict";
import { labelCurve, labelsToReach } from "../../lib/evaluate/label_curve.ts";
import { Bootstrap } from "../../lib/stats/mod.ts";
import type { Estimator, Labels } from "../../lib/train/mod.ts";
import type { Offer } from "../../lib/corpus/mod.ts";
import { THEMES } from "../../lib/base/mod.ts";
import { textOffers, themeLabels } from "../_helpers.ts";

/** Remembers each training text's themes; an unseen text gets none. Records every training set it was given. */
class Memory implements Estimator<boolean[]> {
  readonly kind = "memory";
  #seen = new Map<string, boolean[]>();
  constructor(readonly fits: string[][]) {}
  fit(offers: Offer[], labels: Labels[]) {
    this.fits.push(offers.map((o) => o.id));
    offers.forEach((o, i) => this.#seen.set(o.text, THEMES.map((t) => labels[i].themes[t] >= 50)));
    return this;
  }
  predictProba(offers: Offer[]) {
    return this.predict(offers).map((d) => d.map(Number));
  }
  predict(offers: Offer[]) {
    return offers.map((o) => this.#seen.get(o.text) ?? THEMES.map(() => false));
  }
  clone() {
    return new Memory(this.fits);
  }
  toJSON() {
    return {};
  }
}

Deno.test("label curve: nested seeded shares of each training fold, scored on the same resamples as every label", async () => {
  // 80 offers, 40 texts each written twice: a test offer is right when its twin was kept for training
  const texts = Array.from({ length: 80 }, (_, i) => `offer ${i % 40}`);
  const truth = texts.map((_, i) => THEMES.map((_, c) => (i % 40 + c) % 3 === 0));
  const offers = textOffers(texts), labels = themeLabels(truth);
  const folds = texts.map((_, i) => Math.floor(i / 20)); // offer i's twin i + 40 sits two folds away
  const all = truth.map((y, i) => (folds[i] < 2 ? y : y.map(() => false))); // hand-made "every label" decisions
  const fits: string[][] = [];
  const lines: string[] = [];
  const curve = await labelCurve({ offers, labels }, folds, () => new Memory(fits), {
    truth,
    classes: THEMES,
    decisions: (p) => p,
    all,
    shares: [0.5, 0.25, 0.5],
    resamples: 200,
    seed: 3,
    onProgress: (l) => lines.push(l),
  });
  assert.deepEqual(curve.points.map((p) => [p.share, p.labels]), [[0.25, 15], [0.5, 30], [1, 60]]);
  assert.equal(fits.length, 8, "one fit per fold and share below 1 (the shares deduplicated)");
  for (let f = 0; f < 4; f++) {
    const [quarter, half] = [fits[f], fits[4 + f]];
    assert.ok(quarter.every((id) => half.includes(id)), "the smaller share is a subset of the larger");
    assert.ok(half.every((id) => folds[Number(id.slice(1))] !== f), "never trains on its test fold");
    assert.deepEqual(
      half,
      [...half].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))),
      "corpus order kept",
    );
  }
  const boot = new Bootstrap(80, 200, 3);
  const full = boot.scores(truth, all, THEMES);
  assert.equal(curve.points[2].microF1.value, full.micro.f1.value, "share 1 is the given decisions' score");
  assert.ok(curve.points[0].microF1.value < curve.points[1].microF1.value, "more twins kept, more right");
  assert.ok(
    Math.abs(curve.points[1].vsAll.value - (curve.points[1].microF1.value - full.micro.f1.value)) < 1e-12,
  );
  assert.equal(curve.perDoubling.value, -curve.points[1].vsAll.value, "one doubling from 0.5 to 1");
  assert.ok(
    curve.perDoubling.interval[0] <= curve.perDoubling.value &&
      curve.perDoubling.value <= curve.perDoubling.interval[1],
  );
  assert.equal(lines.length, 2);
  assert.match(lines[0], /share 0.25: F1 micro/);

  // rate and extrapolation
  const at = (micro: number, gain: number) => ({
    points: [{
      share: 1,
      labels: 1000,
      microF1: { value: micro, interval: [micro, micro] as [number, number] },
      macroF1: { value: 0, interval: [0, 0] as [number, number] },
      vsAll: { value: 0, interval: [0, 0] as [number, number] },
    }],
    perDoubling: { value: gain, interval: [gain, gain] as [number, number] },
  });
  assert.equal(labelsToReach(at(0.8, 0.02), 0.84), 4000, "two doublings");
  assert.equal(labelsToReach(at(0.8, 0.02), 0.79), 1000, "already met");
  assert.equal(labelsToReach(at(0.8, 0), 0.84), null, "more labels bought nothing");

  await assert.rejects(
    labelCurve({ offers, labels }, folds, () => new Memory([]), {
      truth,
      classes: THEMES,
      decisions: (p) => p,
      all,
      shares: [1],
    }),
    /shares must lie in \(0, 1\), got 1/,
  );
  await assert.rejects(
    labelCurve({ offers, labels }, folds.map((f) => f - 1), () => new Memory([]), {
      truth,
      classes: THEMES,
      decisions: (p) => p,
      all,
      shares: [0.5],
    }),
    /every offer must be tested/,
  );
  await assert.rejects(
    labelCurve({ offers, labels }, folds, () => new Memory([]), {
      truth,
      classes: THEMES,
      decisions: (p) => p,
      all: all.slice(1),
      shares: [0.5],
    }),
    /80 offers, 80 folds, 80 truths, 79 decisions/,
  );
});
