/// <reference lib="dom" />
/**
 * The demo (stage 8): analysis, input limits with clear messages, the JSON
 * API, and in headless Chromium: an example one click away, themes and
 * highlighted soft skills, a pasted <script> shown as text and never run.
 */
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { analyseText, DemoInputError, MAX_TEXT_CHARS, parseDemoBody } from "../../lib/app/demo_analyse.ts";
import { loadDemo } from "../../lib/app/demo_api.ts";
import { appHandler } from "../../lib/app/server.ts";
import { serveHttp } from "../../lib/app/http_front.ts";
import { LabelStore } from "../../lib/labelling/store.ts";
import { loadAnnotators } from "../../lib/app/annotators.ts";
import { loadConfig } from "../../lib/config.ts";
import { THEMES } from "../../lib/base/vocabulary.ts";
import { tempDir } from "../_helpers.ts";

const dir = await tempDir();
const config = { ...loadConfig({}), dataDir: dir, reportDir: `${dir}/reports`, baseSize: 3000 };
const demo = await loadDemo(config);
const OFFER =
  "Rejoignez notre équipe ! Télétravail possible 2 jours par semaine et horaires flexibles.\n\nProfil : vous êtes rigoureux et autonome, avec le sens du service.";

Deno.test("the demo analyses a text: six themes with probabilities, soft skills as spans of the cleaned text with their ROME savoir-être", () => {
  const r = analyseText(OFFER, { model: demo.model });
  assert.deepEqual(r.themes.map((t) => t.theme), [...THEMES]);
  assert.ok(r.themes.every((t) => t.probability >= 0 && t.probability <= 1 && t.name.length > 0));
  assert.equal(r.themes.find((t) => t.theme === "WORK_LIFE_BALANCE")!.decision, true);
  const found = r.soft_skills.map((
    s,
  ) => [s.start === null ? "" : r.text.slice(s.start, s.end!).toLowerCase(), s.code_ogr]);
  assert.ok(
    found.some(([text, code]) => text.includes("rigoureux") && code === "300490"),
    JSON.stringify(found),
  );
  assert.ok(
    found.some(([text, code]) => text.includes("autonome") && code === "300460"),
    JSON.stringify(found),
  );
  assert.ok(r.soft_skills.every((s) => s.label.length > 3 && s.registry === null));
});

