/**
 * Where a page's numbers come from, said at the top of the page and on the
 * index: findings on a researcher's base (its file, offers, date range,
 * reposts set aside), or a method check on the generated corpus, whose
 * answers were planted and whose phrasings the rule teacher knows.
 *
 * @example
 * ```ts
 * import { provenanceBanner, provenanceOf } from "./provenance.ts";
 * import { show } from "./display.ts";
 * import { recordMetrics } from "./metrics.ts";
 * const p = provenanceOf({ generated: false, source: "jocas.csv", dates: ["2024-01-05", "2024-03-30"], repeated: 12 });
 * await show(provenanceBanner(p)); // "Findings on jocas.csv: 2 offers, 2024-01 to 2024-03, ..."
 * recordMetrics("01_descriptive_stats", { data: p, headline: "…" });
 * ```
 */
import { Html } from "./display.ts";
import { escapeHtml } from "./tables.ts";

/** What a stage's numbers are about. */
export interface Provenance {
  kind: "findings" | "method check";
  source: string;
  /** Offers analysed (after reposts were set aside). */
  offers: number;
  /** Reposts set aside (a text already seen). */
  repeated: number;
  /** First and last month with a dated offer. */
  first: string | null;
  last: string | null;
}

/** The provenance of a set of offers; `dates` are ISO dates or months, null when unknown. */
export function provenanceOf(
  o: { generated: boolean; source: string; dates: Iterable<string | null>; repeated?: number },
): Provenance {
  let first: string | null = null, last: string | null = null, offers = 0;
  for (const d of o.dates) {
    offers++;
    if (!d) continue;
    const month = d.slice(0, 7);
    if (first === null || month < first) first = month;
    if (last === null || month > last) last = month;
  }
  return {
    kind: o.generated ? "method check" : "findings",
    source: o.source,
    offers,
    repeated: o.repeated ?? 0,
    first,
    last,
  };
}

/** The provenance of a run's corpus (see openRunCorpus). */
export function runProvenance(
  corpus: { generated: boolean; source: string; offers: { date: string | null }[]; repeated: number },
): Provenance {
  return provenanceOf({
    generated: corpus.generated,
    source: corpus.source,
    dates: corpus.offers.map((o) => o.date),
    repeated: corpus.repeated,
  });
}

/** One sentence: "Findings on x: n offers, a to b, r reposts set aside." */
export function provenanceText(p: Provenance): string {
  const range = p.first ? `${p.first} to ${p.last}` : "no dates";
  const reposts = p.repeated
    ? `, ${p.repeated.toLocaleString("en")} reposts of a text already seen set aside`
    : "";
  const body = `${p.offers.toLocaleString("en")} offers, ${range}${reposts}`;
  return p.kind === "findings"
    ? `Findings on ${p.source}: ${body}.`
    : `Method check on the ${p.source}: ${body}. Its answers were planted by the generator, whose phrasings the rule ` +
      "teacher knows, so scores here flatter every model; findings about the labour market come from a real base (JOBS_DATA).";
}

/** The banner at the top of a page. */
export function provenanceBanner(p: Provenance): Html {
  const style = p.kind === "findings"
    ? "background:#dafbe1;border-left:4px solid #1a7f37"
    : "background:#fff8c5;border-left:4px solid #9a6700";
  return new Html(
    `<div class="jobs-provenance" style="${style};padding:8px 12px;margin:8px 0"><strong>${
      p.kind === "findings" ? "Findings" : "Method check"
    }.</strong> ${escapeHtml(provenanceText(p).replace(/^(Findings|Method check) on /, "On "))}</div>`,
    provenanceText(p),
  );
}

/** The provenances a stage recorded in its metrics (`data`, then `real_data`). */
export function recordedProvenance(m: Record<string, unknown> | undefined): Provenance[] {
  return [m?.data, m?.real_data].filter((d): d is Provenance => !!d && typeof d === "object" && "kind" in d);
}

/**
 * A rendered page with its provenance banners (from the `data` and
 * `real_data` its notebook recorded) placed under its title; the page
 * unchanged when it recorded none.
 *
 * @example
 * ```ts
 * declare const p: any; // your data
 * stampProvenance("<h1>Stage 1</h1><p>...", { data: p }); // "<h1>Stage 1</h1><div class=\"jobs-provenance\"..."
 * ```
 */
export function stampProvenance(page: string, metrics: Record<string, unknown> | undefined): string {
  const banners = recordedProvenance(metrics).map((p) => provenanceBanner(p).html).join("");
  const at = page.indexOf("</h1>");
  if (!banners || page.includes('class="jobs-provenance"')) return page;
  return at < 0
    ? page.replace(/<body[^>]*>/, (b) => b + banners)
    : page.slice(0, at + 5) + banners + page.slice(at + 5);
}

/**
 * The index's "What the numbers are about" section: the stages grouped by
 * provenance (findings on each base, then method checks), from the `data`
 * each stage recorded in its metrics; empty when none recorded any.
 */
export function provenanceSection(metrics: Record<string, Record<string, unknown>>): string {
  const groups = new Map<string, { p: Provenance; stages: string[] }>();
  for (const [notebook, m] of Object.entries(metrics).sort(([a], [b]) => a.localeCompare(b))) {
    for (const p of recordedProvenance(m)) {
      const key = `${p.kind}|${p.source}`;
      const g = groups.get(key) ?? { p, stages: [] };
      g.stages.push(stageNumber(notebook));
      groups.set(key, g);
    }
  }
  if (!groups.size) return "";
  const ordered = [...groups.values()].sort((
    a,
    b,
  ) => (a.p.kind === b.p.kind ? 0 : a.p.kind === "findings" ? -1 : 1));
  const items = ordered.map((g) => {
    const range = g.p.first ? `, offers from ${g.p.first} to ${g.p.last}` : "";
    const what = g.p.kind === "findings" ? "Findings" : "Method check";
    const why = g.p.kind === "findings"
      ? ""
      : ": answers planted by the generator, scores flatter every model";
    return `<li><strong>${what}</strong> (stages ${[...new Set(g.stages)].join(", ")}): on ${
      escapeHtml(g.p.source)
    }${range}${why}</li>`;
  });
  return `<h2>What the numbers are about</h2><ul class="jobs-provenance-list">${items.join("")}</ul>`;
}

/** "09_economic_analysis" → "9". */
export function stageNumber(notebook: string): string {
  return notebook.slice(0, 2).replace(/^0/, "");
}
