/**
 * Stage-1 descriptive statistics, computed in one streaming pass: text
 * lengths (overall and by section), recurrent words and bigrams (French
 * stop words and elisions handled), missing values by field, offers by
 * month (gaps kept), région, département, sector and contract, and exact
 * and near duplicates. Memory grows with the vocabulary, not the corpus.
 *
 * @example
 * ```ts
 * import { CorpusProfiler } from "./describe.ts";
 * import type { Offer } from "../corpus/mod.ts";
 * declare const offers: Offer[];
 * const profiler = new CorpusProfiler();
 * for (const offer of offers) profiler.add(offer);
 * const summary = profiler.summary();
 * summary.duplicates.exactShare;
 * ```
 */
import {
  DuplicateDetector,
  fieldValue,
  HASHES,
  isMissing,
  minhashOfHashes,
  type Offer,
  OFFER_FIELDS,
  textHash,
} from "../corpus/mod.ts";
import { fnv1a } from "../base/mod.ts";
import { isStopword, PairCounter, Vocabulary, wordCount } from "../text/mod.ts";
import { monthRange, type Quantiles, quantiles } from "./numbers.ts";

/** Options of {@link CorpusProfiler}. */
export interface ProfileOptions {
  /** How many top words / bigrams to report. @default 40 */
  top?: number;
  /** Prune the bigram table when it exceeds this many entries (drops counts of 1). @default 2000000 */
  maxTableSize?: number;
  /** Detect duplicates. @default true */
  duplicates?: boolean;
}

/** A count by key, most frequent first. */
export type Counts = { key: string; count: number }[];

/** Everything stage 1 reports on a corpus. */
export interface CorpusSummary {
  offers: number;
  length: {
    chars: Quantiles;
    words: Quantiles;
    /** Words per section, with the share of offers where the section is empty. */
    sections: Record<"company" | "job" | "profile", Quantiles & { emptyShare: number }>;
    /** Histogram of words per offer: bin lower edges and counts. */
    histogram: { edges: number[]; counts: number[] };
  };
  topWords: Counts;
  topBigrams: Counts;
  missing: { field: string; missing: number; share: number }[];
  /** Every month from the first to the last, zero where no offer was collected (a gap). */
  byMonth: { month: string; offers: number }[];
  gapMonths: string[];
  byRegion: Counts;
  byDepartement: Counts;
  bySector: Counts;
  byContract: Counts;
  /** First and last publication dates (YYYY-MM-DD). */
  dateRange: { min: string | null; max: string | null };
  duplicates: { exact: number; near: number; exactShare: number; nearShare: number };
}

const HISTOGRAM_STEP = 25;
const HISTOGRAM_BINS = 60;

/** The raw accumulators of a profiler: plain data that workers can send (structured clone) and merge. */
export interface ProfileState {
  n: number;
  chars: number[];
  words: number[];
  sectionWords: Record<SectionName, number[]>;
  sectionEmpty: Record<SectionName, number>;
  histogram: number[];
  wordCounts: Map<string, number>;
  bigramCounts: Map<string, number>;
  missing: Map<string, number>;
  byMonth: Map<string, number>;
  byRegion: Map<string, number>;
  byDepartement: Map<string, number>;
  bySector: Map<string, number>;
  byContract: Map<string, number>;
  minDate: string | null;
  maxDate: string | null;
  /** Duplicate-detection features, in the order offers were added, in chunks of SIGNATURE_CHUNK offers (cheap to send). */
  dedupCount: number;
  /** Text hashes ({@link textHash}). */
  hashes: Float64Array[];
  /** MinHash signatures, HASHES numbers an offer. */
  signatures: Uint32Array[];
}

const SIGNATURE_CHUNK = 8192;

type SectionName = "company" | "job" | "profile";
const SECTIONS: SectionName[] = ["company", "job", "profile"];

function emptyState(): ProfileState {
  return {
    n: 0,
    chars: [],
    words: [],
    sectionWords: { company: [], job: [], profile: [] },
    sectionEmpty: { company: 0, job: 0, profile: 0 },
    histogram: new Array<number>(HISTOGRAM_BINS).fill(0),
    wordCounts: new Map(),
    bigramCounts: new Map(),
    missing: new Map(),
    byMonth: new Map(),
    byRegion: new Map(),
    byDepartement: new Map(),
    bySector: new Map(),
    byContract: new Map(),
    minDate: null,
    maxDate: null,
    dedupCount: 0,
    hashes: [],
    signatures: [],
  };
}

