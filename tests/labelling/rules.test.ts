import assert from "node:assert/strict";
import { emptyOffer, type Offer } from "../../lib/corpus/schema.ts";
import { labelWithRules, sectionBounds } from "../../lib/labelling/rules.ts";
import { generateOffer } from "../../lib/corpus/generator.ts";
import { JOCAS_MAPPING, rowToOffer } from "../../lib/corpus/mapping.ts";
import { multilabelScores, spanScores } from "../../lib/stats/metrics.ts";
import { THEMES } from "../../lib/base/vocabulary.ts";
import * as L from "../../lib/labelling/lexicon.ts";
import { foldKeepLength } from "../../lib/base/fold.ts";
import { mulberry32 } from "../../lib/base/random.ts";

function offer(company: string, job: string, profile: string): Offer {
  const text = [company, job, profile].filter(Boolean).join("\n\n");
  return { ...emptyOffer("x", "generic"), text, sections: { company, job, profile } };
}

Deno.test("themes: cues count, negations and look-alikes do not", () => {
  const yes = labelWithRules(
    offer(
      "",
      "Télétravail possible 2 jours par semaine. Tickets restaurant et mutuelle. Vous encadrez une équipe de 5 personnes.",
      "",
    ),
  ).record;
  assert.ok(yes.themes.WORK_LIFE_BALANCE >= 85);
  assert.ok(yes.themes.PAY_BENEFITS >= 85);
  assert.ok(yes.themes.LEADERSHIP_MANAGEMENT >= 85);
  const no = labelWithRules(
    offer(
      "",
      "Pas de télétravail possible. Le télétravail n'est pas envisageable. Salaire selon profil. Vous êtes rattaché au directeur. Poste ouvert H/F.",
      "",
    ),
  ).record;
  for (const t of THEMES) assert.ok(no.themes[t] < 50, `${t} = ${no.themes[t]}`);
  assert.equal(no.themes.WORK_LIFE_BALANCE, 10, "negated mentions are recorded as a low confidence");
});

Deno.test("themes: cues of every occupation (pay in k, company car, pay grid, housing; team management; day hours, free week-ends), negation kept", () => {
  const cases: [string, "PAY_BENEFITS" | "LEADERSHIP_MANAGEMENT" | "WORK_LIFE_BALANCE"][] = [
    ["Salaire annuel 35 à 40k/an suivant expérience.", "PAY_BENEFITS"],
    ["Véhicule de société et téléphone.", "PAY_BENEFITS"],
    ["Rémunération selon la grille indiciaire de la fonction publique.", "PAY_BENEFITS"],
    ["Logement fourni pour la saison.", "PAY_BENEFITS"],
    ["Vous assurez le management d'une équipe de vendeurs.", "LEADERSHIP_MANAGEMENT"],
    ["Gestion des équipes de nuit.", "LEADERSHIP_MANAGEMENT"],
    ["Horaires de jour, week-ends libres.", "WORK_LIFE_BALANCE"],
  ];
  for (const [text, theme] of cases) {
    assert.ok(labelWithRules(offer("", text, "")).record.themes[theme] >= 80, `${theme}: ${text}`);
  }
  assert.ok(
    labelWithRules(offer("", "Travail le samedi : aucun week-end libre en saison.", "")).record.themes
      .WORK_LIFE_BALANCE < 50,
    "negated",
  );
  assert.ok(
    labelWithRules(offer("", "Salaire selon profil, 35h.", "")).record.themes.PAY_BENEFITS < 50,
    "no amount, no pay",
  );
});

Deno.test("soft skills: asked in the profile (with inclusive forms) counts, praised by the company does not", () => {
  const o = offer(
    "Notre équipe est reconnue pour sa créativité.",
    "Vos missions : accueillir les clients.",
    "Profil recherché :\nVous êtes rigoureux(se) et autonome. L'esprit d'équipe est indispensable.",
  );
  const { record } = labelWithRules(o);
  const sure = record.soft_skills.filter((s) => s.confidence >= 50);
  assert.deepEqual(sure.map((s) => s.code_ogr).sort(), ["300460", "300465", "300490"]);
  const rigour = sure.find((s) => s.code_ogr === "300490")!;
  assert.equal(o.text.slice(rigour.start!, rigour.end!), "rigoureux(se)");
  const creative = record.soft_skills.find((s) => s.code_ogr === "300497");
  assert.ok(
    creative && creative.confidence < 50,
    "a quality the company praises in itself is not asked of the candidate",
  );
});

