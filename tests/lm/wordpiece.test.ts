import assert, { deepStrictEqual, equal as assertEquals } from "node:assert/strict";
import { bertWords, learnWordPiece, SPECIAL_TOKENS, tokenizerFiles } from "../../lib/lm/wordpiece.ts";
import { continuationFlags, maskBatch } from "../../lib/lm/masking.ts";
import { batchAt, segmentTokens } from "../../lib/lm/train_lm.ts";
import { loadTokenizer } from "../../lib/represent/transformers.ts";
import { Random } from "../../lib/base/random.ts";
import { tempDir } from "../_helpers.ts";

const CORPUS = [
  "Vous êtes rigoureux et autonome.",
  "L'équipe recherche un développeur rigoureux, 35h/semaine.",
  "Poste en CDI : développeur ou développeuse.",
  "Rigoureuse et autonome, vous aimez le travail en équipe.",
];

Deno.test("bertWords splits like BERT's pre-tokeniser: white space, then each punctuation mark alone, lower case, accents kept", () => {
  deepStrictEqual(bertWords("L'Équipe, 35h/semaine."), ["l", "'", "équipe", ",", "35h", "/", "semaine", "."]);
});

Deno.test("learnWordPiece: specials first, the alphabet in both forms, frequent words merged whole", () => {
  const vocab = learnWordPiece(CORPUS, { vocabSize: 200, minFrequency: 2, minCharFrequency: 1 });
  deepStrictEqual(vocab.slice(0, 5), [...SPECIAL_TOKENS]);
  assert(vocab.includes("é") && vocab.includes("##é"));
  for (const word of ["rigoureux", "autonome", "développeur", "équipe"]) assert(vocab.includes(word), word);
  assertEquals(new Set(vocab).size, vocab.length, "no duplicate pieces");
  deepStrictEqual(
    learnWordPiece(CORPUS, { vocabSize: 200, minFrequency: 2, minCharFrequency: 1 }),
    vocab,
    "deterministic",
  );
  assertEquals(
    learnWordPiece(CORPUS, { vocabSize: 60, minCharFrequency: 1 }).length,
    60,
    "stops at the size asked",
  );
});

Deno.test("the tokenizer files load in transformers.js, which splits unseen words into the learnt pieces and never into [UNK]", async () => {
  const dir = await tempDir();
  const vocab = learnWordPiece(CORPUS, { vocabSize: 200, minFrequency: 2, minCharFrequency: 1 });
  for (const [name, content] of Object.entries(tokenizerFiles(vocab, { maxLength: 32 }))) {
    await Deno.writeTextFile(`${dir}/${name}`, content);
  }
  const tokenizer = await loadTokenizer(dir);
  const ids = tokenizer.encode("Vous êtes rigoureuse.") as number[];
  assertEquals(ids[0], 2);
  assertEquals(ids[ids.length - 1], 3);
  assert(!ids.includes(1), "no [UNK] for a word made of known letters");
  assertEquals(tokenizer.decode(ids, { skip_special_tokens: true }), "vous êtes rigoureuse.");
  assertEquals(tokenizer.mask_token_id, 4);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("maskBatch: 15 % of ordinary tokens, 80/10/10 corruption, specials never touched, labels are the originals", () => {
  const rows = Array.from(
    { length: 400 },
    (_, r) => [2, ...Array.from({ length: 40 }, (_, j) => 5 + ((r * 7 + j) % 90)), 3],
  );
  const m = maskBatch(rows, { vocabSize: 100, random: new Random(3) });
  assertEquals(m.positions.length, 400 * 6); // round(0.15 × 40) per row
  let masked = 0, kept = 0;
  m.positions.forEach((flat, k) => {
    const r = Math.floor(flat / m.batch.length), j = flat % m.batch.length;
    assert(j > 0 && j < 41, "never [CLS] or [SEP]");
    assertEquals(m.labels[k], rows[r][j]);
    if (m.batch.ids[flat] === 4) masked++;
    else if (m.batch.ids[flat] === rows[r][j]) kept++;
    assert(m.batch.ids[flat] >= 4, "random replacements are ordinary tokens");
  });
  const share = (x: number) => x / m.positions.length;
  assert(Math.abs(share(masked) - 0.8) < 0.03, `masked ${share(masked)}`);
  assert(share(kept) > 0.07 && share(kept) < 0.14, `kept ${share(kept)}`); // 10 % + random draws equal to the original
  deepStrictEqual(
    maskBatch(rows, { vocabSize: 100, random: new Random(3) }).positions,
    m.positions,
    "seeded",
  );
});

Deno.test("whole-word masking chooses a word with all its ## pieces, about 15 % of the tokens, and nothing else changes without it", () => {
  // ids 5-49 start words, 50-99 continue them ("##"); each row: words of one to three pieces
  const continuation = Uint8Array.from({ length: 100 }, (_, id) => (id >= 50 ? 1 : 0));
  const rows = Array.from({ length: 300 }, (_, r) => {
    const ids = [2];
    for (let w = 0; ids.length < 40; w++) {
      ids.push(5 + ((r + w) % 45));
      for (let p = 0; p < (r + w) % 3; p++) ids.push(50 + ((r * 3 + w + p) % 50));
    }
    return [...ids, 3];
  });
  const m = maskBatch(rows, { vocabSize: 100, random: new Random(4), continuation });
  const chosen = new Set(m.positions);
  let tokens = 0;
  rows.forEach((row, r) => {
    tokens += row.length - 2;
    for (let j = 1; j < row.length - 1; j++) {
      if (continuation[row[j]] !== 1) continue;
      const flat = r * m.batch.length + j;
      assertEquals(
        chosen.has(flat),
        chosen.has(flat - 1),
        `row ${r}: a piece is chosen with the token before it`,
      );
    }
  });
  const share = m.positions.length / tokens;
  assert(share > 0.14 && share < 0.19, `share chosen ${share}`);
  const plain = maskBatch(rows, { vocabSize: 100, random: new Random(4) });
  deepStrictEqual(
    maskBatch(rows, { vocabSize: 100, random: new Random(4), continuation: new Uint8Array(100) }).positions,
    plain.positions,
    "no continuation pieces: token masking",
  );
  assertEquals(continuationFlags(["[PAD]", "rigour", "##euse"]).join(), "0,0,1");
});

Deno.test("segments and batches: [CLS] … [SEP] pieces; each epoch a permutation, the same for a resumed run", () => {
  const segments = segmentTokens(Array.from({ length: 30 }, (_, i) => 10 + i), 12);
  deepStrictEqual(segments.map((s) => s.length), [12, 12, 12]);
  assert(segments.every((s) => s[0] === 2 && s[s.length - 1] === 3));
  const epoch = [0, 1, 2, 3].flatMap((step) => batchAt(40, 10, step, 5));
  deepStrictEqual([...epoch].sort((a, b) => a - b), Array.from({ length: 40 }, (_, i) => i));
  deepStrictEqual(batchAt(40, 10, 6, 5), batchAt(40, 10, 6, 5));
});
