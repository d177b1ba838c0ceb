/// <reference lib="dom" />
/**
 * The labelling app: its API (tokens, own labels only, admin adjudication,
 * agreement) and, in real headless Chromium through playwright-core, an
 * annotator's session: log in, label an offer, select a span, reload, the
 * labels are still there; an offer holding <script> never runs.
 */
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { emptyOffer } from "../../lib/corpus/schema.ts";
import { LabelStore } from "../../lib/labelling/store.ts";
import {
  addAnnotator,
  loadAnnotators,
  revokeAnnotator,
  rotateAnnotator,
  tokenHash,
} from "../../lib/app/annotators.ts";
import { serveHttp } from "../../lib/app/http_front.ts";
import { appHandler } from "../../lib/app/server.ts";
import { humanAgreement } from "../../lib/app/labelling_api.ts";
import { tempDir } from "../_helpers.ts";
import { DatabaseSync } from "node:sqlite";

const TEXT =
  "Notre PME recrute.\n\nVos missions : tenir la comptabilité.\n\nProfil recherché :\nVous êtes rigoureux et autonome.";
const XSS =
  'Entreprise <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2">\n\nProfil : vous êtes curieux.';

async function setup() {
  const dir = await tempDir();
  const store = LabelStore.open(`${dir}/labels.sqlite`);
  const offer = (id: string, text: string, profile = "") => ({
    ...emptyOffer(id, "generic" as const),
    title: `Offre ${id}`,
    text,
    sections: { company: text.split("\n\n")[0], job: "", profile },
  });
  store.upsertOffers([
    offer("o1", TEXT, "Profil recherché :\nVous êtes rigoureux et autonome."),
    offer("o2", XSS),
    offer("o3", "Texte trois."),
  ]);
  for (const id of ["o1", "o2", "o3"]) store.enqueueReview(id, "diverse", "stage-3 sample");
  const path = `${dir}/annotators.json`;
  const alice = await addAnnotator(path, "alice", "annotator");
  const bob = await addAnnotator(path, "bob", "annotator");
  const boss = await addAnnotator(path, "boss", "admin");
  const server = serveHttp(appHandler(store, loadAnnotators(path)), { hostname: "127.0.0.1", port: 0 });
  const base = `http://127.0.0.1:${(server.addr as Deno.NetAddr).port}`;
  const call = (token: string | null, path: string, init: RequestInit = {}) =>
    fetch(base + path, {
      ...init,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    })
      .then(async (r) => ({ status: r.status, body: await r.json() }));
  return { store, server, base, call, path, tokens: { alice, bob, boss } };
}

const themes = (wlb: boolean) => ({
  DIVERSITY: false,
  PAY_BENEFITS: false,
  CAREER: false,
  CULTURE_VALUES: false,
  LEADERSHIP_MANAGEMENT: false,
  WORK_LIFE_BALANCE: wlb,
});

