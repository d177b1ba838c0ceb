/**
 * `deno task app`: the project's web server on localhost — the shared
 * labelling app (stage 4) at `/`, its API under `/api/`, and the demo
 * (stage 8) at `/demo` with its API `POST /api/analyse`.
 *
 * Usage: deno task app [--port 8787] [--host 127.0.0.1] [--store data/labels.sqlite] [--annotators data/annotators.json] [--model models/<bulk model>]
 * With no annotators file, one is created with an admin token, printed once.
 * Manage annotators (a running server picks changes up within a second):
 *   deno task app --add-annotator alice [--admin]   a new token, printed once
 *   deno task app --rotate-annotator alice          a new token; the old one stops working
 *   deno task app --revoke-annotator alice          the token stops working; labels stay
 *   deno task app --list-annotators
 * Connections are bounded (see http_front.ts): 10 s for a request head, 30 s
 * for a body, 5 s idle between requests, 16 KiB heads, 1 MiB bodies.
 */
import { loadConfig } from "../config.ts";
import { LabelStore } from "../labelling/store.ts";
import { addAnnotator, loadAnnotators, revokeAnnotator, rotateAnnotator } from "./annotators.ts";
import { serveHttp } from "./http_front.ts";
import { methodNotAllowed } from "./http_util.ts";
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
  const pages: Record<string, { body: string; type: string }> = {
    "/": { body: page, type: "text/html" },
    "/index.html": { body: page, type: "text/html" },
    "/labelling.js": { body: script, type: "text/javascript" },
    ...(demo ? { "/demo": { body: demoHtml, type: "text/html" }, "/demo.js": { body: demoJs, type: "text/javascript" } } : {}),
  };
  return async (req: Request): Promise<Response> => {
    const { pathname } = new URL(req.url);
    if (demoRoutes) {
      const answer = await demoRoutes(req);
      if (answer) return answer;
    }
    if (pathname.startsWith("/api/")) return await api(req);
    const found = pages[pathname];
    if (!found) return new Response("not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", ...SECURITY_HEADERS } });
    if (req.method !== "GET" && req.method !== "HEAD") {
      const e = methodNotAllowed(req.method, pathname, ["GET", "HEAD"]);
      return new Response(e.message, { status: 405, headers: { "content-type": "text/plain; charset=utf-8", ...e.headers, ...SECURITY_HEADERS } });
    }
    return new Response(found.body, { headers: { "content-type": `${found.type}; charset=utf-8`, ...SECURITY_HEADERS } });
  };
}

if (import.meta.main) {
  const args = Deno.args;
  const option = (name: string, fallback: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
  const config = loadConfig();
  await Deno.mkdir(config.dataDir, { recursive: true });
  const annotatorsPath = option("annotators", `${config.dataDir}/annotators.json`);
  const shownOnce = "shown once: the file keeps only its SHA-256; a running server takes the change within a second";
  try {
    if (args.includes("--add-annotator")) {
      const name = option("add-annotator", "");
      console.log(`${name}: ${addAnnotator(annotatorsPath, name, args.includes("--admin") ? "admin" : "annotator")}\n(${shownOnce})`);
      Deno.exit(0);
    }
    if (args.includes("--rotate-annotator")) {
      const name = option("rotate-annotator", "");
      console.log(`${name}: ${rotateAnnotator(annotatorsPath, name)}\n(the old token no longer works; ${shownOnce})`);
      Deno.exit(0);
    }
    if (args.includes("--revoke-annotator")) {
      const name = option("revoke-annotator", "");
      revokeAnnotator(annotatorsPath, name);
      console.log(`${name}: token revoked (their saved labels stay in the store; a running server takes the change within a second)`);
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
  const demo = await loadDemo(config, { model: args.includes("--model") ? option("model", "") : undefined });
  serveHttp(appHandler(store, annotators, demo), {
    hostname, port,
    onListen: ({ hostname, port }) => {
      console.log(`labelling app on http://${hostname}:${port}/ (store ${store.path})`);
      console.log(`demo on http://${hostname}:${port}/demo (model ${demo.sources.model}; registry ${demo.sources.registry ?? "none yet: run notebook 07"})`);
    },
  });
}
