/**
 * The labelling app's HTTP API over the label store. Every route but login
 * needs a personal token (cookie `jobs_token`, or `Authorization: Bearer`).
 * Annotators read and write only their own label set (`human:<name>`);
 * admins also see everyone's labels for adjudication and save the
 * adjudicated set. Saves are acknowledged after the store's commit.
 * State-changing routes take JSON bodies from this origin only (see
 * {@link refuseCrossOrigin}); a store locked by another process answers
 * 503 with Retry-After, without holding up the other routes.
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
 * declare const store: any; // your data
 * declare const annotators: any; // your data
 * const handler = labellingApi(store, annotators);
 * Deno.serve({ hostname: "127.0.0.1", port: 8080 }, handler);
 * ```
 */
import {
  CODEBOOK,
  cohenKappa,
  krippendorffAlpha,
  type LabelRecord,
  type LabelSetInfo,
  type LabelStore,
  sectionBounds,
  StoreBusyError,
} from "../labelling/mod.ts";
import { PRESENT, SOFT_SKILLS, type Theme, THEMES } from "../base/mod.ts";
import type { Annotator } from "./annotators.ts";
import {
  characterCount,
  HttpError,
  jsonResponse,
  methodNotAllowed,
  readJsonBody,
  refuseCrossOrigin,
} from "./http_util.ts";

/** The annotators lookup the API needs. */
export interface AnnotatorDirectory {
  byToken(token: string | null | undefined): Annotator | null;
}

/** What an annotator sends: theme decisions and spans. */
export interface HumanLabels {
  themes: Record<Theme, boolean>;
  soft_skills: { code_ogr: string; start: number; end: number }[];
}

/** Bytes of any API request body (labels of one offer, a login): far above a real one, far below harm. */
export const MAX_API_BODY_BYTES = 64 * 1024;
/** Soft-skill spans one save may hold. */
const MAX_SPANS = 200;
/** Characters of a queue name. */
const MAX_QUEUE_CHARS = 100;

const json = jsonResponse;

/** The token of a request: `Authorization: Bearer <token>` (the scheme in any case) or the `jobs_token` cookie. */
export function tokenOf(req: Request): string | null {
  const bearer = /^bearer\s+(\S+)\s*$/i.exec(req.headers.get("authorization") ?? "");
  if (bearer) return bearer[1];
  const cookie = req.headers.get("cookie") ?? "";
  return cookie.split(/;\s*/).find((c) => c.startsWith("jobs_token="))?.slice("jobs_token=".length) ?? null;
}

/** Checks and converts an annotator's labels into a codebook record for an offer text. */
export function toRecord(offerId: string, source: string, text: string, body: unknown): LabelRecord {
  const b = body as Partial<HumanLabels>;
  if (
    !b || typeof b !== "object" || !b.themes || typeof b.themes !== "object" || !Array.isArray(b.soft_skills)
  ) {
    throw new HttpError(400, "expected {themes: {CODE: boolean}, soft_skills: [{code_ogr, start, end}]}");
  }
  if (b.soft_skills.length > MAX_SPANS) {
    throw new HttpError(
      413,
      `${b.soft_skills.length} soft-skill spans; one offer takes at most ${MAX_SPANS}`,
    );
  }
  const themes = {} as Record<Theme, number>;
  for (const t of THEMES) {
    if (typeof b.themes[t] !== "boolean") throw new HttpError(400, `themes.${t} must be true or false`);
    themes[t] = b.themes[t] ? 100 : 0;
  }
  const codes = new Set(SOFT_SKILLS.map((s) => s.code));
  const soft_skills = b.soft_skills.map((s, i) => {
    if (!codes.has(s?.code_ogr)) {
      throw new HttpError(400, `soft_skills[${i}].code_ogr is not a ROME soft skill`);
    }
    if (
      !Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end > text.length ||
      s.start >= s.end
    ) {
      throw new HttpError(
        400,
        `soft_skills[${i}]: span ${s.start}-${s.end} is outside the offer text (length ${text.length})`,
      );
    }
    return {
      code_ogr: s.code_ogr,
      evidence: text.slice(s.start, s.end),
      confidence: 100,
      start: s.start,
      end: s.end,
    };
  });
  return { source, id: offerId, themes, soft_skills, overall_confidence: 100 };
}

