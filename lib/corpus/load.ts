/**
 * Loading a corpus file as it comes: JOCAS extracts (CSV/Parquet), France
 * Travail API v2 records (JSON array, `{"resultats": [...]}`, JSONL) and CSV
 * exports, or any CSV/JSONL/Parquet with a column mapping. Streams, so a
 * file larger than memory is never loaded whole; malformed records go to
 * the quarantine with their line and reason; counts are reported.
 *
 * @example
 * ```ts
 * import { loadOffers } from "./load.ts";
 * const { offers, report } = await loadOffers("offers.jsonl", { quarantine: "data/quarantine.jsonl" });
 * console.log(report.read, report.kept, report.quarantined);
 * ```
 */
import {
  type ColumnMapping,
  FRANCE_TRAVAIL_MAPPING,
  JOCAS_MAPPING,
  QuarantineError,
  rowToOffer,
} from "./mapping.ts";
import { Quarantine } from "./quarantine.ts";
import type { Offer, OfferSource } from "./schema.ts";
import {
  type CorpusFormat,
  csvHeader,
  mulberry32,
  parquetColumns,
  type RawRow,
  readCsv,
  readJsonDocument,
  readJsonl,
  readLines,
  readParquet,
  sniffEncoding,
  type TextEncoding,
} from "../base/mod.ts";

/** How a file is laid out. `auto` recognises the others by extension and columns. */

/** Options of {@link scanOffers} and {@link loadOffers}. */
export interface LoadOptions {
  /** Layout of the file. @default "auto" */
  format?: CorpusFormat;
  /** Column mapping; merged over the preset the format implies (JOCAS, France Travail) or used alone. */
  mapping?: Partial<ColumnMapping>;
  /** CSV separator; sniffed from the header when absent. */
  separator?: string;
  /**
   * Text encoding of CSV/JSONL/JSON files. `auto` reads UTF-8, or
   * Windows-1252 (Latin-1) when the file's first megabyte has high bytes and
   * no UTF-8 sequence; either way a line whose bytes are invalid is
   * quarantined, never altered. @default "auto"
   */
  encoding?: TextEncoding;
  /**
   * A CSV record or JSONL line longer than this many characters is
   * quarantined with its line number instead of being held in memory.
   * @default 4,000,000 (MAX_RECORD_CHARS)
   */
  maxRecordChars?: number;
  /** Quarantine file path (appended to), or a Quarantine to share across files. @default none: counted only */
  quarantine?: string | Quarantine;
  /** With loadOffers: keep a seeded uniform random sample of this many offers. @default all */
  sample?: number;
  /** Seed of the sample. @default 42 */
  seed?: number;
  /** Parquet only: read just these rows (0-based, end excluded) of the file, e.g. one worker's share. */
  rows?: { start: number; end: number };
  /**
   * Read only these canonical fields (the id and the text always), so that
   * a bulk pass does not parse columns it does not use. The section columns
   * are read only when the file has no full-text column. @default all
   */
  fields?: (keyof ColumnMapping)[];
}

/** What a load did: the counts a user must see. */
export interface LoadReport {
  file: string;
  format: string;
  source: OfferSource;
  /** The text encoding the files were read with ("binary" for Parquet). */
  encoding: string;
  read: number;
  kept: number;
  quarantined: number;
  quarantine_reasons: Record<string, number>;
}

type Container = "csv" | "jsonl" | "json" | "parquet";

/** A file's container, preset and mapping, found before reading it. */
export interface CorpusPlan {
  file: string;
  container: Container;
  source: OfferSource;
  preset: "jocas" | "france-travail" | "generic";
  mapping: ColumnMapping;
  columns: string[];
  separator?: string;
  encoding: "utf-8" | "windows-1252" | "binary";
}

/** A missing column or unknown layout: the message names the file, the missing and the found columns. */
export class SchemaError extends Error {}

