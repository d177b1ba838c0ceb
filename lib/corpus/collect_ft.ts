/**
 * `jobs collect-ft`: real offers of every occupation from the France Travail
 * API (see ft_api.ts), collected so that nothing is silently cut or lost.
 * Each search (a creation-date window, per département and ROME code when
 * asked) is paged as the API defines it; a search holding more than the
 * 1,150 results the API serves is split into two date windows, again and
 * again until each part fits (a part of under a minute that still does not
 * fit is collected as far as the API goes and reported as truncated).
 *
 * Resumable: each finished part is written atomically under `_parts/`
 * (its raw records as JSON lines; a split is recorded too), so a run killed
 * at any moment and started again fetches only what is missing. The output
 * is the raw API records (API v2 nesting) as JSON lines, one file per
 * creation month (`offres-YYYY-MM.jsonl`, sorted by id), deduplicated by
 * `id` (the latest `dateActualisation` wins), contact fields dropped unless
 * asked; a record without an id or a creation date goes to
 * `_quarantine.jsonl` with its reason; `_summary.json` gives the counts. The
 * folder is a `JOBS_DATA` the loaders read.
 *
 * @example
 * ```ts
 * import { collectFranceTravail } from "./collect_ft.ts";
 * import { FtApi } from "./ft_api.ts";
 * const api = new FtApi({ clientId: "...", clientSecret: "..." });
 * const summary = await collectFranceTravail({ api, out: "data/ft", departements: ["07", "26"], since: "2025-01-01" });
 * summary.offers; summary.duplicates; summary.truncated;
 * ```
 */
import { exists, sha256Hex, writeAtomically } from "../base/mod.ts";
import { FT_MAX_RESULTS, FT_PAGE, type FtApi, type FtQuery } from "./ft_api.ts";

/** Options of {@link collectFranceTravail}. */
export interface CollectFtOptions {
  api: FtApi;
  out: string;
  /** Départements to search one by one (e.g. ["07", "26"]). @default all France in one search */
  departements?: string[];
  /** ROME codes to search one by one. @default every occupation */
  romes?: string[];
  /** First creation day, YYYY-MM-DD. @default 365 days before `until` */
  since?: string;
  /** Last creation day, YYYY-MM-DD (included). @default today */
  until?: string;
  /** Keep the `contact` object (names, e-mails, phone numbers of recruiters). @default false */
  keepContact?: boolean;
  /** Called after each page with the counts so far. */
  onProgress?: (done: { parts: number; pages: number; records: number }) => void;
}