Deno.test({
  name:
    "API: no token no access; annotators see and change only their own labels; admin adjudicates; agreement",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const { store, server, call, tokens } = await setup();
    assert.equal((await call(null, "/api/queues")).status, 401);
    assert.equal((await call("wrong-token-wrong-token", "/api/me")).status, 401);
    assert.deepEqual((await call(tokens.alice, "/api/me")).body, {
      name: "alice",
      role: "annotator",
      codebook: "codebook-v1",
    });
    assert.deepEqual((await call(tokens.alice, "/api/queues/diverse/next")).body, {
      offer_id: "o1",
      total: 3,
      done: 0,
    });
    const start = TEXT.indexOf("rigoureux");
    const put = (
      token: string,
      id: string,
      wlb: boolean,
      spans = [{ code_ogr: "300490", start, end: start + 9 }],
    ) =>
      call(token, `/api/offers/${id}/labels`, {
        method: "PUT",
        body: JSON.stringify({ themes: themes(wlb), soft_skills: spans }),
      });
    assert.equal((await put(tokens.alice, "o1", true)).status, 200);
    assert.equal((await put(tokens.bob, "o1", false, [])).status, 200);
    assert.equal(
      (await call(tokens.alice, "/api/offers/o1")).body.mine.themes.WORK_LIFE_BALANCE,
      100,
      "alice sees her labels",
    );
    assert.equal(
      (await call(tokens.bob, "/api/offers/o1")).body.mine.themes.WORK_LIFE_BALANCE,
      0,
      "bob sees his, not alice's",
    );
    assert.equal((await call(tokens.alice, "/api/offers/o1")).body.mine.soft_skills[0].evidence, "rigoureux");
    const bad = await put(tokens.alice, "o1", true, [{ code_ogr: "300490", start: 5, end: 9999 }]);
    assert.equal(bad.status, 400);
    assert.match(bad.body.error, /outside the offer text/);
    assert.equal(
      (await call(tokens.alice, "/api/queues/diverse/next")).body.offer_id,
      "o2",
      "labelled offers leave the annotator's queue",
    );
    await call(tokens.alice, "/api/offers/o2/skip", {
      method: "POST",
      body: JSON.stringify({ queue: "diverse" }),
    });
    assert.equal(
      (await call(tokens.alice, "/api/queues/diverse/next")).body.offer_id,
      "o3",
      "skipped offers too",
    );
    assert.equal((await call(tokens.alice, "/api/adjudication")).status, 403);
    const todo = (await call(tokens.boss, "/api/adjudication")).body;
    assert.deepEqual(todo.map((d: { id: string }) => d.id), ["o1"]);
    assert.equal(
      (await call(tokens.boss, "/api/adjudication/o1", {
        method: "PUT",
        body: JSON.stringify({ themes: themes(true), soft_skills: [] }),
      })).status,
      200,
    );
    assert.ok(store.labelSets().some((s) => s.name === "adjudicated"));
    const agreement = (await call(tokens.alice, "/api/agreement")).body;
    assert.equal(agreement.offers, 1);
    assert.equal(
      agreement.themes.find((t: { theme: string }) => t.theme === "WORK_LIFE_BALANCE").statistic,
      "Cohen's kappa",
    );
    assert.ok(store.auditLog().some((a) => a.actor === "boss" && a.action === "save_labels"));
    await server.shutdown();
    store.close();
  },
});

Deno.test("agreement: Krippendorff's alpha when more than two annotators", async () => {
  const dir = await tempDir();
  const store = LabelStore.open(`${dir}/s.sqlite`);
  store.upsertOffers(["a", "b", "c"].map((id) => ({ ...emptyOffer(id, "generic" as const), text: "x" })));
  for (
    const [name, votes] of [["ann", [1, 0, 1]], ["ben", [1, 0, 0]], ["cat", [1, 1, 1]]] as [
      string,
      number[],
    ][]
  ) {
    const set = store.labelSet({ name: `human:${name}`, kind: "human", labeller: name, version: "v" });
    ["a", "b", "c"].forEach((id, i) =>
      store.saveRecord(set, {
        source: "generic",
        id,
        themes: {
          DIVERSITY: votes[i] * 100,
          PAY_BENEFITS: 0,
          CAREER: 0,
          CULTURE_VALUES: 0,
          LEADERSHIP_MANAGEMENT: 0,
          WORK_LIFE_BALANCE: 0,
        },
        soft_skills: [],
        overall_confidence: 100,
      }, { actor: name })
    );
  }
  const a = humanAgreement(store);
  assert.equal(a.offers, 3);
  const diversity = a.themes.find((t) => t.theme === "DIVERSITY")!;
  assert.equal(diversity.statistic, "Krippendorff's alpha");
  assert.ok(diversity.value !== null && diversity.value < 0.5);
  store.close();
});

const hasChromium = await Deno.stat("/usr/bin/chromium").then(() => true, () => false);
if (!hasChromium) {
  console.error(
    "labelling_app.test.ts: /usr/bin/chromium not found (./task test installs it as root on Debian); browser test skipped",
  );
}

