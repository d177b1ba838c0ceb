/**
 * The label store: one SQLite file (node:sqlite, WAL, full sync) holding
 * offers, label sets (llm / rules / human / reference, with the model or
 * annotator and the prompt or codebook version), theme labels with
 * confidence, soft-skill spans with offsets, the review queue, review
 * decisions and an audit log. Every save is one transaction: once
 * `saveRecord` returns, the labels survive a kill -9.
 *
 * @example
 * ```ts
 * import { LabelStore } from "./store.ts";
 * import type { Offer } from "../corpus/mod.ts";
 * import type { LabelRecord } from "./records.ts";
 * declare const offers: Offer[];
 * declare const record: LabelRecord;
 * const store = LabelStore.open("data/labels.sqlite");
 * store.upsertOffers(offers);
 * const set = store.labelSet({ name: "rules", kind: "rules", labeller: "rules-v1", version: "codebook-v1" });
 * store.saveRecord(set, record, { actor: "rules" });
 * ```
 */
import { DatabaseSync } from "node:sqlite";
import type { Offer } from "../corpus/mod.ts";
import { type LabelRecord, locateEvidence, validateRecord } from "./records.ts";
import { type Theme, THEMES } from "../base/mod.ts";

/** Who made a label set. */
export type LabelKind = "llm" | "rules" | "human" | "reference";

/** A label set's provenance. */
export interface LabelSetInfo {
  id: number;
  name: string;
  kind: LabelKind;
  /** Model name, rules version, or annotator. */
  labeller: string;
  /** Prompt or codebook version. */
  version: string;
  created_at: string;
}

/** Status of one offer's labels in a set. */
export type LabelStatus = "ok" | "to_review" | "failed";

