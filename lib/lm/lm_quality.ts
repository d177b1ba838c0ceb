/**
 * What a masked-language model has learnt, measured through transformers.js
 * on the exported folder (so the same code measures CamemBERT): fill-mask
 * predictions, pseudo-perplexity (Salazar et al. 2020: mask each token in
 * turn and score the original; exp of the mean negative log-probability),
 * and nearest neighbours in embedding space.
 *
 * @example
 * ```ts
 * import { fillMask, pseudoPerplexity } from "./lm_quality.ts";
 * declare const dir: any; // your data
 * declare const heldOutTexts: any; // your data
 * await fillMask(dir, ["Vous êtes [MASK] et autonome."], 5);
 * (await pseudoPerplexity(dir, heldOutTexts)).pppl;
 * ```
 */
import { loadMaskedLm, loadTokenizer, modelInputs, resolveModel, specialFrame } from "../represent/mod.ts";

/** Top-k predictions for the mask of each sentence ("[MASK]" is replaced by the model's own mask token). */
export async function fillMask(model: string, sentences: string[], topK = 5) {
  const ref = resolveModel(model);
  const tokenizer = await loadTokenizer(ref);
  const mlm = await loadMaskedLm(ref);
  const maskId = tokenizer.mask_token_id as number;
  const rows = [];
  for (const sentence of sentences) {
    const ids = tokenizer.encode(sentence.replace("[MASK]", tokenizer.mask_token as string)) as number[];
    const at = ids.indexOf(maskId);
    if (at < 0) throw new Error(`fill-mask: no [MASK] in "${sentence}"`);
    const { logits } = await mlm(await modelInputs([ids]));
    const V = logits.dims[2];
    const probabilities = softmax((logits.data as Float32Array).subarray(at * V, (at + 1) * V));
    const best = [...probabilities.keys()].sort((a, b) => probabilities[b] - probabilities[a]).slice(0, topK);
    rows.push({
      sentence,
      predictions: best.map((id) => ({ token: tokenizer.decode([id]) as string, score: probabilities[id] })),
    });
  }
  return rows;
}

function softmax(logits: Float32Array): Float64Array {
  let max = -Infinity;
  for (const x of logits) max = Math.max(max, x);
  const out = Float64Array.from(logits, (x) => Math.exp(x - max));
  const sum = out.reduce((a, b) => a + b, 0);
  return out.map((x) => x / sum);
}

/** Pseudo-perplexity of texts (each cut to its first `maxTokens` tokens, specials excluded from the score). */
export async function pseudoPerplexity(
  model: string,
  texts: string[],
  maxTokens = 30,
): Promise<{ pppl: number; tokens: number; meanNll: number }> {
  const ref = resolveModel(model);
  const tokenizer = await loadTokenizer(ref);
  const mlm = await loadMaskedLm(ref);
  const maskId = tokenizer.mask_token_id as number;
  const { open, close } = specialFrame(tokenizer);
  let nll = 0, count = 0;
  for (const text of texts) {
    const inner = (tokenizer.encode(text, { add_special_tokens: false }) as number[]).slice(0, maxTokens);
    if (!inner.length) continue;
    const ids = [...open, ...inner, ...close];
    const n = inner.length, L = ids.length;
    const masked = inner.map((_, k) => ids.map((id, j) => (j === open.length + k ? maskId : id)));
    const { logits } = await mlm(await modelInputs(masked));
    const V = logits.dims[2], data = logits.data as Float32Array;
    for (let k = 0; k < n; k++) {
      const at = open.length + k;
      const p = softmax(data.subarray((k * L + at) * V, (k * L + at + 1) * V));
      nll -= Math.log(Math.max(p[inner[k]], 1e-12));
      count++;
    }
  }
  return { pppl: Math.exp(nll / count), tokens: count, meanNll: nll / count };
}

/** Cosine of unit-length dense vectors. */
export function denseDot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let h = 0; h < a.length; h++) s += a[h] * b[h];
  return s;
}

/** The k items most similar to items[query] (the query itself excluded); dense unit vectors by default. */
export function nearestNeighbours<T = Float32Array>(
  items: T[],
  query: number,
  k = 3,
  similarity: (a: T, b: T) => number = denseDot as unknown as (a: T, b: T) => number,
): { index: number; similarity: number }[] {
  const q = items[query];
  return items
    .map((v, index) => ({ index, similarity: similarity(q, v) }))
    .filter((x) => x.index !== query)
    .sort((a, b) => b.similarity - a.similarity || a.index - b.index)
    .slice(0, k);
}

/**
 * How often an offer's nearest neighbours share its group (ROME domain,
 * sector…), against what random neighbours would give (Σ share²): a direct
 * reading of what a vector space puts together. Measured on about `sample`
 * evenly spaced offers.
 *
 * @example
 * ```ts
 * declare const domains: any; // your data
 * declare const vectors: any; // your data
 * neighbourAgreement(domains, (i) => nearestNeighbours(vectors, i, 5).map((n) => n.index)); // { agreement: 0.62, chance: 0.08 }
 * ```
 */
export function neighbourAgreement(
  groups: string[],
  neighboursOf: (i: number) => number[],
  sample = 300,
): { agreement: number; chance: number } {
  const step = Math.max(1, Math.floor(groups.length / sample));
  let same = 0, total = 0;
  for (let i = 0; i < groups.length; i += step) {
    for (const j of neighboursOf(i)) {
      same += Number(groups[j] === groups[i]);
      total++;
    }
  }
  const counts = new Map<string, number>();
  for (const g of groups) counts.set(g, (counts.get(g) ?? 0) + 1);
  const chance = [...counts.values()].reduce((a, c) => a + (c / groups.length) ** 2, 0);
  return { agreement: same / total, chance };
}
