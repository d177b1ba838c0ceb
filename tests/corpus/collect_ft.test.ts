/**
 * The France Travail client against a local fake of the API: token (renewed
 * before it expires), pages with 206/200 and Content-Range, a search over
 * the 1,150-result cap split by date, 429 with Retry-After, 500s, a hang, a
 * malformed record quarantined, duplicates resolved by dateActualisation,
 * contact fields dropped, and a kill then a resume that ends with the files
 * of an uninterrupted run. Nothing leaves 127.0.0.1.
 */
import assert from "node:assert/strict";
import { FT_MAX_RESULTS, FtApi } from "../../lib/corpus/ft_api.ts";
import { collectFranceTravail } from "../../lib/corpus/collect_ft.ts";
import { loadOffers } from "../../lib/corpus/load.ts";
import { tempDir } from "../_helpers.ts";

const START = Date.parse("2025-01-01T00:00:00Z");
type Fault = number | "hang";

/** The fake API: `offers` by département, a token endpoint, search with the real API's paging rules. */
function fakeFranceTravail() {
  const offers: Record<string, unknown>[] = [];
  for (let i = 0; i < 2600; i++) {
    offers.push({
      id: `07${String(i).padStart(5, "0")}`,
      intitule: `Poste ${i}`,
      description: `Offre ${i} : vous êtes rigoureux.`,
      dateCreation: new Date(START + i * 2_900_000).toISOString(),
      dateActualisation: "2025-04-01T00:00:00.000Z",
      lieuTravail: { libelle: "07 - PRIVAS", codePostal: "07000" },
      contact: { nom: "Mme X", courriel: "x@example.fr" },
      departement: "07",
    });
  }
  for (let i = 0; i < 300; i++) {
    offers.push({
      id: `26${String(i).padStart(5, "0")}`,
      intitule: `Poste ${i}`,
      description: `Offre drômoise ${i}.`,
      dateCreation: new Date(START + i * 20_000_000).toISOString(),
      departement: "26",
    });
  }
  // an offer updated while the searches ran: seen again, later, with a newer dateActualisation
  offers.push({
    ...offers[5],
    description: "Offre 5 mise à jour.",
    dateActualisation: "2025-05-01T00:00:00.000Z",
    departement: "26",
  });
  offers.push({
    intitule: "sans identifiant",
    dateCreation: new Date(START + 1000).toISOString(),
    departement: "26",
  });
  const faults: Fault[] = [];
  const tokens = new Map<string, number>(); // token -> expiry
  let issued = 0, searches = 0, expiredUses = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const url = new URL(req.url);
    if (url.pathname === "/token") {
      const form = new URLSearchParams(await req.text());
      if (form.get("grant_type") !== "client_credentials" || form.get("client_secret") !== "secret") {
        return Response.json({ error: "invalid_client" }, { status: 401 });
      }
      const token = `t${++issued}`;
      tokens.set(token, Date.now() + 60_250);
      return Response.json({ access_token: token, token_type: "Bearer", expires_in: 60.25 }); // the client renews a minute early: every 250 ms here
    }
    searches++;
    const fault = faults.shift();
    if (fault === "hang") {
      await new Promise((resolve) => setTimeout(resolve, 800));
      return new Response(null, { status: 204 });
    }
    if (fault) {
      return new Response("busy", { status: fault, headers: fault === 429 ? { "retry-after": "0" } : {} });
    }
    const token = (req.headers.get("authorization") ?? "").replace("Bearer ", "");
    if (!tokens.has(token)) return new Response("unauthorised", { status: 401 });
    if (tokens.get(token)! < Date.now()) expiredUses++;
    const [start, end] = (url.searchParams.get("range") ?? "0-149").split("-").map(Number);
    if (end - start + 1 > 150 || end >= FT_MAX_RESULTS) {
      return new Response(`range ${start}-${end} refused`, { status: 400 });
    }
    const from = Date.parse(url.searchParams.get("minCreationDate")!),
      to = Date.parse(url.searchParams.get("maxCreationDate")!);
    const dep = url.searchParams.get("departement");
    const found = offers.filter((o) =>
      Date.parse(o.dateCreation as string) >= from && Date.parse(o.dateCreation as string) <= to &&
      (!dep || o.departement === dep)
    );
    if (found.length === 0) return new Response(null, { status: 204 });
    const page = found.slice(start, end + 1).map(({ departement: _, ...o }) => o);
    const last = Math.min(end, found.length - 1);
    return Response.json({ resultats: page, filtresPossibles: [] }, {
      status: last + 1 < found.length ? 206 : 200,
      headers: { "content-range": `offres ${start}-${last}/${found.length}` },
    });
  });
  const base = `http://127.0.0.1:${server.addr.port}`;
  return {
    faults,
    counts: () => ({ issued, searches, expiredUses }),
    close: () => server.shutdown(),
    api: (fetchImpl?: typeof fetch) =>
      new FtApi({
        clientId: "id",
        clientSecret: "secret",
        tokenUrl: `${base}/token`,
        apiUrl: `${base}/v2`,
        requestsPerSecond: 500,
        backoffMs: 5,
        timeoutMs: 300,
        fetch: fetchImpl,
      }),
  };
}

