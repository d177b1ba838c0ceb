/**
 * The LLM labeller against a real OpenAI-compatible HTTP server started on
 * 127.0.0.1 inside the test, answering well and badly: malformed JSON,
 * missing fields, 429, 500, slow, low confidence, evidence not in the text.
 */
import assert from "node:assert/strict";
import { emptyOffer, type Offer } from "../../lib/corpus/schema.ts";
import { buildMessages, labelWithLlm, parseAnswer } from "../../lib/labelling/llm.ts";
import { labelMore } from "../../lib/labelling/label_more.ts";
import { readLabelFile, writeLabelFile } from "../../lib/labelling/records.ts";
import { generateOffer } from "../../lib/corpus/generator.ts";
import { loadOfferFiles } from "../../lib/corpus/load.ts";
import { main } from "../../lib/cli/main.ts";
import { LabelStore } from "../../lib/labelling/store.ts";
import { capture, readJsonl, tempDir } from "../_helpers.ts";

const GOOD = {
  themes: {
    DIVERSITY: 5,
    PAY_BENEFITS: 90,
    CAREER: 20,
    CULTURE_VALUES: 10,
    LEADERSHIP_MANAGEMENT: 5,
    WORK_LIFE_BALANCE: 85,
  },
  soft_skills: [{ code_ogr: "300490", evidence: "rigoureux", confidence: 95 }],
  overall_confidence: 90,
};

/** A fake endpoint: the behaviour is chosen by the marker [[case]] in the offer text, per attempt. */
function startServer() {
  const attempts = new Map<string, number>();
  let requests = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    requests++;
    const body = await req.json();
    assert.equal(body.temperature, 0);
    assert.equal(body.response_format.type, "json_schema");
    const last = body.messages[body.messages.length - 1].content as string;
    const kase = last.match(/\[\[(\w[\w-]*)\]\]/)?.[1] ?? "good";
    const n = (attempts.get(kase) ?? 0) + 1;
    attempts.set(kase, n);
    const answer = (content: string) =>
      Response.json({
        id: "x",
        object: "chat.completion",
        created: 0,
        model: body.model,
        choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content } }],
        usage: { prompt_tokens: 1000, completion_tokens: 100, total_tokens: 1100 },
      });
    switch (kase) {
      case "malformed":
        return answer("{ themes: oops");
      case "malformed-once":
        return answer(n === 1 ? "not json at all" : JSON.stringify(GOOD));
      case "missing-fields":
        return answer(JSON.stringify({ soft_skills: [] }));
      case "rate-limited":
        return n <= 2
          ? Response.json({ error: { message: "slow down" } }, {
            status: 429,
            headers: { "retry-after": "0" },
          })
          : answer(JSON.stringify(GOOD));
      case "server-error":
        return n === 1 ? new Response("boom", { status: 500 }) : answer(JSON.stringify(GOOD));
      case "always-500":
        return new Response("down", { status: 503 });
      case "slow":
        if (n === 1) await new Promise((r) => setTimeout(r, 1500));
        return answer(JSON.stringify(GOOD));
      case "unsure":
        return answer(JSON.stringify({ ...GOOD, overall_confidence: 40 }));
      case "invented-evidence":
        return answer(
          JSON.stringify({
            ...GOOD,
            soft_skills: [...GOOD.soft_skills, {
              code_ogr: "300497",
              evidence: "créatif et inventif",
              confidence: 70,
            }],
          }),
        );
      default:
        return answer(JSON.stringify(GOOD));
    }
  });
  const port = (server.addr as Deno.NetAddr).port;
  return { server, baseURL: `http://127.0.0.1:${port}/v1`, attempts, requests: () => requests };
}

const offer = (id: string, kase: string): Offer => ({
  ...emptyOffer(id, "generic"),
  title: "Comptable",
  text: `Vous êtes rigoureux. [[${kase}]]`,
});

