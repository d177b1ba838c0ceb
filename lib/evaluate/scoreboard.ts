/**
 * One scoreboard of every model and named peer on the same folds: themes
 * (F1 micro/macro, precision, recall, per theme, and the calibration of
 * their probabilities) and the 16 soft-skill codes
 * per offer (the same, plus span F1 where a model gives spans), each with a
 * 95 % bootstrap interval, the paired difference to the best peer and to
 * today's default model. Fold schemes (see {@link SCHEMES}): grouped by ROME
 * family (the reference: each fold tests on families of occupations its
 * training never saw), grouped by ROME code, leave one collector out, IT
 * offers only to every other occupation, stratified; and optionally an
 * out-of-domain set in both directions: trained on every labelled offer
 * and tested on another corpus (e.g. the generator's offers against its
 * planted truth), and the reverse.
 *
 * @example
 * ```ts
 * import type { Offer } from "../corpus/mod.ts";
 * import type { LabelRecord } from "../labelling/mod.ts";
 * declare const offers: Offer[];
 * declare const records: LabelRecord[];
 * declare const collectors: any; // your data
 * const board = await scoreboard({ offers, records, collectors }, { folds: 5, schemes: ["family", "collector"] });
 * console.log(scoreboardMarkdown(board));
 * ```
 */
import { modelText, type Offer } from "../corpus/mod.ts";
import { type LabelRecord, labelWithRules } from "../labelling/mod.ts";
import { codesOf, PRESENT, presentSpans, SKILL_CODES, themeMatrix, THEMES } from "../base/mod.ts";
import {
  type CodeDecision,
  crossValidate,
  type Estimator,
  EvidenceLookup,
  SkillCodeModel,
  SoftSkillDetector,
  ThemeModel,
  ThemeStack,
} from "../train/mod.ts";
import {
  asSpans,
  Bootstrap,
  type Estimate,
  familyOf,
  formatEstimate,
  groupedFolds,
  iterativeStratifiedFolds,
  occupationOf,
  spanScores,
} from "../stats/mod.ts";
import { reliability } from "./calibration.ts";
import { seedPeerThemes } from "./seed_peer.ts";
import { type ModelAsAnnotator, modelAsAnnotator } from "./model_as_annotator.ts";
import { type LabelCurve, labelCurve, labelsToReach } from "./label_curve.ts";

export { familyOf, occupationOf };

/** Whether an offer is an IT one (ROME M18xx, the occupations the first reference labels came from). */
export const isIt = (offer: { rome: string | null }) => offer.rome?.startsWith("M18") ?? false;

/** The fold schemes, in display order, and what each tests. */
export const SCHEMES = {
  family:
    "folds grouped by ROME family (the code's letter; offers without a code by their title's first word): each tests on families its training never saw",
  grouped: "folds grouped by occupation (ROME code): each tests on occupations its training never saw",
  collector:
    "leave one collector out: trained on the offers every other collector gathered, tested on this one's",
  "it-to-others": "trained on the IT offers (ROME M18) only, tested on every other occupation",
  stratified: "iterative multi-label stratification over themes and codes",
} as const;

/** A fold scheme's name. */
export type SchemeName = keyof typeof SCHEMES;

/** Offers and their label records (same order; soft-skill spans located where the evidence was found). */
export interface LabelledSet {
  offers: Offer[];
  records: LabelRecord[];
  /** Who collected each offer (same order), for the leave-one-collector-out scheme. */
  collectors?: string[];
}

/** Options of {@link scoreboard}. */
export interface ScoreboardOptions {
  /** Folds of the family, grouped and stratified schemes. @default 5 */
  folds?: number;
  /** Bootstrap resamples. @default 1000 */
  resamples?: number;
  seed?: number;
  /** A second test set, scored by models trained on every labelled offer. */
  outOfDomain?: LabelledSet & { name: string; description?: string };
  /** Fold schemes to run; the first of family and grouped present is the reference. @default all of SCHEMES */
  schemes?: SchemeName[];
  /** Let the seed peer apt-get its packages when running as root. @default false */
  installPeer?: boolean;
  /** Every model of the project, or only today's defaults beside the peers (a quicker board). @default "all" */
  models?: "all" | "defaults";
  /** A second annotator's records of some of the labelled offers (matched by id): today's models are then scored as a third annotator on them ({@link modelAsAnnotator}). */
  second?: LabelRecord[];
  /** Shares of each reference training fold today's models are refitted on, to see whether more labels would help ({@link labelCurve}); none by default. */
  curve?: number[];
  /** Receives the reference folds (each offer's fold) and today's theme model fitted on each, by fold number, for analyses that would otherwise fit them again (the error analysis). */
  onReferenceThemeModels?: (models: ThemeStack[], folds: number[]) => void;
  /** Candidate theme models (levers) scored beside the fixed ones. */
  themeCandidates?: { name: string; model: () => Estimator<boolean[]> }[];
  onProgress?: (line: string) => void;
}

