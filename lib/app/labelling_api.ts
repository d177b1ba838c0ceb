/**
 * The labelling app's HTTP API over the label store. Every route but login
 * needs a personal token (cookie `jobs_token`, or `Authorization: Bearer`).
 * Annotators read and write only their own label set (`human:<name>`);
 * admins also see everyone's labels for adjudication and save the
 * adjudicated set. Saves are acknowledged after the store's commit.
 *
 * Routes (JSON):
 *   POST /api/login {token}              GET /api/me
 *   GET  /api/queues                     GET /api/queues/:queue/next
 *   GET  /api/offers/:id                 PUT /api/offers/:id/labels {themes, soft_skills}
 *   POST /api/offers/:id/skip {queue}    GET /api/agreement
 *   GET  /api/adjudication               PUT /api/adjudication/:id {themes, soft_skills}
 *
 * @example
 * ```ts
 * const handler = labellingApi(store, annotators);
 * Deno.serve({ hostname: "127.0.0.1", port: 8080 }, handler);
 * ```
 */
import type { LabelRecord } from "../labelling/records.ts";
import type { LabelSetInfo, LabelStore } from "../labelling/store.ts";
import { sectionBounds } from "../labelling/rules.ts";
import { cohenKappa, krippendorffAlpha } from "../labelling/agreement.ts";
import { CODEBOOK } from "../labelling/codebook.ts";
import { SOFT_SKILLS, type Theme, THEMES } from "../labelling/taxonomy.ts";
import type { Annotator } from "./annotators.ts";

/** The annotators lookup the API needs. */
export interface AnnotatorDirectory {
  byToken(token: string | null | undefined): Annotator | null;
}

/** What an annotator sends: theme decisions and spans. */
export interface HumanLabels {
  themes: Record<Theme, boolean>;
  soft_skills: { code_ogr: string; start: number; end: number }[];
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers } });

function tokenOf(req: Request): string | null {
  const auth = req.headers.get("authorization");
  if (auth?.startsWith("Bearer ")) return auth.slice(7);
  const cookie = req.headers.get("cookie") ?? "";
  return cookie.split(/;\s*/).find((c) => c.startsWith("jobs_token="))?.slice("jobs_token=".length) ?? null;
}

/** Checks and converts an annotator's labels into a codebook record for an offer text. */
export function toRecord(offerId: string, source: string, text: string, body: unknown): LabelRecord {
  const b = body as Partial<HumanLabels>;
  if (!b || typeof b !== "object" || !b.themes || !Array.isArray(b.soft_skills)) throw new HttpError(400, "expected {themes: {CODE: boolean}, soft_skills: [{code_ogr, start, end}]}");
  const themes = {} as Record<Theme, number>;
  for (const t of THEMES) {
    if (typeof b.themes[t] !== "boolean") throw new HttpError(400, `themes.${t} must be true or false`);
    themes[t] = b.themes[t] ? 100 : 0;
  }
  const codes = new Set(SOFT_SKILLS.map((s) => s.code));
  const soft_skills = b.soft_skills.map((s, i) => {
    if (!codes.has(s?.code_ogr)) throw new HttpError(400, `soft_skills[${i}].code_ogr is not a ROME soft skill`);
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end > text.length || s.start >= s.end) {
      throw new HttpError(400, `soft_skills[${i}]: span ${s.start}-${s.end} is outside the offer text (length ${text.length})`);
    }
    return { code_ogr: s.code_ogr, evidence: text.slice(s.start, s.end), confidence: 100, start: s.start, end: s.end };
  });
  return { source, id: offerId, themes, soft_skills, overall_confidence: 100 };
}

/** Per-theme agreement between human annotators: Cohen's kappa for two, Krippendorff's alpha for more. */
export function humanAgreement(store: LabelStore) {
  const sets = store.labelSets().filter((s) => s.kind === "human" && s.name.startsWith("human:"));
  const records = sets.map((s) => new Map(store.records(s).map((r) => [r.id, r])));
  const ids = [...new Set(records.flatMap((m) => [...m.keys()]))].filter((id) => records.filter((m) => m.has(id)).length >= 2).sort();
  const themes = THEMES.map((t) => {
    if (sets.length === 2) {
      const a = ids.map((id) => records[0].get(id)!.themes[t] >= 50);
      const b = ids.map((id) => records[1].get(id)!.themes[t] >= 50);
      return { theme: t, statistic: "Cohen's kappa", value: ids.length ? cohenKappa(a, b) : null, items: ids.length };
    }
    const ratings = ids.map((id) => records.map((m) => (m.has(id) ? m.get(id)!.themes[t] >= 50 : null)));
    return { theme: t, statistic: "Krippendorff's alpha", value: ids.length ? krippendorffAlpha(ratings) : null, items: ids.length };
  });
  return { annotators: sets.map((s) => s.labeller), offers: ids.length, themes };
}