Deno.test({
  name: "every path of the LLM labeller against a local OpenAI-compatible server",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const { server, baseURL, attempts, requests } = startServer();
    const dir = await tempDir();
    const store = LabelStore.open(`${dir}/labels.sqlite`);
    const cases = [
      "good",
      "malformed",
      "malformed-once",
      "missing-fields",
      "rate-limited",
      "server-error",
      "always-500",
      "slow",
      "unsure",
      "invented-evidence",
    ];
    const offers = cases.map((c, i) => offer(`o${i}`, c));
    store.upsertOffers(offers);
    const options = {
      baseURL,
      apiKey: "test",
      model: "fake-model",
      cacheDir: `${dir}/cache`,
      concurrency: 3,
      maxAttempts: 3,
      retryBaseMs: 10,
      timeoutMs: 700,
      priceIn: 1,
      priceOut: 2,
      toReviewPath: `${dir}/to_review.jsonl`,
      store,
    };
    const progress: number[] = [];
    const run = await labelWithLlm(offers, { ...options, onProgress: (d) => progress.push(d) });

    assert.deepEqual(run.records.map((r) => r.id), ["o0", "o2", "o4", "o5", "o7", "o8", "o9"]);
    assert.deepEqual(run.failed.map((f) => f.id), ["o1", "o3", "o6"]);
    const malformed = run.failed.find((f) => f.id === "o1")!;
    assert.equal(malformed.raw, "{ themes: oops", "the raw answer is kept");
    assert.match(malformed.error, /not JSON/);
    assert.equal(attempts.get("malformed"), 2, "an invalid answer is asked again once");
    assert.match(run.failed.find((f) => f.id === "o3")!.error, /themes/);
    assert.equal(attempts.get("rate-limited"), 3, "429 retried with backoff");
    assert.equal(attempts.get("server-error"), 2, "5xx retried");
    assert.equal(attempts.get("always-500"), 3, "gives up after maxAttempts");
    assert.equal(attempts.get("slow"), 2, "a timeout is retried");
    assert.deepEqual(run.toReview, ["o8"]);
    assert.equal(run.evidenceNotFound, 1);
    const invented = run.records.find((r) => r.id === "o9")!;
    assert.deepEqual(
      invented.soft_skills.map((s) => [s.start, s.end]),
      [[10, 19], [null, null]],
      "evidence not found is flagged, not dropped",
    );
    // answered requests carry usage; 2 rate-limited + 1 server error + 3 unavailable + 1 timed out do not
    assert.equal(run.usage.prompt_tokens, 1000 * (run.usage.requests - 2 - 1 - 3 - 1));
    assert.equal(run.usage.cost_usd, (run.usage.prompt_tokens * 1 + run.usage.completion_tokens * 2) / 1e6);
    assert.ok(run.usage.retries >= 6);
    assert.equal(progress.at(-1), 10);
    assert.deepEqual((await readJsonl(`${dir}/to_review.jsonl`)).map((r) => [r.id, r.reason]), [[
      "o8",
      "overall_confidence 40 < 80",
    ]]);

    const set = store.labelSets()[0];
    assert.equal(set.name, "llm:fake-model");
    assert.equal(set.version, "prompt-v1/codebook-v1");
    assert.deepEqual(store.statusCounts(set), { ok: 6, to_review: 1, failed: 3 });
    assert.deepEqual(store.reviewQueue("llm_to_review").map((r) => r.offer_id), ["o8"]);

    const before = requests();
    const again = await labelWithLlm(offers.filter((_, i) => ![1, 3, 6].includes(i)), options);
    assert.equal(requests(), before, "a re-run is answered from the cache");
    assert.equal(again.cache.hits, 7);
    assert.deepEqual(again.records, run.records);
    store.close();
    await server.shutdown();
  },
});

Deno.test("the prompt carries the codebook, the few-shot examples and the offer; answers are parsed strictly", () => {
  const messages = buildMessages({ title: "Vendeur", text: "Texte de l'offre" });
  assert.equal(messages[0].role, "system");
  assert.match(messages[0].content, /codebook-v1/);
  assert.match(messages[0].content, /WORK_LIFE_BALANCE/);
  assert.equal(messages.filter((m) => m.role === "assistant").length, 2);
  assert.equal(messages.at(-1)!.content, "Offre :\nVendeur\n\nTexte de l'offre");
  const r = parseAnswer("```json\n" + JSON.stringify(GOOD) + "\n```", { id: "1", source: "generic" });
  assert.equal(r.themes.PAY_BENEFITS, 90);
  assert.throws(
    () => parseAnswer(JSON.stringify({ ...GOOD, overall_confidence: 101 }), { id: "1", source: "generic" }),
    /overall_confidence/,
  );
});

