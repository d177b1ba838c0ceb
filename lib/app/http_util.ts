/**
 * What the app's routes share: JSON answers with the security headers, an
 * error type that carries its status, and request bodies read with a byte
 * bound (refused from Content-Length before reading, or as the stream
 * passes it) and decoded as strict UTF-8 JSON.
 *
 * @example
 * ```ts
 * import { jsonResponse, readJsonBody } from "./http_util.ts";
 * async function handle(req: Request): Promise<Response> {
 *   const body = await readJsonBody(req, 64 * 1024); // HttpError 400 / 413 otherwise
 *   return jsonResponse({ ok: true, body });
 * }
 * ```
 */

/** An answer to give instead of a result: status and a message for the user. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

/** A JSON response, never cached, never sniffed as another type. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      ...headers,
    },
  });
}

/** The body's bytes, at most `limit`: 413 from the Content-Length before reading, or as soon as the stream passes the bound. */
export async function readBodyBytes(req: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (declared > limit) {
    throw new HttpError(
      413,
      `the request body is ${declared.toLocaleString("en")} bytes; this route takes at most ${
        limit.toLocaleString("en")
      }`,
    );
  }
  if (!req.body) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let total = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw new HttpError(
        413,
        `the request body passes ${limit.toLocaleString("en")} bytes, the most this route takes`,
      );
    }
    parts.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    body.set(p, at);
    at += p.length;
  }
  return body;
}

/** The body as JSON, read with {@link readBodyBytes}: 400 when it is not UTF-8 or not JSON. */
export async function readJsonBody(req: Request, limit: number): Promise<unknown> {
  const bytes = await readBodyBytes(req, limit);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, "the request body is not valid UTF-8");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "the request body is not valid JSON");
  }
}

/**
 * Refuses a state-changing request that a page of another origin could
 * have sent on the user's behalf (cross-site request forgery, login CSRF
 * included): 403 when `Sec-Fetch-Site` says it came from another site or
 * another origin of this site (another port of localhost is "same-site"),
 * or when `Origin` is another origin than the server's; 415 unless the
 * body is `application/json`, which a form or a plain cross-origin fetch
 * cannot send without a CORS preflight this server never grants. Scripts
 * and curl send no Origin and pass with a JSON body.
 *
 * @example
 * ```ts
 * declare const req: any; // your data
 * if (req.method !== "GET") refuseCrossOrigin(req); // HttpError 403 or 415
 * ```
 */
export function refuseCrossOrigin(req: Request): void {
  const own = new URL(req.url).origin;
  const site = req.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") {
    throw new HttpError(
      403,
      `a ${site} request may not change anything here (it came from a page of another origin)`,
    );
  }
  const origin = req.headers.get("origin");
  if (origin !== null && origin !== own) {
    throw new HttpError(403, `a request from ${origin.slice(0, 100)} may not change anything on ${own}`);
  }
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json") {
    throw new HttpError(
      415,
      `this route takes application/json bodies only (got ${JSON.stringify(type.slice(0, 100) || "none")})`,
    );
  }
}

/** The number of characters (code points) of a string, as a user counts them, not its UTF-16 length. */
export function characterCount(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** 405 with the methods a path allows. */
export function methodNotAllowed(method: string, path: string, allow: string[]): HttpError {
  return new HttpError(405, `${method} is not allowed on ${path}; use ${allow.join(" or ")}`, {
    allow: allow.join(", "),
  });
}
