/**
 * HTML tables for notebooks and the report, with every value escaped.
 *
 * @example
 * ```ts
 * import { tableHtml } from "./tables.ts";
 * tableHtml([{ field: "salary", share: 0.75 }], { format: { share: percent } });
 * ```
 */

/** Escapes text for HTML (element content and attribute values). */
export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Formats a share as a percentage with one decimal ("12.3 %"). */
export function percent(value: unknown): string {
  return typeof value === "number" ? `${(value * 100).toFixed(1)} %` : String(value ?? "");
}

/** Formats a number with thin-space thousands and at most `digits` decimals. */
export function number(value: unknown, digits = 2): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return String(value ?? "");
  const fixed = Number.isInteger(value) ? String(value) : value.toFixed(digits);
  const [int, frac] = fixed.split(".");
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f") + (frac ? "." + frac : "");
}

/** Options of {@link tableHtml}. */
export interface TableOptions<T> {
  /** Columns to show, in order. @default the keys of the first row */
  columns?: (keyof T & string)[];
  /** Header label per column. @default the column name */
  labels?: Partial<Record<keyof T & string, string>>;
  /** Formatter per column (the value in, text out). @default numbers with `number`, others as text */
  format?: Partial<Record<keyof T & string, (value: unknown) => string>>;
  caption?: string;
  /** Show at most this many rows (and say how many were left out). @default all */
  limit?: number;
}

/** An HTML table of rows. */
export function tableHtml<T extends Record<string, unknown>>(
  rows: T[],
  options: TableOptions<T> = {},
): string {
  const columns = options.columns ?? (Object.keys(rows[0] ?? {}) as (keyof T & string)[]);
  const shown = options.limit ? rows.slice(0, options.limit) : rows;
  const head = columns.map((c) => `<th style="text-align:left">${escapeHtml(options.labels?.[c] ?? c)}</th>`)
    .join("");
  const body = shown.map((row) =>
    "<tr>" + columns.map((c) => {
      const v = row[c];
      const text = options.format?.[c]
        ? options.format[c]!(v)
        : typeof v === "number"
        ? number(v)
        : String(v ?? "");
      return `<td style="text-align:${typeof v === "number" ? "right" : "left"}">${escapeHtml(text)}</td>`;
    }).join("") + "</tr>"
  ).join("");
  const more = options.limit && rows.length > options.limit
    ? `<p><em>${rows.length - options.limit} more rows not shown.</em></p>`
    : "";
  const caption = options.caption
    ? `<caption style="caption-side:top;text-align:left;font-weight:600">${
      escapeHtml(options.caption)
    }</caption>`
    : "";
  return `<table class="jobs-table">${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${more}`;
}