/** A paired difference of micro F1 (this row minus another model's) over the same resamples. */
export interface PairedDifference {
  model: string;
  difference: Estimate;
  /** Share of resamples where this row wins. */
  share: number;
}

/** One row of the scoreboard in one scheme. */
export interface ScoreRow {
  model: string;
  peer: boolean;
  microF1: Estimate;
  precision: Estimate;
  recall: Estimate;
  macroF1: Estimate;
  perClass: Record<string, Estimate & { support: number }>;
  /** Span F1 (overlap with a true span of the same code), for soft-skill models that give spans. */
  spanF1?: number;
  /** Themes: expected calibration error of the probabilities (all themes pooled, 10 bins) and the reliability bins; absent for models that give decisions only. */
  calibration?: { ece: number; bins: { meanProbability: number; positiveRate: number; count: number }[] };
  /** For the project's models: micro F1 minus the best peer's, paired over the same resamples. */
  vsBestPeer?: { peer: string; difference: Estimate; share: number };
  /** For every other row: micro F1 minus today's default model's ({@link DEFAULT_MODELS}), paired. */
  vsDefault?: PairedDifference;
}

/** The models `jobs train` writes by default, which every other row is compared with. */
export const DEFAULT_MODELS = {
  themes: "teacher + text stack (ThemeStack)",
  codes: "offer-level model (SkillCodeModel)",
} as const;

/** The scoreboard: per task and scheme, one row per model; what a scheme tests; peers that could not run. */
export interface Scoreboard {
  labelled: number;
  /** The scheme the best models are chosen on (family when run, else grouped). */
  reference: "family" | "grouped";
  schemes: { name: string; description: string; tested: number }[];
  themes: Record<string, ScoreRow[]>;
  codes: Record<string, ScoreRow[]>;
  /** Peers and schemes that could not run, with the reason. */
  skipped: string[];
  /** Two annotators' agreement on the offers both labelled (any confidence), where a second annotator's file is given. */
  ceiling?: ReturnType<typeof annotatorAgreement>;
  /** Today's models as a third annotator on the reference folds' offers a second annotator also labelled (their held-out decisions), where one was given. */
  asAnnotator?: { themes: ModelAsAnnotator; codes: ModelAsAnnotator };
  /** Today's models refitted on shares of each reference training fold, where asked (`curve`). */
  curve?: { themes: LabelCurve; codes: LabelCurve };
  /** Today's theme model on the reference folds: the expected calibration error of its probabilities within each ROME family (all themes pooled, 10 bins). */
  calibrationByFamily: { family: string; offers: number; ece: number }[];
  /** Best non-peer model per task by the reference scheme's micro F1, and whether it beats every peer there. */
  best: { themes: { model: string; beatsPeers: boolean }; codes: { model: string; beatsPeers: boolean } };
}

/**
 * A model or peer of the board: an estimator trained on each fold, or a
 * peer that learns nothing (`run`, giving its probabilities and decisions).
 */
interface Variant<P> {
  name: string;
  peer: boolean;
  model?: () => Estimator<P>;
  run?: (test: Offer[]) => { probabilities: number[][]; predictions: P[] };
}

/** The rule teacher's records of offers, each read once. */
const teacherRecords = (offers: Offer[]) => offers.map((o) => labelWithRules(o).record);

const themeVariants: Variant<boolean[]>[] = [
  {
    name: "rule teacher",
    peer: true,
    run: (test) => {
      const probabilities = teacherRecords(test).map((r) => THEMES.map((t) => r.themes[t] / 100));
      return { probabilities, predictions: probabilities.map((p) => p.map((x) => x >= 0.5)) };
    },
  },
  // words only: the text model inside the stack (character n-grams cost four times the time there for no gain on grouped folds)
  {
    name: "TF-IDF words + logistic (ThemeModel)",
    peer: false,
    model: () => new ThemeModel({ seed: 42, charNgrams: null }),
  },
  {
    name: "stack on whole offers only (before sentences)",
    peer: false,
    model: () => new ThemeStack({ sentences: false }),
  },
  { name: DEFAULT_MODELS.themes, peer: false, model: () => new ThemeStack() },
];