const GENERIC_ALIASES: Record<keyof ColumnMapping, string[]> = {
  id: ["id", "ID", "offer_id", "id_offre", "ID_JOCAS", "reference"],
  title: ["title", "titre", "intitule", "job_title", "intitulé"],
  text: ["text", "description", "texte", "description_full", "body"],
  company_section: ["company_description", "description_entreprise", "entreprise.description"],
  job_section: ["job_description", "description_job", "description_poste"],
  profile_section: ["profile", "description_profil", "profil"],
  date: ["date", "date_publication", "dateCreation", "published", "date_firstSeenDay"],
  departement: ["departement", "département", "location_departement", "dept"],
  location: ["location", "lieu", "ville", "location_label", "lieuTravail.libelle"],
  postcode: ["code_postal", "postcode", "codePostal", "lieuTravail.codePostal"],
  region: ["region", "région"],
  rome: ["rome", "code_rome", "romeCode", "job_ROME_code"],
  naf: ["naf", "code_naf", "codeNAF", "entrepriseSecteur_NAF21"],
  sector: ["sector", "secteur", "secteurActiviteLibelle"],
  contract: ["contract", "contrat", "typeContrat", "contractType"],
  salary_min: ["salary_min", "salaire_min"],
  salary_max: ["salary_max", "salaire_max"],
  salary_label: ["salary", "salaire", "salaire.libelle"],
  teleworking: ["teleworking", "teletravail", "télétravail", "teleworking_accepted"],
  company: ["company", "entreprise", "entreprise.nom", "entreprise_name"],
};

const TEXT_KEYS: (keyof ColumnMapping)[] = ["text", "company_section", "job_section", "profile_section"];

function containerOf(file: string, format: CorpusFormat): Container {
  if (format === "csv" || format === "jsonl" || format === "json" || format === "parquet") return format;
  const lower = file.toLowerCase();
  if (lower.endsWith(".parquet") || lower.endsWith(".pq")) return "parquet";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  if (lower.endsWith(".json")) return "json";
  if (/\.(csv|tsv|txt)$/.test(lower)) return "csv";
  throw new SchemaError(
    `${file}: unknown file type (expected .csv, .tsv, .jsonl, .json or .parquet, or pass --format)`,
  );
}

async function sampleColumns(
  file: string,
  container: Container,
  encoding: "utf-8" | "windows-1252",
  separator?: string,
) {
  if (container === "parquet") return { columns: parquetColumns(file) };
  if (container === "csv") return await csvHeader(file, separator, encoding);
  const seen = new Set<string>();
  const rows = container === "jsonl" ? readJsonl(file, encoding) : readJsonDocument(file, encoding);
  let n = 0;
  for await (const row of rows) {
    if (row.values) Object.keys(row.values).forEach((k) => seen.add(k));
    if (++n >= 50) break;
  }
  return { columns: [...seen] };
}

function guessPreset(columns: string[]): CorpusPlan["preset"] {
  const has = (c: string) => columns.includes(c);
  if (has("ID_JOCAS")) return "jocas";
  if (has("intitule") || has("lieuTravail.libelle") || (has("id") && has("dateCreation"))) {
    return "france-travail";
  }
  return "generic";
}

function genericMapping(columns: string[]): Partial<ColumnMapping> {
  const mapping: Partial<ColumnMapping> = {};
  for (const [key, aliases] of Object.entries(GENERIC_ALIASES) as [keyof ColumnMapping, string[]][]) {
    const found = aliases.find((a) => columns.includes(a));
    if (found) mapping[key] = found;
  }
  return mapping;
}

function narrowMapping(
  mapping: ColumnMapping,
  columns: string[],
  fields?: (keyof ColumnMapping)[],
): ColumnMapping {
  if (!fields) return mapping;
  const hasFullText = !!mapping.text && columns.includes(mapping.text);
  const keep = new Set<keyof ColumnMapping>(["id", "text", ...fields, ...(hasFullText ? [] : TEXT_KEYS)]);
  return Object.fromEntries(
    Object.entries(mapping).filter(([k]) => keep.has(k as keyof ColumnMapping)),
  ) as unknown as ColumnMapping;
}

/**
 * Works out how to read a file: container, preset, mapping. Fails with a
 * SchemaError naming the missing and the found columns when the file
 * cannot be read as asked.
 */