/** Offers labelled by two or more annotators who disagree on a theme or a soft skill. */
export function disagreementsToAdjudicate(store: LabelStore) {
  const sets = store.labelSets().filter((s) => s.kind === "human" && s.name.startsWith("human:"));
  const byOffer = new Map<string, { annotator: string; record: LabelRecord }[]>();
  for (const s of sets) for (const r of store.records(s)) byOffer.set(r.id, [...(byOffer.get(r.id) ?? []), { annotator: s.labeller, record: r }]);
  const signature = (r: LabelRecord) => THEMES.map((t) => (r.themes[t] >= 50 ? 1 : 0)).join("") + "|" + [...new Set(r.soft_skills.map((s) => s.code_ogr))].sort().join(",");
  return [...byOffer].filter(([, list]) => list.length >= 2 && new Set(list.map((l) => signature(l.record))).size > 1)
    .map(([id, list]) => ({ id, labels: list })).sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The API handler; see the module doc. `onSave` runs after each acknowledged save (tests use it). */
export function labellingApi(store: LabelStore, annotators: AnnotatorDirectory) {
  const setOf = (who: Annotator): LabelSetInfo =>
    store.labelSet({ name: `human:${who.name}`, kind: "human", labeller: who.name, version: CODEBOOK.version });
  const suggestion = (offerId: string) => {
    const sets = store.labelSets().filter((s) => s.kind === "llm" || s.kind === "rules" || s.kind === "reference");
    for (const kind of ["llm", "reference", "rules"]) {
      for (const s of sets.filter((x) => x.kind === kind).reverse()) {
        const r = store.record(s, offerId);
        if (r && r.status !== "failed") return { source: s.name, record: r };
      }
    }
    return null;
  };

  async function route(req: Request, who: Annotator | null): Promise<Response> {
    const url = new URL(req.url);
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent); // ["api", ...]
    const method = req.method;
    if (parts[1] === "login" && method === "POST") {
      const body = await req.json().catch(() => ({}));
      const found = annotators.byToken(typeof body.token === "string" ? body.token : "");
      if (!found) throw new HttpError(401, "unknown token");
      return json({ name: found.name, role: found.role }, 200, {
        "set-cookie": `jobs_token=${body.token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=2592000`,
      });
    }
    if (!who) throw new HttpError(401, "log in with your personal token");
    if (parts[1] === "logout" && method === "POST") return json({ ok: true }, 200, { "set-cookie": "jobs_token=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0" });
    if (parts[1] === "me" && method === "GET") return json({ name: who.name, role: who.role, codebook: CODEBOOK.version });
    if (parts[1] === "codebook" && method === "GET") return json({ version: CODEBOOK.version, themes: CODEBOOK.themes, soft_skills: CODEBOOK.soft_skills, rules: CODEBOOK.rules });
    if (parts[1] === "queues" && parts.length === 2 && method === "GET") {
      const set = setOf(who);
      return json(store.queues().map((q) => ({ ...q, ...store.queueProgress(q.queue, set) })));
    }
    if (parts[1] === "queues" && parts[3] === "next" && method === "GET") {
      return json({ offer_id: store.nextInQueue(parts[2], who.name, setOf(who)), ...store.queueProgress(parts[2], setOf(who)) });
    }
    if (parts[1] === "offers" && parts[2]) {
      const offer = store.offer(parts[2]);
      if (!offer) throw new HttpError(404, `no offer ${parts[2]}`);
      if (parts.length === 3 && method === "GET") {
        const bounds = sectionBounds(offer);
        return json({
          offer: { id: offer.id, title: offer.title, text: offer.text, sections: { company: bounds.company, profileStart: bounds.profileStart } },
          suggestion: suggestion(offer.id),
          mine: store.record(setOf(who), offer.id),
        });
      }
      if (parts[3] === "labels" && method === "PUT") {
        const record = toRecord(offer.id, offer.source, offer.text, await req.json().catch(() => null));
        store.saveRecord(setOf(who), record, { actor: who.name });
        return json({ saved: true, record });
      }
      if (parts[3] === "skip" && method === "POST") {
        const body = await req.json().catch(() => ({}));
        if (typeof body.queue !== "string") throw new HttpError(400, "expected {queue}");
        store.skip(who.name, offer.id, body.queue);
        return json({ skipped: true });
      }
    }
    if (parts[1] === "agreement" && method === "GET") return json(humanAgreement(store));
    if (parts[1] === "adjudication") {
      if (who.role !== "admin") throw new HttpError(403, "adjudication is for admins");
      if (parts.length === 2 && method === "GET") return json(disagreementsToAdjudicate(store));
      if (parts[2] && method === "PUT") {
        const offer = store.offer(parts[2]);
        if (!offer) throw new HttpError(404, `no offer ${parts[2]}`);
        const record = toRecord(offer.id, offer.source, offer.text, await req.json().catch(() => null));
        store.saveRecord(store.labelSet({ name: "adjudicated", kind: "human", labeller: who.name, version: CODEBOOK.version }), record, { actor: who.name });
        return json({ saved: true, record });
      }
    }
    throw new HttpError(404, `no route ${method} ${url.pathname}`);
  }

  return async (req: Request): Promise<Response> => {
    try {
      return await route(req, annotators.byToken(tokenOf(req)));
    } catch (e) {
      if (e instanceof HttpError) return json({ error: e.message }, e.status);
      console.error(e);
      return json({ error: "internal error" }, 500);
    }
  };
}