const codeVariants: Variant<CodeDecision[]>[] = [
  {
    name: "rule teacher",
    peer: true,
    run: (test) => ({
      probabilities: [],
      predictions: teacherRecords(test).map((r) =>
        r.soft_skills.filter((s) => s.confidence >= PRESENT).map((s) => ({
          code_ogr: s.code_ogr,
          start: s.start ?? null,
          end: s.end ?? null,
          score: s.confidence / 100,
        }))
      ),
    }),
  },
  { name: "evidence lookup", peer: true, model: () => new EvidenceLookup() },
  { name: "span detector (SoftSkillDetector)", peer: false, model: () => new SoftSkillDetector() },
  { name: DEFAULT_MODELS.codes, peer: false, model: () => new SkillCodeModel() },
];

const codeMatrix = (decisions: CodeDecision[][]) =>
  decisions.map((d) => {
    const set = new Set(d.map((x) => x.code_ogr));
    return SKILL_CODES.map((c) => set.has(c));
  });

/**
 * A scheme's folds: fold numbers per offer, -1 for offers it trains on but
 * never tests; or the reason it cannot run.
 *
 * @example
 * ```ts
 * declare const set: any; // your data
 * const folds = schemeFolds("family", set, 5, 42); // [0, 3, 1, ...] or "3 ROME families cannot fill 5 folds"
 * ```
 */
export function schemeFolds(name: SchemeName, set: LabelledSet, k: number, seed: number): number[] | string {
  const n = set.offers.length;
  const grouped = (groups: string[], what: string) =>
    new Set(groups).size >= k
      ? groupedFolds(groups, k, seed)
      : `${new Set(groups).size} ${what} cannot fill ${k} folds`;
  switch (name) {
    case "family":
      return grouped(set.offers.map(familyOf), "ROME families");
    case "grouped":
      return grouped(set.offers.map(occupationOf), "occupations");
    case "stratified":
      return iterativeStratifiedFolds(
        themeMatrix(set.records).map((y, i) => [...y, ...codesOf(set.records[i])]),
        k,
        seed,
      );
    case "collector": {
      if (!set.collectors) return "the offers' collectors are not given";
      const names = [...new Set(set.collectors)].sort();
      return names.length >= 2
        ? set.collectors.map((c) => names.indexOf(c))
        : `one collector only (${names[0]})`;
    }
    case "it-to-others": {
      const it = set.offers.filter(isIt).length;
      return it >= 20 && n - it >= 20
        ? set.offers.map((o) => (isIt(o) ? -1 : 0))
        : `${it} IT offers and ${n - it} others: at least 20 of each are needed`;
    }
  }
}

const pick = <T>(rows: T[], indices: number[]) => indices.map((i) => rows[i]);

/** Expected calibration error within each ROME family (all themes pooled), largest family first. */
function eceByFamily(offers: Offer[], probabilities: number[][], truth: boolean[][]) {
  const members = new Map<string, number[]>();
  offers.forEach((o, i) => members.set(familyOf(o), [...(members.get(familyOf(o)) ?? []), i]));
  return [...members].map(([family, rows]) => ({
    family,
    offers: rows.length,
    ece: reliability(rows.flatMap((i) => probabilities[i]), rows.flatMap((i) => truth[i]), 10).ece,
  }))
    .sort((a, b) => b.offers - a.offers || a.family.localeCompare(b.family));
}

