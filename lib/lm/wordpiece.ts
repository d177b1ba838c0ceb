/**
 * A WordPiece vocabulary learnt on the corpus, written as the Hugging Face
 * tokenizer files (tokenizer.json, tokenizer_config.json, vocab.txt) that
 * transformers.js and Python's `tokenizers` read. Learning follows the
 * Hugging Face WordPiece trainer: words are split as BERT's pre-tokeniser
 * does (white space, then every punctuation character alone), lower-cased
 * with accents kept, and symbol pairs are merged by frequency (BPE-style)
 * until the vocabulary is full; a piece inside a word carries the "##"
 * prefix. Every character seen is in the vocabulary in both forms, so that
 * no word of the corpus falls back to [UNK].
 *
 * @example
 * ```ts
 * import { learnWordPiece, tokenizerFiles } from "./wordpiece.ts";
 * declare const texts: string[];
 * const vocab = learnWordPiece(texts, { vocabSize: 4000 });
 * const files = tokenizerFiles(vocab, { maxLength: 128 }); // { "tokenizer.json": ..., ... }
 * ```
 */

/** The special tokens, in this order at the start of the vocabulary. */
export const SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] as const;
export const PAD_ID = 0, UNK_ID = 1, CLS_ID = 2, SEP_ID = 3, MASK_ID = 4;

/** Options of {@link learnWordPiece}. */
export interface WordPieceOptions {
  /** Final vocabulary size (special tokens and alphabet included). @default 8000 */
  vocabSize?: number;
  /** Words seen fewer times are left out of the merge statistics. @default 2 */
  minFrequency?: number;
  /** Characters seen fewer times are left out of the alphabet (words holding them become [UNK]). @default 2 */
  minCharFrequency?: number;
}

