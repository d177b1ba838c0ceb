/**
 * The learnt soft-skill detector, in two steps as the labelling strategy
 * says: (1) binary "inside a soft-skill request or not" for every word of
 * the offer (logistic regression on hashed features of the word, its
 * neighbours, its suffixes, its section and whether its sentence asks
 * something of the candidate); consecutive positive words make a span;
 * (2) each span mapped to one of the 16 ROME savoirs-être by a classifier
 * on the span's words and character n-grams. Spans carry character offsets
 * in the canonical text and a score.
 *
 * @example
 * ```ts
 * import { SoftSkillDetector } from "./soft_skills.ts";
 * import type { Offer } from "../corpus/mod.ts";
 * import type { LabelRecord } from "../labelling/mod.ts";
 * declare const offers: Offer[];
 * declare const records: LabelRecord[];
 * declare const offer: Offer;
 * const detector = new SoftSkillDetector().fit(offers, records); // learns from the records' located spans
 * detector.predict([offer]); // [[{ code_ogr: "300490", start: 120, end: 129, text: "rigoureux", score: 0.93 }]]
 * ```
 */
import type { Offer } from "../corpus/mod.ts";
import {
  type CodeSpan,
  fnv1a,
  foldKeepLength,
  presentSpans,
  Random,
  SKILL_CODES,
  SOFT_SKILLS,
  withDefaults,
} from "../base/mod.ts";
import { fromMap, type SparseVector, TfidfVectorizer } from "../represent/mod.ts";
import { REQUIREMENT_CUE, sectionBounds } from "../labelling/mod.ts";
import { OneVsRestLogistic } from "./logistic.ts";
import type { Estimator, Labels } from "./estimator.ts";

/** A detected span with its text and score. */
export interface DetectedSkill extends CodeSpan {
  text: string;
  score: number;
}

/** Hyper-parameters of the detector. */
export interface DetectorOptions {
  /** Hashed feature space of the word model: 2^bits. @default 16 */
  bits?: number;
  /** Share of negative words kept from sentences without any span (below 1 trades accuracy for speed). @default 1 */
  negativeShare?: number;
  /** Inverse L2 penalty of both models. @default 4 */
  C?: number;
  /** Word probability above which a word is inside a span. @default 0.5 */
  threshold?: number;
  seed?: number;
}

interface Token {
  start: number;
  end: number;
  lower: string;
  sentence: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const CUE = new RegExp(REQUIREMENT_CUE);

/** Words with their offsets and sentence number. */
export function wordTokens(text: string): Token[] {
  const out: Token[] = [];
  let sentence = 0;
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    if (/[.!?;:\n]/.test(text.slice(last, m.index))) sentence++;
    out.push({ start: m.index!, end: m.index! + m[0].length, lower: m[0].toLowerCase(), sentence });
    last = m.index! + m[0].length;
  }
  return out;
}

function tokenFeatures(offer: Offer, tokens: Token[], dimension: number): SparseVector[] {
  const folded = foldKeepLength(offer.text);
  const bounds = sectionBounds(offer);
  const sentenceCue = new Map<number, boolean>();
  const sentenceSpan = new Map<number, [number, number]>();
  for (const t of tokens) {
    const s = sentenceSpan.get(t.sentence);
    sentenceSpan.set(t.sentence, s ? [s[0], t.end] : [t.start, t.end]);
  }
  for (const [k, [a, b]] of sentenceSpan) sentenceCue.set(k, CUE.test(folded.slice(a, b)));
  const mask = dimension - 1;
  return tokens.map((t, i) => {
    const f = new Map<number, number>();
    const add = (name: string) => f.set(fnv1a(name) & mask, 1);
    const w = (
      k: number,
    ) => (i + k >= 0 && i + k < tokens.length && tokens[i + k].sentence === t.sentence
      ? tokens[i + k].lower
      : "<s>");
    const section = t.start >= bounds.company[0] && t.start < bounds.company[1]
      ? "company"
      : t.start >= bounds.profileStart
      ? "profile"
      : "job";
    add("w=" + t.lower);
    add("w-1=" + w(-1));
    add("w+1=" + w(1));
    add("w-2=" + w(-2));
    add("w+2=" + w(2));
    add("w-1w=" + w(-1) + "|" + t.lower);
    add("ww+1=" + t.lower + "|" + w(1));
    add("suf3=" + t.lower.slice(-3));
    add("suf4=" + t.lower.slice(-4));
    add("pre4=" + t.lower.slice(0, 4));
    add("sec=" + section);
    add("cue=" + sentenceCue.get(t.sentence));
    add("sec-cue=" + section + "|" + sentenceCue.get(t.sentence));
    add("bias");
    return fromMap(f);
  });
}

/** Merges consecutive positive words into spans; a span holding "(" is extended over its ")". */
function mergeSpans(
  text: string,
  tokens: Token[],
  probabilities: number[],
  threshold: number,
): { start: number; end: number; score: number }[] {
  const spans: { start: number; end: number; score: number }[] = [];
  let current: { start: number; end: number; sum: number; n: number; last: number } | null = null;
  tokens.forEach((t, i) => {
    if (probabilities[i] >= threshold) {
      if (current && current.last === i - 1 && tokens[i - 1].sentence === t.sentence) {
        current.end = t.end;
        current.sum += probabilities[i];
        current.n++;
        current.last = i;
      } else {
        if (current) spans.push({ start: current.start, end: current.end, score: current.sum / current.n });
        current = { start: t.start, end: t.end, sum: probabilities[i], n: 1, last: i };
      }
    }
  });
  if (current) {
    const c = current as { start: number; end: number; sum: number; n: number };
    spans.push({ start: c.start, end: c.end, score: c.sum / c.n });
  }
  for (const s of spans) {
    const inner = text.slice(s.start, s.end);
    if (inner.includes("(") && !inner.includes(")") && text[s.end] === ")") s.end++;
  }
  return spans;
}

