/**
 * The LLM labeller: any OpenAI-compatible endpoint (OpenAI, Azure OpenAI,
 * vLLM, Ollama, llama.cpp server) through the `openai` package, temperature
 * 0, a versioned prompt built from the codebook with few-shot examples, and
 * a structured answer checked against the codebook's schema: each theme's
 * confidence 0-100, soft skills with evidence and confidence, an overall
 * confidence.
 *
 * Robust for long runs: an on-disk cache keyed by (prompt version, model,
 * text hash) makes a re-run free and an interrupted run resume; bounded
 * concurrency; retries with exponential backoff on 429, 5xx, timeouts and
 * connection errors (Retry-After honoured); an invalid answer is retried
 * once, then recorded as failed with the raw answer kept; tokens and
 * estimated cost are counted; records below the confidence threshold go to
 * `to_review.jsonl` and to the store's review queue; evidence strings are
 * located in the text as spans, and one that cannot be found is flagged.
 *
 * Configuration (environment): JOBS_LLM_BASE_URL (or OPENAI_BASE_URL),
 * JOBS_LLM_API_KEY (or OPENAI_API_KEY), JOBS_LLM_MODEL, JOBS_LLM_PRICE_IN and
 * JOBS_LLM_PRICE_OUT (USD per million tokens).
 *
 * @example
 * ```ts
 * import { labelWithLlm, llmOptionsFromEnv } from "./llm.ts";
 * import type { Offer } from "../corpus/mod.ts";
 * declare const offers: Offer[];
 * const env = llmOptionsFromEnv();
 * if (!env.model) throw new Error("set JOBS_LLM_MODEL");
 * const run = await labelWithLlm(offers, { ...env, model: env.model, cacheDir: "data/llm-cache" });
 * run.records; run.failed; run.usage.cost_usd;
 * ```
 */
import OpenAI from "openai";
import type { Offer } from "../corpus/mod.ts";
import { CODEBOOK, codebookMarkdown } from "./codebook.ts";
import { type LabelRecord, validateRecord, withSpans } from "./records.ts";
import type { LabelStore } from "./store.ts";
import { needsReview, saveReviewed } from "./review.ts";
import { sha256Hex, SOFT_SKILLS, SURE, THEMES } from "../base/mod.ts";

/** Version of the prompt: part of the cache key and of every label set's provenance. */
export const PROMPT_VERSION = "prompt-v1";

/** Options of {@link labelWithLlm}. */
export interface LlmOptions {
  /** Endpoint, e.g. http://localhost:11434/v1 for Ollama. @default OpenAI's */
  baseURL?: string;
  apiKey?: string;
  model: string;
  /** Folder of the answer cache. */
  cacheDir: string;
  /** Requests in flight at once. @default 4 */
  concurrency?: number;
  /** Attempts on 429 / 5xx / timeout / connection errors. @default 5 */
  maxAttempts?: number;
  /** Per-request timeout. @default 60000 */
  timeoutMs?: number;
  /** First backoff delay, doubled at each attempt (with jitter). @default 1000 */
  retryBaseMs?: number;
  /** Records whose overall confidence is below this go to review. @default 80 */
  threshold?: number;
  /** USD per million prompt / completion tokens, for the cost estimate. @default 0 */
  priceIn?: number;
  priceOut?: number;
  /** "json_schema" (strict structured output) or "json_object" for servers without it. @default "json_schema" */
  responseFormat?: "json_schema" | "json_object";
  /** Where this run's records below the threshold are written (JSONL with the reason). @default none */
  toReviewPath?: string;
  /** A store to save into (set `llm:<model>`), failures and review queue included. */
  store?: LabelStore;
  onProgress?: (done: number, total: number) => void;
}

/** What a labelling run did. */
export interface LlmRun {
  records: LabelRecord[];
  failed: { id: string; error: string; raw: string }[];
  toReview: string[];
  evidenceNotFound: number;
  usage: {
    prompt_tokens: number;
    completion_tokens: number;
    cost_usd: number;
    requests: number;
    retries: number;
  };
  cache: { hits: number; misses: number };
}

/** Reads the endpoint, key, model and prices from the environment; null model when none is configured. */
export function llmOptionsFromEnv(env: Record<string, string | undefined> = Deno.env.toObject()) {
  return {
    baseURL: env.JOBS_LLM_BASE_URL ?? env.OPENAI_BASE_URL,
    apiKey: env.JOBS_LLM_API_KEY ?? env.OPENAI_API_KEY,
    model: env.JOBS_LLM_MODEL ?? null,
    priceIn: env.JOBS_LLM_PRICE_IN ? Number(env.JOBS_LLM_PRICE_IN) : undefined,
    priceOut: env.JOBS_LLM_PRICE_OUT ? Number(env.JOBS_LLM_PRICE_OUT) : undefined,
  };
}

