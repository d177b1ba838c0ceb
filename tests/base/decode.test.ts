import assert from "node:assert/strict";
import { BLOCK_BYTES, countByte, decodedBlocks, decodedLines } from "../../lib/base/decode.ts";
import { tempDir } from "../_helpers.ts";

async function linesOf(path: string, maxChars?: number) {
  const out = [];
  for await (const l of decodedLines(path, "utf-8", maxChars)) out.push(l);
  return out;
}

Deno.test("decodedLines: lines longer than a block come back whole, multi-byte characters and CRLF intact across the cuts", async () => {
  const dir = await tempDir();
  const long = "aé€😀".repeat(Math.ceil((2.5 * BLOCK_BYTES) / 10)); // 10 bytes a repeat: cuts fall inside characters
  const path = `${dir}/long.txt`;
  await Deno.writeTextFile(path, `court\r\n${long}\r\nfin`);
  const lines = await linesOf(path);
  assert.deepEqual(lines.map((l) => l.line), [1, 2, 3]);
  assert.equal(lines[0].text, "court");
  assert.ok(lines[1].text === long, "the long line is read back exactly");
  assert.equal(lines[2].text, "fin");
  let partial = 0;
  for await (const block of decodedBlocks(path, "utf-8")) if (block.partial) partial++;
  assert.ok(partial >= 2, `a ${long.length}-character line is passed on in pieces (${partial})`);
});

Deno.test("decodedLines: a line over the cap keeps its first 2,000 characters and its length; an invalid byte in a long line names that line", async () => {
  const dir = await tempDir();
  const path = `${dir}/bad.txt`;
  const enc = new TextEncoder();
  const long = enc.encode("x".repeat(3 * BLOCK_BYTES));
  long[BLOCK_BYTES + 5] = 0xff;
  await Deno.writeFile(path, new Uint8Array([...enc.encode("un\n"), ...long, ...enc.encode("\ntrois\n")]));
  const capped = await linesOf(path, 1000);
  assert.deepEqual(capped.map((l) => [l.line, l.text.length, l.tooLong ?? null]), [[1, 2, null], [
    2,
    2000,
    3 * BLOCK_BYTES,
  ], [3, 5, null]]);
  assert.match(capped[1].invalid ?? "", /bytes not valid utf-8/);
  const whole = await linesOf(path);
  assert.equal(whole[1].text.length, 3 * BLOCK_BYTES);
  assert.equal(whole[1].tooLong, undefined);
  assert.equal(whole[2].invalid, undefined);
});

Deno.test("countByte: every occurrence, none in an empty buffer", () => {
  const bytes = new TextEncoder().encode("a\nbé\n\nc");
  assert.equal(countByte(bytes, 0x0a), 3);
  assert.equal(countByte(bytes, 0x7a), 0);
  assert.equal(countByte(new Uint8Array(0), 0x0a), 0);
});
