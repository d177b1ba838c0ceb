import assert from "node:assert/strict";
import {
  buildRegistry,
  clusterName,
  loadRegistry,
  registryCoverage,
  registryMatcher,
  type SpanRecord,
  writeRegistry,
} from "../../lib/cluster/registry.ts";
import { loadTaxonomies } from "../../lib/cluster/taxonomies.ts";
import { tempDir } from "../_helpers.ts";

const FAMILIES: [string, string[]][] = [
  ["300490", [
    "rigoureux",
    "rigoureuse",
    "rigueur",
    "rigoureux(se)",
    "grande rigueur",
    "rigueur et précision",
  ]],
  ["300460", ["autonome", "autonomie", "grande autonomie", "en autonomie", "autonomes"]],
  ["300465", [
    "esprit d'équipe",
    "l'esprit d'équipe",
    "travail en équipe",
    "sens du travail en équipe",
    "esprit équipe",
  ]],
  ["399999", ["sens du service", "sens du service client", "service client", "orientation service"]],
  ["300412", ["écoute", "à l'écoute", "empathie", "empathique", "bonne écoute"]],
];

function spans(): SpanRecord[] {
  const out: SpanRecord[] = [];
  FAMILIES.forEach(([code, forms]) =>
    forms.forEach((text, i) => {
      for (let r = 0; r < 6 - (i % 3); r++) out.push({ text, code_ogr: code, source: "rules" });
    })
  );
  out.push({
    text: "Vous êtes autonome, rigoureux, avez le sens du service et aimez travailler en équipe",
    code_ogr: "300460",
    source: "reference",
  });
  return out;
}

Deno.test("the registry recovers soft-skill families, maps them to ROME, is deterministic and round-trips", async () => {
  const taxonomies = await loadTaxonomies(null);
  assert.equal(taxonomies.rome.length, 16);
  const options = { taxonomies, seed: 3, candidates: [3, 4, 5, 6, 7], bootstraps: 10, minStability: 0.5 };
  const result = buildRegistry(spans(), options);
  // Forms that normalise alike are one span ("rigoureux(se)" = "rigoureux"); the long reference sentence is left out.
  assert.equal(result.registry.method.distinct_spans, 13);
  assert.ok(result.all.every((c) => c.members.every((m) => m.split(" ").length <= 4)));
  // The representation is lexical: "rigueur" and "rigoureux" may form two clusters, but no cluster mixes families,
  // and every cluster maps to the ROME savoir-être its spans were labelled with.
  assert.deepEqual(
    [...new Set(result.all.map((c) => c.labelled_as.code_ogr))].sort(),
    FAMILIES.map(([code]) => code).sort(),
  );
  for (const c of result.all) {
    assert.equal(c.labelled_as.share, 1, `${c.name} mixes families`);
    assert.equal(c.rome.code_ogr, c.labelled_as.code_ogr, `${c.name} → ${c.rome.label}`);
    assert.ok(c.stability > 0.8, `${c.name}: ${c.stability}`);
  }
  const byCode = new Map(result.all.map((c) => [c.labelled_as.code_ogr, c]));
  assert.deepEqual(buildRegistry(spans(), options).registry, result.registry);
  const dir = await tempDir();
  const files = await writeRegistry(result.registry, dir);
  const again = await loadRegistry(files.json);
  assert.equal(again.version, result.registry.version);
  assert.match(again.version, /^r1-[0-9a-f]{16}$/);
  const csv = (await Deno.readTextFile(files.csv)).trim().split("\n");
  assert.equal(csv.length, result.registry.clusters.length + 1);
  assert.match(csv[0], /^registry_version,id,name,size/);
  const match = registryMatcher(again);
  assert.equal(
    match("Rigoureuse", "300490")?.cluster,
    result.all.find((c) => c.members.includes("rigoureux"))!.id,
  );
  assert.equal(match("une formulation jamais vue", "300465")?.cluster, byCode.get("300465")!.id);
  assert.equal(match("rien", "300999"), null);
  await Deno.writeTextFile(`${dir}/bad.json`, "{}");
  await assert.rejects(loadRegistry(`${dir}/bad.json`), /is not a soft-skill registry/);
});