Deno.test("a profile heading inside a single description is found", () => {
  const text = "Description du poste :\nDévelopper.\nDescription du profil :\nVous êtes curieux.";
  const o = { ...emptyOffer("y", "france-travail"), text, sections: { company: "", job: text, profile: "" } };
  assert.equal(sectionBounds(o).profileStart, text.indexOf("\nDescription du profil"));
  assert.ok(labelWithRules(o).record.soft_skills[0].confidence >= 85);
});

Deno.test("the teacher recovers most of the generator's planted labels (precision and recall reported, not perfect)", () => {
  const offers = [];
  const truths = [];
  for (let i = 0; i < 600; i++) {
    const { row, truth } = generateOffer(21, i);
    offers.push(rowToOffer(row as unknown as Record<string, unknown>, JOCAS_MAPPING, "jocas"));
    truths.push(truth);
  }
  const records = offers.map((o) => labelWithRules(o).record);
  const themes = multilabelScores(
    truths.map((t) => THEMES.map((th) => t.themes.includes(th))),
    records.map((r) => THEMES.map((t) => r.themes[t] >= 50)),
    THEMES,
  );
  assert.ok(themes.micro.f1 > 0.9, `theme F1 ${themes.micro.f1}`);
  const spans = spanScores(
    truths.map((t) => t.soft_skills.map((s) => ({ code: s.code_ogr, start: s.start, end: s.end }))),
    records.map((r) =>
      r.soft_skills.filter((s) => s.confidence >= 50).map((s) => ({
        code: s.code_ogr,
        start: s.start!,
        end: s.end!,
      }))
    ),
  );
  assert.ok(spans.f1 > 0.9, `span F1 ${spans.f1}`);
});

/** The first implementation's reading of a cue's sentence (a scan per cue), kept as the reference. */
function referenceSentence(folded: string, start: number, end: number) {
  let a = start;
  while (a > 0 && !".!?\n;".includes(folded[a - 1])) a--;
  let b = end;
  while (b < folded.length && !".!?\n;".includes(folded[b])) b++;
  return { before: folded.slice(a, start), after: folded.slice(end, b), whole: folded.slice(a, b) };
}

Deno.test("the linear sentence lookup gives exactly the answers of the per-cue sentence scan", () => {
  const pieces = [
    "télétravail",
    "pas de ",
    "aucun ",
    "sans ",
    "non envisageable",
    "n'est pas possible",
    "rigoureux",
    "autonome",
    "vous êtes ",
    "indispensable",
    "esprit d'équipe",
    "tickets restaurant",
    "mutuelle",
    "encadrer une équipe",
    "formation",
    ". ",
    "\n",
    "; ",
    "! ",
    "le poste ",
    "au sein de ",
    "x".repeat(40) + " ",
  ];
  const random = mulberry32(18);
  const negBefore = new RegExp(L.NEGATION_BEFORE),
    negAfter = new RegExp(L.NEGATION_AFTER),
    requirement = new RegExp(L.REQUIREMENT_CUE);
  let checked = 0;
  for (let n = 0; n < 300; n++) {
    const words = Array.from(
      { length: 5 + Math.floor(random() * 80) },
      () => pieces[Math.floor(random() * pieces.length)],
    );
    const o = offer("", words.join(""), "");
    const folded = foldKeepLength(o.text);
    for (const m of labelWithRules(o).matches) {
      const around = referenceSentence(folded, m.start, m.end);
      if (m.kind === "theme") {
        assert.equal(
          m.negated,
          negBefore.test(around.before) || negAfter.test(around.after),
          `${JSON.stringify(o.text)} @${m.start}`,
        );
      } else {
        const negated = negBefore.test(around.before), asked = requirement.test(around.whole);
        assert.equal(m.negated, negated, `${JSON.stringify(o.text)} @${m.start}`);
        const expected = negated
          ? 10
          : m.section === "profile"
          ? (asked ? 92 : 85)
          : m.section === "job"
          ? (asked ? 75 : 45)
          : asked
          ? 40
          : 20;
        assert.equal(m.strength, expected, `${JSON.stringify(o.text)} @${m.start}`);
      }
      checked++;
    }
  }
  assert.ok(checked > 1000, `only ${checked} cues checked`);
});