export async function planCorpus(file: string, options: LoadOptions = {}): Promise<CorpusPlan> {
  const format = options.format ?? "auto";
  try {
    const stat = await Deno.stat(file);
    if (!stat.isFile) throw new SchemaError(`${file}: not a file`);
  } catch (e) {
    if (e instanceof SchemaError) throw e;
    throw new SchemaError(`${file}: cannot be read (${(e as Error).message})`);
  }
  const container = format === "france-travail" && file.toLowerCase().endsWith(".csv")
    ? "csv"
    : containerOf(file, format === "jocas" || format === "france-travail" ? "auto" : format);
  const encoding = container === "parquet"
    ? "binary"
    : !options.encoding || options.encoding === "auto"
    ? await sniffEncoding(file)
    : options.encoding;
  let sampled: { columns: string[]; separator?: string };
  try {
    sampled = await sampleColumns(
      file,
      container,
      encoding === "binary" ? "utf-8" : encoding,
      options.separator,
    );
  } catch (e) {
    throw new SchemaError(
      String((e as Error).message).startsWith(file)
        ? (e as Error).message
        : `${file}: ${(e as Error).message}`,
    );
  }
  const { columns, separator } = sampled;
  const preset = format === "jocas" || format === "france-travail" ? format : guessPreset(columns);
  const base = preset === "jocas"
    ? JOCAS_MAPPING
    : preset === "france-travail"
    ? FRANCE_TRAVAIL_MAPPING
    : genericMapping(columns);
  const mapping = narrowMapping({ ...base, ...options.mapping } as ColumnMapping, columns, options.fields);
  const found = `columns found: ${columns.length ? columns.join(", ") : "(none)"}`;
  const missing: string[] = [];
  if (!mapping.id || !columns.includes(mapping.id)) missing.push(mapping.id ?? "an id column (mapping.id)");
  const textColumns = TEXT_KEYS.map((k) => mapping[k]).filter((c): c is string => !!c);
  if (!textColumns.some((c) => columns.includes(c))) {
    missing.push(textColumns.length ? `one of ${textColumns.join(" / ")}` : "a text column (mapping.text)");
  }
  if (missing.length > 0) {
    throw new SchemaError(
      `${file}: cannot read it as ${preset} ${container}: missing column(s) ${missing.join(", ")}; ${found}`,
    );
  }
  for (const [key, column] of Object.entries(options.mapping ?? {})) {
    if (column && !columns.includes(column) && container !== "jsonl" && container !== "json") {
      throw new SchemaError(`${file}: mapping.${key} names column "${column}", which is absent; ${found}`);
    }
  }
  const source: OfferSource = preset === "generic" ? "generic" : preset;
  return { file, container, source, preset, mapping, columns, separator, encoding };
}

function rowsOf(plan: CorpusPlan, options: LoadOptions): AsyncGenerator<RawRow> {
  const encoding = plan.encoding === "binary" ? "utf-8" : plan.encoding;
  const rows = options.rows;
  switch (plan.container) {
    case "csv":
      return readCsv(plan.file, plan.separator, encoding, options.maxRecordChars);
    case "jsonl":
      return readJsonl(plan.file, encoding, options.maxRecordChars);
    case "json":
      return readJsonDocument(plan.file, encoding);
    case "parquet":
      return readParquet(plan.file, Object.values(plan.mapping).filter((c): c is string => !!c), rows);
  }
}

/** The data files of a path: the file itself, or the corpus files of a folder (sorted). */
export async function corpusFiles(path: string): Promise<string[]> {
  const stat = await Deno.stat(path).catch((e) => {
    throw new SchemaError(`${path}: cannot be read (${(e as Error).message})`);
  });
  if (!stat.isDirectory) return [path];
  const files: string[] = [];
  for await (const entry of Deno.readDir(path)) {
    const data = /\.(parquet|csv|tsv|jsonl|ndjson|json)$/i.test(entry.name) &&
      !entry.name.includes(".truth.");
    if (entry.isFile && data && !entry.name.startsWith("_") && !entry.name.startsWith(".")) {
      files.push(`${path.replace(/\/$/, "")}/${entry.name}`);
    }
  }
  if (files.length === 0) throw new SchemaError(`${path}: folder holds no .parquet/.csv/.jsonl/.json file`);
  return files.sort();
}

/**
 * Streams the offers of a file or folder. `report` fills in as it goes and
 * is complete when the generator ends.
 */
