/**
 * Stage 8, the demo: the run's model (the one stage 6 validates and stage 9
 * applies) served by the app on a loopback port, its examples sent through
 * POST /api/analyse, the same model scored on real reference-labelled
 * offers, bad input refused, a screenshot in Chromium where installed, and
 * the benchmark figures. Notebook 08 shows the views in order.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * import { demoStage } from "./demo.ts";
 * const stage = await demoStage(loadConfig());
 * stage.metrics.refused; // [400, 413, 400, 400]
 * ```
 */
import type { RunConfig } from "../config.ts";
import {
  appHandler,
  demoOnLabelled,
  type DemoResult,
  demoResultHtml,
  loadAnnotators,
  loadDemo,
  serveHttp,
} from "../app/mod.ts";
import { LabelStore, loadLabelled, referenceLabelFiles } from "../labelling/mod.ts";
import {
  chromiumPath,
  html,
  labelUse,
  note,
  type Part,
  pngDataUrl,
  provenanceOf,
  screenshot,
  table,
} from "../report/mod.ts";
import { PRESENT, SURE, THEMES } from "../base/mod.ts";
import { formatEstimate } from "../stats/mod.ts";
import type { StageResult } from "./stage.ts";

/** The stage's parameters. */
export interface DemoOptions {
  /** Real offers shown in full beside their reference labels. @default 3 */
  realExamples?: number;
  /** Overall confidence a reference label needs to score the demo. @default SURE (80) */
  minConfidence?: number;
}

/** The notebook's views, in order. */
export type DemoView = "model" | "examples" | "real" | "refused" | "screenshot" | "bench";

/** Bad requests the demo must refuse with a message: what each is, and its body. */
export const BAD_INPUTS: readonly (readonly [string, string | Uint8Array<ArrayBuffer>])[] = [
  ["empty text", JSON.stringify({ text: "  " })],
  ["21,000 characters", JSON.stringify({ text: "a".repeat(21000) })],
  ["not JSON", "text=hello"],
  ["bytes that are not UTF-8", new Uint8Array([0x7b, 0xff, 0x7d])],
];

const plain = (text: string) => text.replace(/[&<>]/g, "");

