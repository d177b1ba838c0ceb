/**
 * Soft skills at the unit researchers count: which of the 16 ROME
 * savoirs-être an offer asks for. Two models over the same normalised
 * phrase matching (lib/text/phrases.ts):
 *
 * - {@link EvidenceLookup}, the naive peer: a dictionary of the training
 *   evidence strings, each mapped to the code it was most often labelled with;
 * - {@link SkillCodeModel}: a lexicon of the evidence strings and of their
 *   1-3 word parts, each with the share of training offers containing it
 *   that carry the code; the rule teacher's matches (sections, negation,
 *   "vous êtes" cues); and a TF-IDF logistic model of the offer text, per
 *   code. A logistic combiner learns how far to trust each source from
 *   out-of-fold features (stacking), with one threshold per code tuned out of
 *   fold. Each decided code comes with the span that carried it.
 *
 * @example
 * ```ts
 * import { SkillCodeModel } from "./skill_codes.ts";
 * import type { Offer } from "../corpus/mod.ts";
 * import type { LabelRecord } from "../labelling/mod.ts";
 * declare const offers: Offer[];
 * declare const records: LabelRecord[];
 * declare const offer: Offer;
 * const model = new SkillCodeModel().fit(offers, records);
 * model.predict([offer]); // [[{ code_ogr: "300490", start: 120, end: 129, score: 0.93 }]]
 * ```
 */
import type { Offer } from "../corpus/mod.ts";
import { type LabelRecord, labelWithRules, type RulePass } from "../labelling/mod.ts";
import { codesOf, PRESENT, SKILL_CODES, withDefaults } from "../base/mod.ts";
import { foldSplits, iterativeStratifiedFolds } from "../stats/mod.ts";
import { isStopword, PhraseIndex, phraseKey, phraseWords, type Word } from "../text/mod.ts";
import { bestThreshold, OneVsRestLogistic } from "./logistic.ts";
import { ThemeModel } from "./theme_model.ts";
import type { Estimator, Labels } from "./estimator.ts";

/** A code decided for an offer, with the span that carried it (null when only the text model spoke) and its score. */
export interface CodeDecision {
  code_ogr: string;
  start: number | null;
  end: number | null;
  score: number;
}

/** Evidence strings of the present soft skills of each record, as [normal form, code] pairs. */
function evidenceKeys(records: Pick<LabelRecord, "soft_skills">[]): [string, string][] {
  return records.flatMap((r) =>
    r.soft_skills.filter((s) => s.confidence >= PRESENT && s.evidence).map((s) =>
      [phraseKey(s.evidence), s.code_ogr] as [string, string]
    )
  )
    .filter(([key]) => key.length > 0);
}

/** Scores in SKILL_CODES order from code decisions (0 for a code not decided). */
const decisionScores = (decisions: CodeDecision[]) =>
  SKILL_CODES.map((c) => decisions.find((d) => d.code_ogr === c)?.score ?? 0);

/** The naive peer: exact (normalised) lookup of the training evidence strings. */
export class EvidenceLookup implements Estimator<CodeDecision[]> {
  readonly kind = "evidence-lookup";
  #index: PhraseIndex<string> | null = null;

  /** Maps each training evidence string to the code it carried most often (the offers are not read). */
  fit(_offers: Offer[], labels: Pick<LabelRecord, "soft_skills">[]): this {
    const votes = new Map<string, Map<string, number>>();
    for (const [key, code] of evidenceKeys(labels)) {
      const v = votes.get(key) ?? new Map<string, number>();
      v.set(code, (v.get(code) ?? 0) + 1);
      votes.set(key, v);
    }
    const index = new PhraseIndex<string>();
    for (const [key, v] of votes) {
      index.addKey(
        key,
        [...v].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0],
      );
    }
    this.#index = index;
    return this;
  }

  clone(): EvidenceLookup {
    return new EvidenceLookup();
  }

  /** The lookup table: normal form of an evidence string → code. */
  get index(): PhraseIndex<string> {
    if (!this.#index) throw new Error("this evidence lookup is not fitted: call fit(offers, labels) first");
    return this.#index;
  }

  /** The codes whose evidence appears in one offer, each with its first span (`words`: the offer's phrase words, when already read). */
  find(offer: Pick<Offer, "text">, words = phraseWords(offer.text)): CodeDecision[] {
    const first = new Map<string, CodeDecision>();
    for (const m of this.index.find(offer.text, words)) {
      if (!first.has(m.value)) {
        first.set(m.value, { code_ogr: m.value, start: m.start, end: m.end, score: 1 });
      }
    }
    return SKILL_CODES.flatMap((c) => first.get(c) ?? []);
  }

  /** 1 for each code whose evidence appears in the offer, else 0 (SKILL_CODES order). */
  predictProba(offers: Pick<Offer, "text">[]): number[][] {
    return this.predict(offers).map(decisionScores);
  }

  predict(offers: Pick<Offer, "text">[]): CodeDecision[][] {
    return offers.map((o) => this.find(o));
  }

  toJSON() {
    return { kind: this.kind, index: this.index.entries() };
  }

  static fromJSON(json: ReturnType<EvidenceLookup["toJSON"]>): EvidenceLookup {
    const index = new PhraseIndex<string>();
    for (const [key, code] of json.index) index.addKey(key, code);
    const lookup = new EvidenceLookup();
    lookup.#index = index;
    return lookup;
  }
}