Deno.test({
  name:
    "in Chromium: log in, label an offer, select a span, reload: the labels are still there; <script> in an offer never runs",
  ignore: !hasChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const { store, server, base, tokens } = await setup();
    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    try {
      const page = await browser.newPage();
      await page.goto(base + "/");
      await page.fill("#token", tokens.alice);
      await page.click("button[type=submit]");
      await page.waitForSelector("#theme-WORK_LIFE_BALANCE");
      await page.waitForFunction(() => document.querySelector("#offer h2")?.textContent === "Offre o1");
      await page.check("#theme-WORK_LIFE_BALANCE");
      // select "rigoureux" in the rendered text, as a mouse would
      await page.evaluate((word) => {
        const node = [...document.querySelectorAll("#offer .text span")].find((s) =>
          s.textContent!.includes(word)
        )!.firstChild!;
        const at = node.textContent!.indexOf(word);
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + word.length);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
      }, "rigoureux");
      await page.selectOption("#skill", "300490");
      await page.click("#add");
      assert.equal(await page.textContent("#offer mark"), "rigoureux");
      await page.click("#save");
      await page.waitForFunction(() => document.querySelector("#offer h2")?.textContent === "Offre o2");
      // the offer with <script> and an onerror image shows as text and runs nothing
      assert.match((await page.textContent("#offer"))!, /<script>window.__pwned = 1<\/script>/);
      assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
      await page.goto(base + "/?offer=o1");
      await page.reload();
      await page.waitForFunction(() => document.querySelector("#offer h2")?.textContent === "Offre o1");
      assert.equal(await page.isChecked("#theme-WORK_LIFE_BALANCE"), true);
      assert.equal(await page.textContent("#offer mark"), "rigoureux");
      assert.equal(await page.getAttribute("#offer mark", "data-label"), "300490");
      assert.equal(await page.textContent("#source"), "your saved labels");
      const set = store.labelSets().find((s) => s.name === "human:alice")!;
      const saved = store.record(set, "o1")!;
      assert.equal(saved.themes.WORK_LIFE_BALANCE, 100);
      assert.deepEqual(saved.soft_skills.map((s) => [s.code_ogr, s.evidence]), [["300490", "rigoureux"]]);
    } finally {
      await browser.close();
      await server.shutdown();
      store.close();
    }
  },
});

