/**
 * The economic reading of stage 9 in prose, written from the computed
 * results (every number in it comes from the arguments), so the report's
 * text can never disagree with its tables.
 *
 * @example
 * ```ts
 * import { economicReading } from "./reading.ts";
 * declare const covid: any; // your data
 * declare const sectors: any; // your data
 * declare const regions: any; // your data
 * declare const sectorNames: any; // your data
 * economicReading({ label: "work-life balance", covid, sectors, regions, sectorNames });
 * ```
 */
import type { beforeAfter, BreakCoverage } from "./covid.ts";

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const pp = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(100 * x).toFixed(1)} points`;
const ci = (c: [number, number]) => `95 % interval ${pp(c[0])} to ${pp(c[1])}`;

/** What {@link economicReading} reads. */
export interface ReadingInput {
  /** The theme in words ("work-life balance"). */
  label: string;
  /** The before/after comparison; null when the base does not span the break (`coverage` says why). */
  covid: ReturnType<typeof beforeAfter> | null;
  coverage?: BreakCoverage;
  /** The share over the whole base, raw and corrected (read when there is no before/after comparison). */
  overall?: { n: number; share: number; corrected: number | null };
  /** What the numbers rest on (label source, sure labels, validation), appended as the last sentence. */
  limits?: string;
  /** Shares by sector and by région (largest groups first), "unknown" ignored. */
  sectors: { group: string; n: number; share: number }[];
  regions: { group: string; n: number; share: number }[];
  /** Names of sector codes, for the prose. */
  sectorNames?: Record<string, string>;
  /** The generator's planted difference, when the base is generated. */
  planted?: number;
}

/** One paragraph of economic reading; see the module doc. */
export function economicReading(r: ReadingInput): string {
  const parts = r.covid ? covidSentences(r, r.covid) : levelSentences(r);
  parts.push(...groupSentences(r));
  if (r.limits) parts.push(r.limits);
  return parts.join(" ");
}

function levelSentences(r: ReadingInput): string[] {
  const o = r.overall;
  const range = r.coverage?.firstMonth ? ` from ${r.coverage.firstMonth} to ${r.coverage.lastMonth}` : "";
  const parts = o
    ? [
      `${pct(o.share)} of the ${o.n.toLocaleString("en")} offers${range} mention ${r.label}` +
      (o.corrected !== null && Number.isFinite(o.corrected)
        ? ` (${pct(o.corrected)} once corrected for the classifier's precision and recall).`
        : "."),
    ]
    : [];
  if (r.coverage && !r.coverage.testable) {
    parts.push(`No before/after-Covid comparison: ${r.coverage.reason}.`);
  }
  return parts;
}

function covidSentences(r: ReadingInput, c: ReturnType<typeof beforeAfter>): string[] {
  const main = c.corrected ?? null;
  const parts: string[] = [];
  parts.push(
    `Before ${c.breakMonth}, ${pct(c.before.value)} of the ${
      c.n.before.toLocaleString("en")
    } dated offers mention ${r.label}` +
      (main ? ` (${pct(main.before.value)} once corrected for the classifier's precision and recall)` : "") +
      `; from ${c.breakMonth} on, ${pct(c.after.value)} of ${c.n.after.toLocaleString("en")}` +
      (main ? ` (corrected ${pct(main.after.value)})` : "") + ".",
  );
  const diff = main ? main.raw : c.raw;
  const adjusted = main ? main.adjusted : c.adjusted;
  const significant = diff.interval[0] > 0 || diff.interval[1] < 0;
  parts.push(
    `The change is ${pp(diff.value)} (${ci(diff.interval)})${
      significant ? ", clearly different from zero" : ", not distinguishable from zero"
    }.`,
  );
  const composition = diff.value !== 0 ? 1 - adjusted.value / diff.value : 0;
  parts.push(
    `Holding the mix of sectors and régions at its pre-break composition gives ${pp(adjusted.value)} (${
      ci(adjusted.interval)
    }): ` +
      (Math.abs(composition) < 0.1
        ? "a shift in who posts offers explains little of it; offers themselves changed."
        : `a change in who posts offers accounts for about ${
          Math.round(100 * composition)
        } % of the raw change.`),
  );
  if (r.planted !== undefined) {
    const inside = diff.interval[0] <= r.planted && r.planted <= diff.interval[1];
    parts.push(
      `The generator planted ${pp(r.planted)}: the ${main ? "corrected " : ""}interval ${
        inside ? "contains" : "does not contain"
      } it.`,
    );
  }
  return parts;
}

function groupSentences(r: ReadingInput): string[] {
  const parts: string[] = [];
  const known = (g: { group: string }) => g.group !== "unknown";
  const bySector = r.sectors.filter(known).filter((g) => g.n >= 30);
  if (bySector.length >= 2) {
    const sorted = [...bySector].sort((a, b) => b.share - a.share);
    const name = (g: { group: string }) =>
      r.sectorNames?.[g.group] ? `${r.sectorNames[g.group]} (${g.group})` : g.group;
    parts.push(
      `Across sectors the share ranges from ${pct(sorted[sorted.length - 1].share)} in ${
        name(sorted[sorted.length - 1])
      } to ${pct(sorted[0].share)} in ${name(sorted[0])}.`,
    );
  }
  const byRegion = r.regions.filter(known).filter((g) => g.n >= 30);
  if (byRegion.length >= 2) {
    const sorted = [...byRegion].sort((a, b) => b.share - a.share);
    parts.push(
      `Among régions, ${sorted[0].group} leads (${pct(sorted[0].share)}) and ${
        sorted[sorted.length - 1].group
      } trails (${pct(sorted[sorted.length - 1].share)}).`,
    );
  }
  return parts;
}