Deno.test("a result as static HTML: highlighted spans, escaped text, one bar per theme", async () => {
  const { demoResultHtml } = await import("../../lib/app/demo_page.ts");
  const r = analyseText('Vous êtes rigoureux. 1 < 2 & "ok"', { model: demo.model });
  const html = demoResultHtml(r);
  assert.match(html, /<mark title="Faire preuve de rigueur et de précision"[^>]*>rigoureux<\/mark>/);
  assert.match(html, /1 &#60; 2 &#38; &#34;ok&#34;/);
  assert.equal(html.match(/ %<\/span><\/div>/g)?.length, 6);
});

Deno.test("bad input gets a clear message: not a string, empty, too long, not UTF-8, not JSON, no text field", () => {
  const refuse = (f: () => unknown, re: RegExp, status = 400) =>
    assert.throws(
      f,
      (e: unknown) => e instanceof DemoInputError && re.test(e.message) && e.status === status,
    );
  refuse(() => analyseText(42, { model: demo.model }), /"text" must be a string/);
  refuse(() => analyseText("   \n ", { model: demo.model }), /the text is empty/);
  refuse(
    () => analyseText("x".repeat(MAX_TEXT_CHARS + 1), { model: demo.model }),
    /takes at most 20,000/,
    413,
  );
  refuse(() => parseDemoBody(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), /not valid UTF-8/);
  refuse(() => parseDemoBody(new TextEncoder().encode("text=hello")), /not JSON/);
  refuse(() => parseDemoBody(new TextEncoder().encode('{"body": "x"}')), /needs a "text" field/);
  assert.equal(parseDemoBody(new TextEncoder().encode('{"text": "ok"}')), "ok");
});

function serve() {
  const store = LabelStore.open(`${dir}/labels.sqlite`);
  return serveHttp(appHandler(store, loadAnnotators(`${dir}/annotators.json`), demo), {
    hostname: "127.0.0.1",
    port: 0,
  });
}

Deno.test({
  name: "the JSON API gives the same result as the page and error statuses with messages",
  sanitizeResources: false,
  async fn() {
    const server = await serve();
    const base = `http://127.0.0.1:${(server.addr as Deno.NetAddr).port}`;
    try {
      const ok = await fetch(`${base}/api/analyse`, {
        method: "POST",
        body: JSON.stringify({ text: OFFER }),
      });
      assert.equal(ok.status, 200);
      assert.deepEqual(
        await ok.json(),
        JSON.parse(JSON.stringify(analyseText(OFFER, { model: demo.model }))),
      );
      const tooLong = await fetch(`${base}/api/analyse`, {
        method: "POST",
        body: JSON.stringify({ text: "é".repeat(MAX_TEXT_CHARS + 5) }),
      });
      assert.equal(tooLong.status, 413);
      assert.match((await tooLong.json()).error, /at most 20,000/);
      const get = await fetch(`${base}/api/analyse`);
      assert.equal(get.status, 405);
      await get.body?.cancel();
      const examples = await (await fetch(`${base}/api/demo/examples`)).json();
      assert.ok(
        examples.length >= 3 &&
          examples.every((x: { title: string; text: string }) => x.title && x.text.length > 100),
      );
      const page = await fetch(`${base}/demo`);
      assert.match(page.headers.get("content-security-policy")!, /script-src 'self'/);
      assert.doesNotMatch(await page.text(), /<script>[^<]/);
    } finally {
      await server.shutdown();
    }
  },
});

const hasChromium = await Deno.stat("/usr/bin/chromium").then(() => true, () => false);
if (!hasChromium) console.error("demo.test.ts: /usr/bin/chromium not found; browser test skipped");

Deno.test({
  name:
    "in Chromium: an example in one click, themes and highlighted soft skills; pasted <script> shows as text and never runs",
  ignore: !hasChromium,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const server = await serve();
    const base = `http://127.0.0.1:${(server.addr as Deno.NetAddr).port}`;
    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`${base}/demo`);
      await page.click("#examples button");
      await page.waitForSelector("#results:not([hidden]) .theme");
      assert.equal(await page.locator(".theme").count(), 6);
      await page.fill(
        "#input",
        OFFER +
          '\n<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> Fin &lt;b onmouseover=alert(1)&gt;.',
      );
      await page.click("#analyse");
      await page.waitForSelector("#results:not([hidden]) .theme");
      assert.match(await page.locator("#text").textContent() ?? "", /Fin/);
      const marks = await page.locator("#text mark").allTextContents();
      assert.ok(marks.some((m) => m.toLowerCase().includes("rigoureux")), JSON.stringify(marks));
      assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
      assert.equal(await page.locator("#text img, #text script").count(), 0);
      assert.ok(await page.locator('.theme.yes[data-theme="WORK_LIFE_BALANCE"]').count() === 1);
      await page.fill("#input", "   ");
      await page.click("#analyse");
      await page.waitForFunction(() => document.querySelector("#error")?.textContent?.includes("empty"));
    } finally {
      await browser.close();
      await server.shutdown();
    }
  },
});