/** Runs every variant and peer on every scheme (see the module doc). */
export async function scoreboard(set: LabelledSet, options: ScoreboardOptions = {}): Promise<Scoreboard> {
  const k = options.folds ?? 5, seed = options.seed ?? 42, resamples = options.resamples ?? 1000;
  const log = options.onProgress ?? (() => {});
  const wanted = options.schemes ?? (Object.keys(SCHEMES) as SchemeName[]);
  for (const w of wanted) {
    if (!(w in SCHEMES)) {
      throw new Error(`unknown scheme ${w}: known are ${Object.keys(SCHEMES).join(", ")}`);
    }
  }
  const reference = (["family", "grouped"] as const).find((s) => wanted.includes(s));
  if (!reference) {
    throw new Error("the family or grouped scheme is the scoreboard's reference: give one of them");
  }
  const skipped: string[] = [];
  type Scheme = {
    name: string;
    description: string;
    folds?: number[];
    tested: number[];
    train?: LabelledSet;
    test: LabelledSet;
  };
  const schemes: Scheme[] = [];
  for (const name of (Object.keys(SCHEMES) as SchemeName[]).filter((s) => wanted.includes(s))) {
    const folds = schemeFolds(name, set, k, seed);
    if (typeof folds === "string") {
      if (name === reference) throw new Error(`the reference scheme ${name} cannot run: ${folds}`);
      skipped.push(`scheme ${name}: ${folds}`);
      continue;
    }
    const tested = folds.flatMap((f, i) => (f >= 0 ? [i] : []));
    const test = { offers: pick(set.offers, tested), records: pick(set.records, tested) };
    const count = name === "collector"
      ? `${new Set(set.collectors).size} collectors`
      : name === "it-to-others"
      ? `${set.offers.length - tested.length} IT offers`
      : `${k} folds`;
    schemes.push({ name, description: `${count}; ${SCHEMES[name]}`, folds, tested, test });
  }
  if (options.outOfDomain) {
    const other = options.outOfDomain, what = other.description ?? `offers of ${other.name}`;
    const all = [...other.offers.keys()];
    schemes.push(
      {
        name: other.name,
        description:
          `trained on all ${set.offers.length} labelled offers, tested on ${other.offers.length} ${what}`,
        tested: all,
        test: other,
      },
      {
        name: `${other.name} → labelled`,
        description:
          `the reverse: trained on ${other.offers.length} ${what}, tested on the ${set.offers.length} labelled offers`,
        tested: [...set.offers.keys()],
        train: other,
        test: set,
      },
    );
  }
  const predict = async <P>(
    v: Variant<P>,
    scheme: Scheme,
    probabilities: boolean,
    keep?: (models: Estimator<P>[]) => void,
  ) => {
    const started = performance.now();
    let out: { probabilities: number[][]; predictions: P[] };
    if (v.run) out = v.run(scheme.test.offers);
    else if (scheme.folds) {
      const cv = await crossValidate(v.model!(), { offers: set.offers, labels: set.records }, scheme.folds, {
        probabilities,
        keepModels: keep !== undefined,
      });
      keep?.(cv.models!);
      out = {
        probabilities: probabilities ? pick(cv.probabilities, scheme.tested) : [],
        predictions: pick(cv.predictions, scheme.tested),
      };
    } else {
      const train = scheme.train ?? set;
      const fitted = await v.model!().fit(train.offers, train.records);
      const p = probabilities ? fitted.predictProba(scheme.test.offers) : [];
      out = {
        probabilities: p,
        predictions: fitted.decide ? fitted.decide(p) : fitted.predict(scheme.test.offers),
      };
    }
    log(`[evaluate] ${scheme.name}: ${v.name} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return out;
  };
  const themeY = themeMatrix(set.records);
  // the seed peer: on fold schemes where every offer is tested, and trained on every labelled offer for the out-of-domain set
  const peerSchemes = schemes.filter((s) => s.folds && s.tested.length === set.offers.length);
  const peer = await seedPeerThemes(
    set.offers.map(modelText),
    themeY,
    Object.fromEntries(peerSchemes.map((s) => [s.name, s.folds!])),
    Object.fromEntries(
      schemes.filter((s) => !s.folds && !s.train).map((s) => [s.name, s.test.offers.map(modelText)]),
    ),
    { install: options.installPeer ?? false },
  );
  if ("skipped" in peer) skipped.push(`seed TF-IDF + XGBoost: ${peer.skipped}`);
  const board: Scoreboard = {
    labelled: set.offers.length,
    reference,
    schemes: [],
    themes: {},
    codes: {},
    skipped,
    calibrationByFamily: [],
    best: { themes: { model: "", beatsPeers: false }, codes: { model: "", beatsPeers: false } },
  };
  const kept = <P>(v: Variant<P>) =>
    options.models !== "defaults" || v.peer || v.name === DEFAULT_MODELS.themes ||
    v.name === DEFAULT_MODELS.codes;
  const themeModels = [
    ...themeVariants.filter(kept),
    ...(options.themeCandidates ?? []).map((c) => ({ ...c, peer: false })),
  ];
  const codeModels = codeVariants.filter(kept);
  // today's models' held-out decisions on the reference folds (every offer, in set order: those folds test them all)
  const todays: { themes?: boolean[][]; codes?: boolean[][] } = {};
  for (const scheme of schemes) {
    const boot = new Bootstrap(scheme.test.offers.length, resamples, seed);
    board.schemes.push({
      name: scheme.name,
      description: scheme.description,
      tested: scheme.test.offers.length,
    });
    const row = (
      model: string,
      isPeer: boolean,
      truth: boolean[][],
      predicted: boolean[][],
      labels: readonly string[],
    ) => {
      const s = boot.scores(truth, predicted, labels);
      return {
        row: {
          model,
          peer: isPeer,
          microF1: s.micro.f1,
          precision: s.micro.precision,
          recall: s.micro.recall,
          macroF1: s.macro.f1,
          perClass: s.perClass,
        } as ScoreRow,
        s,
      };
    };
    const compare = (rows: { row: ScoreRow; s: ReturnType<Bootstrap["scores"]> }[], defaultModel: string) => {
      const peers = rows.filter((r) => r.row.peer).sort((a, b) => b.row.microF1.value - a.row.microF1.value);
      const today = rows.find((r) => r.row.model === defaultModel);
      for (const r of rows) {
        if (!r.row.peer && peers.length) {
          const d = boot.difference(r.s, peers[0].s);
          r.row.vsBestPeer = {
            peer: peers[0].row.model,
            difference: { value: d.value, interval: d.interval },
            share: d.aWins,
          };
        }
        if (today && r !== today) {
          const d = boot.difference(r.s, today.s);
          r.row.vsDefault = {
            model: defaultModel,
            difference: { value: d.value, interval: d.interval },
            share: d.aWins,
          };
        }
      }
      return rows.map((r) => r.row);
    };
    const truthThemes = themeMatrix(scheme.test.records);
    const themeRows = [];
    for (const v of themeModels) {
      const today = scheme.name === reference && v.name === DEFAULT_MODELS.themes;
      const keep = today && options.onReferenceThemeModels;
      const out = await predict(
        v,
        scheme,
        true,
        keep ? (m) => keep(m as ThemeStack[], scheme.folds!) : undefined,
      );
      const r = row(v.name, v.peer, truthThemes, out.predictions, THEMES);
      const { ece, bins } = reliability(out.probabilities.flat(), truthThemes.flat(), 10);
      r.row.calibration = {
        ece,
        bins: bins.map((b) => ({
          meanProbability: b.meanProbability,
          positiveRate: b.positiveRate,
          count: b.count,
        })),
      };
      if (today) {
        board.calibrationByFamily = eceByFamily(scheme.test.offers, out.probabilities, truthThemes);
        todays.themes = out.predictions;
      }
      themeRows.push(r);
    }
    const decided = "skipped" in peer
      ? undefined
      : scheme.folds
      ? peer.schemes[scheme.name]
      : peer.external[scheme.name];
    if (decided) themeRows.push(row("seed TF-IDF + XGBoost", true, truthThemes, decided, THEMES)); // the seed peer trains on the labelled offers only
    board.themes[scheme.name] = compare(themeRows, DEFAULT_MODELS.themes);
    const truthCodes = scheme.test.records.map(codesOf);
    const spansTrue = scheme.test.records.map((r) => asSpans(presentSpans(r)));
    const codeRows = [];
    for (const v of codeModels) {
      const decisions = (await predict(v, scheme, false)).predictions;
      const r = row(v.name, v.peer, truthCodes, codeMatrix(decisions), SKILL_CODES);
      if (scheme.name === reference && v.name === DEFAULT_MODELS.codes) {
        todays.codes = codeMatrix(decisions);
      }
      r.row.spanF1 = spanScores(spansTrue, decisions.map(asSpans)).f1;
      codeRows.push(r);
    }
    board.codes[scheme.name] = compare(codeRows, DEFAULT_MODELS.codes);
  }
  for (const task of ["themes", "codes"] as const) {
    const rows = board[task][reference];
    const models = rows.filter((r) => !r.peer).sort((a, b) => b.microF1.value - a.microF1.value);
    const bestPeer = Math.max(...rows.filter((r) => r.peer).map((r) => r.microF1.value));
    board.best[task] = { model: models[0].model, beatsPeers: models[0].microF1.value > bestPeer };
  }
  if (options.second && todays.themes && todays.codes) {
    const secondById = new Map(options.second.map((r) => [r.id, r]));
    const both = set.records.flatMap((r, i) => (secondById.has(r.id) ? [i] : []));
    if (both.length) {
      const firsts = pick(set.records, both), seconds = firsts.map((r) => secondById.get(r.id)!);
      board.asAnnotator = {
        themes: modelAsAnnotator(
          themeMatrix(firsts),
          themeMatrix(seconds),
          pick(todays.themes, both),
          THEMES,
          resamples,
          seed,
        ),
        codes: modelAsAnnotator(
          firsts.map(codesOf),
          seconds.map(codesOf),
          pick(todays.codes, both),
          SKILL_CODES,
          resamples,
          seed,
        ),
      };
    }
  }
  if (options.curve?.length && todays.themes && todays.codes) {
    const data = { offers: set.offers, labels: set.records };
    const folds = schemes.find((s) => s.name === reference)!.folds!;
    const common = { shares: options.curve, resamples, seed, onProgress: log };
    const today = <P>(variants: Variant<P>[], name: string) => variants.find((v) => v.name === name)!.model!;
    board.curve = {
      themes: await labelCurve(data, folds, today(themeVariants, DEFAULT_MODELS.themes), {
        ...common,
        truth: themeY,
        classes: THEMES,
        decisions: (p) => p,
        all: todays.themes,
      }),
      codes: await labelCurve(data, folds, today(codeVariants, DEFAULT_MODELS.codes), {
        ...common,
        truth: set.records.map(codesOf),
        classes: SKILL_CODES,
        decisions: codeMatrix,
        all: todays.codes,
      }),
    };
  }
  return board;
}

/** The tasks of a scoreboard and their titles. */
export const SCOREBOARD_TASKS = [["themes", "Themes (6, offer level)"], [
  "codes",
  "Soft-skill codes per offer (16 ROME savoirs-être)",
]] as const;

/**
 * One task and scheme of the scoreboard as display rows (estimates written
 * "value [low, high]"), for tables in notebooks and Markdown.
 *
 * @example
 * ```ts
 * import { table } from "../report/mod.ts";
 * declare const board: any; // your data
 * table(scoreboardRows(board, "codes", "grouped"), { caption: "Soft-skill codes, grouped folds" });
 * ```
 */
export function scoreboardRows(
  board: Scoreboard,
  task: "themes" | "codes",
  scheme: string,
): Record<string, string>[] {
  return board[task][scheme].map((r) => ({
    model: r.model,
    "F1 micro [95 % CI]": formatEstimate(r.microF1),
    precision: r.precision.value.toFixed(3),
    recall: r.recall.value.toFixed(3),
    "F1 macro [95 % CI]": formatEstimate(r.macroF1),
    ...(task === "codes"
      ? { "span F1": r.spanF1?.toFixed(3) ?? "" }
      : { ECE: r.calibration ? r.calibration.ece.toFixed(3) : "" }),
    "vs best peer (paired)": r.vsBestPeer
      ? `${signed(r.vsBestPeer.difference)} vs ${r.vsBestPeer.peer}`
      : "(peer)",
    "vs today's model (paired)": r.vsDefault
      ? signed(r.vsDefault.difference)
      : r.model === DEFAULT_MODELS[task]
      ? "(today's model)"
      : "",
  }));
}

const signed = (e: Estimate) => formatEstimate(e, { signed: true });

/**
 * One task and scheme per class: each class's support and every model's F1
 * on it with its interval, for finding where a model fails; for themes, the
 * second annotators' agreement with the first on each theme where it was
 * measured (how noisy that theme's labels are).
 *
 * @example
 * ```ts
 * import { table } from "../report/mod.ts";
 * declare const board: any; // your data
 * table(perClassRows(board, "themes", board.reference), { caption: "F1 per theme, family folds" });
 * ```
 */
export function perClassRows(
  board: Scoreboard,
  task: "themes" | "codes",
  scheme: string,
): Record<string, string | number>[] {
  const rows = board[task][scheme];
  const classes = Object.keys(rows[0].perClass);
  const ceiling = task === "themes" ? board.ceiling?.perTheme : undefined;
  return classes.map((c) => ({
    [task === "themes" ? "theme" : "code"]: c,
    support: rows[0].perClass[c].support,
    ...Object.fromEntries(rows.map((r) => [r.model, formatEstimate(r.perClass[c])])),
    ...(ceiling
      ? { "second annotator vs first (ceiling)": ceiling[c] ? formatEstimate(ceiling[c]) : "" }
      : {}),
  }));
}

/**
 * Rows as a Markdown table: the first row's keys are the columns, `right`
 * the ones aligned right; pipes and line breaks inside cells are escaped.
 *
 * @example
 * ```ts
 * markdownTable([{ model: "a", F1: "0.8" }], ["F1"]); // "| model | F1 |\n|---|---:|\n| a | 0.8 |"
 * ```
 */
export function markdownTable(rows: Record<string, string | number>[], right: string[] = []): string {
  if (!rows.length) return "(none)";
  const keys = Object.keys(rows[0]),
    cell = (v: string | number) => String(v).replace(/\|/g, "\\|").replace(/\n/g, " ");
  return [
    `| ${keys.join(" | ")} |`,
    `|${keys.map((k) => (right.includes(k) ? "---:" : "---")).join("|")}|`,
    ...rows.map((r) => `| ${keys.map((k) => cell(r[k] ?? "")).join(" | ")} |`),
  ].join("\n");
}

/** The scoreboard as Markdown tables, one per task and scheme. */
export function scoreboardMarkdown(board: Scoreboard): string {
  const lines: string[] = [];
  for (const [task, title] of SCOREBOARD_TASKS) {
    for (const scheme of board.schemes) {
      const rows = scoreboardRows(board, task, scheme.name);
      lines.push(
        `### ${title}: ${scheme.name} (${scheme.tested} offers; ${scheme.description})`,
        "",
        markdownTable(rows, ["precision", "recall", "span F1", "ECE"]),
        "",
      );
      if (scheme.name !== board.reference) continue;
      lines.push(
        `F1 per ${task === "themes" ? "theme" : "code"} [95 % CI], ${scheme.name} folds:`,
        "",
        markdownTable(perClassRows(board, task, scheme.name), ["support"]),
        "",
      );
    }
  }
  if (board.calibrationByFamily.length) {
    lines.push(
      `Calibration of ${DEFAULT_MODELS.themes} per ROME family (${board.reference} folds, families of at least 20 offers):`,
      "",
    );
    lines.push(
      markdownTable(
        board.calibrationByFamily.filter((f) => f.offers >= 20).map((f) => ({
          family: f.family,
          offers: f.offers,
          ECE: f.ece.toFixed(3),
        })),
        ["offers", "ECE"],
      ),
      "",
    );
  }
  for (const s of board.skipped) lines.push(`Not run: ${s}`, "");
  if (board.ceiling) lines.push(ceilingLine(board.ceiling), "");
  if (board.asAnnotator) lines.push(asAnnotatorLine(board.asAnnotator, board.reference), "");
  if (board.curve) lines.push(curveLine(board), "");
  lines.push(bestLine(board));
  return lines.join("\n");
}