async function outputFiles(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for await (const e of Deno.readDir(dir)) {
    if (e.isFile && e.name !== "_summary.json") {
      files.set(e.name, await Deno.readTextFile(`${dir}/${e.name}`));
    }
  }
  return files;
}

Deno.test("collect-ft: pages and splits as the API defines them, retries 429/500/a hang, dedups, drops contacts, quarantines, and writes a folder the loaders read", async () => {
  const fake = fakeFranceTravail();
  try {
    const out = await tempDir();
    fake.faults.push(429, 500, "hang");
    const summary = await collectFranceTravail({
      api: fake.api(),
      out,
      departements: ["07", "26"],
      since: "2025-01-01",
      until: "2025-06-30",
    });
    assert.equal(summary.queries, 2);
    assert.ok(
      summary.splits >= 2,
      `the 2,600 offers of 07 are split by date window (${summary.splits} splits)`,
    );
    assert.deepEqual(summary.truncated, []);
    assert.equal(summary.offers, 2900);
    assert.equal(summary.duplicates, 1);
    assert.deepEqual(summary.quarantine_reasons, { "missing id": 1 });
    assert.ok(summary.retries >= 3, `retries counted: ${summary.retries}`);
    assert.ok(fake.counts().issued >= 2 && fake.counts().expiredUses === 0, JSON.stringify(fake.counts()));
    const { offers, report } = await loadOffers(out);
    assert.equal(offers.length, 2900);
    assert.equal(report.quarantined, 0);
    assert.equal(new Set(offers.map((o) => o.id)).size, 2900);
    assert.equal(
      offers.find((o) => o.id === "0700005")!.text,
      "Offre 5 mise à jour.",
      "the latest dateActualisation wins",
    );
    const text = [...(await outputFiles(out)).values()].join("");
    assert.ok(!text.includes("courriel"), "contact fields dropped");
    assert.ok(summary.files.every((f) => /offres-2025-0\d\.jsonl$/.test(f)));
  } finally {
    await fake.close();
  }
});

Deno.test("collect-ft: killed mid-run, started again: only the missing searches are fetched, and the files equal an uninterrupted run's", async () => {
  const fake = fakeFranceTravail();
  try {
    const whole = await tempDir();
    const complete = await collectFranceTravail({
      api: fake.api(),
      out: whole,
      departements: ["07", "26"],
      since: "2025-01-01",
      until: "2025-06-30",
    });
    const resumed = await tempDir();
    let calls = 0;
    const dying: typeof fetch = (
      input,
      init,
    ) => (++calls > 14 ? Promise.reject(new Error("killed")) : fetch(input, init));
    await assert.rejects(
      collectFranceTravail({
        api: fake.api(dying),
        out: resumed,
        departements: ["07", "26"],
        since: "2025-01-01",
        until: "2025-06-30",
      }),
    );
    const again = await collectFranceTravail({
      api: fake.api(),
      out: resumed,
      departements: ["07", "26"],
      since: "2025-01-01",
      until: "2025-06-30",
    });
    assert.ok(again.parts_reused >= 1, `parts written before the kill are read back (${again.parts_reused})`);
    assert.ok(
      again.requests < complete.requests,
      `${again.requests} requests after the kill, ${complete.requests} for the whole run`,
    );
    const a = await outputFiles(whole), b = await outputFiles(resumed);
    assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort());
    for (const [name, text] of a) assert.equal(b.get(name), text, name);
    const keep = await collectFranceTravail({
      api: fake.api(),
      out: await tempDir(),
      departements: ["07"],
      since: "2025-01-01",
      until: "2025-01-02",
      keepContact: true,
    });
    assert.ok((await Deno.readTextFile(keep.files[0])).includes("courriel"), "--keep-contact keeps them");
    await assert.rejects(
      collectFranceTravail({ api: fake.api(), out: whole, since: "2025-13-01" }),
      /--since must be a date YYYY-MM-DD/,
    );
    const wrong = new FtApi({
      clientId: "id",
      clientSecret: "wrong",
      tokenUrl: `http://127.0.0.1:1/token`,
      maxTries: 1,
    });
    await assert.rejects(wrong.token(), /after 1 tries/);
  } finally {
    await fake.close();
  }
});
