/**
 * Reading a printed PDF back as a reader sees it: each page rasterised by
 * pdf.js (on @napi-rs/canvas, no browser), and where the ink lies. Chromium
 * cuts what overflows a printed page at the printable area's right edge, so
 * a clipped figure shows as ink running flush to that edge; the report checks
 * every page of report.pdf this way after printing it.
 *
 * @example
 * ```ts
 * import { checkPdfEdges } from "./pdf_check.ts";
 * const pages = await checkPdfEdges("reports/report.pdf", { marginMm: 10 });
 * pages.filter((p) => p.clipped); // pages where something was cut
 * ```
 */
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** A rasterised page: RGBA pixels, row by row. */
export interface PageImage {
  page: number;
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

const POINTS_PER_MM = 72 / 25.4;

/** The canvas factory pdf.js brings under Deno (@napi-rs/canvas); its type is not exported. */
interface CanvasFactory {
  create(
    width: number,
    height: number,
  ): {
    canvas: { width: number; height: number };
    context: {
      getImageData(
        x: number,
        y: number,
        w: number,
        h: number,
      ): { width: number; height: number; data: Uint8ClampedArray };
    };
  };
}

/**
 * Renders the given pages (1-based; all when omitted) of a PDF at `scale`
 * pixels per point.
 *
 * @example
 * ```ts
 * const [first] = await rasterisePdf("report.pdf", { pages: [1], scale: 1 });
 * first.width; // 596 for A4
 * ```
 */
export async function rasterisePdf(
  path: string,
  o: { pages?: number[]; scale?: number } = {},
): Promise<PageImage[]> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (e) {
    throw new Error(`${path}: cannot be read (${(e as Error).message})`);
  }
  const task = getDocument({ data: bytes, verbosity: 0 });
  const doc = await task.promise.catch((e: Error) => {
    throw new Error(`${path}: not a readable PDF (${e.message})`);
  });
  try {
    const wanted = o.pages ?? Array.from({ length: doc.numPages }, (_, i) => i + 1);
    const images: PageImage[] = [];
    for (const number of wanted) {
      if (number < 1 || number > doc.numPages) {
        throw new Error(`${path}: no page ${number} (the PDF has ${doc.numPages})`);
      }
      const page = await doc.getPage(number);
      const viewport = page.getViewport({ scale: o.scale ?? 1 });
      const { canvas, context } = (doc.canvasFactory as CanvasFactory).create(
        Math.ceil(viewport.width),
        Math.ceil(viewport.height),
      );
      await page.render({ canvasContext: context as never, viewport, canvas: canvas as never }).promise;
      const img = context.getImageData(0, 0, canvas.width, canvas.height);
      images.push({ page: number, width: img.width, height: img.height, data: img.data });
      page.cleanup();
    }
    return images;
  } finally {
    await task.destroy();
  }
}

/**
 * The bounding box of the pixels that `is` accepts (by default any
 * non-white ink), or null when there are none.
 *
 * @example
 * ```ts
 * declare const image: any; // your data
 * inkBounds(image, (r, g, b) => r > 200 && g < 60 && b < 60); // where the red is
 * ```
 */
export function inkBounds(
  image: PageImage,
  is: (r: number, g: number, b: number) => boolean = (r, g, b) => r < 235 || g < 235 || b < 235,
  rows: [number, number] = [0, image.height],
): { left: number; right: number; top: number; bottom: number; pixels: number } | null {
  let left = Infinity, right = -1, top = Infinity, bottom = -1, pixels = 0;
  const { width, data } = image;
  for (let y = Math.max(0, rows[0]); y < Math.min(image.height, rows[1]); y++) {
    for (let x = 0; x < width; x++) {
      const i = 4 * (y * width + x);
      if (data[i + 3] === 0 || !is(data[i], data[i + 1], data[i + 2])) continue;
      pixels++;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      if (y > bottom) bottom = y;
    }
  }
  return pixels ? { left, right, top, bottom, pixels } : null;
}

/** Where a page's ink ends on the right, against the printable area's edge. */
export interface EdgeCheck {
  page: number;
  /** Rightmost ink, in points from the page's left edge (null on a blank page). */
  right: number | null;
  /** The printable area's right edge (page width less the right margin), in points. */
  edge: number;
  /** Ink runs up to the edge: Chromium cuts what overflows the printable area there, so something was clipped. */
  clipped: boolean;
}

/**
 * Rasterises every page and flags those whose ink reaches the right edge
 * of the printable area (within `clearancePt`): Chromium clips whatever
 * overflows a printed page at that edge, so a figure or table too wide for
 * the page shows as ink running flush to it. The header and footer bands
 * (`bandMm`, where page numbers go) are not looked at.
 */
export async function checkPdfEdges(
  path: string,
  o: { marginMm: number; clearancePt?: number; bandMm?: number },
): Promise<EdgeCheck[]> {
  const images = await rasterisePdf(path, { scale: 1 });
  const band = Math.round((o.bandMm ?? 10) * POINTS_PER_MM);
  return images.map((image) => {
    const edge = image.width - o.marginMm * POINTS_PER_MM;
    const ink = inkBounds(image, undefined, [band, image.height - band]);
    return {
      page: image.page,
      right: ink?.right ?? null,
      edge,
      clipped: !!ink && ink.right >= edge - (o.clearancePt ?? 1.5),
    };
  });
}
