/**
 * Stage 4, the labelling app: a throw-away label store with the first
 * offers of the stage-3 diverse sample pre-filled by the teacher, the app
 * served on a loopback port and photographed in Chromium (where installed)
 * as an annotator sees it, then the agreement between the annotators of the
 * run's own label store. Notebook 04 shows the views in order.
 *
 * @example
 * ```ts
 * import { loadConfig } from "../config.ts";
 * import { labellingAppStage } from "./labelling_app.ts";
 * const stage = await labellingAppStage(loadConfig(), { offers: 20 });
 * stage.metrics.double_labelled; // offers two annotators labelled
 * ```
 */
import type { RunConfig } from "../config.ts";
import { openRunCorpus } from "../corpus/mod.ts";
import {
  labelAllWithRules,
  labelBudget,
  LabelStore,
  runLabelSample,
  storeTeacherLabels,
} from "../labelling/mod.ts";
import { addAnnotator, appHandler, humanAgreement, loadAnnotators, serveHttp } from "../app/mod.ts";
import {
  chromiumPath,
  html,
  note,
  type Part,
  pngDataUrl,
  runProvenance,
  screenshot,
  table,
} from "../report/mod.ts";
import type { StageResult } from "./stage.ts";

/** The stage's parameters. */
export interface LabellingAppOptions {
  /** Offers of the diverse sample in the demonstration store. @default 20 */
  offers?: number;
}

/** The notebook's views, in order. */
export type LabellingAppView = "app" | "agreement";

/** The app on a demonstration store, photographed in Chromium (null where Chromium is not installed). */
async function demonstrationScreenshot(
  sample: Parameters<LabelStore["upsertOffers"]>[0],
): Promise<Uint8Array | null> {
  const demoDir = await Deno.makeTempDir({ prefix: "jobs-app-demo-" });
  const demo = LabelStore.open(`${demoDir}/labels.sqlite`);
  try {
    demo.upsertOffers(sample);
    storeTeacherLabels(demo, sample, labelAllWithRules(sample).records); // the teacher pre-fills, as in stage 5
    const token = addAnnotator(`${demoDir}/annotators.json`, "demo", "annotator");
    const server = serveHttp(appHandler(demo, loadAnnotators(`${demoDir}/annotators.json`)), {
      hostname: "127.0.0.1",
      port: 0,
    });
    try {
      const url = `http://127.0.0.1:${(server.addr as Deno.NetAddr).port}/`;
      return chromiumPath()
        ? await screenshot(url, {
          width: 1280,
          height: 860,
          act: async (page) => {
            await page.fill("#token", token);
            await page.click("button[type=submit]");
            await page.waitForSelector("#offer h2");
          },
        })
        : null;
    } finally {
      await server.shutdown();
    }
  } finally {
    demo.close();
    await Deno.remove(demoDir, { recursive: true });
  }
}

/** Runs stage 4 (see the module doc). */
export async function labellingAppStage(
  config: RunConfig,
  options: LabellingAppOptions = {},
): Promise<StageResult<LabellingAppView>> {
  const { offers = 20 } = options;
  const corpus = await openRunCorpus(config);
  const sample = (await runLabelSample(config, corpus.offers, labelBudget(corpus.offers.length))).indices
    .slice(0, offers).map((i) => corpus.offers[i]);
  const picture = await demonstrationScreenshot(sample);
  const app: Part[] = [
    picture
      ? html(
        `<p>The app on ${sample.length} offers of the diverse sample, themes and spans pre-filled by the teacher:</p><img alt="labelling app" style="max-width:100%;border:1px solid #d1d9e0" src="${
          pngDataUrl(picture)
        }">`,
      )
      : note("Chromium is not installed: no screenshot (Debian: apt-get install chromium)."),
  ];

  const storePath = `${config.dataDir}/labels.sqlite`;
  const exists = await Deno.stat(storePath).then(() => true, () => false);
  const store = exists ? LabelStore.open(storePath) : null;
  const agreement = store ? humanAgreement(store) : null;
  store?.close();
  const agreementView: Part[] = [
    agreement && agreement.offers > 0
      ? table(
        agreement.themes.map((t) => ({
          theme: t.theme,
          statistic: t.statistic,
          value: t.value ?? "n/a",
          offers: t.items,
        })),
        { caption: `Agreement between ${agreement.annotators.join(", ")}` },
      )
      : note("No offer has been labelled by two annotators yet: agreement appears here once they have."),
  ];
  const metrics = {
    data: runProvenance(corpus),
    headline:
      `labelling app: ${agreement?.annotators.length ?? 0} annotators, ${
        agreement?.offers ?? 0
      } offers double-labelled` + (picture ? "; screenshot taken in Chromium" : ""),
    annotators: agreement?.annotators.length ?? 0,
    double_labelled: agreement?.offers ?? 0,
  };
  return { views: { app, agreement: agreementView }, metrics };
}
