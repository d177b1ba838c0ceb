/**
 * `deno task app`: serves the labelling app at / and the demo at /demo (see
 * app/server.ts for the options); with --add-annotator, --rotate-annotator,
 * --revoke-annotator or --list-annotators, manages the annotators' tokens
 * and exits.
 */
import { loadConfig } from "../config.ts";
import {
  addAnnotator,
  appHandler,
  loadAnnotators,
  loadDemo,
  revokeAnnotator,
  rotateAnnotator,
  serveHttp,
} from "../app/mod.ts";
import { LabelStore } from "../labelling/mod.ts";

const args = Deno.args;
const option = (
  name: string,
  fallback: string,
) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const config = loadConfig();
await Deno.mkdir(config.dataDir, { recursive: true });
const annotatorsPath = option("annotators", `${config.dataDir}/annotators.json`);
const shownOnce =
  "shown once: the file keeps only its SHA-256; a running server takes the change within a second";
try {
  if (args.includes("--add-annotator")) {
    const name = option("add-annotator", "");
    console.log(
      `${name}: ${
        addAnnotator(annotatorsPath, name, args.includes("--admin") ? "admin" : "annotator")
      }\n(${shownOnce})`,
    );
    Deno.exit(0);
  }
  if (args.includes("--rotate-annotator")) {
    const name = option("rotate-annotator", "");
    console.log(
      `${name}: ${rotateAnnotator(annotatorsPath, name)}\n(the old token no longer works; ${shownOnce})`,
    );
    Deno.exit(0);
  }
  if (args.includes("--revoke-annotator")) {
    const name = option("revoke-annotator", "");
    revokeAnnotator(annotatorsPath, name);
    console.log(
      `${name}: token revoked (their saved labels stay in the store; a running server takes the change within a second)`,
    );
    Deno.exit(0);
  }
  if (args.includes("--list-annotators")) {
    for (const a of loadAnnotators(annotatorsPath).list) console.log(`${a.name}\t${a.role}`);
    Deno.exit(0);
  }
} catch (e) {
  console.error(`error: ${(e as Error).message}`);
  Deno.exit(1);
}
let annotators = loadAnnotators(annotatorsPath);
if (annotators.list.length === 0) {
  const token = addAnnotator(annotatorsPath, "admin", "admin");
  console.log(`created ${annotatorsPath} with an admin token: ${token} (${shownOnce})`);
  annotators = loadAnnotators(annotatorsPath);
}
const store = LabelStore.open(option("store", `${config.dataDir}/labels.sqlite`));
const port = Number(option("port", "8787"));
const hostname = option("host", "127.0.0.1");
console.error(
  "[app] loading the demo's model: the run's model (trained on the first start, then read from data/models), or the folder given with --model",
);
const demo = await loadDemo(config, { model: args.includes("--model") ? option("model", "") : undefined });
serveHttp(appHandler(store, annotators, demo), {
  hostname,
  port,
  onListen: ({ hostname, port }) => {
    console.log(`labelling app on http://${hostname}:${port}/ (store ${store.path})`);
    console.log(
      `demo on http://${hostname}:${port}/demo (model ${demo.sources.model}; registry ${
        demo.sources.registry ?? "none yet: run notebook 07"
      })`,
    );
  },
});
