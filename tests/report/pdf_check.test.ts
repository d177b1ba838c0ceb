import assert from "node:assert/strict";
import { chromiumPath, PRINT_MARGIN_MM, printPdf } from "../../lib/report/browser.ts";
import { figureHtml, heatmap, inlinePlotly } from "../../lib/report/figures.ts";
import { checkPdfEdges, inkBounds, type PageImage, rasterisePdf } from "../../lib/report/pdf_check.ts";
import { tempDir } from "../_helpers.ts";

Deno.test("inkBounds: the box of the pixels asked for, within the rows given; null when there are none", () => {
  const image: PageImage = { page: 1, width: 4, height: 3, data: new Uint8ClampedArray(4 * 4 * 3).fill(255) };
  const paint = (x: number, y: number, rgb: [number, number, number]) =>
    image.data.set([...rgb, 255], 4 * (y * 4 + x));
  paint(1, 0, [0, 0, 0]);
  paint(3, 2, [255, 0, 0]);
  assert.deepEqual(inkBounds(image), { left: 1, right: 3, top: 0, bottom: 2, pixels: 2 });
  assert.deepEqual(inkBounds(image, (r, g) => r > 200 && g < 50), {
    left: 3,
    right: 3,
    top: 2,
    bottom: 2,
    pixels: 1,
  });
  assert.deepEqual(inkBounds(image, undefined, [1, 2]), null);
});

/** A six-column heatmap as the report draws it, with a red band along its right edge (the last thing a cut would lose). */
function figurePage(width?: number): string {
  const themes = [
    "DIVERSITY",
    "PAY_BENEFITS",
    "CAREER",
    "CULTURE_VALUES",
    "LEADERSHIP_MANAGEMENT",
    "WORK_LIFE_BALANCE",
  ];
  const fig = heatmap({
    z: [[1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1]],
    x: themes,
    y: ["Q Santé humaine et action sociale", "C Industrie manufacturière"],
    title: "Sector × theme",
  });
  fig.layout = {
    ...fig.layout,
    ...(width ? { width } : {}),
    shapes: [{
      type: "rect",
      xref: "paper",
      yref: "paper",
      x0: 1.0,
      x1: 1.04,
      y0: 0,
      y1: 1,
      fillcolor: "#ff0000",
      line: { width: 0 },
    }],
  };
  return inlinePlotly(
    `<!doctype html><html><head><meta charset="utf-8"></head><body><h1>Stage 9</h1>${
      figureHtml(fig)
    }</body></html>`,
  );
}

const red = (r: number, g: number, b: number) => r > 200 && g < 80 && b < 80;

Deno.test({
  name:
    "the printed PDF, rasterised: a report figure prints whole inside the page, and a figure too wide is caught as cut",
  ignore: !chromiumPath(),
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const dir = await tempDir();
    for (const [name, width] of [["fits", undefined], ["too-wide", 2400]] as const) {
      await Deno.writeTextFile(`${dir}/${name}.html`, figurePage(width));
      await printPdf(`file://${dir}/${name}.html`, `${dir}/${name}.pdf`);
    }
    const [fits] = await rasterisePdf(`${dir}/fits.pdf`, { pages: [1] });
    const edge = fits.width - PRINT_MARGIN_MM * 72 / 25.4;
    const band = inkBounds(fits, red);
    assert.ok(band && band.pixels > 100, "the figure's right edge is on the page");
    assert.ok(
      band.right < edge - 1,
      `the figure ends at ${band.right} pt, inside the printable area (${edge.toFixed(1)} pt)`,
    );
    assert.deepEqual(
      (await checkPdfEdges(`${dir}/fits.pdf`, { marginMm: PRINT_MARGIN_MM })).map((p) => p.clipped),
      [false],
    );
    const [wide] = await rasterisePdf(`${dir}/too-wide.pdf`, { pages: [1] });
    assert.equal(inkBounds(wide, red), null, "a 2,400-px figure loses its right edge in print");
    assert.deepEqual(
      (await checkPdfEdges(`${dir}/too-wide.pdf`, { marginMm: PRINT_MARGIN_MM })).map((p) => p.clipped),
      [true],
    );
    await assert.rejects(
      rasterisePdf(`${dir}/fits.pdf`, { pages: [2] }),
      /fits\.pdf: no page 2 \(the PDF has 1\)/,
    );
    await assert.rejects(rasterisePdf(`${dir}/fits.html`), /fits\.html: not a readable PDF/);
  },
});