Deno.test("the registry clusters the embeddings it is given (one planted direction per family) and says so in its method", async () => {
  const taxonomies = await loadTaxonomies(null);
  const { groupSpans, registryTexts } = await import("../../lib/cluster/registry.ts");
  const texts = registryTexts(spans(), { rome: taxonomies.rome, esco: null });
  // Each distinct span points along the axis of the family it was labelled with (taxonomy labels along a
  // separate axis), plus small noise: synonyms with no letter in common ("écoute", "empathie") sit together.
  const codeOf = new Map(groupSpans(spans()).map((g) => [g.text, [...g.codes.keys()][0]]));
  const embeddings = new Map(texts.map((t, i) => {
    const v = new Float32Array(8).map((_, d) => 0.05 * Math.sin(i * 7 + d));
    const f = FAMILIES.findIndex(([code]) => code === codeOf.get(t));
    v[f >= 0 ? f : 7] += 1;
    return [t, v];
  }));
  const options = {
    taxonomies: { rome: taxonomies.rome, esco: null },
    seed: 3,
    candidates: [4, 5, 6],
    bootstraps: 5,
    embeddings,
    embeddingModel: "planted",
  };
  const result = buildRegistry(spans(), options);
  assert.match(String(result.registry.method.embedding), /sentence embeddings .*planted/);
  assert.equal(result.choice.k, 5);
  for (const c of result.all) assert.equal(c.labelled_as.share, 1, `${c.name} mixes families`);
  // a large direction every vector shares (sentence encoders put all spans at cosine 0.8-0.95) is centred away:
  // DBSCAN still separates the families instead of chaining them into one cluster
  const shared = new Map([...embeddings].map(([t, v]) => [t, v.map((x, d) => x + (d === 7 ? 4 : 0))]));
  const density = buildRegistry(spans(), { ...options, embeddings: shared }).registry.method.density as {
    dbscan_clusters: number;
  };
  assert.ok(
    density.dbscan_clusters >= 4,
    `DBSCAN clusters on shifted embeddings: ${density.dbscan_clusters}`,
  );
  embeddings.delete(texts[0]);
  assert.throws(
    () => buildRegistry(spans(), options),
    /no embedding for ".+" \(embed every text registryTexts\(\) lists\)/,
  );
});

Deno.test("a cluster is a candidate new soft skill only when far from every taxonomy label and not mostly labelled as one of the 16 codes; names do not repeat a word", async () => {
  const taxonomies = await loadTaxonomies(null);
  const forms = ["permis b", "permis de conduire", "permis b exigé", "véhicule personnel", "véhiculé"];
  const codes = ["300460", "300461", "300473", "300483"];
  const build = (mixed: boolean) => {
    const out = spans();
    forms.forEach((text, i) => {
      for (let r = 0; r < 6; r++) {
        out.push({ text, code_ogr: mixed ? codes[(i + r) % codes.length] : "300461", source: "rules" });
      }
    });
    return buildRegistry(out, {
      taxonomies,
      seed: 3,
      candidates: [4, 5, 6, 7, 8],
      bootstraps: 6,
      minStability: 0,
    }).all;
  };
  const licence = (all: ReturnType<typeof build>) =>
    all.filter((c) => c.members.some((m) => m.startsWith("permis")));
  assert.ok(
    licence(build(true)).some((c) => c.candidate_new),
    "spread over several codes and far from ROME/ESCO: a candidate",
  );
  assert.ok(
    licence(build(false)).every((c) => !c.candidate_new),
    "mostly labelled 300461 already: an existing skill under another name",
  );
  assert.equal(
    clusterName(["autonomie", "grande autonomie", "esprit initiative"]),
    "autonomie / esprit initiative",
  );
  assert.equal(clusterName(["autonomie", "détail autonomie"]), "autonomie");
  assert.equal(clusterName([]), "");
});

