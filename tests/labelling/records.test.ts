import assert from "node:assert/strict";
import {
  locateEvidence,
  presentThemes,
  readLabelFile,
  validateRecord,
  withSpans,
} from "../../lib/labelling/records.ts";
import { CODEBOOK, codebookMarkdown } from "../../lib/labelling/codebook.ts";
import { tempDir, writeFixture } from "../_helpers.ts";

const good = {
  source: "ft",
  id: "1",
  themes: {
    DIVERSITY: 5,
    PAY_BENEFITS: 90,
    CAREER: 70,
    CULTURE_VALUES: 20,
    LEADERSHIP_MANAGEMENT: 10,
    WORK_LIFE_BALANCE: 85,
  },
  soft_skills: [{ code_ogr: "300490", evidence: "rigoureux et organisé", confidence: 95 }],
  overall_confidence: 80,
};

Deno.test("records are validated field by field with a message naming the field", () => {
  assert.deepEqual(presentThemes(validateRecord(good)), ["PAY_BENEFITS", "CAREER", "WORK_LIFE_BALANCE"]);
  assert.throws(
    () => validateRecord({ ...good, themes: { ...good.themes, CAREER: 120 } }),
    /themes\.CAREER must be a number from 0 to 100, got 120/,
  );
  assert.throws(
    () => validateRecord({ ...good, themes: { ...good.themes, SALARY: 3 } }),
    /themes\.SALARY is not a codebook theme/,
  );
  assert.throws(
    () => validateRecord({ ...good, soft_skills: [{ code_ogr: "123", evidence: "x", confidence: 1 }] }),
    /soft_skills\[0\]\.code_ogr "123"/,
  );
  assert.throws(() => validateRecord({ ...good, overall_confidence: "high" }), /overall_confidence/);
  assert.throws(() => validateRecord([]), /not a JSON object/);
});

Deno.test("label files report bad lines with file and line", async () => {
  const dir = await tempDir();
  const path = await writeFixture(
    dir,
    "l.jsonl",
    `${JSON.stringify(good)}\n{oops\n\n${JSON.stringify({ ...good, id: "2" })}\n`,
  );
  const { records, errors } = await readLabelFile(path);
  assert.deepEqual(records.map((r) => r.id), ["1", "2"]);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].line, 2);
  assert.equal(errors[0].file, path);
});

Deno.test("evidence is located exactly, then tolerant to case, accents, apostrophes, spaces and entities", () => {
  const text = "Profil : vous êtes  RIGOUREUX et organisé ; l’esprit d'équipe compte.";
  assert.deepEqual(locateEvidence(text, "organisé"), { start: 33, end: 41 });
  assert.equal(
    text.slice(...Object.values(locateEvidence(text, "êtes rigoureux")!) as [number, number]),
    "êtes  RIGOUREUX",
  );
  assert.equal(
    text.slice(...Object.values(locateEvidence(text, "l'esprit d&#39;equipe")!) as [number, number]),
    "l’esprit d'équipe",
  );
  assert.equal(locateEvidence(text, "créatif"), null);
  const { record, notFound } = withSpans(
    validateRecord({
      ...good,
      soft_skills: [...good.soft_skills, { code_ogr: "300497", evidence: "créatif", confidence: 60 }],
    }),
    "Vous êtes rigoureux et organisé.",
  );
  assert.equal(notFound, 1);
  assert.deepEqual(record.soft_skills.map((s) => [s.start, s.end]), [[10, 31], [null, null]]);
});

Deno.test("the codebook is versioned and renders every theme and soft skill", () => {
  assert.equal(CODEBOOK.version, "codebook-v1");
  const md = codebookMarkdown();
  for (const t of CODEBOOK.themes) assert.ok(md.includes(t.code));
  assert.equal(CODEBOOK.soft_skills.length, 16);
  for (const s of CODEBOOK.soft_skills) assert.ok(md.includes(s.code_ogr));
});