/** Hyper-parameters of {@link SkillCodeModel}. */
export interface SkillCodeOptions {
  /** Longest part of an evidence string kept in the lexicon, in words. @default 3 */
  maxPartWords?: number;
  /** Folds of the inner cross-validation that gives the combiner its out-of-fold features. @default 4 */
  innerFolds?: number;
  /** Inverse L2 penalty of the text model. @default 4 */
  C?: number;
  /** Character n-grams of the text model, or null for words only. @default null */
  charNgrams?: [number, number] | null;
  /**
   * Give the combiner the text model's highest probability over the offer's
   * sentences read one by one, and one bias per code (its own base rate)
   * instead of one shared: together +0.007 F1 micro on ROME-family folds of
   * the reference labels (each alone, +0.001 and +0.002). @default true
   */
  perCode?: boolean;
  /**
   * With `perCode`, also one weight per code for the teacher, the lexicon
   * share, the text model and its best sentence, beside the shared ones: how
   * far to trust each source differs by code (+0.004 [0.001, 0.007] F1 micro
   * on ROME-family folds of the reference labels). @default true
   */
  perCodeWeights?: boolean;
  seed?: number;
}

/** Which features the combiner reads beyond the six shared sources (see the options). */
type Layout = Pick<Required<SkillCodeOptions>, "perCode" | "perCodeWeights">;

/** Per code and lexicon entry: training offers containing the phrase, and those of them labelled with the code. */
interface LexiconEntry {
  offers: number;
  withCode: Map<string, number>;
  /** Read off `withCode` once the sources are fitted: each code's index in SKILL_CODES and its share of the phrase's offers. */
  shares?: { codes: Int32Array; shares: Float64Array };
}

/** An entry's codes and shares (one pseudo-offer without the code: a phrase seen once is not a certainty). */
function sharesOf(entry: LexiconEntry): NonNullable<LexiconEntry["shares"]> {
  if (!entry.shares) {
    const pairs = [...entry.withCode];
    entry.shares = {
      codes: Int32Array.from(pairs, ([code]) => SKILL_CODES.indexOf(code)),
      shares: Float64Array.from(pairs, ([, n]) => n / (entry.offers + 1)),
    };
  }
  return entry.shares;
}

/** Everything the combiner's features come from, fitted on one set of training offers. */
class Sources {
  constructor(
    readonly lexicon: PhraseIndex<LexiconEntry>,
    readonly exact: EvidenceLookup,
    readonly text: ThemeModel | null,
    readonly layout: Layout = { perCode: false, perCodeWeights: false },
  ) {}

  toJSON() {
    return {
      lexicon: this.lexicon.entries().map(([key, e]) =>
        [key, e.offers, [...e.withCode]] as [string, number, [string, number][]]
      ),
      exact: this.exact.toJSON().index,
      text: this.text?.toJSON() ?? null,
    };
  }

  static fromJSON(json: ReturnType<Sources["toJSON"]>, layout: Layout): Sources {
    const lexicon = new PhraseIndex<LexiconEntry>();
    for (const [key, offers, withCode] of json.lexicon) {
      lexicon.addKey(key, { offers, withCode: new Map(withCode) });
    }
    return new Sources(
      lexicon,
      EvidenceLookup.fromJSON({ kind: "evidence-lookup", index: json.exact }),
      json.text ? ThemeModel.fromJSON(json.text) : null,
      layout,
    );
  }