/** Per-theme agreement between human annotators: Cohen's kappa for two, Krippendorff's alpha for more. */
export function humanAgreement(store: LabelStore) {
  const sets = store.labelSets().filter((s) => s.kind === "human" && s.name.startsWith("human:"));
  const records = sets.map((s) => new Map(store.records(s).map((r) => [r.id, r])));
  const ids = [...new Set(records.flatMap((m) => [...m.keys()]))].filter((id) =>
    records.filter((m) => m.has(id)).length >= 2
  ).sort();
  const themes = THEMES.map((t) => {
    if (sets.length === 2) {
      const a = ids.map((id) => records[0].get(id)!.themes[t] >= PRESENT);
      const b = ids.map((id) => records[1].get(id)!.themes[t] >= PRESENT);
      return {
        theme: t,
        statistic: "Cohen's kappa",
        value: ids.length ? cohenKappa(a, b) : null,
        items: ids.length,
      };
    }
    const ratings = ids.map((id) => records.map((m) => (m.has(id) ? m.get(id)!.themes[t] >= PRESENT : null)));
    return {
      theme: t,
      statistic: "Krippendorff's alpha",
      value: ids.length ? krippendorffAlpha(ratings) : null,
      items: ids.length,
    };
  });
  return { annotators: sets.map((s) => s.labeller), offers: ids.length, themes };
}