export function scanOffers(
  path: string,
  options: LoadOptions = {},
): { offers: AsyncGenerator<Offer>; report: LoadReport } {
  const report: LoadReport = {
    file: path,
    format: "",
    source: "generic",
    encoding: "",
    read: 0,
    kept: 0,
    quarantined: 0,
    quarantine_reasons: {},
  };
  async function* run(): AsyncGenerator<Offer> {
    const ownQuarantine = typeof options.quarantine !== "object";
    const quarantine = typeof options.quarantine === "object"
      ? options.quarantine
      : new Quarantine(options.quarantine ?? null);
    const before = { ...quarantine.counts };
    try {
      for (const file of await corpusFiles(path)) {
        const plan = await planCorpus(file, options);
        report.format = `${plan.preset} ${plan.container}`;
        report.source = plan.source;
        report.encoding = report.encoding && report.encoding !== plan.encoding ? "mixed" : plan.encoding;
        if (options.rows && plan.container !== "parquet") {
          throw new SchemaError(`${file}: a row range needs a Parquet file`);
        }
        for await (const row of rowsOf(plan, options)) {
          report.read++;
          if (row.error !== undefined) {
            quarantine.add({
              file,
              line: row.line,
              reason: "unparseable record",
              field: "",
              message: row.error,
              raw: row.raw,
            });
            continue;
          }
          try {
            yield rowToOffer(row.values, plan.mapping, plan.source);
            report.kept++;
          } catch (e) {
            if (!(e instanceof QuarantineError)) throw e;
            quarantine.add({
              file,
              line: row.line,
              reason: e.reason,
              field: e.field,
              message: e.message,
              raw: row.values,
            });
          }
        }
      }
    } finally {
      for (const [reason, count] of Object.entries(quarantine.counts)) {
        const added = count - (before[reason] ?? 0);
        if (added > 0) report.quarantine_reasons[reason] = added;
      }
      report.quarantined = Object.values(report.quarantine_reasons).reduce((a, b) => a + b, 0);
      if (ownQuarantine) quarantine.close();
    }
  }
  return { offers: run(), report };
}

/**
 * The offers of several files (or folders) read one after the other, as
 * one corpus: an id already read from an earlier file is kept once, the
 * first time, and counted in `repeatedIds`; the reports of each file are
 * kept.
 *
 * @example
 * ```ts
 * const { offers, repeatedIds } = await loadOfferFiles(["it-offers.jsonl", "other-offers.jsonl"]);
 * ```
 */
export async function loadOfferFiles(
  paths: string[],
  options: Omit<LoadOptions, "sample" | "rows"> = {},
): Promise<{ offers: Offer[]; reports: LoadReport[]; repeatedIds: number }> {
  const seen = new Set<string>();
  const offers: Offer[] = [], reports: LoadReport[] = [];
  let repeatedIds = 0;
  for (const path of paths) {
    const loaded = await loadOffers(path, options);
    reports.push(loaded.report);
    for (const offer of loaded.offers) {
      if (seen.has(offer.id)) repeatedIds++;
      else {
        seen.add(offer.id);
        offers.push(offer);
      }
    }
  }
  return { offers, reports, repeatedIds };
}

/**
 * Loads the offers of a file or folder into memory, or a seeded uniform
 * random sample of them (reservoir sampling, file order kept).
 */
export async function loadOffers(
  path: string,
  options: LoadOptions = {},
): Promise<{ offers: Offer[]; report: LoadReport }> {
  const { offers, report } = scanOffers(path, options);
  const sample = options.sample;
  if (sample === undefined || sample <= 0) {
    const all: Offer[] = [];
    for await (const o of offers) all.push(o);
    return { offers: all, report };
  }
  const random = mulberry32(options.seed ?? 42);
  const reservoir: { index: number; offer: Offer }[] = [];
  let index = 0;
  for await (const offer of offers) {
    if (reservoir.length < sample) reservoir.push({ index, offer });
    else {
      const j = Math.floor(random() * (index + 1));
      if (j < sample) reservoir[j] = { index, offer };
    }
    index++;
  }
  reservoir.sort((a, b) => a.index - b.index);
  return { offers: reservoir.map((r) => r.offer), report };
}

/** Counts the lines of a text file quickly (for progress bars). */
export async function countLines(path: string): Promise<number> {
  let n = 0;
  for await (const _ of readLines(path)) n++;
  return n;
}
