import assert from "node:assert/strict";
import { cleanText, decodeEntities, joinSections, stripHtml } from "../../lib/corpus/clean.ts";

Deno.test("cleanText removes HTML, decodes entities, straightens apostrophes and folds whitespace", () => {
  assert.equal(cleanText("<p>L&rsquo;&eacute;quipe&nbsp;  recrute</p>"), "L'équipe recrute");
  assert.equal(cleanText("Vos missions :<br>- coder<br/>- tester"), "Vos missions :\n- coder\n- tester");
  assert.equal(cleanText("a\t b \r\n\r\n\r\n\r\nc  "), "a b\n\nc");
  assert.equal(cleanText("l’équipe “top”"), "l'équipe \"top\"");
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
