import assert from "node:assert/strict";
import { DuplicateDetector, minhash, textHash } from "../../lib/corpus/dedup.ts";
import { tokenize } from "../../lib/text/tokens.ts";

const BASE =
  "Nous recherchons un vendeur pour notre magasin de Lyon. Vos missions : accueillir et conseiller la clientèle, " +
  "réaliser les encaissements, participer à la mise en rayon, assurer la tenue du magasin. Profil recherché : vous êtes " +
  "souriant et dynamique, vous aimez le travail en équipe. Contrat CDI, temps plein, tickets restaurant.";

Deno.test("exact and near duplicates are found against earlier offers; different offers are not", () => {
  const d = new DuplicateDetector();
  assert.equal(d.add("a", BASE), null);
  assert.deepEqual(d.add("b", BASE), { kind: "exact", of: "a", similarity: 1 });
  const near = d.add("c", BASE + " Référence de l'offre : D1211-4521.");
  assert.equal(near?.kind, "near");
  assert.equal(near?.of, "a");
  assert.equal(
    d.add(
      "d",
      "Cuisinier en brasserie à Marseille, préparation des plats, respect des normes HACCP, CDD de six mois.",
    ),
    null,
  );
  assert.deepEqual(d.counts, { offers: 4, exact: 1, near: 1 });
  assert.deepEqual(d.shares(), { exact: 0.25, near: 0.25, any: 0.5 });
});

Deno.test("hashes are stable and signatures agree on equal token lists", () => {
  assert.equal(textHash("abc"), textHash("abc"));
  assert.notEqual(textHash("abc"), textHash("abd"));
  assert.deepEqual(minhash(tokenize(BASE)), minhash(tokenize(BASE)));
});
