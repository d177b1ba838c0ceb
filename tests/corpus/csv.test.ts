import assert from "node:assert/strict";
import { CsvParser, type CsvRecord, sniffSeparator } from "../../lib/corpus/_csv.ts";

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
  assert.deepEqual(records.map((r) => r.fields), [["id", "text", "n"], ["1", 'a, quoted "field"', "2"], ["2", "multi\nline", "3"], ["3", "plain", ""]]);
  assert.deepEqual(records.map((r) => r.line), [1, 2, 3, 5]);
});

Deno.test("CsvParser gives the same records whatever the chunk boundaries", () => {
  const whole = parseAll(SAMPLE);
  for (let size = 1; size < SAMPLE.length; size++) assert.deepEqual(parseAll(SAMPLE, ",", size), whole, `chunk size ${size}`);
});

Deno.test("CsvParser reports an unterminated quote and a stray quote as errors, not crashes", () => {
  const unterminated = parseAll('a,b\n1,"never closed\n2,x\n');
  assert.equal(unterminated.at(-1)?.error, "unterminated quoted field (reaches end of file)");
  assert.equal(unterminated.at(-1)?.line, 2);
  const stray = parseAll('a,b\n1,bad"quote\n2,ok\n');
  assert.match(stray[1].error ?? "", /stray quote/);
  assert.deepEqual(stray[2].fields, ["2", "ok"]);
});

Deno.test("sniffSeparator picks the separator of a header line", () => {
  assert.equal(sniffSeparator("id|intitule|description"), "|");
  assert.equal(sniffSeparator("a;b;c"), ";");
  assert.equal(sniffSeparator("a,b"), ",");
  assert.equal(sniffSeparator("a\tb\tc"), "\t");
});
