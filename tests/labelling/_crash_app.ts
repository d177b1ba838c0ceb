/**
 * Child process of the annotator crash test: serves the labelling app on a
 * free port over a fresh store and prints the port and alice's token.
 */
import { LabelStore } from "../../lib/labelling/store.ts";
import { emptyOffer } from "../../lib/corpus/schema.ts";
import { addAnnotator, loadAnnotators } from "../../lib/app/annotators.ts";
import { appHandler } from "../../lib/app/server.ts";

const [dir] = Deno.args;
const store = LabelStore.open(`${dir}/crash.sqlite`);
store.upsertOffers(
  Array.from(
    { length: 2000 },
    (_, i) => ({ ...emptyOffer(`o${i}`, "generic" as const), text: `Vous êtes rigoureux. Offre ${i}.` }),
  ),
);
const token = await addAnnotator(`${dir}/annotators.json`, "alice", "annotator");
const server = Deno.serve(
  { hostname: "127.0.0.1", port: 0, onListen: () => {} },
  appHandler(store, await loadAnnotators(`${dir}/annotators.json`)),
);
console.log(JSON.stringify({ port: (server.addr as Deno.NetAddr).port, token }));