/** The JSON schema of an answer (the codebook record without id and source). */
export const ANSWER_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["themes", "soft_skills", "overall_confidence"],
  properties: {
    themes: {
      type: "object",
      additionalProperties: false,
      required: [...THEMES],
      properties: Object.fromEntries(THEMES.map((t) => [t, { type: "integer", minimum: 0, maximum: 100 }])),
    },
    soft_skills: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["code_ogr", "evidence", "confidence"],
        properties: {
          code_ogr: { type: "string", enum: SOFT_SKILLS.map((s) => s.code) },
          evidence: { type: "string" },
          confidence: { type: "integer", minimum: 0, maximum: 100 },
        },
      },
    },
    overall_confidence: { type: "integer", minimum: 0, maximum: 100 },
  },
} as const;

const SYSTEM = `You label French job offers for labour-market research, following this codebook exactly.

${codebookMarkdown()}

Answer with one JSON object: {"themes": {CODE: confidence 0-100 for each of the six themes}, "soft_skills": [{"code_ogr", "evidence", "confidence"}], "overall_confidence": 0-100}. Evidence strings are copied character for character from the offer.`;

/** The chat messages for one offer: system (codebook), few-shot pairs, the offer. */
export function buildMessages(
  offer: Pick<Offer, "title" | "text">,
): { role: "system" | "user" | "assistant"; content: string }[] {
  const messages: { role: "system" | "user" | "assistant"; content: string }[] = [{
    role: "system",
    content: SYSTEM,
  }];
  for (const ex of CODEBOOK.examples) {
    messages.push({ role: "user", content: `Offre :\n${ex.text}` });
    messages.push({ role: "assistant", content: JSON.stringify(ex.labels) });
  }
  messages.push({
    role: "user",
    content: `Offre :\n${offer.title ? offer.title + "\n\n" : ""}${offer.text}`,
  });
  return messages;
}

/** The cache key of an offer's answer. */
export function cacheKey(model: string, offer: Pick<Offer, "title" | "text">): Promise<string> {
  return sha256Hex(`${PROMPT_VERSION}\u0000${model}\u0000${offer.title}\u0000${offer.text}`);
}

function isRetryable(e: unknown): boolean {
  if (e instanceof OpenAI.APIConnectionError) return true; // includes timeouts
  if (e instanceof OpenAI.APIError) {
    return e.status === 429 || e.status === 408 || (e.status !== undefined && e.status >= 500);
  }
  return false;
}

function retryAfterMs(e: unknown): number | null {
  const headers = (e as { headers?: Headers | Record<string, string> }).headers;
  const value = headers instanceof Headers ? headers.get("retry-after") : headers?.["retry-after"];
  const seconds = value === undefined || value === null ? NaN : Number(value);
  return Number.isFinite(seconds) ? Math.min(60_000, seconds * 1000) : null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Parses and checks an answer; throws with the reason when it is not a valid record. */
export function parseAnswer(content: string, offer: Pick<Offer, "id" | "source">): LabelRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.trim().replace(/^```(?:json)?\s*|\s*```$/g, ""));
  } catch (e) {
    throw new Error(`answer is not JSON (${(e as Error).message})`);
  }
  if (!parsed || typeof parsed !== "object") throw new Error("answer is not a JSON object");
  return validateRecord({ ...(parsed as object), id: offer.id, source: offer.source });
}

