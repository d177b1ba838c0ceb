import assert from "node:assert/strict";
import { sentences } from "../../lib/text/sentences.ts";

Deno.test("sentences: split at . ! ? ; bullets and line breaks, trimmed, spans into the text, decimals kept whole, pieces without a letter dropped", () => {
  const text = "Poste en CDI. Salaire 2.5 k€ !\n\n• Mutuelle ; 35 h --- \n  Télétravail";
  const got = sentences(text);
  assert.deepEqual(got.map((s) => s.text), [
    "Poste en CDI.",
    "Salaire 2.5 k€ !",
    "• Mutuelle ;",
    "35 h ---",
    "Télétravail",
  ]);
  for (const s of got) assert.equal(text.slice(s.start, s.end), s.text);
  assert.deepEqual(sentences(" ... 12 ; ! "), []);
  assert.deepEqual(sentences(""), []);
});
