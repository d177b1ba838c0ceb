/**
 * Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core;
 * nothing downloaded) for screenshots of the apps in the report and for the
 * report's PDF.
 *
 * @example
 * ```ts
 * import { chromiumPath, screenshot } from "./browser.ts";
 * if (chromiumPath()) await screenshot("http://127.0.0.1:8787/", { width: 1200, height: 800 });
 * ```
 */
import { chromium } from "playwright-core";

/** Flags for Chromium on a machine with no network but the registries. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Path of the Chromium binary, or null when it is not installed. */
export function chromiumPath(): string | null {
  for (const p of [Deno.env.get("JOBS_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    try {
      if (p && Deno.statSync(p).isFile) return p;
    } catch { /* not there */ }
  }
  return null;
}

/** Opens a page, lets `act` drive it, and returns a PNG screenshot. */
export async function screenshot(
  url: string,
  options: {
    width?: number;
    height?: number;
    act?: (page: import("playwright-core").Page) => Promise<void>;
  } = {},
): Promise<Uint8Array> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error("Chromium is not installed (Debian: apt-get install chromium)");
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({
      viewport: { width: options.width ?? 1200, height: options.height ?? 800 },
    });
    await page.goto(url);
    if (options.act) await options.act(page);
    return new Uint8Array(await page.screenshot());
  } finally {
    await browser.close();
  }
}

/** Prints a page to PDF: A4, backgrounds on, page numbers in the footer, laid out at the printed width. */
export async function printPdf(url: string, path: string): Promise<void> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error("Chromium is not installed (Debian: apt-get install chromium)");
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    // Lay the page out at the printed width (A4 less the margins, at 96 px per inch), so that every
    // responsive figure is drawn to fit the page instead of being clipped to its top-left corner.
    const page = await browser.newPage({ viewport: { width: PRINT_LAYOUT_PX, height: 1000 } });
    await page.emulateMedia({ media: "print" });
    await page.goto(url, { waitUntil: "load" });
    await page.waitForFunction(
      '[...document.querySelectorAll(".jobs-figure")].every((d) => d.querySelector(".main-svg") || d.textContent)',
      undefined,
      { timeout: 30_000 },
    )
      .catch(() => {}); // a figure that never draws shows its own message; print the rest
    await page.pdf({
      path,
      format: "A4",
      printBackground: true,
      scale: PRINT_SCALE,
      margin: { top: "12mm", bottom: "14mm", left: `${PRINT_MARGIN_MM}mm`, right: `${PRINT_MARGIN_MM}mm` },
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate:
        '<div style="font-size:8px;width:100%;text-align:center;color:#666"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
    });
  } finally {
    await browser.close();
  }
}

/** The side margins of the printed page. */
export const PRINT_MARGIN_MM = 10;
/** The printable width of an A4 page less its side margins, in CSS pixels. */
export const PRINT_WIDTH_PX = Math.floor(((210 - 2 * PRINT_MARGIN_MM) / 25.4) * 96);
/** The print shrinks the page by this factor, so that ten-column tables fit beside readable text. */
export const PRINT_SCALE = 0.8;
/** The width the page is laid out at before the print scales it to {@link PRINT_WIDTH_PX}. */
export const PRINT_LAYOUT_PX = Math.floor(PRINT_WIDTH_PX / PRINT_SCALE);

/** A PNG as an <img> data URL. */
export function pngDataUrl(png: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < png.length; i += 0x8000) binary += String.fromCharCode(...png.subarray(i, i + 0x8000));
  return `data:image/png;base64,${btoa(binary)}`;
}
