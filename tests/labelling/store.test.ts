import assert from "node:assert/strict";
import { LabelStore } from "../../lib/labelling/store.ts";
import { emptyOffer } from "../../lib/corpus/schema.ts";
import type { LabelRecord } from "../../lib/labelling/records.ts";
import { tempDir, writeFixture } from "../_helpers.ts";

const offer = (id: string, text: string) => ({ ...emptyOffer(id, "generic" as const), title: "T", text });
const record = (id: string, wlb: number, evidence = "rigoureux"): LabelRecord => ({
  source: "generic",
  id,
  overall_confidence: 85,
  themes: {
    DIVERSITY: 5,
    PAY_BENEFITS: 10,
    CAREER: 20,
    CULTURE_VALUES: 30,
    LEADERSHIP_MANAGEMENT: 40,
    WORK_LIFE_BALANCE: wlb,
  },
  soft_skills: [{ code_ogr: "300490", evidence, confidence: 90 }],
});

Deno.test("the store keeps offers, label sets with provenance, themes and located spans, and an audit log", async () => {
  const dir = await tempDir();
  const store = LabelStore.open(`${dir}/labels.sqlite`);
  store.upsertOffers([offer("a", "Vous êtes rigoureux et autonome."), offer("b", "Télétravail possible.")]);
  const llm = store.labelSet({ name: "llm:gpt", kind: "llm", labeller: "gpt-x", version: "prompt-v1" });
  assert.equal(
    store.labelSet({ name: "llm:gpt", kind: "llm", labeller: "other", version: "v9" }).id,
    llm.id,
    "get, not create twice",
  );
  store.saveRecord(llm, record("a", 90), { actor: "llm" });
  store.saveRecord(llm, record("a", 95, "pas dans le texte"), { actor: "llm", status: "to_review" });
  const back = store.record(llm, "a")!;
  assert.equal(back.themes.WORK_LIFE_BALANCE, 95, "a save replaces the set's labels for the offer");
  assert.equal(back.status, "to_review");
  assert.deepEqual(back.soft_skills, [{
    code_ogr: "300490",
    evidence: "pas dans le texte",
    confidence: 90,
    start: null,
    end: null,
  }]);
  store.saveRecord(llm, record("b", 90), { actor: "llm" });
  assert.equal(store.record(llm, "b")!.soft_skills[0].start, null);
  store.saveRecord(llm, record("a", 80), { actor: "llm" });
  assert.deepEqual(store.record(llm, "a")!.soft_skills.map((s) => [s.start, s.end]), [[10, 19]]);
  store.saveFailure(llm, "b", "{not json", "llm");
  assert.deepEqual(store.statusCounts(llm), { ok: 1, to_review: 0, failed: 1 });
  assert.deepEqual(store.records(llm).map((r) => r.id), ["a"]);
  assert.deepEqual(store.auditLog().map((a) => a.action), [
    "save_labels",
    "save_labels",
    "save_labels",
    "save_labels",
    "label_failed",
  ]);
  assert.deepEqual(store.offer("a")?.text, "Vous êtes rigoureux et autonome.");
  store.close();
});

Deno.test("review queue: enqueue once, decide, list", async () => {
  const dir = await tempDir();
  const store = LabelStore.open(`${dir}/labels.sqlite`);
  store.upsertOffers([offer("a", "x"), offer("b", "y")]);
  store.enqueueReview("a", "llm_to_review", "overall confidence 42 < 80");
  store.enqueueReview("a", "llm_to_review", "again");
  store.enqueueReview("b", "llm_to_review", "overall confidence 10 < 80");
  assert.deepEqual(store.reviewQueue("llm_to_review").map((r) => r.offer_id), ["a", "b"]);
  store.decideReview("a", "llm_to_review", "done", "alice");
  assert.deepEqual(store.reviewQueue("llm_to_review").map((r) => r.offer_id), ["b"]);
  assert.equal(store.reviewQueue("llm_to_review", "all")[0].decided_by, "alice");
  store.close();
});