  static fit(offers: Offer[], records: Labels[], o: Required<SkillCodeOptions>): Sources {
    const parts = new PhraseIndex<LexiconEntry>();
    for (const [key] of evidenceKeys(records)) {
      const words = key.split(" ");
      for (let n = 1; n <= Math.min(o.maxPartWords, words.length); n++) {
        for (let i = 0; i + n <= words.length; i++) {
          const part = words.slice(i, i + n);
          if (!part.some((w) => w.length >= 4 && !isStopword(w))) continue;
          parts.addKey(part.join(" "), { offers: 0, withCode: new Map() });
        }
      }
      if (words.length > o.maxPartWords) parts.addKey(key, { offers: 0, withCode: new Map() });
    }
    offers.forEach((offer, i) => {
      const present = SKILL_CODES.filter((_, c) => codesOf(records[i])[c]);
      const seen = new Set<LexiconEntry>();
      for (const m of parts.find(offer.text)) seen.add(m.value);
      for (const entry of seen) {
        entry.offers++;
        for (const code of present) entry.withCode.set(code, (entry.withCode.get(code) ?? 0) + 1);
      }
    });
    const Y = records.map(codesOf);
    const trainable = SKILL_CODES.some((_, c) => Y.filter((y) => y[c]).length >= 2);
    const text = trainable
      ? new ThemeModel({
        outputs: "codes",
        C: o.C,
        charNgrams: o.charNgrams,
        thresholdFolds: 0,
        seed: o.seed,
      }).fit(offers, records)
      : null;
    const layout = { perCode: o.perCode, perCodeWeights: o.perCodeWeights };
    return new Sources(parts, new EvidenceLookup().fit(offers, records), text, layout);
  }

  /**
   * Features of every code for one offer, and the best span of each.
   * `teacher`, the rule teacher's pass over the offer, saves labelling it
   * again when the caller has it.
   */
  features(
    offer: Offer,
    teacher: Pick<RulePass, "record" | "bounds"> = labelWithRules(offer),
  ): { x: Float64Array[]; spans: ({ start: number; end: number } | null)[] } {
    const words: Word[] = phraseWords(offer.text);
    const { profileStart } = teacher.bounds;
    const exact = new Set(this.exact.find(offer, words).map((d) => d.code_ogr));
    const textP = this.text ? this.text.predictProba([offer])[0] : SKILL_CODES.map(() => 0);
    const { perCode } = this.layout;
    const at = columns(this.layout);
    const sentenceP = perCode && this.text ? this.text.sentenceMax([offer])[0] : null;
    const best = SKILL_CODES.map(() => ({
      share: 0,
      hits: 0,
      profile: 0,
      span: null as { start: number; end: number } | null,
    }));
    for (const m of this.lexicon.find(offer.text, words)) {
      const { codes, shares } = sharesOf(m.value);
      for (let k = 0; k < codes.length; k++) {
        const b = best[codes[k]];
        b.hits++;
        if (shares[k] > b.share) {
          b.share = shares[k];
          b.span = { start: m.start, end: m.end };
          b.profile = m.start >= profileStart ? 1 : 0;
        }
      }
    }
    const x = SKILL_CODES.map((code, c) => {
      const t = teacher.record.soft_skills.find((s) => s.code_ogr === code);
      if (t && t.confidence >= PRESENT && t.start != null && t.end != null && !best[c].span) {
        best[c].span = { start: t.start, end: t.end };
      }
      // laid out in place (no intermediate arrays: this runs for every code of every offer the base holds)
      const row = new Float64Array(at.width);
      row[0] = (t?.confidence ?? 0) / 100;
      row[1] = best[c].share;
      row[2] = Math.log1p(best[c].hits);
      row[3] = exact.has(code) ? 1 : 0;
      row[4] = textP[c];
      row[5] = best[c].profile;
      if (perCode) {
        const sentence = sentenceP?.[c] ?? 0;
        row[at.sentence] = sentence;
        row[at.bias + c] = 1;
        if (at.own !== null) {
          const n = SKILL_CODES.length, own = at.own + c;
          row[own] = row[0];
          row[own + n] = row[1];
          row[own + 2 * n] = row[4];
          row[own + 3 * n] = sentence;
        }
      }
      return row;
    });
    return { x, spans: best.map((b) => b.span) };
  }
}

/**
 * Where the combiner reads each feature: six shared sources (columns 0-5),
 * then with `perCode` the best sentence (6) and each code's own bias
 * (`bias + c`), then with `perCodeWeights` four blocks of one column per code
 * from `own` (the code's own weight for the teacher, the lexicon share, the
 * text model and its best sentence); `width` is the row's length.
 */
function columns({ perCode, perCodeWeights }: Layout) {
  const n = SKILL_CODES.length, sentence = 6, bias = 7;
  const own = perCode && perCodeWeights ? bias + n : null;
  return { sentence, bias, own, width: own !== null ? own + 4 * n : perCode ? bias + n : sentence };
}
const asSparse = (x: Float64Array) => ({ indices: Int32Array.from(x.keys()), values: Float32Array.from(x) });

/** The offer-level soft-skill model (see the module doc); fitted once `fit` has run. */
export class SkillCodeModel implements Estimator<CodeDecision[]> {
  readonly kind = "skill-code-model";
  readonly options: Required<SkillCodeOptions>;
  #fitted: { sources: Sources; combiner: OneVsRestLogistic; thresholds: number[] } | null = null;