Deno.test({
  name:
    "API hardening: malformed requests answer 400 (not 500), unknown paths 404, wrong methods 405 with Allow, stored strings bounded",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const { store, server, base, call, tokens } = await setup();
    const raw = (path: string, init: RequestInit = {}) =>
      fetch(base + path, init).then(async (r) => ({
        status: r.status,
        headers: r.headers,
        text: await r.text(),
      }));
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...a: unknown[]) => errors.push(a);
    try {
      assert.equal((await raw("/api/%ZZ")).status, 400, "bad percent-encoding, before any login");
      const asJson = { "content-type": "application/json" };
      assert.equal((await raw("/api/login", { method: "POST", headers: asJson, body: "null" })).status, 400);
      assert.equal(
        (await raw("/api/login", { method: "POST", headers: asJson, body: "{not json" })).status,
        400,
      );
      assert.equal(
        (await raw("/api/login", {
          method: "POST",
          headers: asJson,
          body: new Uint8Array([0x7b, 0xff, 0x7d]),
        })).status,
        400,
        "not UTF-8",
      );
      assert.equal((await raw("/api/login", { method: "GET" })).status, 405);
      const skip = (body: string) => call(tokens.alice, "/api/offers/o1/skip", { method: "POST", body });
      assert.equal((await skip("null")).status, 400);
      assert.equal((await skip('{"queue": 5}')).status, 400);
      const huge = await skip(JSON.stringify({ queue: "q".repeat(100_000) }));
      assert.equal(huge.status, 413, "a body over the API's bound is refused");
      assert.equal(
        (await skip(JSON.stringify({ queue: "q".repeat(500) }))).status,
        404,
        "a queue name that is no queue is not stored",
      );
      assert.equal((await skip(JSON.stringify({ queue: "diverse" }))).status, 200);
      assert.deepEqual(store.auditLog().filter((e) => e.action === "skip").map((e) => e.detail), [
        JSON.stringify({ queue: "diverse" }),
      ]);
      const spans = Array.from({ length: 201 }, () => ({ code_ogr: "300490", start: 0, end: 1 }));
      assert.equal(
        (await call(tokens.alice, "/api/offers/o1/labels", {
          method: "PUT",
          body: JSON.stringify({ themes: themes(true), soft_skills: spans }),
        })).status,
        413,
      );
      const extra = await raw("/api/me/extra", { headers: { authorization: `Bearer ${tokens.alice}` } });
      assert.equal(extra.status, 404, "unknown sub-paths are not /api/me");
      const wrong = await raw("/api/me", {
        method: "DELETE",
        headers: { authorization: `Bearer ${tokens.alice}` },
      });
      assert.equal(wrong.status, 405);
      assert.equal(wrong.headers.get("allow"), "GET");
      assert.equal(wrong.headers.get("x-content-type-options"), "nosniff");
      const page = await raw("/", { method: "POST" });
      assert.equal(page.status, 405);
      assert.equal(page.headers.get("allow"), "GET, HEAD");
      assert.equal((await raw("/nowhere")).status, 404);
      assert.equal(
        (await raw("/api/me", { headers: { authorization: `bearer ${tokens.alice}` } })).status,
        200,
        "the scheme in any case",
      );
      assert.equal(
        (await raw("/api/me", { headers: { authorization: `BEARER  ${tokens.alice}` } })).status,
        200,
      );
      assert.equal(errors.length, 0, `nothing logged as an internal error: ${JSON.stringify(errors)}`);
    } finally {
      console.error = original;
      await server.shutdown();
      store.close();
    }
  },
});

Deno.test({
  name:
    "tokens: the file keeps only their SHA-256; add, rotate and revoke take effect in a running server without a restart",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const { store, server, call, path, tokens } = await setup();
    try {
      const file = await Deno.readTextFile(path);
      for (const token of Object.values(tokens)) {
        assert.ok(!file.includes(token), "no clear token in the file");
      }
      assert.ok(file.includes(tokenHash(tokens.alice)));
      assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
      assert.throws(
        () => addAnnotator(path, "alice", "annotator"),
        /already has a token; give a new one with --rotate-annotator alice/,
      );
      const carol = addAnnotator(path, "carol", "annotator");
      await new Promise((r) => setTimeout(r, 1100));
      assert.equal((await call(carol, "/api/me")).status, 200, "a new annotator gets in without a restart");
      const fresh = rotateAnnotator(path, "alice");
      revokeAnnotator(path, "bob");
      await new Promise((r) => setTimeout(r, 1100));
      assert.equal((await call(tokens.alice, "/api/me")).status, 401, "a rotated token stops working");
      assert.equal((await call(fresh, "/api/me")).status, 200);
      assert.equal((await call(tokens.bob, "/api/me")).status, 401, "a revoked token stops working");
    } finally {
      await server.shutdown();
      store.close();
    }
  },
});

Deno.test("tokens: a file of clear tokens from an older version is hashed in place and its tokens still work", async () => {
  const dir = await tempDir();
  const path = `${dir}/annotators.json`;
  await Deno.writeTextFile(
    path,
    JSON.stringify([{ name: "old", token: "legacy-token-0123456789", role: "admin" }]),
  );
  const original = console.error;
  console.error = () => {};
  try {
    assert.equal(loadAnnotators(path).byToken("legacy-token-0123456789")?.name, "old");
  } finally {
    console.error = original;
  }
  assert.ok(!(await Deno.readTextFile(path)).includes("legacy-token-0123456789"));
  assert.equal(loadAnnotators(path).byToken("legacy-token-0123456789")?.role, "admin");
  assert.equal(loadAnnotators(path).byToken("legacy-token-0123456780"), null);
});

