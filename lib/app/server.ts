/**
 * `deno task app`: the project's web server on localhost — the shared
 * labelling app (stage 4) at `/`, its API under `/api/`, and the demo
 * (stage 8) at `/demo` with its API `POST /api/analyse`.
 *
 * Usage: deno task app [--port 8787] [--host 127.0.0.1] [--store data/labels.sqlite] [--annotators data/annotators.json] [--model models/<bulk model>]
 * With no annotators file, one is created with an admin token, printed once.
 * Add annotators with: deno task app --add-annotator alice [--admin]
 */
import { loadConfig } from "../config.ts";
import { LabelStore } from "../labelling/store.ts";
import { addAnnotator, loadAnnotators } from "./annotators.ts";
import { labellingApi } from "./labelling_api.ts";
import { labellingPage, labellingScript } from "./labelling_page.ts";
import { demoApi, type DemoContext, loadDemo } from "./demo_api.ts";
import { demoPage, demoScript } from "./demo_page.ts";

/** Security headers of every page: no inline script, no framing, no sniffing. */
export const SECURITY_HEADERS = {
  "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/** The request handler of the whole app (used by the server and the tests); the demo's routes when `demo` is given. */
export function appHandler(store: LabelStore, annotators: Awaited<ReturnType<typeof loadAnnotators>>, demo?: DemoContext) {
  const api = labellingApi(store, annotators);
  const page = labellingPage();
  const script = labellingScript();
  const demoRoutes = demo ? demoApi(demo, SECURITY_HEADERS) : null;
  const demoHtml = demoPage(), demoJs = demoScript();
  return async (req: Request): Promise<Response> => {
    const { pathname } = new URL(req.url);
    if (demoRoutes) {
      const answer = await demoRoutes(req);
      if (answer) return answer;
      if (pathname === "/demo") return new Response(demoHtml, { headers: { "content-type": "text/html; charset=utf-8", ...SECURITY_HEADERS } });
      if (pathname === "/demo.js") return new Response(demoJs, { headers: { "content-type": "text/javascript; charset=utf-8", ...SECURITY_HEADERS } });
    }
    if (pathname.startsWith("/api/")) return await api(req);
    if (pathname === "/labelling.js") return new Response(script, { headers: { "content-type": "text/javascript; charset=utf-8", ...SECURITY_HEADERS } });
    if (pathname === "/" || pathname === "/index.html") return new Response(page, { headers: { "content-type": "text/html; charset=utf-8", ...SECURITY_HEADERS } });
    return new Response("not found", { status: 404, headers: SECURITY_HEADERS });
  };
}

if (import.meta.main) {
  const args = Deno.args;
  const option = (name: string, fallback: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
  const config = loadConfig();
  await Deno.mkdir(config.dataDir, { recursive: true });
  const annotatorsPath = option("annotators", `${config.dataDir}/annotators.json`);
  if (args.includes("--add-annotator")) {
    const name = option("add-annotator", "");
    const token = await addAnnotator(annotatorsPath, name, args.includes("--admin") ? "admin" : "annotator");
    console.log(`${name}: ${token}`);
    Deno.exit(0);
  }
  let annotators = await loadAnnotators(annotatorsPath);
  if (annotators.list.length === 0) {
    const token = await addAnnotator(annotatorsPath, "admin", "admin");
    console.log(`created ${annotatorsPath} with an admin token: ${token}`);
    annotators = await loadAnnotators(annotatorsPath);
  }
  const store = LabelStore.open(option("store", `${config.dataDir}/labels.sqlite`));
  const port = Number(option("port", "8787"));
  const hostname = option("host", "127.0.0.1");
  const demo = await loadDemo(config, { model: args.includes("--model") ? option("model", "") : undefined });
  Deno.serve({
    hostname, port,
    onListen: ({ hostname, port }) => {
      console.log(`labelling app on http://${hostname}:${port}/ (store ${store.path})`);
      console.log(`demo on http://${hostname}:${port}/demo (model ${demo.sources.model}; registry ${demo.sources.registry ?? "none yet: run notebook 07"})`);
    },
  }, appHandler(store, annotators, demo));
}