  constructor(options: SkillCodeOptions = {}) {
    this.options = withDefaults<Required<SkillCodeOptions>>({
      maxPartWords: 3,
      innerFolds: 4,
      C: 4,
      charNgrams: null,
      perCode: true,
      perCodeWeights: true,
      seed: 42,
    }, options);
  }

  clone(): SkillCodeModel {
    return new SkillCodeModel(this.options);
  }

  /** Fits on offers and their label records (same order; evidence strings and their located spans). */
  fit(offers: Offer[], labels: Labels[]): this {
    const o = this.options;
    if (offers.length !== labels.length) {
      throw new Error(`${offers.length} offers but ${labels.length} label records`);
    }
    if (offers.length < 4 * o.innerFolds) {
      throw new Error(`${offers.length} labelled offers: too few for ${o.innerFolds} inner folds`);
    }
    const Y = labels.map(codesOf);
    // out-of-fold features: each offer described by sources that never saw its labels
    const oof: Float64Array[][] = new Array(offers.length);
    for (
      const { train, test } of foldSplits(iterativeStratifiedFolds(Y, o.innerFolds, o.seed), o.innerFolds)
    ) {
      const sources = Sources.fit(train.map((i) => offers[i]), train.map((i) => labels[i]), o);
      for (const i of test) oof[i] = sources.features(offers[i]).x;
    }
    const X = oof.flatMap((rows) => rows.map(asSparse));
    const y = Y.flatMap((row) => row.map((v) => [v]));
    const combiner = new OneVsRestLogistic({ C: 1, classWeight: null }).fit(X, y, columns(o).width);
    const scores = oof.map((rows) => rows.map((x) => combiner.probabilityOf(x)));
    const all = bestThreshold(scores.flat(), Y.flat());
    // a code's own threshold where it has enough positives to tune one, else the shared one
    const thresholds = SKILL_CODES.map((_, c) =>
      Y.filter((row) => row[c]).length >= 8
        ? bestThreshold(scores.map((s) => s[c]), Y.map((row) => row[c]))
        : all
    );
    this.#fitted = { sources: Sources.fit(offers, labels, o), combiner, thresholds };
    return this;
  }

  get #parts() {
    if (!this.#fitted) throw new Error("this soft-skill model is not fitted: call fit(offers, labels) first");
    return this.#fitted;
  }

  /** The text model among its sources (TF-IDF + logistic over the codes), or null when the labels could not train one. */
  get textModel(): ThemeModel | null {
    return this.#parts.sources.text;
  }

  /** The decision threshold of each code (SKILL_CODES order). */
  get thresholds(): number[] {
    return this.#parts.thresholds;
  }

  /**
   * Each code's combined score for one offer, in {@link SKILL_CODES} order,
   * with the span that carried it; `teacher`, the rule teacher's pass over
   * the offer, saves running it again.
   */
  scoresOf(
    offer: Offer,
    teacher?: Pick<RulePass, "record" | "bounds">,
  ): { score: number; span: { start: number; end: number } | null }[] {
    const { sources, combiner } = this.#parts;
    const { x, spans } = sources.features(offer, teacher);
    return x.map((row, c) => ({ score: combiner.probabilityOf(row), span: spans[c] }));
  }

  /** Each code's combined score for each offer (SKILL_CODES order). */
  predictProba(offers: Offer[]): number[][] {
    return offers.map((o) => this.scoresOf(o).map((s) => s.score));
  }

  /** The codes decided present in each offer, with their spans. */
  predict(offers: Offer[]): CodeDecision[][] {
    const thresholds = this.thresholds;
    return offers.map((offer) =>
      this.scoresOf(offer).flatMap((s, c) =>
        s.score >= thresholds[c]
          ? [{
            code_ogr: SKILL_CODES[c],
            start: s.span?.start ?? null,
            end: s.span?.end ?? null,
            score: s.score,
          }]
          : []
      )
    );
  }

  toJSON() {
    const { sources, combiner, thresholds } = this.#parts;
    return {
      kind: this.kind,
      codes: [...SKILL_CODES],
      options: this.options,
      sources: sources.toJSON(),
      combiner: combiner.toJSON(),
      thresholds,
    };
  }

  static fromJSON(json: ReturnType<SkillCodeModel["toJSON"]>): SkillCodeModel {
    // saved before perCode: six features; before perCodeWeights: shared weights
    const model = new SkillCodeModel({
      perCode: false,
      perCodeWeights: false,
      ...(json.options as SkillCodeOptions | undefined),
    });
    model.#fitted = {
      sources: Sources.fromJSON(json.sources, model.options),
      combiner: OneVsRestLogistic.fromJSON(json.combiner),
      thresholds: json.thresholds,
    };
    return model;
  }
}