Deno.test("import and export in the codebook's JSONL format; bad lines are reported with their line", async () => {
  const dir = await tempDir();
  const store = LabelStore.open(`${dir}/labels.sqlite`);
  store.upsertOffers([offer("a", "Vous êtes rigoureux.")]);
  const set = store.labelSet({
    name: "reference",
    kind: "reference",
    labeller: "llm-annotator",
    version: "codebook",
  });
  const file = await writeFixture(
    dir,
    "in.jsonl",
    [JSON.stringify(record("a", 70)), '{"id": "z", "themes": {}}', JSON.stringify(record("zz", 10))].join(
      "\n",
    ),
  );
  const result = await store.importJsonl(file, set, "import");
  assert.equal(result.imported, 2);
  assert.equal(result.unknownOffer, 1);
  assert.deepEqual(result.errors.map((e) => e.line), [2]);
  assert.match(result.errors[0].message, /themes\.DIVERSITY must be a number/);
  assert.equal(await store.exportJsonl(set, `${dir}/out.jsonl`), 2);
  const out = (await Deno.readTextFile(`${dir}/out.jsonl`)).trim().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(out[0].soft_skills, [{
    code_ogr: "300490",
    evidence: "rigoureux",
    confidence: 90,
    start: 10,
    end: 19,
  }]);
  store.close();
});

Deno.test({
  name: "a kill -9 in the middle of a labelling run loses nothing acknowledged",
  sanitizeResources: false,
  async fn() {
    const dir = await tempDir();
    const path = `${dir}/crash.sqlite`;
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL("./_crash_writer.ts", import.meta.url).pathname, path, "llm"],
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const acked: string[] = [];
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of child.stdout) {
      buffer += decoder.decode(chunk);
      const lines = buffer.split("\n");
      buffer = lines.pop()!;
      for (const l of lines) if (l.startsWith("ack ")) acked.push(l.slice(4));
      if (acked.length >= 300) break;
    }
    child.kill("SIGKILL");
    assert.equal((await child.status).signal, "SIGKILL");
    assertAllThere(path, acked);
  },
});

Deno.test({
  name: "a kill -9 of the app in the middle of an annotator's saves loses nothing acknowledged",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const dir = await tempDir();
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL("./_crash_app.ts", import.meta.url).pathname, dir],
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const reader = child.stdout.getReader();
    let head = "";
    while (!head.includes("\n")) head += new TextDecoder().decode((await reader.read()).value);
    const { port, token } = JSON.parse(head.split("\n")[0]);
    const acked: string[] = [];
    const themes = {
      DIVERSITY: true,
      PAY_BENEFITS: false,
      CAREER: true,
      CULTURE_VALUES: false,
      LEADERSHIP_MANAGEMENT: false,
      WORK_LIFE_BALANCE: true,
    };
    const save = async (i: number) => {
      const r = await fetch(`http://127.0.0.1:${port}/api/offers/o${i}/labels`, {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ themes, soft_skills: [{ code_ogr: "300490", start: 10, end: 19 }] }),
      });
      if (r.ok) acked.push(`o${i}`);
      await r.body?.cancel();
    };
    for (let i = 0; i < 150; i++) await save(i);
    const inFlight = [150, 151, 152, 153].map((i) => save(i).catch(() => {})); // saves still running when the app dies
    child.kill("SIGKILL");
    await Promise.all(inFlight);
    assert.equal((await child.status).signal, "SIGKILL");
    reader.releaseLock();
    await child.stdout.cancel().catch(() => {});
    assert.ok(acked.length >= 150);
    assertAllThere(`${dir}/crash.sqlite`, acked);
  },
});

function assertAllThere(path: string, acked: string[]) {
  const store = LabelStore.open(path);
  assert.equal(
    (store.db.prepare("PRAGMA integrity_check").get() as Record<string, string>).integrity_check,
    "ok",
  );
  const set = store.labelSets()[0];
  for (const id of acked) {
    const r = store.record(set, id);
    assert.ok(r, `acknowledged ${id} is missing after the crash`);
    assert.equal(r.soft_skills.length, 1);
    assert.equal(Object.keys(r.themes).length, 6);
  }
  store.close();
}