/** Offers labelled by two or more annotators who disagree on a theme or a soft skill. */
export function disagreementsToAdjudicate(store: LabelStore) {
  const sets = store.labelSets().filter((s) => s.kind === "human" && s.name.startsWith("human:"));
  const byOffer = new Map<string, { annotator: string; record: LabelRecord }[]>();
  for (const s of sets) {
    for (const r of store.records(s)) {
      byOffer.set(r.id, [...(byOffer.get(r.id) ?? []), { annotator: s.labeller, record: r }]);
    }
  }
  const signature = (r: LabelRecord) =>
    THEMES.map((t) => (r.themes[t] >= PRESENT ? 1 : 0)).join("") + "|" +
    [...new Set(r.soft_skills.map((s) => s.code_ogr))].sort().join(",");
  return [...byOffer].filter(([, list]) =>
    list.length >= 2 && new Set(list.map((l) => signature(l.record))).size > 1
  )
    .map(([id, list]) => ({ id, labels: list })).sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The API handler; see the module doc. `onSave` runs after each acknowledged save (tests use it). */
export function labellingApi(store: LabelStore, annotators: AnnotatorDirectory) {
  const setOf = (who: Annotator): LabelSetInfo =>
    store.labelSet({
      name: `human:${who.name}`,
      kind: "human",
      labeller: who.name,
      version: CODEBOOK.version,
    });
  const suggestion = (offerId: string) => {
    const sets = store.labelSets().filter((s) =>
      s.kind === "llm" || s.kind === "rules" || s.kind === "reference"
    );
    for (const kind of ["llm", "reference", "rules"]) {
      for (const s of sets.filter((x) => x.kind === kind).reverse()) {
        const r = store.record(s, offerId);
        if (r && r.status !== "failed") return { source: s.name, record: r };
      }
    }
    return null;
  };

  type Handler = (req: Request, who: Annotator, params: string[]) => Response | Promise<Response>;
  const offerOf = (id: string) => {
    const offer = store.offer(id);
    if (!offer) throw new HttpError(404, `no offer ${id}`);
    return offer;
  };
  const adminOnly = (who: Annotator) => {
    if (who.role !== "admin") throw new HttpError(403, "adjudication is for admins");
  };
  const labelsOf = async (req: Request, offer: ReturnType<typeof offerOf>) =>
    toRecord(offer.id, offer.source, offer.text, await readJsonBody(req, MAX_API_BODY_BYTES));
  /** Paths under /api/ (":x" matches one segment) and their handlers by method. */
  const routes: [string[], Record<string, Handler>][] = [
    [["logout"], {
      POST: () =>
        json({ ok: true }, 200, {
          "set-cookie": "jobs_token=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0",
        }),
    }],
    [["me"], { GET: (_, who) => json({ name: who.name, role: who.role, codebook: CODEBOOK.version }) }],
    [["codebook"], {
      GET: () =>
        json({
          version: CODEBOOK.version,
          themes: CODEBOOK.themes,
          soft_skills: CODEBOOK.soft_skills,
          rules: CODEBOOK.rules,
        }),
    }],
    [["queues"], {
      GET: (_, who) =>
        json(store.queues().map((q) => ({ ...q, ...store.queueProgress(q.queue, setOf(who)) }))),
    }],
    [["queues", ":queue", "next"], {
      GET: (_, who, [queue]) =>
        json({
          offer_id: store.nextInQueue(queue, who.name, setOf(who)),
          ...store.queueProgress(queue, setOf(who)),
        }),
    }],
    [["offers", ":id"], {
      GET: (_, who, [id]) => {
        const offer = offerOf(id);
        const bounds = sectionBounds(offer);
        return json({
          offer: {
            id: offer.id,
            title: offer.title,
            text: offer.text,
            sections: { company: bounds.company, profileStart: bounds.profileStart },
          },
          suggestion: suggestion(offer.id),
          mine: store.record(setOf(who), offer.id),
        });
      },
    }],
    [["offers", ":id", "labels"], {
      PUT: async (req, who, [id]) => {
        const record = await labelsOf(req, offerOf(id));
        await store.writeWhenFree(() => store.saveRecord(setOf(who), record, { actor: who.name }));
        return json({ saved: true, record });
      },
    }],
    [["offers", ":id", "skip"], {
      POST: async (req, who, [id]) => {
        const offer = offerOf(id);
        const body = await readJsonBody(req, MAX_API_BODY_BYTES) as { queue?: unknown } | null;
        const queue = body && typeof body === "object" ? body.queue : undefined;
        if (typeof queue !== "string") throw new HttpError(400, 'expected {"queue": "<queue name>"}');
        if (characterCount(queue) > MAX_QUEUE_CHARS || !store.inQueue(queue, offer.id)) {
          throw new HttpError(
            404,
            `offer ${offer.id} is not in a queue named ${JSON.stringify(queue.slice(0, MAX_QUEUE_CHARS))}`,
          );
        }
        await store.writeWhenFree(() => store.skip(who.name, offer.id, queue));
        return json({ skipped: true });
      },
    }],
    [["agreement"], { GET: () => json(humanAgreement(store)) }],
    [["adjudication"], {
      GET: (_, who) => {
        adminOnly(who);
        return json(disagreementsToAdjudicate(store));
      },
    }],
    [["adjudication", ":id"], {
      PUT: async (req, who, [id]) => {
        adminOnly(who);
        const record = await labelsOf(req, offerOf(id));
        await store.writeWhenFree(() =>
          store.saveRecord(
            store.labelSet({
              name: "adjudicated",
              kind: "human",
              labeller: who.name,
              version: CODEBOOK.version,
            }),
            record,
            { actor: who.name },
          )
        );
        return json({ saved: true, record });
      },
    }],
  ];

  async function login(req: Request): Promise<Response> {
    const body = await readJsonBody(req, MAX_API_BODY_BYTES) as { token?: unknown } | null;
    const token = body && typeof body === "object" && typeof body.token === "string" ? body.token : null;
    if (token === null) throw new HttpError(400, 'expected {"token": "<your personal token>"}');
    const found = annotators.byToken(token);
    if (!found || !/^[\w-]+$/.test(token)) throw new HttpError(401, "unknown token");
    return json({ name: found.name, role: found.role }, 200, {
      "set-cookie": `jobs_token=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=2592000`,
    });
  }

  async function route(req: Request): Promise<Response> {
    const url = new URL(req.url);
    let parts: string[];
    try {
      parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent).slice(1); // after "api"
    } catch {
      throw new HttpError(400, `malformed percent-encoding in the path ${url.pathname.slice(0, 200)}`);
    }
    if (parts.length === 1 && parts[0] === "login") {
      if (req.method !== "POST") throw methodNotAllowed(req.method, url.pathname, ["POST"]);
      refuseCrossOrigin(req);
      return await login(req);
    }
    const found = routes.find(([pattern]) =>
      pattern.length === parts.length && pattern.every((p, i) => p.startsWith(":") || p === parts[i])
    );
    if (!found) throw new HttpError(404, `no route ${url.pathname.slice(0, 200)}`);
    const [pattern, methods] = found;
    const who = annotators.byToken(tokenOf(req));
    if (!who) throw new HttpError(401, "log in with your personal token");
    const handler = methods[req.method];
    if (!handler) throw methodNotAllowed(req.method, url.pathname, Object.keys(methods));
    if (req.method !== "GET" && req.method !== "HEAD") refuseCrossOrigin(req);
    return await handler(req, who, parts.filter((_, i) => pattern[i].startsWith(":")));
  }

  return async (req: Request): Promise<Response> => {
    try {
      return await route(req);
    } catch (e) {
      if (e instanceof HttpError) return json({ error: e.message }, e.status, e.headers);
      if (e instanceof StoreBusyError) {
        return json({ error: `${e.message}: try again in a moment` }, 503, { "retry-after": "1" });
      }
      console.error(
        `[api] ${req.method} ${new URL(req.url).pathname.slice(0, 200)}: internal error: ${
          (e as Error).message
        }`,
      );
      return json({ error: "internal error" }, 500);
    }
  };
}
