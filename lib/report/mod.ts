/**
 * Public face of lib/report/: The report: showing parts in notebooks, figures, tables, metrics, provenance, rendering and checking the pages.
 * Other folders import from here, never from a file inside (tests/layers.test.ts).
 *
 * @example
 * ```ts
 * import { note, show } from "./mod.ts";
 * await show(note("Hello."));
 * ```
 */
export * from "./browser.ts";
export * from "./data_section.ts";
export * from "./display.ts";
export * from "./figures.ts";
export * from "./final_report.ts";
export * from "./index_page.ts";
export * from "./metrics.ts";
export * from "./notebooks.ts";
export * from "./pdf_check.ts";
export * from "./provenance.ts";
export * from "./reproduce.ts";
export * from "./run_report.ts";
export * from "./stage1.ts";
export * from "./tables.ts";