/** Labels offers with the LLM; see the module doc. */
export async function labelWithLlm(offers: Offer[], options: LlmOptions): Promise<LlmRun> {
  const client = new OpenAI({
    apiKey: options.apiKey ?? "not-needed",
    baseURL: options.baseURL,
    maxRetries: 0, // retries are ours: counted, logged, tested
    timeout: options.timeoutMs ?? 60_000,
  });
  const threshold = options.threshold ?? SURE;
  const maxAttempts = options.maxAttempts ?? 5;
  const base = options.retryBaseMs ?? 1000;
  await Deno.mkdir(options.cacheDir, { recursive: true });
  const set = options.store?.labelSet({
    name: `llm:${options.model}`,
    kind: "llm",
    labeller: options.model,
    version: `${PROMPT_VERSION}/${CODEBOOK.version}`,
  });
  const run: LlmRun = {
    records: [],
    failed: [],
    toReview: [],
    evidenceNotFound: 0,
    usage: { prompt_tokens: 0, completion_tokens: 0, cost_usd: 0, requests: 0, retries: 0 },
    cache: { hits: 0, misses: 0 },
  };
  const results = new Array<LabelRecord | null>(offers.length).fill(null);
  const reviewLines: string[] = [];
  let done = 0;

  async function ask(messages: ReturnType<typeof buildMessages>): Promise<string> {
    for (let attempt = 1;; attempt++) {
      try {
        run.usage.requests++;
        const response = await client.chat.completions.create({
          model: options.model,
          temperature: 0,
          messages,
          response_format: options.responseFormat === "json_object" ? { type: "json_object" } : {
            type: "json_schema",
            json_schema: {
              name: "offer_labels",
              strict: true,
              schema: ANSWER_SCHEMA as unknown as Record<string, unknown>,
            },
          },
        });
        run.usage.prompt_tokens += response.usage?.prompt_tokens ?? 0;
        run.usage.completion_tokens += response.usage?.completion_tokens ?? 0;
        return response.choices?.[0]?.message?.content ?? "";
      } catch (e) {
        if (!isRetryable(e) || attempt >= maxAttempts) throw e;
        run.usage.retries++;
        const wait = retryAfterMs(e) ?? base * 2 ** (attempt - 1) * (0.5 + Math.random());
        await sleep(wait);
      }
    }
  }

  async function labelOne(index: number) {
    const offer = offers[index];
    const key = await cacheKey(options.model, offer);
    const cachePath = `${options.cacheDir}/${key}.json`;
    let content: string | null = null;
    try {
      content = JSON.parse(await Deno.readTextFile(cachePath)).content;
      run.cache.hits++;
    } catch { /* not cached */ }
    let record: LabelRecord | null = null;
    let raw = content ?? "";
    let error = "";
    if (content !== null) record = parseAnswer(content, offer);
    else {
      run.cache.misses++;
      const messages = buildMessages(offer);
      for (let answer = 1; answer <= 2 && !record; answer++) { // an invalid answer is asked again once
        try {
          raw = await ask(messages);
          record = parseAnswer(raw, offer);
        } catch (e) {
          error = (e as Error).message;
          if (e instanceof OpenAI.APIError || e instanceof OpenAI.APIConnectionError) break; // transport failure after retries
        }
      }
      if (record) {
        const tmp = `${cachePath}.tmp-${crypto.randomUUID()}`;
        await Deno.writeTextFile(
          tmp,
          JSON.stringify({ prompt: PROMPT_VERSION, model: options.model, id: offer.id, content: raw }),
        );
        await Deno.rename(tmp, cachePath);
      }
    }
    if (!record) {
      run.failed.push({ id: offer.id, error, raw });
      if (set) options.store!.saveFailure(set, offer.id, raw || error, "llm");
    } else {
      const located = withSpans(record, offer.text);
      run.evidenceNotFound += located.notFound;
      results[index] = located.record;
      if (needsReview(located.record, threshold)) {
        run.toReview.push(offer.id);
        reviewLines.push(
          JSON.stringify({
            ...located.record,
            reason: `overall_confidence ${located.record.overall_confidence} < ${threshold}`,
          }),
        );
      }
      if (set) {
        saveReviewed(options.store!, set, located.record, {
          actor: "llm",
          queue: "llm_to_review",
          threshold,
          raw,
        });
      }
    }
    options.onProgress?.(++done, offers.length);
  }

  let next = 0;
  const lanes = Array.from(
    { length: Math.max(1, Math.min(options.concurrency ?? 4, offers.length)) },
    async () => {
      while (next < offers.length) await labelOne(next++);
    },
  );
  await Promise.all(lanes);
  run.records = results.filter((r): r is LabelRecord => r !== null);
  const position = new Map(offers.map((o, i) => [o.id, i]));
  run.failed.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
  run.toReview.sort((a, b) => position.get(a)! - position.get(b)!);
  run.usage.cost_usd = (run.usage.prompt_tokens * (options.priceIn ?? 0) +
    run.usage.completion_tokens * (options.priceOut ?? 0)) / 1e6;
  if (options.toReviewPath) {
    const ordered = run.toReview.map((id) => reviewLines.find((l) => JSON.parse(l).id === id)!);
    await Deno.writeTextFile(options.toReviewPath, ordered.join("\n") + (ordered.length ? "\n" : ""));
  }
  return run;
}