/** What a collection did; also written to `_summary.json`. */
export interface CollectFtSummary {
  out: string;
  queries: number;
  /** Query parts (after splits by date window) and those read back from an earlier run. */
  parts: number;
  parts_reused: number;
  splits: number;
  pages: number;
  records: number;
  offers: number;
  duplicates: number;
  quarantined: number;
  quarantine_reasons: Record<string, number>;
  /** Parts that still held more than the API serves in under a minute of creation time: collected up to its limit. */
  truncated: { query: FtQuery; total: number; collected: number }[];
  requests: number;
  retries: number;
  files: string[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** Collects; see the module doc. */
export async function collectFranceTravail(o: CollectFtOptions): Promise<CollectFtSummary> {
  const until = o.until ?? new Date().toISOString().slice(0, 10);
  const since = o.since ??
    new Date(Date.parse(`${until}T00:00:00Z`) - 365 * 86_400_000).toISOString().slice(0, 10);
  for (const [name, day] of [["since", since], ["until", until]]) {
    if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
      throw new Error(`--${name} must be a date YYYY-MM-DD, got ${JSON.stringify(day)}`);
    }
  }
  if (until < since) throw new Error(`--until ${until} is before --since ${since}`);
  const parts = `${o.out}/_parts`;
  await Deno.mkdir(parts, { recursive: true });
  const summary: CollectFtSummary = {
    out: o.out,
    queries: 0,
    parts: 0,
    parts_reused: 0,
    splits: 0,
    pages: 0,
    records: 0,
    offers: 0,
    duplicates: 0,
    quarantined: 0,
    quarantine_reasons: {},
    truncated: [],
    requests: 0,
    retries: 0,
    files: [],
  };
  const done: string[] = []; // part files in query order
  const collect = async (query: FtQuery): Promise<void> => {
    const key = (await sha256Hex(JSON.stringify(query))).slice(0, 20);
    const data = `${parts}/${key}.jsonl`,
      split = `${parts}/${key}.split.json`,
      meta = `${parts}/${key}.meta.json`;
    if (await exists(split)) {
      summary.splits++;
      for (const child of JSON.parse(await Deno.readTextFile(split)) as FtQuery[]) await collect(child);
      return;
    }
    if (await exists(data)) {
      summary.parts++;
      summary.parts_reused++;
      const info = JSON.parse(await Deno.readTextFile(meta)) as { total: number; collected: number };
      if (info.total > info.collected) summary.truncated.push({ query, ...info });
      done.push(data);
      return;
    }
    const first = await o.api.searchPage(query, 0);
    summary.pages++;
    const from = Date.parse(query.minCreationDate), to = Date.parse(query.maxCreationDate);
    if (first.total > FT_MAX_RESULTS && to - from >= 60_000) {
      const middle = from + Math.floor((to - from) / 2000) * 1000;
      const children = [{ ...query, maxCreationDate: iso(middle) }, {
        ...query,
        minCreationDate: iso(middle + 1000),
      }];
      await writeAtomically(split, (tmp) => Deno.writeTextFile(tmp, JSON.stringify(children) + "\n"));
      summary.splits++;
      for (const child of children) await collect(child);
      return;
    }
    summary.parts++;
    const records = [...first.records];
    for (let start = FT_PAGE; start < Math.min(first.total, FT_MAX_RESULTS); start += FT_PAGE) {
      const page = await o.api.searchPage(query, start);
      summary.pages++;
      records.push(...page.records);
      o.onProgress?.({
        parts: summary.parts,
        pages: summary.pages,
        records: summary.records + records.length,
      });
      if (page.records.length === 0) break;
    }
    const info = { query, total: first.total, collected: records.length };
    if (info.total > info.collected) summary.truncated.push(info);
    await writeAtomically(meta, (tmp) => Deno.writeTextFile(tmp, JSON.stringify(info) + "\n"));
    await writeAtomically(
      data,
      (tmp) => Deno.writeTextFile(tmp, records.map((r) => JSON.stringify(r) + "\n").join("")),
    );
    summary.records += records.length;
    o.onProgress?.({ parts: summary.parts, pages: summary.pages, records: summary.records });
    done.push(data);
  };
  const window = { minCreationDate: `${since}T00:00:00Z`, maxCreationDate: `${until}T23:59:59Z` };
  for (const departement of o.departements?.length ? o.departements : [undefined]) {
    for (const codeROME of o.romes?.length ? o.romes : [undefined]) {
      summary.queries++;
      await collect({
        ...window,
        ...(departement ? { departement } : {}),
        ...(codeROME ? { codeROME } : {}),
      });
    }
  }
  await writeOutput(done, o, summary);
  const counts = o.api.counts;
  Object.assign(summary, { requests: counts.requests, retries: counts.retries });
  await writeAtomically(
    `${o.out}/_summary.json`,
    (tmp) => Deno.writeTextFile(tmp, JSON.stringify(summary, null, 2) + "\n"),
  );
  return summary;
}

type ApiRecord = Record<string, unknown> & { id: string; dateCreation: string; dateActualisation?: string };

/** Merges the parts: valid records deduplicated (latest update wins), one file per creation month, the rest quarantined. */
async function writeOutput(partFiles: string[], o: CollectFtOptions, summary: CollectFtSummary) {
  const byId = new Map<string, ApiRecord>();
  const quarantine: string[] = [];
  const reject = (file: string, line: number, reason: string, raw: string) => {
    summary.quarantine_reasons[reason] = (summary.quarantine_reasons[reason] ?? 0) + 1;
    quarantine.push(JSON.stringify({ file, line, reason, raw: raw.slice(0, 2000) }) + "\n");
  };
  let read = 0;
  for (const file of partFiles) {
    const lines = (await Deno.readTextFile(file)).split("\n");
    for (let k = 0; k < lines.length; k++) {
      if (!lines[k]) continue;
      read++;
      const record = JSON.parse(lines[k]) as unknown;
      const why = record === null || typeof record !== "object" || Array.isArray(record)
        ? "not a JSON object"
        : typeof (record as ApiRecord).id !== "string" || !(record as ApiRecord).id
        ? "missing id"
        : typeof (record as ApiRecord).dateCreation !== "string" ||
            Number.isNaN(Date.parse((record as ApiRecord).dateCreation))
        ? "missing or invalid dateCreation"
        : null;
      if (why) {
        reject(file.split("/").slice(-2).join("/"), k + 1, why, lines[k]);
        continue;
      }
      const r = record as ApiRecord;
      if (!o.keepContact) delete r.contact;
      const before = byId.get(r.id);
      if (before) summary.duplicates++;
      if (!before || String(r.dateActualisation ?? "") > String(before.dateActualisation ?? "")) {
        byId.set(r.id, r);
      }
    }
  }
  summary.records = read;
  summary.quarantined = quarantine.length;
  summary.offers = byId.size;
  const months = new Map<string, ApiRecord[]>();
  for (const r of [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const month = new Date(r.dateCreation).toISOString().slice(0, 7);
    if (!months.has(month)) months.set(month, []);
    months.get(month)!.push(r);
  }
  for (const [month, records] of [...months].sort()) {
    const file = `${o.out}/offres-${month}.jsonl`;
    await writeAtomically(
      file,
      (tmp) => Deno.writeTextFile(tmp, records.map((r) => JSON.stringify(r) + "\n").join("")),
    );
    summary.files.push(file);
  }
  if (quarantine.length) {
    await writeAtomically(
      `${o.out}/_quarantine.jsonl`,
      (tmp) => Deno.writeTextFile(tmp, quarantine.join("")),
    );
  }
}
