import assert from "node:assert/strict";
import { CsvParser, type CsvRecord, sniffSeparator } from "../../lib/base/csv.ts";

function parseAll(text: string, sep = ",", chunkSize = text.length): CsvRecord[] {
  const p = new CsvParser(sep);
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += chunkSize) out.push(...p.push(text.slice(i, i + chunkSize)));
  out.push(...p.end());
  return out;
}

const SAMPLE = 'id,text,n\n1,"a, quoted ""field""",2\r\n2,"multi\nline",3\n3,plain,\n';

Deno.test("CsvParser reads quotes, escaped quotes, newlines in fields, CRLF and empty fields with line numbers", () => {
  const records = parseAll(SAMPLE);
  assert.deepEqual(records.map((r) => r.fields), [["id", "text", "n"], ["1", 'a, quoted "field"', "2"], [
    "2",
    "multi\nline",
    "3",
  ], ["3", "plain", ""]]);
  assert.deepEqual(records.map((r) => r.line), [1, 2, 3, 5]);
});

Deno.test("CsvParser gives the same records whatever the chunk boundaries", () => {
  const whole = parseAll(SAMPLE);
  for (let size = 1; size < SAMPLE.length; size++) {
    assert.deepEqual(parseAll(SAMPLE, ",", size), whole, `chunk size ${size}`);
  }
});

function parseExpecting(text: string, fields: number, chunkSize = text.length, cap?: number): CsvRecord[] {
  const p = new CsvParser(",", cap);
  p.expectFields(fields);
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += chunkSize) out.push(...p.push(text.slice(i, i + chunkSize)));
  return [...out, ...p.end()];
}

Deno.test("CsvParser: a quote that never closes is quarantined up to the next line that parses as a record, whatever the chunking", () => {
  const unterminated = parseAll('a,b\n1,"never closed\n2,x\n3,y\n');
  assert.equal(unterminated[1].line, 2);
  assert.match(unterminated[1].error ?? "", /unterminated quoted field .*reading resumes on line 3/);
  assert.equal(unterminated[1].raw, '1,"never closed');
  assert.deepEqual(unterminated.slice(2).map((r) => [r.line, r.fields]), [[3, ["2", "x"]], [4, ["3", "y"]]]);
  const text = 'id,text\n1,"never closed\nstill inside\nand here\n2,x\n3,y';
  const whole = parseExpecting(text, 2);
  assert.deepEqual(whole.map((r) => [r.line, r.lastLine, r.fields ?? "error"]), [
    [1, 1, ["id", "text"]],
    [2, 4, "error"],
    [5, 5, ["2", "x"]],
    [6, 6, ["3", "y"]],
  ]);
  assert.match(whole[1].error!, /lines 2-4, quarantined whole/);
  for (let size = 1; size < text.length; size++) {
    assert.deepEqual(parseExpecting(text, 2, size), whole, `chunk size ${size}`);
  }
  const stray = parseAll('a,b\n1,bad"quote\n2,ok\n');
  assert.match(stray[1].error ?? "", /stray quote/);
  assert.equal(stray[1].raw, '1,bad"quote');
  assert.deepEqual(stray[2].fields, ["2", "ok"]);
});

Deno.test("CsvParser: a stray opening quote closed by a later record's quote quarantines the lines inside it, whatever the chunking", () => {
  const text = 'id,text,n\n1,"broken,2\n2,fine,3\n3,"quoted, ok",4\n4,last,5\n';
  const whole = parseExpecting(text, 3);
  assert.deepEqual(whole.map((r) => [r.line, r.fields ?? "error"]), [
    [1, ["id", "text", "n"]],
    [2, "error"],
    [4, ["3", "quoted, ok", "4"]],
    [5, ["4", "last", "5"]],
  ]);
  assert.equal(whole[1].raw, '1,"broken,2\n2,fine,3');
  assert.match(whole[1].error!, /a quote opened on line 2 closes on line 4.*lines 2-3, quarantined whole/);
  for (let size = 1; size < text.length; size++) {
    assert.deepEqual(parseExpecting(text, 3, size), whole, `chunk size ${size}`);
  }
});

Deno.test("CsvParser never makes a record out of the inside of a quoted field: one unterminated quote among 1,000 multi-line offers", () => {
  const rows = Array.from(
    { length: 1000 },
    (_, i) => `${i + 1},"Poste ${i + 1}, en CDI.\nVous êtes rigoureux, autonome.\nSalaire, primes."`,
  );
  rows[499] = rows[499].slice(0, -1); // offer 500 loses its closing quote
  const text = `id,text\n${rows.join("\n")}\n`;
  for (const size of [text.length, 4096, 777, 64]) {
    const records = parseExpecting(text, 2, size).slice(1);
    const kept = records.filter((r) => r.fields);
    const errors = records.filter((r) => r.error !== undefined);
    assert.equal(errors.length, 1, `chunk size ${size}`);
    assert.deepEqual([errors[0].line, errors[0].lastLine], [1 + 499 * 3 + 1, 1 + 499 * 3 + 3]);
    assert.equal(kept.length, 999);
    assert.deepEqual(
      kept.map((r) => r.fields![0]),
      Array.from({ length: 1000 }, (_, i) => String(i + 1)).filter((id) => id !== "500"),
    );
    assert.ok(kept.every((r) => r.fields![1].startsWith(`Poste ${r.fields![0]},`)));
  }
});

Deno.test("CsvParser quarantines a record over its cap whole, in constant memory, and reads on after it", () => {
  const inner = Array.from({ length: 200 }, (_, i) => `${i},looks like a record`).join("\n");
  const text = `id,text\n1,ok\n2,"${inner}"\n3,after\n4,${"x".repeat(500)}\n5,last\n`;
  const whole = parseExpecting(text, 2, text.length, 300);
  assert.deepEqual(whole.map((r) => [r.line, r.lastLine, r.fields?.[0] ?? "error"]), [
    [1, 1, "id"],
    [2, 2, "1"],
    [3, 202, "error"],
    [203, 203, "3"],
    [204, 204, "error"],
    [205, 205, "5"],
  ]);
  assert.match(whole[2].error!, /record longer than 300 characters .*lines 3-202, quarantined whole/);
  assert.ok(whole[2].raw!.length <= 2000);
  for (const size of [1, 7, 64, 301]) {
    assert.deepEqual(parseExpecting(text, 2, size, 300), whole, `chunk size ${size}`);
  }
  const unclosed = parseExpecting(`id,text\n1,ok\n2,"${inner}\n`, 2, 50, 300);
  assert.deepEqual(unclosed.map((r) => [r.line, r.fields?.[0] ?? "error"]), [[1, "id"], [2, "1"], [
    3,
    "error",
  ]]);
  assert.match(unclosed[2].error!, /unterminated quoted field longer than 300 characters/);
});

Deno.test("sniffSeparator picks the separator of a header line", () => {
  assert.equal(sniffSeparator("id|intitule|description"), "|");
  assert.equal(sniffSeparator("a;b;c"), ";");
  assert.equal(sniffSeparator("a,b"), ",");
  assert.equal(sniffSeparator("a\tb\tc"), "\t");
});