interface Fitted {
  words: OneVsRestLogistic;
  codes: TfidfVectorizer;
  mapper: OneVsRestLogistic;
  codeList: string[];
}

/** The span detector (see the module doc); fitted once `fit` has run. */
export class SoftSkillDetector implements Estimator<DetectedSkill[]> {
  readonly kind = "soft-skill-detector";
  readonly options: Required<DetectorOptions>;
  #fitted: Fitted | null = null;

  constructor(options: DetectorOptions = {}) {
    this.options = withDefaults<Required<DetectorOptions>>({
      bits: 16,
      negativeShare: 1,
      C: 4,
      threshold: 0.5,
      seed: 42,
    }, options);
  }

  clone(): SoftSkillDetector {
    return new SoftSkillDetector(this.options);
  }

  /** Trains both steps from offers and the located spans of their present soft skills (same order). */
  fit(offers: Offer[], labels: Pick<Labels, "soft_skills">[]): this {
    if (offers.length !== labels.length) {
      throw new Error(`${offers.length} offers but ${labels.length} label records`);
    }
    const o = this.options;
    const spans = labels.map(presentSpans);
    const dimension = 2 ** o.bits;
    const random = new Random(o.seed);
    const X: SparseVector[] = [];
    const Y: boolean[][] = [];
    offers.forEach((offer, k) => {
      const tokens = wordTokens(offer.text);
      const inside = tokens.map((t) => spans[k].some((s) => t.start < s.end && s.start < t.end));
      const sentencesWithSpan = new Set(tokens.filter((_, i) => inside[i]).map((t) => t.sentence));
      const features = tokenFeatures(offer, tokens, dimension);
      tokens.forEach((t, i) => {
        if (inside[i] || sentencesWithSpan.has(t.sentence) || random.chance(o.negativeShare)) {
          X.push(features[i]);
          Y.push([inside[i]]);
        }
      });
    });
    // Unweighted: the word model's probabilities must reflect how rare soft-skill words are.
    const words = new OneVsRestLogistic({ C: o.C, classWeight: null }).fit(X, Y, dimension);
    const spanTexts: string[] = [];
    const spanCodes: string[] = [];
    offers.forEach((offer, k) =>
      spans[k].forEach((s) => {
        spanTexts.push(offer.text.slice(s.start, s.end));
        spanCodes.push(s.code_ogr);
      })
    );
    const codeList = SOFT_SKILLS.map((s) => s.code).filter((c) => spanCodes.includes(c));
    if (codeList.length === 0) throw new Error("no labelled soft-skill span to learn from");
    const codes = new TfidfVectorizer({ ngrams: [1, 2], charNgrams: [3, 5], minDf: 1, maxFeatures: 50_000 })
      .fit(spanTexts);
    const mapper = new OneVsRestLogistic({ C: o.C }).fit(
      codes.transform(spanTexts),
      spanCodes.map((c) => codeList.map((x) => x === c)),
      codes.dimension,
    );
    this.#fitted = { words, codes, mapper, codeList };
    return this;
  }

  get #parts(): Fitted {
    if (!this.#fitted) {
      throw new Error("this soft-skill detector is not fitted: call fit(offers, labels) first");
    }
    return this.#fitted;
  }

  /** The soft-skill spans of one offer. */
  #detect(offer: Offer): DetectedSkill[] {
    const { words, codes, mapper, codeList } = this.#parts;
    const tokens = wordTokens(offer.text);
    if (tokens.length === 0) return [];
    const p = words.predictProba(tokenFeatures(offer, tokens, 2 ** this.options.bits)).map((x) => x[0]);
    const spans = mergeSpans(offer.text, tokens, p, this.options.threshold);
    if (spans.length === 0) return [];
    const texts = spans.map((s) => offer.text.slice(s.start, s.end));
    const codeProbabilities = mapper.predictProba(codes.transform(texts));
    return spans.map((s, k) => {
      let best = 0;
      codeProbabilities[k].forEach((q, c) => (q > codeProbabilities[k][best] ? (best = c) : 0));
      const total = codeProbabilities[k].reduce((a, b) => a + b, 0) || 1;
      return {
        code_ogr: codeList[best],
        start: s.start,
        end: s.end,
        text: texts[k],
        score: s.score * (codeProbabilities[k][best] / total),
      };
    });
  }

  /** The soft-skill spans of each offer. */
  predict(offers: Offer[]): DetectedSkill[][] {
    return offers.map((o) => this.#detect(o));
  }

  /** Each code's best span score in each offer (SKILL_CODES order; 0 where no span has the code). */
  predictProba(offers: Offer[]): number[][] {
    return this.predict(offers).map((found) =>
      SKILL_CODES.map((c) => Math.max(0, ...found.filter((d) => d.code_ogr === c).map((d) => d.score)))
    );
  }

  toJSON() {
    const { words, codes, mapper, codeList } = this.#parts;
    return {
      kind: this.kind,
      options: this.options,
      words: words.toJSON(),
      codes: codes.toJSON(),
      mapper: mapper.toJSON(),
      codeList,
    };
  }

  static fromJSON(json: ReturnType<SoftSkillDetector["toJSON"]>): SoftSkillDetector {
    const detector = new SoftSkillDetector(json.options);
    detector.#fitted = {
      words: OneVsRestLogistic.fromJSON(json.words),
      codes: TfidfVectorizer.fromJSON(json.codes),
      mapper: OneVsRestLogistic.fromJSON(json.mapper),
      codeList: json.codeList,
    };
    return detector;
  }
}