/** The agreement ceiling in one sentence. */
export function ceilingLine(c: NonNullable<Scoreboard["ceiling"]>): string {
  return `Ceiling: on ${c.offers} offers labelled by two LLM annotators (any confidence), the second agrees with the first at themes F1 micro ${
    formatEstimate(c.themes)
  }, soft-skill codes ${formatEstimate(c.codes)}.`;
}

/**
 * Today's models as a third annotator ({@link Scoreboard.asAnnotator}) in one sentence.
 *
 * @example
 * ```ts
 * declare const board: any; // a Scoreboard with asAnnotator
 * asAnnotatorLine(board.asAnnotator, board.reference); // "Today's models as a third annotator, on the 116 offers of the family folds ..."
 * ```
 */
export function asAnnotatorLine(a: NonNullable<Scoreboard["asAnnotator"]>, reference: string): string {
  const task = (r: ModelAsAnnotator) =>
    `agree with the first annotator at ${formatEstimate(r.modelVsFirst)} and with the second at ${
      formatEstimate(r.modelVsSecond)
    }, where the annotators agree at ${formatEstimate(r.secondVsFirst)} (paired gaps ${
      signed(r.gapToFirst)
    } and ${signed(r.gapToSecond)})`;
  return `Today's models as a third annotator, on the ${a.themes.offers} offers of the ${reference} folds that a second annotator also labelled (held-out decisions, F1 micro): themes ${
    task(a.themes)
  }; soft-skill codes ${task(a.codes)}.`;
}

