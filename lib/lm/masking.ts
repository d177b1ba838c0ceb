/**
 * BERT's masked-language-model corruption: in each sequence, 15 % of the
 * ordinary tokens (never [CLS], [SEP] or padding) are chosen; of those, 80 %
 * become [MASK], 10 % a random ordinary token, 10 % stay as they are. The
 * model must predict the original token at every chosen position. With
 * whole-word masking, whole words are chosen (a word and its "##" pieces
 * together) until 15 % of the tokens are, so that the model cannot guess a
 * piece from the rest of its word and must read the context.
 *
 * @example
 * ```ts
 * import { maskBatch } from "./masking.ts";
 * import { Random } from "../base/mod.ts";
 * const m = maskBatch([[2, 40, 41, 42, 3]], { vocabSize: 4000, random: new Random(1) });
 * m.batch; m.positions; m.labels; // corrupted batch, flat masked positions, original ids
 * ```
 */
import { Random } from "../base/mod.ts";
import { padBatch, type TokenBatch } from "./bert.ts";
import { MASK_ID, SPECIAL_TOKENS } from "./wordpiece.ts";

/** Options of {@link maskBatch}. */
export interface MaskOptions {
  vocabSize: number;
  random: Random;
  /** Share of ordinary tokens chosen. @default 0.15 */
  rate?: number;
  /** Id of [MASK]. @default 4 */
  maskId?: number;
  /** Ids below this are special and never chosen nor drawn as random replacements. @default 5 */
  firstOrdinaryId?: number;
  /** Whole-word masking: 1 for the ids of "##" continuation pieces (see {@link continuationFlags}). */
  continuation?: Uint8Array;
}

/**
 * Which ids of a WordPiece vocabulary continue a word ("##" pieces), for
 * whole-word masking.
 *
 * @example
 * ```ts
 * continuationFlags(["[PAD]", "rigour", "##euse"]); // Uint8Array [0, 0, 1]
 * ```
 */
export function continuationFlags(vocab: readonly string[]): Uint8Array {
  return Uint8Array.from(vocab, (t) => (t.startsWith("##") ? 1 : 0));
}

/** A corrupted batch with the positions to predict (flat index row × length + column) and their original ids. */
export interface MaskedBatch {
  batch: TokenBatch;
  positions: Int32Array;
  labels: Int32Array;
}

/** Corrupts rows of token ids for MLM training (at least one position per row with an ordinary token). */
export function maskBatch(rows: number[][], o: MaskOptions): MaskedBatch {
  const rate = o.rate ?? 0.15,
    maskId = o.maskId ?? MASK_ID,
    first = o.firstOrdinaryId ?? SPECIAL_TOKENS.length;
  const batch = padBatch(rows);
  const positions: number[] = [], labels: number[] = [];
  rows.forEach((row, r) => {
    const ordinary = row.map((id, j) => (id >= first ? j : -1)).filter((j) => j >= 0);
    if (!ordinary.length) return;
    const n = Math.max(1, Math.round(rate * ordinary.length));
    // the units chosen from: single tokens, or whole words (a start and the "##" pieces after it)
    const units: number[][] = [];
    for (const j of ordinary) {
      const continues = o.continuation?.[row[j]] === 1 && units.length > 0 &&
        units[units.length - 1].at(-1) === j - 1;
      if (continues) units[units.length - 1].push(j);
      else units.push([j]);
    }
    const chosen: number[] = [];
    for (let k = 0; k < units.length && chosen.length < n; k++) { // partial Fisher-Yates until n tokens are chosen
      const swap = k + Math.floor(o.random.next() * (units.length - k));
      [units[k], units[swap]] = [units[swap], units[k]];
      chosen.push(...units[k]);
    }
    for (const j of chosen.sort((a, b) => a - b)) {
      const flat = r * batch.length + j;
      positions.push(flat);
      labels.push(row[j]);
      const u = o.random.next();
      if (u < 0.8) batch.ids[flat] = maskId;
      else if (u < 0.9) batch.ids[flat] = o.random.int(first, o.vocabSize - 1);
    }
  });
  return { batch, positions: Int32Array.from(positions), labels: Int32Array.from(labels) };
}
