/**
 * Child process of the crash test: saves labels in a loop and prints
 * "ack <id>" after each save returns. The test kills it with SIGKILL.
 */
import { LabelStore } from "../../lib/labelling/store.ts";
import { emptyOffer } from "../../lib/corpus/schema.ts";
import { THEMES } from "../../lib/base/vocabulary.ts";

const [path, mode] = Deno.args;
const store = LabelStore.open(path);
const offers = Array.from(
  { length: 5000 },
  (_, i) => ({ ...emptyOffer(`o${i}`, "generic" as const), text: `Vous êtes rigoureux. Offre ${i}.` }),
);
store.upsertOffers(offers);
const set = store.labelSet({ name: `llm:${mode}`, kind: "llm", labeller: "test-model", version: "v1" });
const encoder = new TextEncoder();
for (let i = 0; i < offers.length; i++) {
  const themes = Object.fromEntries(THEMES.map((t, k) => [t, (i + k) % 100])) as Record<
    (typeof THEMES)[number],
    number
  >;
  store.saveRecord(set, {
    source: "generic",
    id: `o${i}`,
    themes,
    soft_skills: [{ code_ogr: "300490", evidence: "rigoureux", confidence: 90 }],
    overall_confidence: 80,
  }, { actor: mode });
  Deno.stdout.writeSync(encoder.encode(`ack o${i}\n`));
}