Deno.test("registryCoverage: the share of new spans whose wording a registry knows, where they fall, and what it misses", async () => {
  const taxonomies = await loadTaxonomies(null);
  const { registry } = buildRegistry(spans(), {
    taxonomies,
    seed: 3,
    candidates: [3, 4, 5, 6, 7],
    bootstraps: 10,
    minStability: 0,
  });
  const fresh: SpanRecord[] = [
    ...["Rigoureuse", "rigueur", "rigueur"].map((text) => ({
      text,
      code_ogr: "300490",
      source: "reference",
    })),
    ...["sens du relationnel", "sens du relationnel"].map((text) => ({
      text,
      code_ogr: "300412",
      source: "reference",
    })),
    { text: "curiosité", code_ogr: "300467", source: "reference" },
  ];
  const c = registryCoverage(registry, fresh);
  assert.equal(c.occurrences, 6);
  assert.equal(c.distinct, 4, "rigoureuse and rigoureux are one wording");
  assert.equal(c.known, 3 / 6);
  assert.equal(c.distinctKnown, 2 / 4);
  assert.equal(
    c.clusters.reduce((a, x) => a + x.weight, 0),
    3,
    "the known occurrences, by the cluster they fall in",
  );
  assert.ok(c.clusters.every((x, i) => i === 0 || c.clusters[i - 1].weight >= x.weight), "largest first");
  assert.deepEqual(c.gaps.map((g) => [g.span, g.weight, g.code_ogr]), [["relationnel", 2, "300412"], [
    "curiosité",
    1,
    "300467",
  ]]);
  assert.ok(Number.isNaN(registryCoverage(registry, []).known));
  assert.equal(registryCoverage(registry, fresh, { gaps: 1 }).gaps.length, 1);
  assert.ok(c.gaps.every((g) => g.dropped === null));
  const unstable = {
    ...registry.clusters[0],
    id: "SK99",
    name: "relationnel",
    members: ["relationnel"],
    stability: 0.3,
  };
  assert.deepEqual(registryCoverage(registry, fresh, { dropped: [unstable] }).gaps.map((g) => g.dropped), [
    "SK99 relationnel (stability 0.30)",
    null,
  ], "a gap the stability filter left out says so");
});

Deno.test("with 4 distinct spans or more per component, the registry clusters on principal components and compares k-means with average linkage and with the labelled codes", async () => {
  const taxonomies = { rome: (await loadTaxonomies(null)).rome, esco: null };
  const { registryTexts } = await import("../../lib/cluster/registry.ts");
  // 5 families × 16 distinct spans; each span's embedding points along its family's axis plus noise in 40 dimensions.
  const heads = ["rigueur", "autonomie", "équipe", "service", "écoute"];
  const tails =
    "alpha bravo charlie delta echo foxtrot golf hotel india juliett kilo lima mike novembre oscar papa"
      .split(" ");
  const many: SpanRecord[] = heads.flatMap((head, f) =>
    tails.flatMap((tail, t) =>
      Array.from(
        { length: 1 + (t % 3) },
        () => ({ text: `${head} ${tail}`, code_ogr: FAMILIES[f][0], source: "rules" }),
      )
    )
  );
  const random = (await import("../../lib/base/random.ts")).mulberry32(5);
  const texts = registryTexts(many, taxonomies);
  const embeddings = new Map(texts.map((t) => {
    const v = Float32Array.from({ length: 40 }, () => 0.3 * (random() - 0.5));
    const f = heads.indexOf(t.split(" ")[0]);
    v[f >= 0 ? f : 39] += 1;
    return [t, v];
  }));
  const options = {
    taxonomies,
    seed: 3,
    candidates: [3, 4, 5, 6, 7],
    bootstraps: 5,
    embeddings,
    components: 8,
  };
  const result = buildRegistry(many, options);
  const method = result.registry.method as Record<string, any>;
  assert.equal(method.distinct_spans, 80);
  assert.equal(method.reduction.components, 8);
  assert.ok(
    method.reduction.explained > 0.5 && method.reduction.explained < 1,
    `${method.reduction.explained}`,
  );
  assert.match(method.clustering, /on the first 8 principal components/);
  assert.equal(result.choice.k, 5);
  assert.equal(method.density.ari_average_linkage, 1);
  assert.equal(method.density.ari_labelled_codes, 1);
  assert.ok(method.stability.mean_ari_bootstrap > 0.9);
  // 21 distinct spans per component or fewer than 4: the whole space, and the method says so
  const whole = buildRegistry(many, { ...options, components: 21 }).registry.method as Record<string, any>;
  assert.equal(whole.reduction, null);
  assert.doesNotMatch(whole.clustering, /principal components/);
});