/** An item of the review queue. */
export interface ReviewItem {
  id: number;
  offer_id: string;
  queue: string;
  reason: string;
  status: "open" | "done" | "skipped";
  decided_by: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS offers (id TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL,
  sections TEXT NOT NULL, meta TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS label_sets (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('llm','rules','human','reference')), labeller TEXT NOT NULL, version TEXT NOT NULL,
  created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS labels (label_set INTEGER NOT NULL REFERENCES label_sets(id), offer_id TEXT NOT NULL,
  overall_confidence REAL, status TEXT NOT NULL CHECK (status IN ('ok','to_review','failed')), raw TEXT,
  updated_at TEXT NOT NULL, PRIMARY KEY (label_set, offer_id));
CREATE TABLE IF NOT EXISTS theme_labels (label_set INTEGER NOT NULL, offer_id TEXT NOT NULL, theme TEXT NOT NULL,
  confidence REAL NOT NULL, PRIMARY KEY (label_set, offer_id, theme));
CREATE TABLE IF NOT EXISTS span_labels (id INTEGER PRIMARY KEY, label_set INTEGER NOT NULL, offer_id TEXT NOT NULL,
  code_ogr TEXT NOT NULL, start INTEGER, end INTEGER, evidence TEXT NOT NULL, confidence REAL NOT NULL);
CREATE INDEX IF NOT EXISTS span_by_offer ON span_labels (label_set, offer_id);
CREATE TABLE IF NOT EXISTS reviews (id INTEGER PRIMARY KEY, offer_id TEXT NOT NULL, queue TEXT NOT NULL, reason TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','skipped')), decided_by TEXT, created_at TEXT NOT NULL,
  decided_at TEXT, UNIQUE (offer_id, queue));
CREATE TABLE IF NOT EXISTS skips (annotator TEXT NOT NULL, offer_id TEXT NOT NULL, queue TEXT NOT NULL, at TEXT NOT NULL,
  PRIMARY KEY (annotator, offer_id, queue));
CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  offer_id TEXT, detail TEXT);
`;

const now = () => new Date().toISOString();

/** A write refused because another process holds the store's lock (SQLite BUSY or LOCKED): nothing was written; try again later. */
export class StoreBusyError extends Error {}

/** Whether a SQLite error is BUSY (5) or LOCKED (6), extended codes included. */
function isBusy(e: unknown): boolean {
  const code = (e as { errcode?: number }).errcode;
  return typeof code === "number"
    ? (code & 0xff) === 5 || (code & 0xff) === 6
    : /database is (locked|busy)/i.test(String((e as Error).message));
}

/** The SQLite label store; see the module doc. */
export class LabelStore {
  private constructor(readonly db: DatabaseSync, readonly path: string) {}

  /** Opens (creating if needed) a store file. */
  static open(path: string): LabelStore {
    const db = new DatabaseSync(path);
    db.exec(
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
    );
    db.exec(SCHEMA);
    return new LabelStore(db, path);
  }

  close() {
    this.db.close();
  }

  /**
   * How long a write waits for another process's lock, blocking this
   * thread (5 s when opened). A server sets 0: a busy store then fails at
   * once with a {@link StoreBusyError}, and the server retries without
   * blocking its event loop.
   */
  setLockWait(ms: number) {
    if (!Number.isInteger(ms) || ms < 0) {
      throw new Error(`lock wait must be a non-negative number of milliseconds, got ${ms}`);
    }
    this.db.exec(`PRAGMA busy_timeout = ${ms}`);
  }

  /** Runs `fn` in one transaction (committed when it returns, rolled back when it throws). */
  transaction<T>(fn: () => T): T {
    try {
      this.db.exec("BEGIN IMMEDIATE");
    } catch (e) {
      throw (e as { code?: string }).code === "ERR_SQLITE_ERROR" ? this.#storeError(e as Error) : e;
    }
    try {
      const result = fn();
      this.db.exec("COMMIT");
      return result;
    } catch (e) {
      // SQLite has already rolled back after some failures (a full disk); a second ROLLBACK would hide the cause.
      if (this.db.isTransaction) this.db.exec("ROLLBACK");
      throw (e as { code?: string }).code === "ERR_SQLITE_ERROR" ? this.#storeError(e as Error) : e;
    }
  }

  /**
   * Runs a write, waiting for another process's lock without blocking the
   * event loop: while the store is busy it tries again after 20, 40, 80...
   * ms, for at most `patienceMs`, then throws the {@link StoreBusyError}.
   *
   * @example
   * ```ts
   * import type { LabelRecord } from "./records.ts";
   * declare const store: any; // your data
   * declare const set: any; // your data
   * declare const record: LabelRecord;
   * await store.writeWhenFree(() => store.saveRecord(set, record, { actor: "alice" }));
   * ```
   */
  async writeWhenFree<T>(write: () => T, patienceMs = 2000): Promise<T> {
    const started = Date.now();
    for (let pause = 20;; pause = Math.min(pause * 2, 250)) {
      try {
        return write();
      } catch (e) {
        if (!(e instanceof StoreBusyError) || Date.now() - started + pause > patienceMs) throw e;
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  /** A SQLite failure named by the store file; nothing of the failed transaction was kept, everything before it was. */
  #storeError(e: Error): Error {
    if (isBusy(e)) {
      return new StoreBusyError(
        `${this.path}: the label store is busy (another process holds its write lock); nothing of this save was kept`,
        { cause: e },
      );
    }
    const hint = /full/i.test(e.message)
      ? "; nothing of this save was kept, every earlier save is intact: free some space and save again"
      : "";
    return new Error(`${this.path}: ${e.message}${hint}`, { cause: e });
  }

  /** Adds or updates offers (their text is what label spans refer to). */
  upsertOffers(offers: Offer[]) {
    const insert = this.db.prepare(
      `INSERT INTO offers (id, source, title, text, sections, meta) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET source = excluded.source, title = excluded.title, text = excluded.text,
      sections = excluded.sections, meta = excluded.meta`,
    );
    this.transaction(() => {
      for (const o of offers) {
        const { id, source, title, text, sections, ...meta } = o;
        insert.run(id, source, title, text, JSON.stringify(sections), JSON.stringify(meta));
      }
    });
  }

  /** One offer back, or null. */
  offer(id: string): Offer | null {
    const row = this.db.prepare("SELECT * FROM offers WHERE id = ?").get(id) as
      | Record<string, string>
      | undefined;
    if (!row) return null;
    return {
      id: row.id,
      source: row.source as Offer["source"],
      title: row.title,
      text: row.text,
      sections: JSON.parse(row.sections),
      ...JSON.parse(row.meta),
    };
  }

  /** Ids of all offers, in insertion order. */
  offerIds(): string[] {
    return (this.db.prepare("SELECT id FROM offers ORDER BY rowid").all() as { id: string }[]).map((r) =>
      r.id
    );
  }

  /** The label set with this name, created with this provenance when new. */
  labelSet(info: Omit<LabelSetInfo, "id" | "created_at">): LabelSetInfo {
    const existing = this.db.prepare("SELECT * FROM label_sets WHERE name = ?").get(info.name) as
      | LabelSetInfo
      | undefined;
    if (existing) return existing;
    this.transaction(() =>
      this.db.prepare(
        "INSERT OR IGNORE INTO label_sets (name, kind, labeller, version, created_at) VALUES (?, ?, ?, ?, ?)",
      )
        .run(info.name, info.kind, info.labeller, info.version, now())
    );
    return this.db.prepare("SELECT * FROM label_sets WHERE name = ?").get(
      info.name,
    ) as unknown as LabelSetInfo;
  }

  /** Every label set. */
  labelSets(): LabelSetInfo[] {
    return this.db.prepare("SELECT * FROM label_sets ORDER BY id").all() as unknown as LabelSetInfo[];
  }

  /**
   * Saves one offer's labels in a set, replacing what the set held for it,
   * with an audit line; durable when it returns. Evidence without offsets is
   * located in the offer text (a missing evidence keeps null offsets: it is
   * flagged, not dropped).
   */
  saveRecord(
    set: LabelSetInfo,
    record: LabelRecord,
    options: { actor: string; status?: LabelStatus; raw?: string } = { actor: "system" },
  ) {
    const text = this.offer(record.id)?.text ?? null;
    this.transaction(() => {
      this.db.prepare("DELETE FROM theme_labels WHERE label_set = ? AND offer_id = ?").run(set.id, record.id);
      this.db.prepare("DELETE FROM span_labels WHERE label_set = ? AND offer_id = ?").run(set.id, record.id);
      const theme = this.db.prepare(
        "INSERT INTO theme_labels (label_set, offer_id, theme, confidence) VALUES (?, ?, ?, ?)",
      );
      for (const t of THEMES) theme.run(set.id, record.id, t, record.themes[t]);
      const span = this.db.prepare(
        "INSERT INTO span_labels (label_set, offer_id, code_ogr, start, end, evidence, confidence) VALUES (?, ?, ?, ?, ?, ?, ?)",
      );
      for (const s of record.soft_skills) {
        const located = s.start !== undefined && s.start !== null
          ? { start: s.start, end: s.end! }
          : text !== null
          ? locateEvidence(text, s.evidence)
          : null;
        span.run(
          set.id,
          record.id,
          s.code_ogr,
          located?.start ?? null,
          located?.end ?? null,
          s.evidence,
          s.confidence,
        );
      }
      this.db.prepare(
        `INSERT INTO labels (label_set, offer_id, overall_confidence, status, raw, updated_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(label_set, offer_id) DO UPDATE SET overall_confidence = excluded.overall_confidence, status = excluded.status,
        raw = excluded.raw, updated_at = excluded.updated_at`,
      )
        .run(
          set.id,
          record.id,
          record.overall_confidence,
          options.status ?? "ok",
          options.raw ?? null,
          now(),
        );
      this.#audit(options.actor, "save_labels", record.id, { set: set.name, status: options.status ?? "ok" });
    });
  }

  /** Records a failed labelling (e.g. an invalid LLM answer), raw answer kept. */
  saveFailure(set: LabelSetInfo, offerId: string, raw: string, actor: string) {
    this.transaction(() => {
      this.db.prepare(
        `INSERT INTO labels (label_set, offer_id, overall_confidence, status, raw, updated_at) VALUES (?, ?, NULL, 'failed', ?, ?)
        ON CONFLICT(label_set, offer_id) DO UPDATE SET status = 'failed', raw = excluded.raw, updated_at = excluded.updated_at`,
      )
        .run(set.id, offerId, raw, now());
      this.#audit(actor, "label_failed", offerId, { set: set.name });
    });
  }

  /** One offer's labels in a set, or null. */
  record(set: LabelSetInfo, offerId: string): (LabelRecord & { status: LabelStatus }) | null {
    const row = this.db.prepare("SELECT * FROM labels WHERE label_set = ? AND offer_id = ?").get(
      set.id,
      offerId,
    ) as
      | { overall_confidence: number | null; status: LabelStatus }
      | undefined;
    if (!row || row.status === "failed") return row ? { ...emptyRecord(offerId), status: "failed" } : null;
    const themes = {} as Record<Theme, number>;
    for (
      const r of this.db.prepare(
        "SELECT theme, confidence FROM theme_labels WHERE label_set = ? AND offer_id = ?",
      ).all(set.id, offerId) as { theme: Theme; confidence: number }[]
    ) {
      themes[r.theme] = r.confidence;
    }
    const soft_skills = (this.db.prepare(
      "SELECT code_ogr, evidence, confidence, start, end FROM span_labels WHERE label_set = ? AND offer_id = ? ORDER BY id",
    )
      .all(set.id, offerId) as {
        code_ogr: string;
        evidence: string;
        confidence: number;
        start: number | null;
        end: number | null;
      }[])
      .map((s) => ({ ...s }));
    const source = (this.offer(offerId)?.source as string | undefined) ?? "";
    return {
      source,
      id: offerId,
      themes,
      soft_skills,
      overall_confidence: row.overall_confidence ?? 0,
      status: row.status,
    };
  }

  /** Every record of a set (failed ones left out), in offer order. */
  records(set: LabelSetInfo): (LabelRecord & { status: LabelStatus })[] {
    const ids = this.db.prepare(
      "SELECT l.offer_id AS id FROM labels l LEFT JOIN offers o ON o.id = l.offer_id WHERE l.label_set = ? AND l.status != 'failed' ORDER BY o.rowid IS NULL, o.rowid, l.offer_id",
    )
      .all(set.id) as { id: string }[];
    return ids.map((r) => this.record(set, r.id)!);
  }

  /** Counts by status in a set. */
  statusCounts(set: LabelSetInfo): Record<LabelStatus, number> {
    const out: Record<LabelStatus, number> = { ok: 0, to_review: 0, failed: 0 };
    for (
      const r of this.db.prepare(
        "SELECT status, COUNT(*) AS n FROM labels WHERE label_set = ? GROUP BY status",
      ).all(set.id) as { status: LabelStatus; n: number }[]
    ) {
      out[r.status] = r.n;
    }
    return out;
  }

  /** Puts an offer in a review queue (once per queue). */
  enqueueReview(offerId: string, queue: string, reason: string, actor = "system") {
    this.transaction(() => {
      this.db.prepare(
        "INSERT OR IGNORE INTO reviews (offer_id, queue, reason, created_at) VALUES (?, ?, ?, ?)",
      ).run(offerId, queue, reason, now());
      this.#audit(actor, "enqueue_review", offerId, { queue, reason });
    });
  }

  /** Open (or all) items of a queue, oldest first. */
  reviewQueue(queue: string, status: ReviewItem["status"] | "all" = "open"): ReviewItem[] {
    const sql = status === "all"
      ? "SELECT * FROM reviews WHERE queue = ? ORDER BY id"
      : "SELECT * FROM reviews WHERE queue = ? AND status = ? ORDER BY id";
    return (status === "all"
      ? this.db.prepare(sql).all(queue)
      : this.db.prepare(sql).all(queue, status)) as unknown as ReviewItem[];
  }

  /** Closes a review item (done or skipped) by someone. */
  decideReview(offerId: string, queue: string, status: "done" | "skipped" | "open", by: string) {
    this.transaction(() => {
      this.db.prepare(
        "UPDATE reviews SET status = ?, decided_by = ?, decided_at = ? WHERE offer_id = ? AND queue = ?",
      ).run(status, by, now(), offerId, queue);
      this.#audit(by, `review_${status}`, offerId, { queue });
    });
  }

  /** Names of the queues and their sizes. */
  queues(): { queue: string; total: number }[] {
    return this.db.prepare("SELECT queue, COUNT(*) AS total FROM reviews GROUP BY queue ORDER BY queue")
      .all() as never;
  }

  /** How much of a queue a label set has done. */
  queueProgress(queue: string, set: LabelSetInfo | null): { total: number; done: number } {
    const total =
      (this.db.prepare("SELECT COUNT(*) AS n FROM reviews WHERE queue = ?").get(queue) as { n: number }).n;
    const done = set
      ? (this.db.prepare(
        "SELECT COUNT(*) AS n FROM reviews r JOIN labels l ON l.offer_id = r.offer_id AND l.label_set = ? WHERE r.queue = ?",
      )
        .get(set.id, queue) as { n: number }).n
      : 0;
    return { total, done };
  }

  /** The next offer of a queue that this annotator has neither labelled nor skipped, or null. */
  nextInQueue(queue: string, annotator: string, set: LabelSetInfo | null): string | null {
    const row = this.db.prepare(`SELECT r.offer_id FROM reviews r
      WHERE r.queue = ? AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.offer_id = r.offer_id AND l.label_set = ?)
      AND NOT EXISTS (SELECT 1 FROM skips s WHERE s.offer_id = r.offer_id AND s.queue = r.queue AND s.annotator = ?)
      ORDER BY r.id LIMIT 1`).get(queue, set?.id ?? -1, annotator) as { offer_id: string } | undefined;
    return row?.offer_id ?? null;
  }

  /** Whether an offer is in a review queue. */
  inQueue(queue: string, offerId: string): boolean {
    return this.db.prepare("SELECT 1 FROM reviews WHERE queue = ? AND offer_id = ?").get(queue, offerId) !==
      undefined;
  }

  /** Records that an annotator skipped an offer of a queue. */
  skip(annotator: string, offerId: string, queue: string) {
    this.transaction(() => {
      this.db.prepare("INSERT OR IGNORE INTO skips (annotator, offer_id, queue, at) VALUES (?, ?, ?, ?)").run(
        annotator,
        offerId,
        queue,
        now(),
      );
      this.#audit(annotator, "skip", offerId, { queue });
    });
  }

  /** The audit log, newest last. */
  auditLog(
    limit = 1000,
  ): { at: string; actor: string; action: string; offer_id: string | null; detail: string | null }[] {
    return this.db.prepare("SELECT at, actor, action, offer_id, detail FROM audit ORDER BY id DESC LIMIT ?")
      .all(limit).reverse() as never;
  }

  /** Imports a codebook-format JSONL file into a set; returns counts and the lines that failed validation. */
  async importJsonl(path: string, set: LabelSetInfo, actor: string) {
    const lines = (await Deno.readTextFile(path)).split("\n");
    const errors: { line: number; message: string }[] = [];
    let imported = 0;
    let unknownOffer = 0;
    lines.forEach((text, i) => {
      if (text.trim() === "") return;
      try {
        const record = validateRecord(JSON.parse(text));
        if (!this.offer(record.id)) unknownOffer++;
        this.saveRecord(set, record, { actor });
        imported++;
      } catch (e) {
        errors.push({ line: i + 1, message: (e as Error).message });
      }
    });
    return { imported, unknownOffer, errors };
  }

  /** Exports a set as codebook-format JSONL (with spans). */
  async exportJsonl(set: LabelSetInfo, path: string): Promise<number> {
    const records = this.records(set).map(({ status: _status, ...r }) => r);
    await Deno.writeTextFile(
      path,
      records.map((r) => JSON.stringify(r)).join("\n") + (records.length ? "\n" : ""),
    );
    return records.length;
  }

  #audit(actor: string, action: string, offerId: string | null, detail: unknown) {
    this.db.prepare("INSERT INTO audit (at, actor, action, offer_id, detail) VALUES (?, ?, ?, ?, ?)").run(
      now(),
      actor,
      action,
      offerId,
      JSON.stringify(detail),
    );
  }
}

function emptyRecord(id: string): LabelRecord {
  return {
    source: "",
    id,
    themes: Object.fromEntries(THEMES.map((t) => [t, 0])) as Record<Theme, number>,
    soft_skills: [],
    overall_confidence: 0,
  };
}
