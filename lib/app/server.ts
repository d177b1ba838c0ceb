/**
 * The project's web server on localhost — the shared labelling app
 * (stage 4) at `/`, its API under `/api/`, and the demo (stage 8) at
 * `/demo` with its API `POST /api/analyse` — as one request handler;
 * `deno task app` (lib/cli/app.ts) serves it.
 *
 * Usage: deno task app [--port 8787] [--host 127.0.0.1] [--store data/labels.sqlite] [--annotators data/annotators.json] [--model <theme or bulk model folder>]
 * With no annotators file, one is created with an admin token, printed once.
 * Manage annotators (a running server picks changes up within a second):
 *   deno task app --add-annotator alice [--admin]   a new token, printed once
 *   deno task app --rotate-annotator alice          a new token; the old one stops working
 *   deno task app --revoke-annotator alice          the token stops working; labels stay
 *   deno task app --list-annotators
 * Connections are bounded (see http_front.ts): 10 s for a request head, 30 s
 * for a body, 5 s idle between requests, 16 KiB heads, 1 MiB bodies.
 */
import type { LabelStore } from "../labelling/mod.ts";
import type { loadAnnotators } from "./annotators.ts";
import { methodNotAllowed } from "./http_util.ts";
import { labellingApi } from "./labelling_api.ts";
import { labellingPage, labellingScript } from "./labelling_page.ts";
import { demoApi, type DemoContext } from "./demo_api.ts";
import { demoPage, demoScript } from "./demo_page.ts";

/** Security headers of every page: no inline script, no framing, no sniffing. */
export const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/** The request handler of the whole app (used by the server and the tests); the demo's routes when `demo` is given. */
export function appHandler(
  store: LabelStore,
  annotators: Awaited<ReturnType<typeof loadAnnotators>>,
  demo?: DemoContext,
) {
  store.setLockWait(0); // never wait for another process's lock on the event loop: the API retries without blocking
  const api = labellingApi(store, annotators);
  const page = labellingPage();
  const script = labellingScript();
  const demoRoutes = demo ? demoApi(demo, SECURITY_HEADERS) : null;
  const demoHtml = demoPage(), demoJs = demoScript();
  const pages: Record<string, { body: string; type: string }> = {
    "/": { body: page, type: "text/html" },
    "/index.html": { body: page, type: "text/html" },
    "/labelling.js": { body: script, type: "text/javascript" },
    ...(demo
      ? {
        "/demo": { body: demoHtml, type: "text/html" },
        "/demo.js": { body: demoJs, type: "text/javascript" },
      }
      : {}),
  };
  return async (req: Request): Promise<Response> => {
    const { pathname } = new URL(req.url);
    if (demoRoutes) {
      const answer = await demoRoutes(req);
      if (answer) return answer;
    }
    if (pathname.startsWith("/api/")) return await api(req);
    const found = pages[pathname];
    if (!found) {
      return new Response("not found", {
        status: 404,
        headers: { "content-type": "text/plain; charset=utf-8", ...SECURITY_HEADERS },
      });
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      const e = methodNotAllowed(req.method, pathname, ["GET", "HEAD"]);
      return new Response(e.message, {
        status: 405,
        headers: { "content-type": "text/plain; charset=utf-8", ...e.headers, ...SECURITY_HEADERS },
      });
    }
    return new Response(found.body, {
      headers: { "content-type": `${found.type}; charset=utf-8`, ...SECURITY_HEADERS },
    });
  };
}