Deno.test({
  name:
    "CSRF: a page of another origin (another localhost port included) can neither log the browser in nor post as the logged-in annotator; only JSON bodies change anything",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const { store, server, base, tokens } = await setup();
    const post = (path: string, headers: Record<string, string>, body: string) =>
      fetch(base + path, { method: "POST", headers, body }).then(async (r) => ({
        status: r.status,
        body: await r.json(),
      }));
    const cookie = `jobs_token=${tokens.alice}`;
    const json = { "content-type": "application/json" };
    const evil = "http://127.0.0.1:9999";
    try {
      const login = JSON.stringify({ token: tokens.bob });
      const forged = await post(
        "/api/login",
        { ...json, origin: evil, "sec-fetch-site": "same-site" },
        login,
      );
      assert.equal(forged.status, 403);
      assert.match(forged.body.error, /same-site request may not change anything/);
      assert.equal(
        (await post("/api/login", { ...json, origin: evil }, login)).status,
        403,
        "Origin alone, as older browsers send it",
      );
      assert.equal(
        (await post("/api/login", { "content-type": "text/plain" }, login)).status,
        415,
        "a text/plain body, which needs no preflight",
      );
      assert.equal(
        (await post(
          "/api/login",
          { "content-type": "application/x-www-form-urlencoded" },
          `token=${tokens.bob}`,
        )).status,
        415,
        "a form",
      );
      const skip = JSON.stringify({ queue: "diverse" });
      assert.equal(
        (await post(
          "/api/offers/o1/skip",
          { ...json, cookie, origin: evil, "sec-fetch-site": "same-site" },
          skip,
        )).status,
        403,
      );
      assert.equal(
        (await post("/api/offers/o1/skip", { "content-type": "text/plain;charset=UTF-8", cookie }, skip))
          .status,
        415,
      );
      assert.equal((await post("/api/logout", { cookie, "sec-fetch-site": "cross-site" }, "")).status, 403);
      assert.deepEqual(
        store.auditLog().filter((e) => e.action === "skip"),
        [],
        "no forged skip reached the store",
      );
      const own = await post("/api/offers/o1/skip", {
        ...json,
        cookie,
        origin: base,
        "sec-fetch-site": "same-origin",
      }, skip);
      assert.equal(own.status, 200, "the app's own page");
      assert.equal(
        (await post("/api/login", json, login)).status,
        200,
        "a script (no Origin) with a JSON body",
      );
    } finally {
      await server.shutdown();
      store.close();
    }
  },
});

Deno.test({
  name:
    "a store locked by another process: saves answer 503 with Retry-After, the other routes answer meanwhile, a short lock is waited out",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const { store, server, base, call, tokens } = await setup();
    const other = new DatabaseSync(store.path);
    const save = () =>
      fetch(`${base}/api/offers/o1/labels`, {
        method: "PUT",
        headers: { "content-type": "application/json", authorization: `Bearer ${tokens.alice}` },
        body: JSON.stringify({ themes: themes(true), soft_skills: [] }),
      });
    try {
      other.exec("BEGIN IMMEDIATE"); // another process writing
      const order: string[] = [];
      const saving = save().then(async (
        r,
      ) => (order.push("save"),
        { status: r.status, retry: r.headers.get("retry-after"), body: await r.json() })
      );
      const me = await call(tokens.alice, "/api/me");
      order.push("me");
      assert.equal(me.status, 200);
      const refused = await saving;
      assert.deepEqual(order, ["me", "save"], "a read is answered while the save waits for the lock");
      assert.equal(refused.status, 503);
      assert.equal(refused.retry, "1");
      assert.match(refused.body.error, /busy.*nothing of this save was kept/);
      other.exec("COMMIT");
      assert.equal((await save()).status, 200);
      other.exec("BEGIN IMMEDIATE");
      setTimeout(() => other.exec("COMMIT"), 300);
      assert.equal((await save()).status, 200, "a lock held 0.3 s is waited out, without blocking");
    } finally {
      other.close();
      await server.shutdown();
      store.close();
    }
  },
});