Deno.test({
  name:
    "jobs label-llm: a seeded sample of the offers no label file holds, labelled and written in the codebook's form; resumed from the cache",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const { server, baseURL, requests } = startServer();
    const dir = await tempDir();
    const rows = Array.from({ length: 12 }, (_, i) => generateOffer(4, i).row);
    const offersFile = `${dir}/offers.jsonl`;
    await Deno.writeTextFile(offersFile, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
    const { offers } = await loadOfferFiles([offersFile]);
    const done = offers.slice(0, 2).map((o) => ({ ...GOOD, source: o.source, id: o.id }));
    await writeLabelFile(`${dir}/done.jsonl`, done);
    const cli = (out: string, ...more: string[]) =>
      capture(() =>
        main([
          "label-llm",
          "--out",
          out,
          "--offers",
          offersFile,
          "--exclude",
          `${dir}/done.jsonl`,
          "--model",
          "fake-model",
          "--base-url",
          baseURL,
          "--cache",
          `${dir}/cache`,
          ...more,
        ])
      );
    const labelled = await cli(`${dir}/more.jsonl`, "--n", "5", "--seed", "3");
    assert.equal(labelled.code, 0, labelled.err);
    assert.equal(JSON.parse(labelled.out).labelled, 5, "a JSON summary");
    const written = await readJsonl(`${dir}/more.jsonl`);
    assert.equal(written.length, 5);
    const excluded = new Set(done.map((r) => r.id));
    assert.ok(
      written.every((r) => !excluded.has(String(r.id))),
      "offers already labelled are not asked again",
    );
    assert.deepEqual(Object.keys(written[0]).sort(), [
      "id",
      "overall_confidence",
      "soft_skills",
      "source",
      "themes",
    ]);
    assert.deepEqual(Object.keys((written[0].soft_skills as object[])[0]).sort(), [
      "code_ogr",
      "confidence",
      "evidence",
    ]);
    assert.equal((await readLabelFile(`${dir}/more.jsonl`)).errors.length, 0, "train and evaluate read it");
    assert.equal(await Deno.readTextFile(`${dir}/more.jsonl.failed.jsonl`), "");
    assert.equal(await Deno.readTextFile(`${dir}/more.jsonl.to_review.jsonl`), "");
    const before = requests();
    const more = (offersIn: string, n: number, out: string) =>
      labelMore({
        offers: [offersIn],
        exclude: [`${dir}/done.jsonl`],
        n,
        seed: 3,
        model: "fake-model",
        baseURL,
        cacheDir: `${dir}/cache`,
        out,
      });
    const summary = await more(offersFile, 5, `${dir}/again.jsonl`);
    assert.equal(requests(), before, "the same sample is answered from the cache");
    assert.deepEqual(await readJsonl(`${dir}/again.jsonl`), written);
    assert.deepEqual(
      [
        summary.offers_read,
        summary.already_labelled,
        summary.chosen,
        summary.labelled,
        summary.sure,
        summary.failed,
      ],
      [12, 2, 5, 5, 5, 0],
    );
    assert.equal(summary.cache.hits, 5);
    // the same offers, two of them now answered badly: one unsure, one malformed twice
    const marked = rows.map((r, i) =>
      i < 10
        ? r
        : { ...r, description_full: `${r.description_full} [[${i === 10 ? "unsure" : "malformed"}]]` }
    );
    await Deno.writeTextFile(`${dir}/marked.jsonl`, marked.map((r) => JSON.stringify(r)).join("\n") + "\n");
    const all = await more(`${dir}/marked.jsonl`, 50, `${dir}/all.jsonl`);
    assert.deepEqual([all.chosen, all.labelled, all.sure, all.to_review, all.failed], [10, 9, 8, 1, 1]);
    const failed = await readJsonl(`${dir}/all.jsonl.failed.jsonl`);
    assert.deepEqual(
      failed.map((f) => [f.id, f.raw]),
      [[offers[11].id, "{ themes: oops"]],
      "kept with its raw answer",
    );
    assert.match(String(failed[0].error), /not JSON/);
    assert.deepEqual((await readJsonl(`${dir}/all.jsonl.to_review.jsonl`)).map((r) => r.id), [offers[10].id]);
    const allIds = new Set((await readJsonl(`${dir}/all.jsonl`)).map((r) => r.id));
    assert.ok(
      written.every((r) => allIds.has(r.id) || r.id === offers[11].id),
      "a larger sample holds the smaller one",
    );
    assert.ok(
      !allIds.has(offers[11].id) && allIds.has(offers[10].id),
      "a failure is not written, an unsure label is",
    );
    await Deno.writeTextFile(`${dir}/bad.jsonl`, `${JSON.stringify(done[0])}\n{"id": "x", "themes": {}}\n`);
    await assert.rejects(
      labelMore({
        offers: [offersFile],
        exclude: [`${dir}/bad.jsonl`],
        n: 1,
        model: "m",
        cacheDir: `${dir}/cache`,
        out: `${dir}/x.jsonl`,
      }),
      /bad\.jsonl: line 2: themes\.DIVERSITY/,
    );
    await assert.rejects(
      labelMore({
        offers: [offersFile],
        exclude: [],
        n: 0,
        model: "m",
        cacheDir: `${dir}/cache`,
        out: `${dir}/x.jsonl`,
      }),
      /n must be a positive integer, got 0/,
    );
    const usage = await cli(`${dir}/y.jsonl`, "--n", "ten");
    assert.equal(usage.code, 2);
    assert.match(usage.err, /--n takes a positive integer, got ten/);
    const unconfigured = await capture(() =>
      main(["label-llm", "--out", `${dir}/z.jsonl`, "--base-url", baseURL])
    );
    if (!Deno.env.get("JOBS_LLM_MODEL")) assert.match(unconfigured.err, /no LLM configured: give --model/);
    await server.shutdown();
  },
});
