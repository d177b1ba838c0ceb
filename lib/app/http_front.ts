/**
 * The app's HTTP/1.1 front: a small server on a TCP listener that bounds
 * what a client can hold. `Deno.serve` has no header, body or idle timeout
 * (denoland/deno#3515), so a client that opens connections and sends
 * nothing, or half a header, or a body byte a minute, holds them forever;
 * this front closes them. It reads the request head under a deadline and a
 * size bound, the body (Content-Length or chunked) under a deadline and a
 * size bound, answers 100-continue, keeps connections alive between
 * requests only for an idle timeout, and hands a standard `Request` to the
 * handler. Responses are written whole with their length.
 *
 * @example
 * ```ts
 * import { serveHttp } from "./http_front.ts";
 * const server = serveHttp((req) => new Response("ok"), { port: 8787, headerTimeoutMs: 10_000 });
 * server.addr.port; await server.shutdown();
 * ```
 */

/** Limits of {@link serveHttp}; the defaults suit the labelling app and the demo. */
export interface FrontOptions {
  hostname?: string;
  /** 0 picks a free port. @default 8787 */
  port?: number;
  /** Time a client has to send the rest of a request head once its first byte is in. @default 10000 */
  headerTimeoutMs?: number;
  /** Time a client has to send a whole body once the head is read. @default 30000 */
  bodyTimeoutMs?: number;
  /** Time a connection may wait for the first byte of its next (or first) request; it is then closed without an answer. @default 5000 */
  idleTimeoutMs?: number;
  /** Time a client has to take a response. @default 30000 */
  writeTimeoutMs?: number;
  /** Bytes of a request head (request line and headers). @default 16384 */
  maxHeaderBytes?: number;
  /** Bytes of any request body; routes may refuse less. @default 1048576 */
  maxBodyBytes?: number;
  onListen?: (addr: Deno.NetAddr) => void;
  /** One line per refused request (timeouts, oversize, malformed). @default console.error */
  log?: (line: string) => void;
}

/** A running front: its address and a way to stop it. */
export interface FrontServer {
  addr: Deno.NetAddr;
  /** Stops accepting, closes open connections, resolves when all are done. */
  shutdown(): Promise<void>;
  finished: Promise<void>;
}

class Refusal extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}
class Deadline extends Error {}

const STATUS_TEXT: Record<number, string> = {
  100: "Continue",
  200: "OK",
  201: "Created",
  204: "No Content",
  301: "Moved Permanently",
  302: "Found",
  304: "Not Modified",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  411: "Length Required",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  501: "Not Implemented",
  503: "Service Unavailable",
};
const encoder = new TextEncoder();
const latin1 = new TextDecoder("latin1");

