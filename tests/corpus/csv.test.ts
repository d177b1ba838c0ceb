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
  assert.deepEqual(records.map((r) => r.fields), [["id", "text", "n"], ["1", 'a, quoted "field"', "2"], ["2", "multi\nline", "3"], ["3", "plain", ""]]);
  assert.deepEqual(records.map((r) => r.line), [1, 2, 3, 5]);
});

Deno.test("CsvParser gives the same records whatever the chunk boundaries", () => {
  const whole = parseAll(SAMPLE);
  for (let size = 1; size < SAMPLE.length; size++) assert.deepEqual(parseAll(SAMPLE, ",", size), whole, `chunk size ${size}`);
});

Deno.test("CsvParser contains a quote that never closes: its line is an error with its raw text, the lines after it are read", () => {
  const unterminated = parseAll('a,b\n1,"never closed\n2,x\n3,y\n');
  assert.equal(unterminated[1].line, 2);
  assert.match(unterminated[1].error ?? "", /unterminated quoted field .*line 2 is quarantined and reading resumes on line 3/);
  assert.equal(unterminated[1].raw, '1,"never closed');
  assert.deepEqual(unterminated.slice(2).map((r) => [r.line, r.fields]), [[3, ["2", "x"]], [4, ["3", "y"]]]);
  const stray = parseAll('a,b\n1,bad"quote\n2,ok\n');
  assert.match(stray[1].error ?? "", /stray quote/);
  assert.equal(stray[1].raw, '1,bad"quote');
  assert.deepEqual(stray[2].fields, ["2", "ok"]);
});

Deno.test("CsvParser: a stray opening quote closed by a later record costs one line, whatever the chunking", () => {
  const text = 'id,text,n\n1,"broken,2\n2,fine,3\n3,"quoted, ok",4\n4,last,5\n';
  const parse = (size: number) => {
    const p = new CsvParser(",");
    p.expectFields(3);
    const out: CsvRecord[] = [];
    for (let i = 0; i < text.length; i += size) out.push(...p.push(text.slice(i, i + size)));
    return [...out, ...p.end()];
  };
  const whole = parse(text.length);
  assert.deepEqual(whole.map((r) => [r.line, r.fields ?? "error"]), [
    [1, ["id", "text", "n"]],
    [2, "error"],
    [3, ["2", "fine", "3"]],
    [4, ["3", "quoted, ok", "4"]],
    [5, ["4", "last", "5"]],
  ]);
  assert.equal(whole[1].raw, '1,"broken,2');
  assert.match(whole[1].error!, /runs to line 4; line 2 is quarantined/);
  for (let size = 1; size < text.length; size++) assert.deepEqual(parse(size), whole, `chunk size ${size}`);
});

Deno.test("CsvParser gives up on a quoted field longer than its bound instead of holding the file in memory", () => {
  const p = new CsvParser(",", 100);
  const out = [...p.push('a,b\n1,"open\n'), ...p.push("x".repeat(60) + "\n"), ...p.push("2,ok\n"), ...p.push("y".repeat(60) + "\n"), ...p.end()];
  assert.match(out[1].error ?? "", /runs past 100 characters/);
  assert.equal(out[1].line, 2);
  assert.ok(out.some((r) => r.fields?.[0] === "2"), JSON.stringify(out));
});

Deno.test("sniffSeparator picks the separator of a header line", () => {
  assert.equal(sniffSeparator("id|intitule|description"), "|");
  assert.equal(sniffSeparator("a;b;c"), ";");
  assert.equal(sniffSeparator("a,b"), ",");
  assert.equal(sniffSeparator("a\tb\tc"), "\t");
});
