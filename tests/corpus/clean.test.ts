import assert from "node:assert/strict";
import { cleanText, decodeEntities, joinSections, stripHtml } from "../../lib/corpus/clean.ts";
import { generateOffer } from "../../lib/corpus/generator.ts";
import { Random } from "../../lib/base/random.ts";

Deno.test("cleanText removes HTML, decodes entities, straightens apostrophes and folds whitespace", () => {
  assert.equal(cleanText("<p>L&rsquo;&eacute;quipe&nbsp;  recrute</p>"), "L'équipe recrute");
  assert.equal(cleanText("Vos missions :<br>- coder<br/>- tester"), "Vos missions :\n- coder\n- tester");
  assert.equal(cleanText("a\t b \r\n\r\n\r\n\r\nc  "), "a b\n\nc");
  assert.equal(cleanText("l’équipe “top”"), 'l\'équipe "top"');
  assert.equal(cleanText("<script>alert(1)</script>Texte"), "Texte");
  assert.equal(cleanText("&lt;b&gt;gras&lt;/b&gt;"), "gras");
  assert.equal(cleanText(null), "");
});

Deno.test("cleanText normalises to NFC and is idempotent", () => {
  const decomposed = "e\u0301quipe"; // é as e + combining acute
  assert.equal(cleanText(decomposed), "équipe");
  for (const raw of ["<div>A &amp; B</div>", "  x  \n\n\n y ", "déjà\u00a0vu", "ok"]) {
    assert.equal(cleanText(cleanText(raw)), cleanText(raw));
  }
});

Deno.test("decodeEntities handles numeric, hex and unknown entities", () => {
  assert.equal(decodeEntities("&#233;&#xE9;&unknown;"), "éé&unknown;");
  assert.equal(stripHtml("a<li>b</li>c"), "a\nb\nc");
  assert.equal(joinSections(["a", "", "b"]), "a\n\nb");
});

/** The cleaning without its shortcuts: every step on every text (the reference the shortcuts must agree with). */
function cleanTextEveryStep(raw: string): string {
  let s = raw;
  if (s.includes("<")) s = stripHtml(s);
  if (s.includes("&")) s = decodeEntities(s);
  if (s.includes("<")) s = stripHtml(s);
  s = s.normalize("NFC")
    .replace(/[\u2018\u2019\u201B\u02BC\u2032\u00B4`]/g, "'")
    .replace(/[\u201C\u201D\u201E\u2033]/g, '"')
    .replace(/[\u00A0\u202F\u2007\u2009\u200A\t\f\v]/g, " ")
    .replace(/[\u200B\u200C\u200D\uFEFF\u00AD]/g, "")
    .replace(/\r\n?/g, "\n");
  return s.split("\n").map((line) => line.replace(/ {2,}/g, " ").trim()).join("\n").replace(/\n{3,}/g, "\n\n")
    .trim();
}

Deno.test("the cleaning's shortcuts change nothing: generated offers of both length profiles and random strings of awkward characters", () => {
  const texts = Array.from({ length: 2000 }, (_, i) => generateOffer(9, i, i % 2 ? "jocas" : "compact").row)
    .flatMap((r) => [r.description_full, r.description_job ?? "", r.job_title]);
  const random = new Random(4);
  const alphabet = [
    "a",
    "é",
    "e\u0301",
    " ",
    "  ",
    "\n",
    "\r",
    "\r\n",
    "\t",
    "\u00a0",
    "\u2019",
    "\u201c",
    "\u200b",
    "\ufeff",
    "\u00ad",
    "\u2028",
    "\u3000",
    "\u2003",
    "<p>",
    "&amp;",
    "&nbsp;",
    "x",
    "\n\n\n",
    " \n ",
    "\u1680",
    "`",
  ];
  for (let k = 0; k < 20_000; k++) {
    texts.push(Array.from({ length: random.int(1, 30) }, () => random.pick(alphabet)).join("") + "\u2019");
  }
  for (const t of texts) assert.equal(cleanText(t), cleanTextEveryStep(t), JSON.stringify(t));
});