/** Buffered reads from a connection. */
class ConnReader {
  #buf = new Uint8Array(0);
  #chunk = new Uint8Array(64 * 1024);
  constructor(private readonly conn: Deno.Conn) {}
  get buffered(): number {
    return this.#buf.length;
  }
  /** Reads more bytes; false at end of stream. */
  async fill(): Promise<boolean> {
    const n = await this.conn.read(this.#chunk);
    if (n === null) return false;
    const next = new Uint8Array(this.#buf.length + n);
    next.set(this.#buf);
    next.set(this.#chunk.subarray(0, n), this.#buf.length);
    this.#buf = next;
    return true;
  }
  /** Bytes up to a CRLF CRLF (excluded), at most `max`; null when the stream ends before any byte. */
  async head(max: number): Promise<Uint8Array | null> {
    let from = 0;
    for (;;) {
      while (this.#buf.length >= 2 && this.#buf[0] === 13 && this.#buf[1] === 10) {
        this.#buf = this.#buf.subarray(2); // stray CRLFs between requests
      }
      const at = indexOf(this.#buf, [13, 10, 13, 10], from);
      if (at >= 0) {
        if (at > max) throw new Refusal(431, `request head over ${max} bytes`);
        const head = this.#buf.subarray(0, at);
        this.#buf = this.#buf.subarray(at + 4);
        return head;
      }
      if (this.#buf.length > max) throw new Refusal(431, `request head over ${max} bytes`);
      from = Math.max(0, this.#buf.length - 3);
      if (!(await this.fill())) {
        if (this.#buf.length === 0) return null;
        throw new Refusal(400, "connection closed inside the request head");
      }
    }
  }
  /** Exactly `n` bytes. */
  async exactly(n: number): Promise<Uint8Array> {
    while (this.#buf.length < n) {
      if (!(await this.fill())) {
        throw new Refusal(400, `connection closed ${n - this.#buf.length} bytes before the end of the body`);
      }
    }
    const out = this.#buf.slice(0, n);
    this.#buf = this.#buf.subarray(n);
    return out;
  }
  /** One CRLF-ended line (chunk sizes, trailers), at most `max` bytes. */
  async line(max: number): Promise<string> {
    for (;;) {
      const at = indexOf(this.#buf, [13, 10], 0);
      if (at >= 0) {
        const line = latin1.decode(this.#buf.subarray(0, at));
        this.#buf = this.#buf.subarray(at + 2);
        return line;
      }
      if (this.#buf.length > max) throw new Refusal(400, "chunk header line too long");
      if (!(await this.fill())) throw new Refusal(400, "connection closed inside a chunked body");
    }
  }
}

function indexOf(haystack: Uint8Array, needle: number[], from: number): number {
  outer: for (
    let i = haystack.indexOf(needle[0], from);
    i !== -1 && i <= haystack.length - needle.length;
    i = haystack.indexOf(needle[0], i + 1)
  ) {
    for (let k = 1; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/** Runs `work` under a deadline (a Deadline error on expiry); the connection's close then ends the pending read or write. */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Deadline());
    }, ms);
  });
  work.catch(() => {}); // settles after a close on expiry
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

interface Head {
  method: string;
  target: string;
  version: string;
  headers: Headers;
}

function parseHead(bytes: Uint8Array, maxHeaders = 100): Head {
  const lines = latin1.decode(bytes).split("\r\n");
  const m = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+) (\S+) HTTP\/(1\.[01])$/.exec(lines[0]);
  if (!m) throw new Refusal(400, `malformed request line ${JSON.stringify(lines[0].slice(0, 80))}`);
  if (lines.length - 1 > maxHeaders) throw new Refusal(431, `more than ${maxHeaders} header fields`);
  const headers = new Headers();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon) : "";
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) {
      throw new Refusal(400, `malformed header line ${JSON.stringify(line.slice(0, 80))}`);
    }
    try {
      headers.append(name, line.slice(colon + 1).trim());
    } catch {
      throw new Refusal(400, `invalid value of header ${name}`);
    }
  }
  if (m[3] === "1.1" && !headers.has("host")) {
    throw new Refusal(400, "HTTP/1.1 request without a Host header");
  }
  return { method: m[1], target: m[2], version: m[3], headers };
}

async function readBody(reader: ConnReader, head: Head, max: number): Promise<Uint8Array | null> {
  const te = head.headers.get("transfer-encoding");
  const cl = head.headers.get("content-length");
  if (te) {
    if (te.toLowerCase() !== "chunked") throw new Refusal(501, `transfer-encoding ${te} is not supported`);
    if (cl !== null) throw new Refusal(400, "both Content-Length and Transfer-Encoding");
    const parts: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const sizeLine = await reader.line(1024);
      const size = parseInt(sizeLine.split(";")[0].trim(), 16);
      if (!/^[0-9a-fA-F]+$/.test(sizeLine.split(";")[0].trim()) || !Number.isFinite(size)) {
        throw new Refusal(400, "malformed chunk size");
      }
      if (size === 0) break;
      total += size;
      if (total > max) throw new Refusal(413, `request body over ${max} bytes`);
      parts.push(await reader.exactly(size));
      if ((await reader.line(2)) !== "") throw new Refusal(400, "chunk not followed by CRLF");
    }
    for (let trailers = 0; (await reader.line(8192)) !== ""; trailers++) {
      if (trailers > 50) throw new Refusal(431, "too many trailers");
    }
    const body = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
      body.set(p, at);
      at += p.length;
    }
    return body;
  }
  if (cl === null) return null;
  if (!/^\d{1,15}$/.test(cl.trim())) throw new Refusal(400, `malformed Content-Length ${JSON.stringify(cl)}`);
  const length = Number(cl.trim());
  if (length > max) throw new Refusal(413, `request body of ${length} bytes, over ${max}`);
  return length === 0 ? new Uint8Array(0) : await reader.exactly(length);
}

function responseHead(
  status: number,
  headers: Headers,
  length: number | null,
  keepAlive: boolean,
): Uint8Array {
  let text = `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Status"}\r\n`;
  for (const [name, value] of headers) {
    if (
      name === "content-length" || name === "transfer-encoding" || name === "connection" ||
      name === "keep-alive"
    ) continue;
    text += `${name}: ${value}\r\n`;
  }
  if (length !== null) text += `content-length: ${length}\r\n`;
  text += `connection: ${keepAlive ? "keep-alive" : "close"}\r\n\r\n`;
  return encoder.encode(text);
}

/** Writes the parts as one buffer: a head and a body in two writes would wait on Nagle and delayed ACKs (~40 ms). */
async function writeAll(conn: Deno.Conn, ...parts: Uint8Array[]) {
  let whole = parts[0] ?? new Uint8Array(0);
  if (parts.length > 1) {
    whole = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (whole.set(p, at), at + p.length), 0);
  }
  for (let at = 0; at < whole.length;) at += await conn.write(whole.subarray(at));
}

/**
 * Serves `handler` over HTTP/1.1 with the bounds of {@link FrontOptions};
 * a request that breaks one is answered 400, 408, 413, 431 or 501 (when the
 * connection still takes an answer) and its connection closed, with one log line.
 */
export function serveHttp(
  handler: (req: Request) => Response | Promise<Response>,
  options: FrontOptions = {},
): FrontServer {
  const o = {
    hostname: "127.0.0.1",
    port: 8787,
    headerTimeoutMs: 10_000,
    bodyTimeoutMs: 30_000,
    idleTimeoutMs: 5_000,
    writeTimeoutMs: 30_000,
    maxHeaderBytes: 16_384,
    maxBodyBytes: 1_048_576,
    log: (line: string) => console.error(line),
    ...options,
  };
  const listener = Deno.listen({ hostname: o.hostname, port: o.port, transport: "tcp" });
  const addr = listener.addr as Deno.NetAddr;
  o.onListen?.(addr);
  const open = new Set<Deno.Conn>();
  const running = new Set<Promise<void>>();
  let closing = false;

  async function serveConnection(conn: Deno.Conn) {
    const reader = new ConnReader(conn);
    const peer = `${(conn.remoteAddr as Deno.NetAddr).hostname}:${(conn.remoteAddr as Deno.NetAddr).port}`;
    try {
      while (!closing) {
        let head: Head;
        try {
          // A connection waits for its first byte under the idle timeout (a client may open one ahead of need
          // or keep it alive between requests), then for the rest of the head under the header timeout.
          if (reader.buffered === 0 && !(await within(o.idleTimeoutMs, reader.fill()))) return; // the client closed it
          const bytes = await within(o.headerTimeoutMs, reader.head(o.maxHeaderBytes));
          if (bytes === null) return;
          head = parseHead(bytes);
        } catch (e) {
          if (e instanceof Deadline) {
            // Nothing arrived within the idle timeout: close quietly, for a 408 sent there
            // would be read by a pooling client as the answer to its next request.
            if (reader.buffered === 0) return;
            throw new Refusal(408, `request head not received within ${o.headerTimeoutMs} ms`);
          }
          throw e;
        }
        if (head.headers.get("expect")?.toLowerCase() === "100-continue") {
          const cl = Number(head.headers.get("content-length") ?? "0");
          if (cl > o.maxBodyBytes) {
            throw new Refusal(413, `request body of ${cl} bytes, over ${o.maxBodyBytes}`);
          }
          await within(o.writeTimeoutMs, writeAll(conn, encoder.encode("HTTP/1.1 100 Continue\r\n\r\n")));
        }
        let body: Uint8Array | null;
        try {
          body = await within(o.bodyTimeoutMs, readBody(reader, head, o.maxBodyBytes));
        } catch (e) {
          if (e instanceof Deadline) {
            throw new Refusal(408, `request body not received within ${o.bodyTimeoutMs} ms`);
          }
          throw e;
        }
        const keepAlive = head.version === "1.1"
          ? head.headers.get("connection")?.toLowerCase() !== "close"
          : head.headers.get("connection")?.toLowerCase() === "keep-alive";
        const url = head.target.startsWith("/")
          ? `http://${head.headers.get("host") ?? `${addr.hostname}:${addr.port}`}${head.target}`
          : head.target;
        let request: Request;
        try {
          request = new Request(url, {
            method: head.method,
            headers: head.headers,
            body: body && head.method !== "GET" && head.method !== "HEAD"
              ? body as Uint8Array<ArrayBuffer>
              : undefined,
          });
        } catch (e) {
          throw new Refusal(400, `unusable request (${(e as Error).message})`);
        }
        let response: Response;
        try {
          response = await handler(request);
        } catch (e) {
          o.log(`[http] ${peer} ${head.method} ${head.target}: handler failed: ${(e as Error).message}`);
          response = new Response("internal error", { status: 500 });
        }
        const payload = head.method === "HEAD" ? null : new Uint8Array(await response.arrayBuffer());
        const length = payload?.length ?? Number(response.headers.get("content-length") ?? 0);
        await within(
          o.writeTimeoutMs,
          writeAll(
            conn,
            responseHead(response.status, response.headers, length, keepAlive && !closing),
            ...(payload ? [payload] : []),
          ),
        );
        if (!keepAlive) return;
      }
    } catch (e) {
      if (e instanceof Refusal) {
        o.log(`[http] ${peer}: ${e.status} ${e.message}; connection closed`);
        const text = encoder.encode(`${e.message}\n`);
        const headers = new Headers({
          "content-type": "text/plain; charset=utf-8",
          "x-content-type-options": "nosniff",
        });
        await within(1000, writeAll(conn, responseHead(e.status, headers, text.length, false), text)).catch(
          () => {},
        );
      } else if (e instanceof Deadline) {
        o.log(`[http] ${peer}: response not taken within ${o.writeTimeoutMs} ms; connection closed`);
      } else if (
        !(e instanceof Deno.errors.BadResource || e instanceof Deno.errors.ConnectionReset ||
          e instanceof Deno.errors.BrokenPipe || e instanceof Deno.errors.Interrupted)
      ) {
        o.log(`[http] ${peer}: ${(e as Error).message}`);
      }
    } finally {
      open.delete(conn);
      try {
        conn.close();
      } catch { /* already closed */ }
    }
  }

  const finished = (async () => {
    for (;;) {
      let conn: Deno.Conn;
      try {
        conn = await listener.accept();
      } catch {
        break; // the listener was closed
      }
      open.add(conn);
      (conn as Deno.TcpConn).setNoDelay?.(true);
      const task = serveConnection(conn);
      running.add(task);
      task.finally(() => running.delete(task));
    }
    await Promise.allSettled([...running]);
  })();

  return {
    addr,
    finished,
    async shutdown() {
      closing = true;
      listener.close();
      for (const conn of open) {
        try {
          conn.close();
        } catch { /* already closed */ }
      }
      await finished;
    },
  };
}