const ASCII_PUNCT = /[!-/:-@[-`{-~]/;
const UNICODE_PUNCT = /\p{P}/u;

/** True for the characters BERT's pre-tokeniser splits off as their own word. */
export function isBertPunctuation(ch: string): boolean {
  return ASCII_PUNCT.test(ch) || UNICODE_PUNCT.test(ch);
}

/**
 * BERT's normalisation and pre-tokenisation (lower case, accents kept):
 * control characters dropped, split on white space and around punctuation.
 *
 * @example
 * ```ts
 * bertWords("L'équipe, 35h."); // ["l", "'", "équipe", ",", "35h", "."]
 * ```
 */
export function bertWords(text: string): string[] {
  const words: string[] = [];
  let current = "";
  for (const ch of text.toLowerCase()) {
    if (/\s/u.test(ch)) {
      if (current) words.push(current);
      current = "";
    } else if (/\p{Cc}|\p{Cf}/u.test(ch) || ch === "\uFFFD") {
      continue;
    } else if (isBertPunctuation(ch)) {
      if (current) words.push(current);
      words.push(ch);
      current = "";
    } else current += ch;
  }
  if (current) words.push(current);
  return words;
}

/** A binary max-heap of [count, key] with lazy deletion (stale entries are skipped on pop). */
class PairHeap {
  private counts: number[] = [];
  private keys: number[] = [];
  get size() {
    return this.counts.length;
  }
  private above(i: number, j: number) {
    return this.counts[i] > this.counts[j] ||
      (this.counts[i] === this.counts[j] && this.keys[i] < this.keys[j]);
  }
  private swap(i: number, j: number) {
    [this.counts[i], this.counts[j]] = [this.counts[j], this.counts[i]];
    [this.keys[i], this.keys[j]] = [this.keys[j], this.keys[i]];
  }
  push(count: number, key: number) {
    this.counts.push(count);
    this.keys.push(key);
    let i = this.counts.length - 1;
    while (i > 0 && this.above(i, (i - 1) >> 1)) {
      this.swap(i, (i - 1) >> 1);
      i = (i - 1) >> 1;
    }
  }
  pop(): [number, number] {
    const top: [number, number] = [this.counts[0], this.keys[0]];
    const lastCount = this.counts.pop()!, lastKey = this.keys.pop()!;
    if (this.counts.length) {
      this.counts[0] = lastCount;
      this.keys[0] = lastKey;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < this.counts.length && this.above(l, m)) m = l;
        if (r < this.counts.length && this.above(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
}

const PAIR = 1 << 21; // symbol ids stay below 2^21, so a pair fits one float64 key exactly

/**
 * Learns a WordPiece vocabulary (special tokens, then the alphabet in both
 * forms, then merged pieces in the order they were learnt).
 */
export function learnWordPiece(texts: Iterable<string>, options: WordPieceOptions = {}): string[] {
  const vocabSize = options.vocabSize ?? 8000;
  const minFrequency = options.minFrequency ?? 2;
  const wordCounts = new Map<string, number>();
  for (const text of texts) for (const w of bertWords(text)) wordCounts.set(w, (wordCounts.get(w) ?? 0) + 1);
  const charCounts = new Map<string, number>();
  for (const [w, c] of wordCounts) for (const ch of w) charCounts.set(ch, (charCounts.get(ch) ?? 0) + c);
  const alphabet = [...charCounts].filter(([, c]) => c >= (options.minCharFrequency ?? 2)).map(([ch]) => ch)
    .sort();
  const vocab: string[] = [...SPECIAL_TOKENS, ...alphabet, ...alphabet.map((ch) => "##" + ch)];
  const ids = new Map(vocab.map((t, i) => [t, i]));
  if (vocab.length >= vocabSize) return vocab.slice(0, vocabSize);

  // Words as symbol sequences ("é", "##t", "##é").
  const words: number[][] = [];
  const counts: number[] = [];
  for (const [w, c] of [...wordCounts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (c < minFrequency) continue;
    const chars = [...w];
    if (chars.length < 2 || chars.some((ch) => !charCounts.has(ch) || !ids.has(ch))) continue;
    words.push(chars.map((ch, i) => ids.get(i === 0 ? ch : "##" + ch)!));
    counts.push(c);
  }
  const pairCounts = new Map<number, number>();
  const pairWords = new Map<number, Set<number>>();
  const addPairs = (wi: number, sign: number, changed?: Set<number>) => {
    const s = words[wi];
    for (let i = 0; i + 1 < s.length; i++) {
      const key = s[i] * PAIR + s[i + 1];
      pairCounts.set(key, (pairCounts.get(key) ?? 0) + sign * counts[wi]);
      changed?.add(key);
      if (sign > 0) {
        let set = pairWords.get(key);
        if (!set) pairWords.set(key, set = new Set());
        set.add(wi);
      }
    }
  };
  words.forEach((_, wi) => addPairs(wi, 1));
  const heap = new PairHeap();
  for (const [key, c] of pairCounts) heap.push(c, key);

  while (vocab.length < vocabSize && heap.size) {
    const [count, key] = heap.pop();
    if (pairCounts.get(key) !== count || count <= 0) continue; // stale entry
    const a = Math.floor(key / PAIR), b = key % PAIR;
    const merged = vocab[a] + vocab[b].slice(2);
    let id = ids.get(merged);
    if (id === undefined) {
      id = vocab.length;
      vocab.push(merged);
      ids.set(merged, id);
    }
    const touched = new Set<number>();
    for (const wi of pairWords.get(key) ?? []) {
      const s = words[wi];
      addPairs(wi, -1, touched);
      const out: number[] = [];
      for (let i = 0; i < s.length; i++) {
        if (i + 1 < s.length && s[i] === a && s[i + 1] === b) {
          out.push(id);
          i++;
        } else out.push(s[i]);
      }
      words[wi] = out;
      addPairs(wi, 1, touched);
    }
    pairCounts.delete(key);
    pairWords.delete(key);
    for (const t of touched) if (t !== key && pairCounts.get(t)! > 0) heap.push(pairCounts.get(t)!, t);
  }
  return vocab;
}

/** Options of {@link tokenizerFiles}. */
export interface TokenizerFileOptions {
  /** Longest input in tokens, [CLS] and [SEP] included. @default 128 */
  maxLength?: number;
}

/**
 * The Hugging Face tokenizer files of a vocabulary: a BERT WordPiece
 * tokenizer (lower case, accents kept) with the [CLS] … [SEP] template.
 */
export function tokenizerFiles(vocab: string[], options: TokenizerFileOptions = {}): Record<string, string> {
  SPECIAL_TOKENS.forEach((t, i) => {
    if (vocab[i] !== t) {
      throw new Error(
        `vocabulary must start with ${SPECIAL_TOKENS.join(", ")}; position ${i} is "${vocab[i]}"`,
      );
    }
  });
  const tokenizer = {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: "BertNormalizer",
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: false,
      lowercase: true,
    },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: {
      type: "TemplateProcessing",
      single: [{ SpecialToken: { id: "[CLS]", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, {
        SpecialToken: { id: "[SEP]", type_id: 0 },
      }],
      pair: [
        { SpecialToken: { id: "[CLS]", type_id: 0 } },
        { Sequence: { id: "A", type_id: 0 } },
        { SpecialToken: { id: "[SEP]", type_id: 0 } },
        { Sequence: { id: "B", type_id: 1 } },
        { SpecialToken: { id: "[SEP]", type_id: 1 } },
      ],
      special_tokens: Object.fromEntries(
        (["[CLS]", "[SEP]"] as const).map((
          t,
        ) => [t, { id: t, ids: [SPECIAL_TOKENS.indexOf(t)], tokens: [t] }]),
      ),
    },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: {
      type: "WordPiece",
      unk_token: "[UNK]",
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
  const config = {
    tokenizer_class: "BertTokenizer",
    do_lower_case: true,
    strip_accents: false,
    tokenize_chinese_chars: true,
    model_max_length: options.maxLength ?? 128,
    clean_up_tokenization_spaces: true,
    pad_token: "[PAD]",
    unk_token: "[UNK]",
    cls_token: "[CLS]",
    sep_token: "[SEP]",
    mask_token: "[MASK]",
  };
  const special = {
    pad_token: "[PAD]",
    unk_token: "[UNK]",
    cls_token: "[CLS]",
    sep_token: "[SEP]",
    mask_token: "[MASK]",
  };
  return {
    "tokenizer.json": JSON.stringify(tokenizer),
    "tokenizer_config.json": JSON.stringify(config, null, 2),
    "special_tokens_map.json": JSON.stringify(special, null, 2),
    "vocab.txt": vocab.join("\n") + "\n",
  };
}