/** Runs stage 8 (see the module doc): starts the app on a free loopback port and stops it before returning. */
export async function demoStage(
  config: RunConfig,
  options: DemoOptions = {},
): Promise<StageResult<DemoView>> {
  const { realExamples = 3, minConfidence = SURE } = options;
  const views = {} as Record<DemoView, Part[]>;
  const demo = await loadDemo(config);
  const scratch = await Deno.makeTempDir({ prefix: "jobs-demo-" });
  const server = serveHttp(
    appHandler(
      LabelStore.open(`${scratch}/labels.sqlite`),
      loadAnnotators(`${scratch}/annotators.json`),
      demo,
    ),
    { hostname: "127.0.0.1", port: 0 },
  );
  const base = `http://127.0.0.1:${(server.addr as Deno.NetAddr).port}`;
  try {
    const analyse = async (text: string): Promise<DemoResult> =>
      (await fetch(`${base}/api/analyse`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text }),
      })).json();
    views.model = [
      note(
        `Model: ${
          demo.sources.model.split("/").slice(-2).join("/")
        } (${demo.description}; the run's model, which stage 9 applies); registry: ${
          demo.sources.registry
            ? demo.sources.registry.split("/").slice(-2).join("/")
            : "none (run notebook 07 first)"
        }.`,
      ),
    ];

    const results = [];
    for (const example of demo.examples) results.push({ example, r: await analyse(example.text) });
    views.examples = [
      ...results.map(({ example, r }) => html(`<h3>${plain(example.title)}</h3>${demoResultHtml(r)}`)),
      table(
        results.map(({ example, r }) => ({
          example: example.title,
          "themes found": r.themes.filter((t) => t.decision).map((t) => t.theme).join(", ") || "—",
          "soft skills": r.soft_skills.length,
          "in the registry": r.soft_skills.filter((s) => s.registry).length,
        })),
        { caption: "What the demo returns for its examples" },
      ),
    ];

    const realSet = config.realData && config.referenceLabels
      ? await loadLabelled(config.realData, referenceLabelFiles(config), minConfidence)
      : null;
    const realCheck = realSet ? demoOnLabelled(demo, realSet, { seed: config.seed }) : null;
    views.real = realSet && realCheck
      ? [
        table([
          {
            answer: "demo (the run's model, as served)",
            "themes F1 micro": formatEstimate(realCheck.themes.demo.micro.f1),
            "themes F1 macro": formatEstimate(realCheck.themes.demo.macro.f1),
            "soft-skill codes F1 micro": formatEstimate(realCheck.codes.micro.f1),
          },
          {
            answer: "rule teacher",
            "themes F1 micro": formatEstimate(realCheck.themes.teacher.micro.f1),
            "themes F1 macro": formatEstimate(realCheck.themes.teacher.macro.f1),
            "soft-skill codes F1 micro": formatEstimate(realCheck.teacherCodes.micro.f1),
          },
        ], {
          caption:
            `${realCheck.offers} real France Travail offers with reference labels (confidence ≥ ${minConfidence})`,
        }),
        note(
          `Demo minus teacher, themes F1 micro: ${
            formatEstimate(realCheck.themes.difference)
          } (the demo wins in ${(100 * realCheck.themes.difference.aWins).toFixed(0)} % of the resamples).` +
            " Stage 6's scoreboard gives the best models' accuracy on the same offers, with folds grouped by occupation.",
        ),
        ...realSet.offers.slice(0, realExamples).map((offer, i) =>
          html(
            `<h3>${plain(offer.title) || offer.id}</h3><p class="sub">Reference labels: ` +
              `${THEMES.filter((t) => realSet.records[i].themes[t] >= PRESENT).join(", ") || "no theme"}</p>${
                demoResultHtml(realCheck.results[i])
              }`,
          )
        ),
      ]
      : [
        note(
          "No real France Travail sample with reference labels (../shared/data absent): the demo is shown on the run's own examples only.",
        ),
      ];

    const refused = [];
    for (const [what, body] of BAD_INPUTS) {
      const response = await fetch(`${base}/api/analyse`, { method: "POST", body });
      refused.push({ input: what, status: response.status, message: (await response.json()).error });
    }
    views.refused = [table(refused, { caption: "Refused input: status and message" })];

    const picture = chromiumPath()
      ? await screenshot(`${base}/demo`, {
        width: 1280,
        height: 1000,
        act: async (page) => {
          await page.waitForSelector("#examples button");
          await page.click("#examples button");
          await page.waitForSelector("#results:not([hidden]) .theme");
        },
      })
      : null;
    views.screenshot = [
      picture
        ? html(
          `<img alt="the demo" style="max-width:100%;border:1px solid #d1d9e0" src="${pngDataUrl(picture)}">`,
        )
        : note("Chromium is not installed: no screenshot (Debian: apt-get install chromium)."),
    ];

    const bench = await Deno.readTextFile(`${config.root}/reports/bench/demo.json`).then(
      (t) => JSON.parse(t),
      () => null,
    );
    views.bench = [
      bench
        ? table(
          bench.runs.filter((r: Record<string, number>) => !r.error).map((r: Record<string, number>) => ({
            "concurrent requests": r.concurrency,
            requests: r.requests,
            "requests/s": Math.round(r.requests_per_second),
            "p50 ms": r.p50_ms,
            "p95 ms": r.p95_ms,
            "p99 ms": r.p99_ms,
          })),
          { caption: `Benchmark of ${bench.date.slice(0, 10)} (${bench.machine})` },
        )
        : note("No benchmark figures yet: run `deno task bench --only demo`."),
    ];

    const metrics = {
      data: provenanceOf(demo.trainedOn),
      real_data: realSet
        ? provenanceOf({
          generated: false,
          source: config.realData!,
          dates: realSet.offers.map((o) => o.date),
        })
        : null,
      labels_used: realCheck
        ? [labelUse("scoring the demo on real offers", { reference: realCheck.offers })]
        : [],
      model: { dir: demo.sources.model.split("/").pop(), description: demo.description },
      real_check: realCheck
        ? {
          offers: realCheck.offers,
          themes_demo: realCheck.themes.demo.micro.f1,
          themes_teacher: realCheck.themes.teacher.micro.f1,
          codes: realCheck.codes.micro.f1,
          codes_teacher: realCheck.teacherCodes.micro.f1,
        }
        : null,
      headline: `demo: ${results.length} examples through POST /api/analyse, ${
        results.reduce((a, x) => a + x.r.soft_skills.length, 0)
      } soft skills highlighted` +
        (demo.sources.registry
          ? `, ${
            results.reduce((a, x) =>
              a + x.r.soft_skills.filter((s) => s.registry).length, 0)
          } mapped to the registry`
          : "") +
        `; ${refused.length} bad inputs refused with a message` +
        (picture ? "; screenshot in Chromium" : "") +
        (realCheck
          ? `; on ${realCheck.offers} real offers themes F1 ${
            realCheck.themes.demo.micro.f1.value.toFixed(3)
          } (teacher ${realCheck.themes.teacher.micro.f1.value.toFixed(3)})`
          : ""),
      examples: results.map(({ example, r }) => ({
        title: example.title,
        themes: r.themes.map((t) => [t.theme, t.decision]),
        soft_skills: r.soft_skills.length,
      })),
      refused: refused.map((r) => r.status),
    };
    return { views, metrics };
  } finally {
    await server.shutdown();
    await Deno.remove(scratch, { recursive: true });
  }
}