/**
 * Accumulates the stage-1 statistics offer by offer. Profilers fed with
 * different parts of a corpus (e.g. in workers) merge into one; duplicates
 * are resolved at summary time in the order offers were added, so the
 * result is the same as one pass.
 */
export class CorpusProfiler {
  #top: number;
  #maxTable: number;
  #duplicates: boolean;
  #s: ProfileState = emptyState();
  // Vocabulary: token -> id, with per-id stop-word flag, count and hash, so each token is hashed once.
  #vocab = new Vocabulary();
  #isStop: number[] = [];
  #count: number[] = [];
  #hash: number[] = [];
  #bigrams = new PairCounter();

  constructor(options: ProfileOptions = {}) {
    this.#top = options.top ?? 40;
    this.#maxTable = options.maxTableSize ?? 2_000_000;
    this.#duplicates = options.duplicates ?? true;
  }

  /** Adds one offer. */
  add(offer: Offer) {
    const s = this.#s;
    s.n++;
    const ids = this.#vocab.ids(offer.text);
    const words = wordCount(offer.text);
    s.chars.push(offer.text.length);
    s.words.push(words);
    s.histogram[Math.min(HISTOGRAM_BINS - 1, Math.floor(words / HISTOGRAM_STEP))]++;
    for (const name of SECTIONS) {
      const text = offer.sections[name];
      if (text === "") s.sectionEmpty[name]++;
      else s.sectionWords[name].push(wordCount(text));
    }
    while (this.#isStop.length < this.#vocab.size) {
      const w = this.#vocab.word(this.#isStop.length);
      this.#isStop.push(w.length < 2 || isStopword(w) ? 1 : 0);
      this.#count.push(0);
      this.#hash.push(fnv1a(w));
    }
    let previous = -1;
    for (const id of ids) {
      if (this.#isStop[id] === 1) {
        previous = -1;
        continue;
      }
      this.#count[id]++;
      if (previous >= 0) this.#bigrams.add(previous, id);
      previous = id;
    }
    if (this.#bigrams.size > this.#maxTable) this.#bigrams.prune(1);
    for (const f of OFFER_FIELDS) if (isMissing(fieldValue(offer, f))) bump(s.missing, f);
    bump(s.byMonth, offer.date?.slice(0, 7) ?? null);
    if (offer.date !== null) {
      if (s.minDate === null || offer.date < s.minDate) s.minDate = offer.date;
      if (s.maxDate === null || offer.date > s.maxDate) s.maxDate = offer.date;
    }
    bump(s.byRegion, offer.region);
    bump(s.byDepartement, offer.departement);
    bump(s.bySector, offer.sector);
    bump(s.byContract, offer.contract);
    if (this.#duplicates) {
      pushFeatures(s, textHash(offer.text), minhashOfHashes(ids.map((id) => this.#hash[id])));
    }
  }

  /** Moves the id-keyed word and bigram counts into the state's string-keyed tables. */
  #flushCounts() {
    const s = this.#s;
    for (let id = 0; id < this.#count.length; id++) {
      const word = this.#vocab.word(id);
      if (this.#count[id] > 0) s.wordCounts.set(word, (s.wordCounts.get(word) ?? 0) + this.#count[id]);
      this.#count[id] = 0;
    }
    for (const [a, b, count] of this.#bigrams.entries()) {
      const text = this.#vocab.word(a) + " " + this.#vocab.word(b);
      s.bigramCounts.set(text, (s.bigramCounts.get(text) ?? 0) + count);
    }
    this.#bigrams.clear();
  }

  /** The accumulators, to send to another thread and merge there. */
  state(): ProfileState {
    this.#flushCounts();
    return this.#s;
  }

  /** Adds the accumulators of another profiler (fed with the offers that come after this one's). */
  merge(other: ProfileState) {
    const s = this.#s;
    s.n += other.n;
    for (const [a, b] of [[s.chars, other.chars], [s.words, other.words]]) for (const v of b) a.push(v);
    for (let i = 0; i < other.dedupCount; i++) pushFeatures(s, hashOf(other, i), signatureOf(other, i));
    for (const name of SECTIONS) {
      for (const v of other.sectionWords[name]) s.sectionWords[name].push(v);
      s.sectionEmpty[name] += other.sectionEmpty[name];
    }
    other.histogram.forEach((v, i) => (s.histogram[i] += v));
    if (other.minDate !== null && (s.minDate === null || other.minDate < s.minDate)) {
      s.minDate = other.minDate;
    }
    if (other.maxDate !== null && (s.maxDate === null || other.maxDate > s.maxDate)) {
      s.maxDate = other.maxDate;
    }
    for (
      const key of [
        "wordCounts",
        "bigramCounts",
        "missing",
        "byMonth",
        "byRegion",
        "byDepartement",
        "bySector",
        "byContract",
      ] as const
    ) {
      for (const [k, v] of other[key]) s[key].set(k, (s[key].get(k) ?? 0) + v);
    }
  }

  /** The statistics of the offers added so far. */
  summary(): CorpusSummary {
    this.#flushCounts();
    const s = this.#s;
    const n = s.n;
    const months = [...s.byMonth.keys()].filter((k) => k !== MISSING).sort();
    const byMonth = months.length
      ? monthRange(months[0], months[months.length - 1]).map((m) => ({
        month: m,
        offers: s.byMonth.get(m) ?? 0,
      }))
      : [];
    const sections = {} as CorpusSummary["length"]["sections"];
    for (const name of SECTIONS) {
      sections[name] = { ...quantiles(s.sectionWords[name]), emptyShare: n ? s.sectionEmpty[name] / n : 0 };
    }
    const dedup = new DuplicateDetector();
    if (this.#duplicates) {
      for (let i = 0; i < s.dedupCount; i++) dedup.addFeatures("", hashOf(s, i), signatureOf(s, i));
    }
    const dup = dedup.counts;
    return {
      offers: n,
      length: {
        chars: quantiles(s.chars),
        words: quantiles(s.words),
        sections,
        histogram: { edges: s.histogram.map((_, i) => i * HISTOGRAM_STEP), counts: [...s.histogram] },
      },
      topWords: top(s.wordCounts, this.#top),
      topBigrams: top(s.bigramCounts, this.#top),
      missing: OFFER_FIELDS.map((f) => ({
        field: f,
        missing: s.missing.get(f) ?? 0,
        share: n ? (s.missing.get(f) ?? 0) / n : 0,
      })),
      byMonth,
      gapMonths: byMonth.filter((m) => m.offers === 0).map((m) => m.month),
      byRegion: top(s.byRegion),
      byDepartement: top(s.byDepartement),
      bySector: top(s.bySector),
      byContract: top(s.byContract),
      dateRange: { min: s.minDate, max: s.maxDate },
      duplicates: {
        exact: dup.exact,
        near: dup.near,
        exactShare: n ? dup.exact / n : 0,
        nearShare: n ? dup.near / n : 0,
      },
    };
  }
}

const MISSING = "(missing)";

function pushFeatures(s: ProfileState, hash: number, signature: Uint32Array) {
  const k = s.dedupCount % SIGNATURE_CHUNK;
  if (k === 0) {
    s.hashes.push(new Float64Array(SIGNATURE_CHUNK));
    s.signatures.push(new Uint32Array(SIGNATURE_CHUNK * HASHES));
  }
  s.hashes[s.hashes.length - 1][k] = hash;
  s.signatures[s.signatures.length - 1].set(signature, k * HASHES);
  s.dedupCount++;
}

function hashOf(s: ProfileState, i: number): number {
  return s.hashes[Math.floor(i / SIGNATURE_CHUNK)][i % SIGNATURE_CHUNK];
}

function signatureOf(s: ProfileState, i: number): Uint32Array {
  const k = (i % SIGNATURE_CHUNK) * HASHES;
  return s.signatures[Math.floor(i / SIGNATURE_CHUNK)].subarray(k, k + HASHES);
}

function bump(map: Map<string, number>, key: string | null) {
  const k = key ?? MISSING;
  map.set(k, (map.get(k) ?? 0) + 1);
}

function top(map: Map<string, number>, k = Infinity): Counts {
  return [...map].map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, k);
}

/**
 * Profiles offers already in memory.
 *
 * @example
 * ```ts
 * import type { Offer } from "../corpus/mod.ts";
 * declare const offers: Offer[];
 * const summary = describeOffers(offers);
 * ```
 */
export function describeOffers(offers: Iterable<Offer>, options: ProfileOptions = {}): CorpusSummary {
  const profiler = new CorpusProfiler(options);
  for (const o of offers) profiler.add(o);
  return profiler.summary();
}
