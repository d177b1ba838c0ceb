/**
 * Sentence embeddings of offers from any transformer encoder in Hugging
 * Face layout (the project's own BERT, CamemBERT, multilingual MiniLM,
 * multilingual-e5…), through transformers.js on onnxruntime-node: mean
 * pooling over real tokens, L2-normalised; offers longer than the model's
 * window are cut into overlapping windows whose vectors are averaged
 * (weighted by their token counts); windows are batched by length; vectors
 * are cached on disk by (model, text), so a re-run embeds nothing twice.
 *
 * @example
 * ```ts
 * import { openEmbedder } from "./encoder.ts";
 * const embedder = await openEmbedder("data/models/lm/project", { cache: "data/cache/embeddings.sqlite" });
 * const vectors = await embedder.embed(["Vous êtes rigoureux.", "Télétravail 2 jours."]); // Float32Array[]
 * ```
 */
import {
  type HfModel,
  type HfTokenizer,
  loadEncoderModel,
  loadTokenizer,
  modelInputs,
  resolveModel,
  specialFrame,
} from "./transformers.ts";
import { EmbeddingCache } from "./embedding_cache.ts";
import { sha256File } from "../base/mod.ts";

/** Options of {@link openEmbedder}. */
export interface EmbedderOptions {
  /** Windows per forward pass. @default 32 */
  batchSize?: number;
  /** Window length in tokens, specials included. @default the tokenizer's model_max_length, at most 512 */
  maxLength?: number;
  /** Overlap between consecutive windows, as a share of the window. @default 0.25 */
  overlap?: number;
  /** Text put before every input (multilingual-e5 expects "passage: " or "query: "). @default "" */
  prefix?: string;
  /** SQLite cache file, or null for none. @default null */
  cache?: string | null;
  /** Called after each batch with (texts done, texts to embed). */
  onProgress?: (done: number, total: number) => void;
}

/** Cuts token ids (no specials) into windows of at most `size` tokens, consecutive windows sharing `overlap` tokens. */
export function tokenWindows(ids: number[], size: number, overlap: number): number[][] {
  if (ids.length <= size) return [ids];
  const step = Math.max(1, size - overlap);
  const windows: number[][] = [];
  for (let start = 0;; start += step) {
    windows.push(ids.slice(start, start + size));
    if (start + size >= ids.length) break;
  }
  return windows;
}

/** Mean of the hidden states [batch, length, hidden] over real tokens, one vector per row. */
export function meanPool(
  hidden: Float32Array,
  mask: ArrayLike<number | bigint>,
  batch: number,
  length: number,
  width: number,
): Float32Array[] {
  return Array.from({ length: batch }, (_, b) => {
    const out = new Float32Array(width);
    let n = 0;
    for (let t = 0; t < length; t++) {
      if (Number(mask[b * length + t]) === 0) continue;
      n++;
      const base = (b * length + t) * width;
      for (let h = 0; h < width; h++) out[h] += hidden[base + h];
    }
    for (let h = 0; h < width; h++) out[h] /= Math.max(1, n);
    return out;
  });
}

/** `v` scaled to unit length (a zero vector stays zero). */
export function normalise(v: Float32Array): Float32Array {
  let s = 0;
  for (const x of v) s += x * x;
  const norm = Math.sqrt(s) || 1;
  return v.map((x) => x / norm);
}

async function modelIdentity(ref: string): Promise<string> {
  if (!ref.startsWith("/")) return `hub:${ref}`;
  return `${ref.slice(ref.lastIndexOf("/") + 1)}:${
    (await sha256File(`${ref}/onnx/model.onnx`)).slice(0, 16)
  }`;
}

/** An opened encoder. */
export class Embedder {
  constructor(
    readonly id: string,
    readonly tokenizer: HfTokenizer,
    readonly model: HfModel,
    readonly dimension: number,
    private o: Required<Omit<EmbedderOptions, "cache" | "onProgress">> & Pick<EmbedderOptions, "onProgress">,
    private cache: EmbeddingCache | null,
  ) {}

  /** L2-normalised embeddings of texts (cached ones read back, the others computed and stored). */
  async embed(texts: string[], onProgress = this.o.onProgress): Promise<Float32Array[]> {
    const out: (Float32Array | undefined)[] = texts.map((t) => this.cache?.get(this.id, t));
    const todo = [...new Set(texts.filter((_, i) => !out[i]))];
    const fresh = new Map<string, Float32Array>();
    const { open, close } = specialFrame(this.tokenizer);
    const inner = this.o.maxLength - open.length - close.length;
    const windows: { text: number; ids: number[] }[] = [];
    todo.forEach((t, i) => {
      const ids = this.tokenizer.encode(this.o.prefix + t, { add_special_tokens: false }) as number[];
      for (const w of tokenWindows(ids, inner, Math.round(this.o.overlap * inner))) {
        windows.push({ text: i, ids: [...open, ...w, ...close] });
      }
    });
    windows.sort((a, b) => a.ids.length - b.ids.length); // little padding per batch
    const sums = todo.map(() => new Float32Array(this.dimension));
    const weights = new Float64Array(todo.length);
    let windowsDone = 0;
    for (let start = 0; start < windows.length; start += this.o.batchSize) {
      const batch = windows.slice(start, start + this.o.batchSize);
      const inputs = await modelInputs(batch.map((w) => w.ids));
      const length = inputs.input_ids.dims[1];
      const { last_hidden_state } = await this.model(inputs);
      const pooled = meanPool(
        last_hidden_state.data as Float32Array,
        inputs.attention_mask.data as BigInt64Array,
        batch.length,
        length,
        this.dimension,
      );
      batch.forEach((w, b) => {
        const n = w.ids.length;
        for (let h = 0; h < this.dimension; h++) sums[w.text][h] += n * pooled[b][h];
        weights[w.text] += n;
      });
      windowsDone += batch.length;
      onProgress?.(Math.round((todo.length * windowsDone) / windows.length), todo.length);
    }
    todo.forEach((t, i) => fresh.set(t, normalise(sums[i])));
    this.cache?.putMany(this.id, [...fresh]);
    return texts.map((t, i) => out[i] ?? fresh.get(t)!);
  }

  close() {
    this.cache?.close();
  }
}

/**
 * Opens an encoder: a folder path, a name under models/, or a hub id when
 * JOBS_HF_REMOTE=1 (see transformers.ts).
 */
export async function openEmbedder(name: string, options: EmbedderOptions = {}): Promise<Embedder> {
  const ref = resolveModel(name);
  const tokenizer = await loadTokenizer(ref);
  const model = await loadEncoderModel(ref);
  const config = model.config as unknown as { hidden_size?: number; dim?: number };
  const dimension = config.hidden_size ?? config.dim;
  if (!dimension) throw new Error(`${ref}/config.json: no hidden_size`);
  const maxLength = Math.min(
    options.maxLength ?? ((tokenizer as unknown as { model_max_length?: number }).model_max_length ?? 512),
    512,
  );
  const id = `${await modelIdentity(ref)}:${maxLength}:${options.prefix ?? ""}`;
  const o = {
    batchSize: options.batchSize ?? 32,
    maxLength,
    overlap: options.overlap ?? 0.25,
    prefix: options.prefix ?? "",
    onProgress: options.onProgress,
  };
  return new Embedder(
    id,
    tokenizer,
    model,
    dimension,
    o,
    options.cache ? new EmbeddingCache(options.cache) : null,
  );
}