/**
 * The label curve ({@link Scoreboard.curve}) in one sentence: each task's F1
 * micro at each share, what the last doubling of the labels bought, and the
 * labels the annotators' own agreement on the sure offers would take at that
 * rate (where a second annotator was scored).
 *
 * @example
 * ```ts
 * declare const board: any; // a Scoreboard with curve
 * curveLine(board); // "More labels of the same kind (...): themes F1 micro 0.807 [0.797, 0.816] with 352 labels, ...; the last doubling bought +0.015 [0.009, 0.021]; ..."
 * ```
 */
export function curveLine(board: Scoreboard): string {
  const task = (name: "themes" | "codes") => {
    const c = board.curve![name], ceiling = board.asAnnotator?.[name].secondVsFirst.value;
    const reach = ceiling === undefined ? null : labelsToReach(c, ceiling);
    return `${name === "themes" ? "themes" : "soft-skill codes"} F1 micro ${
      c.points.map((p) => `${formatEstimate(p.microF1)} with ${p.labels.toLocaleString("en")} labels`).join(
        ", ",
      )
    }; the last doubling bought ${signed(c.perDoubling)}${
      ceiling === undefined
        ? ""
        : reach === null
        ? `, so more labels of this kind will not reach the annotators' agreement (${ceiling.toFixed(3)})`
        : `; were every doubling to buy as much (curves flatten: they buy less), the annotators' agreement (${
          ceiling.toFixed(3)
        }) would take about ${Number(reach.toPrecision(2)).toLocaleString("en")} labels`
    }`;
  };
  return `More labels of the same kind (today's models refitted on nested shares of each ${board.reference} training fold, tested on the same held-out offers): ${
    task("themes")
  }; ${task("codes")}.`;
}

/** Which models are best on the reference folds, in one sentence. */
export function bestLine(board: Scoreboard): string {
  const says = (b: { model: string; beatsPeers: boolean }) =>
    `${b.model} (${b.beatsPeers ? "beats" : "does not beat"} every peer)`;
  return `Best on the ${board.reference} folds: themes ${says(board.best.themes)}; soft-skill codes ${
    says(board.best.codes)
  }.`;
}

/** How far two annotators agree on the offers both labelled: the second scored against the first, as a ceiling for any model. */
export function annotatorAgreement(first: LabelRecord[], second: LabelRecord[], resamples = 1000, seed = 42) {
  const byId = new Map(second.map((r) => [r.id, r]));
  const pairs = first.filter((r) => byId.has(r.id)).map((r) => [r, byId.get(r.id)!] as const);
  if (pairs.length === 0) return null;
  const boot = new Bootstrap(pairs.length, resamples, seed);
  const themes = boot.scores(
    themeMatrix(pairs.map(([a]) => a)),
    themeMatrix(pairs.map(([, b]) => b)),
    THEMES,
  );
  const codes = boot.scores(pairs.map(([a]) => codesOf(a)), pairs.map(([, b]) => codesOf(b)), SKILL_CODES);
  // per theme: how noisy each theme's labels are (a model cannot agree with the first annotator more than a second one does)
  return { offers: pairs.length, themes: themes.micro.f1, codes: codes.micro.f1, perTheme: themes.perClass };
}

/** The reference folds' figures worth quoting: each task's best model and best peer, micro F1 with intervals. */
export function scoreboardSummary(board: Scoreboard) {
  const pick = (task: "themes" | "codes") => {
    const rows = board[task][board.reference];
    const best = rows.find((r) => r.model === board.best[task].model)!;
    const peer = rows.filter((r) => r.peer).sort((a, b) => b.microF1.value - a.microF1.value)[0];
    return {
      model: best.model,
      f1_micro: best.microF1,
      f1_macro: best.macroF1,
      best_peer: peer.model,
      best_peer_f1_micro: peer.microF1,
      difference: best.vsBestPeer?.difference ?? null,
    };
  };
  return {
    labelled: board.labelled,
    reference: board.reference,
    themes: pick("themes"),
    codes: pick("codes"),
    ceiling: board.ceiling ?? null,
    as_annotator: board.asAnnotator ?? null,
    label_curve: board.curve ?? null,
    skipped: board.skipped,
  };
}

/**
 * The reliability diagram of each theme model that gives probabilities in a
 * scheme, as curve series (non-empty bins; a dotted diagonal for perfect
 * calibration), for `curves` in lib/report/figures.ts.
 *
 * @example
 * ```ts
 * import { curves } from "../report/mod.ts";
 * declare const board: any; // your data
 * curves({ title: "Reliability", series: calibrationSeries(board, "grouped") });
 * ```
 */
export function calibrationSeries(
  board: Scoreboard,
  scheme: string,
): { name: string; x: number[]; y: number[]; dash?: string }[] {
  return [
    ...board.themes[scheme].flatMap((r) => {
      if (!r.calibration) return [];
      const bins = r.calibration.bins.filter((b) => b.count > 0);
      return [{
        name: `${r.model} (ECE ${r.calibration.ece.toFixed(3)})`,
        x: bins.map((b) => b.meanProbability),
        y: bins.map((b) => b.positiveRate),
      }];
    }),
    { name: "perfectly calibrated", x: [0, 1], y: [0, 1], dash: "dot" },
  ];
}