Deno.test("demoOnLabelled: the demo's themes and soft skills on labelled offers, scored against the labels beside the teacher", async () => {
  const { demoOnLabelled } = await import("../../lib/app/demo_check.ts");
  const { emptyOffer } = await import("../../lib/corpus/schema.ts");
  const { labelWithRules } = await import("../../lib/labelling/rules.ts");
  const texts = [
    OFFER,
    "Poste de comptable. Salaire attractif, mutuelle et tickets restaurant. Vous êtes rigoureux.",
    "Chef d'équipe : vous managez une équipe de cinq techniciens et savez faire preuve d'autonomie.",
  ];
  const offers = texts.map((text, i) => ({ ...emptyOffer(`o${i}`, "generic"), text }));
  // labels that say what the teacher says, so the teacher scores 1 and the demo what its own model gives
  const records = offers.map((o) => ({ ...labelWithRules(o).record, source: "reference" }));
  const check = demoOnLabelled(demo, { offers, records }, { resamples: 50 });
  assert.equal(check.offers, 3);
  assert.equal(check.themes.teacher.micro.f1.value, 1);
  assert.equal(check.teacherCodes.micro.f1.value, 1, "the labels are the teacher's");
  const found = check.results.map((r) => new Set(r.soft_skills.map((s) => s.code_ogr)));
  const asked = records.map((r) =>
    new Set(r.soft_skills.filter((s) => s.confidence >= 50).map((s) => s.code_ogr))
  );
  const hits = found.reduce((a, f, i) => a + [...f].filter((c) => asked[i].has(c)).length, 0);
  const sizes = found.reduce((a, f) => a + f.size, 0) + asked.reduce((a, f) => a + f.size, 0);
  assert.ok(
    Math.abs(check.codes.micro.f1.value - 2 * hits / sizes) < 1e-12,
    "the demo's codes are scored from the soft skills it shows",
  );
  const decisions = check.results.map((r) => r.themes.map((t) => t.decision));
  const expected = records.map((r) => THEMES.map((t) => r.themes[t] >= 50));
  let tp = 0, fp = 0, fn = 0;
  decisions.forEach((row, i) =>
    row.forEach((d, j) => (d && expected[i][j] ? tp++ : d ? fp++ : expected[i][j] ? fn++ : 0))
  );
  assert.ok(Math.abs(check.themes.demo.micro.f1.value - 2 * tp / (2 * tp + fp + fn)) < 1e-12);
  assert.ok(Math.abs(check.themes.difference.value - (check.themes.demo.micro.f1.value - 1)) < 1e-12);
  assert.throws(
    () => demoOnLabelled(demo, { offers, records: records.slice(1) }),
    /3 offers for 2 label records/,
  );
  assert.throws(() => demoOnLabelled(demo, { offers: [], records: [] }), /no labelled offer/);
});

Deno.test("the demo serves the run's model by default (the labeller stage 9 applies), kept in the data folder; a model folder given with --model is served as it is", async () => {
  const { BulkLabeller, ModelLabeller } = await import("../../lib/train/labeller.ts");
  const { bulkModelFromTeacher } = await import("../../lib/train/distil.ts");
  const { saveModel } = await import("../../lib/train/model_files.ts");
  const { prepareRunModel } = await import("../../lib/economics/base.ts");
  const { emptyOffer } = await import("../../lib/corpus/schema.ts");
  assert.ok(demo.model instanceof ModelLabeller);
  assert.equal(demo.description, "themes: teacher + text stack; soft skills: offer-level soft-skill model");
  const run = await prepareRunModel(config, { size: config.baseSize });
  assert.equal(demo.sources.model, run.dir, "stage 9's model folder");
  assert.equal(run.trained, false, "the same labels and code: loaded, not trained again");
  const again = await loadDemo(config);
  assert.deepEqual(
    analyseText(OFFER, { model: again.model }),
    analyseText(OFFER, { model: demo.model }),
    "read back from the folder, same answers",
  );
  const offers = demo.examples.slice(0, 4).flatMap((e, i) =>
    Array.from(
      { length: 30 },
      (_, k) => ({ ...emptyOffer(`x${i}-${k}`, "generic"), text: `${e.text} (${k})` }),
    )
  );
  const { model } = bulkModelFromTeacher(offers, 1);
  await saveModel(`${dir}/bulk`, model, {
    name: "b",
    task: "bulk",
    created: "2026-12-04",
    code_commit: "x",
    hyperparameters: {},
    metrics: {},
    data: {
      offers_file: "x",
      offers: offers.length,
      labels_file: "rules",
      label_source: "rules",
      min_confidence: 80,
      labels_used: 1,
    },
  });
  const bulk = await loadDemo(config, { model: `${dir}/bulk` });
  assert.ok(bulk.model instanceof BulkLabeller);
  assert.equal(analyseText(OFFER, { model: bulk.model }).themes.length, 6);
  await assert.rejects(loadDemo(config, { model: `${dir}/nothing-here` }), /holds no model/);
});
