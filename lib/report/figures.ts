/**
 * Plotly figures as HTML for notebooks and the report. A figure is a div
 * and a small script that draws it once plotly.js is on the page; the
 * report inlines plotly.js once in each page's head ({@link inlinePlotly}),
 * so every page works offline. (Notebook outputs do not carry the 4.8 MB
 * library: the Deno kernel drops messages that large.)
 *
 * @example
 * ```ts
 * import { barChart, figureHtml } from "./figures.ts";
 * const html = figureHtml(barChart({ x: ["a", "b"], y: [3, 5], title: "Counts" }));
 * ```
 */
import { ROOT } from "../config.ts";

/** A plotly figure: traces and layout, as plotly.js takes them. */
export interface Figure {
  data: Record<string, unknown>[];
  layout?: Record<string, unknown>;
}

let figureCount = 0;

/** The plotly.js bundle's path (installed by Deno from npm). */
export function plotlyPath(): string {
  return `${ROOT}/node_modules/plotly.js-dist-min/plotly.min.js`;
}

/** A `<script>` holding plotly.js. */
export function plotlyScript(): string {
  const source = Deno.readTextFileSync(plotlyPath()).replace(/<\/script/gi, "<\\/script");
  return `<script type="text/javascript">${source}</script>`;
}

/** Puts plotly.js once in the head of an HTML page that holds figures (no change otherwise). */
export function inlinePlotly(page: string): string {
  if (!page.includes("jobs-figure") || page.includes("data-jobs-plotly")) return page;
  const script = plotlyScript().replace("<script ", "<script data-jobs-plotly ");
  return page.includes("</head>") ? page.replace("</head>", () => `${script}</head>`) : script + page;
}

const BASE_LAYOUT = {
  font: { family: "Inter, system-ui, sans-serif", size: 13 },
  margin: { l: 60, r: 20, t: 50, b: 50 },
  template: {
    layout: {
      colorway: ["#1f6feb", "#e36209", "#2da44e", "#8250df", "#cf222e", "#0a7ea4", "#bf8700", "#6e7781"],
    },
  },
};

/** The HTML of a figure: a div and the script that draws it when plotly.js is loaded (it waits up to 20 s). */
export function figureHtml(figure: Figure, options: { height?: number } = {}): string {
  const id = `fig-${++figureCount}-${Math.floor(Math.random() * 1e9).toString(36)}`;
  const layout = { ...BASE_LAYOUT, height: options.height ?? 420, ...figure.layout };
  const spec = JSON.stringify({ data: figure.data, layout, config: { responsive: true, displaylogo: false } })
    .replace(/</g, "\\u003c");
  return `<div id="${id}" class="jobs-figure" style="width:100%;height:${layout.height}px"></div>` +
    `<script type="text/javascript">(function(){var s=${spec},tries=0;function draw(){` +
    `if(window.Plotly){window.Plotly.newPlot("${id}",s.data,s.layout,s.config);}` +
    `else if(++tries<400){setTimeout(draw,50);}` +
    `else{document.getElementById("${id}").textContent="(figure: plotly.js is not loaded on this page; open the rendered report)";}}` +
    `draw();})();</script>`;
}

/** Options shared by the chart helpers. */
export interface ChartOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  height?: number;
}

/** A bar chart (horizontal when `horizontal`). */
export function barChart(
  o: ChartOptions & { x: (string | number)[]; y: number[]; horizontal?: boolean; name?: string },
): Figure {
  const trace = o.horizontal
    ? { type: "bar", orientation: "h", y: o.x, x: o.y, name: o.name }
    : { type: "bar", x: o.x, y: o.y, name: o.name };
  return {
    data: [trace],
    layout: {
      title: { text: o.title ?? "" },
      xaxis: { title: { text: o.xTitle ?? "" }, automargin: true },
      yaxis: {
        title: { text: o.yTitle ?? "" },
        automargin: true,
        ...(o.horizontal ? { autorange: "reversed" } : {}),
      },
      ...(o.height ? { height: o.height } : {}),
    },
  };
}

/** A shaded interval of a line chart: low and high bounds over the same x (nulls are gaps). */
export interface Band {
  name: string;
  low: (number | null)[];
  high: (number | null)[];
}

/**
 * Line chart of one or more series over a shared x axis. A null y is drawn
 * as a gap, never as zero. `bands` are shaded intervals (drawn under the
 * lines), `marker` a dashed vertical line at one x with its label (a break,
 * an event). `categorical` keeps x labels as written (plotly would read
 * "2016Q1" as a date and label the axis "2016Q").
 *
 * @example
 * ```ts
 * declare const months: any; // your data
 * declare const y: any; // your data
 * declare const low: any; // your data
 * declare const high: any; // your data
 * lineChart({ x: months, series: [{ name: "share", y }], bands: [{ name: "95 %", low, high }], marker: { x: "2020-03", label: "Covid" } });
 * ```
 */
export function lineChart(
  o: ChartOptions & {
    x: (string | number)[];
    series: { name: string; y: (number | null)[]; dash?: string }[];
    bands?: Band[];
    marker?: { x: string | number; label: string };
    categorical?: boolean;
  },
): Figure {
  const bands = (o.bands ?? []).flatMap((b) => [
    {
      type: "scatter",
      mode: "lines",
      name: `${b.name} (low)`,
      x: o.x,
      y: b.low,
      line: { width: 0 },
      showlegend: false,
      hoverinfo: "skip",
      connectgaps: false,
    },
    {
      type: "scatter",
      mode: "lines",
      name: b.name,
      x: o.x,
      y: b.high,
      line: { width: 0 },
      fill: "tonexty",
      fillcolor: "rgba(31, 119, 180, 0.18)",
      connectgaps: false,
    },
  ]);
  return {
    data: [
      ...bands,
      ...o.series.map((s) => ({
        type: "scatter",
        mode: "lines",
        name: s.name,
        x: o.x,
        y: s.y,
        connectgaps: false,
        line: s.dash ? { dash: s.dash } : undefined,
      })),
    ],
    layout: {
      title: { text: o.title ?? "" },
      xaxis: { title: { text: o.xTitle ?? "" }, ...(o.categorical ? { type: "category" } : {}) },
      yaxis: { title: { text: o.yTitle ?? "" }, rangemode: "tozero" },
      ...(o.height ? { height: o.height } : {}),
      ...(o.marker
        ? {
          shapes: [{
            type: "line",
            xref: "x",
            yref: "paper",
            x0: o.marker.x,
            x1: o.marker.x,
            y0: 0,
            y1: 1,
            line: { dash: "dash", width: 1.5, color: "#555" },
          }],
          annotations: [{
            xref: "x",
            yref: "paper",
            x: o.marker.x,
            y: 1,
            yanchor: "bottom",
            text: o.marker.label,
            showarrow: false,
          }],
        }
        : {}),
    },
  };
}

/** A histogram from precomputed bins (lower edges and counts). */
export function binnedHistogram(
  o: ChartOptions & { edges: number[]; counts: number[]; step: number },
): Figure {
  return {
    data: [{
      type: "bar",
      x: o.edges.map((e) => e + o.step / 2),
      y: o.counts,
      width: o.step * 0.95,
      hovertemplate: "%{x}: %{y}<extra></extra>",
    }],
    layout: {
      title: { text: o.title ?? "" },
      xaxis: { title: { text: o.xTitle ?? "" } },
      yaxis: { title: { text: o.yTitle ?? "" } },
      bargap: 0,
    },
  };
}

/** Overlaid histograms of several samples (plotly bins them; the bin width is fixed for comparability). */
export function histograms(
  o: ChartOptions & {
    series: { name: string; values: number[] }[];
    binSize: number;
    start?: number;
    end?: number;
  },
): Figure {
  return {
    data: o.series.map((s) => ({
      type: "histogram",
      name: s.name,
      x: s.values,
      opacity: 0.6,
      xbins: {
        size: o.binSize,
        ...(o.start !== undefined ? { start: o.start } : {}),
        ...(o.end !== undefined ? { end: o.end } : {}),
      },
    })),
    layout: {
      title: { text: o.title ?? "" },
      barmode: "overlay",
      xaxis: { title: { text: o.xTitle ?? "" } },
      yaxis: { title: { text: o.yTitle ?? "" } },
    },
  };
}

/** Grouped bars: one group per category, one bar per series. */
export function groupedBars(
  o: ChartOptions & { categories: string[]; series: { name: string; values: number[] }[] },
): Figure {
  return {
    data: o.series.map((s) => ({ type: "bar", name: s.name, x: o.categories, y: s.values })),
    layout: {
      title: { text: o.title ?? "" },
      barmode: "group",
      xaxis: { title: { text: o.xTitle ?? "" }, automargin: true },
      yaxis: { title: { text: o.yTitle ?? "" } },
    },
  };
}

/** A heatmap with its values written in the cells. */
export function heatmap(
  o: ChartOptions & { z: number[][]; x: string[]; y: string[]; format?: (v: number) => string },
): Figure {
  const fmt = o.format ?? ((v: number) => String(Math.round(v * 100) / 100));
  return {
    data: [{
      type: "heatmap",
      z: o.z,
      x: o.x,
      y: o.y,
      colorscale: "Blues",
      reversescale: true,
      text: o.z.map((row) => row.map(fmt)),
      texttemplate: "%{text}",
      hovertemplate: "%{y} / %{x}: %{text}<extra></extra>",
    }],
    layout: {
      title: { text: o.title ?? "" },
      xaxis: { title: { text: o.xTitle ?? "" }, automargin: true },
      // every row labelled (dtick 1 on a category axis), and tall enough for its rows
      yaxis: {
        title: { text: o.yTitle ?? "" },
        automargin: true,
        autorange: "reversed",
        type: "category",
        dtick: 1,
      },
      height: o.height ?? Math.max(320, 120 + 26 * o.y.length),
    },
  };
}

/** Lines through (x, y) points, one trace a series (curves: precision-recall, reliability, learning). */
export function curves(
  o: ChartOptions & {
    series: { name: string; x: number[]; y: number[]; dash?: string }[];
    xRange?: [number, number];
    yRange?: [number, number];
  },
): Figure {
  return {
    data: o.series.map((s) => ({
      type: "scatter",
      mode: "lines+markers",
      name: s.name,
      x: s.x,
      y: s.y,
      line: s.dash ? { dash: s.dash } : undefined,
      marker: { size: 4 },
    })),
    layout: {
      title: { text: o.title ?? "" },
      xaxis: { title: { text: o.xTitle ?? "" }, ...(o.xRange ? { range: o.xRange } : {}) },
      yaxis: { title: { text: o.yTitle ?? "" }, ...(o.yRange ? { range: o.yRange } : {}) },
    },
  };
}

/**
 * A tile map: one square per place at its (column, row) on a grid that
 * keeps the places' rough geography, coloured by value, hover with the
 * value and count. For maps of régions with no boundary data offline.
 */
export function tileMap(
  o: ChartOptions & {
    tiles: { label: string; column: number; row: number; value: number | null; n: number }[];
    format?: (v: number) => string;
  },
): Figure {
  const shown = o.tiles.filter((t) => t.value !== null);
  const format = o.format ?? ((v: number) => v.toFixed(3));
  return {
    data: [{
      type: "scatter",
      mode: "markers+text",
      x: shown.map((t) => t.column),
      y: shown.map((t) => t.row),
      // each tile reads its name and its value (the print has no hover)
      text: shown.map((t) =>
        `${t.label.replace(/-/g, "-<br>").replace(/ (?=\S{4,})/g, "<br>")}<br><b>${format(t.value!)}</b>`
      ),
      textfont: { size: 9 },
      customdata: shown.map((t) => [t.label, format(t.value!), t.n]),
      hovertemplate: "%{customdata[0]}<br>%{customdata[1]} (%{customdata[2]} offers)<extra></extra>",
      // A light scale, so that the dark labels stay readable on every tile.
      marker: {
        symbol: "square",
        size: 62,
        color: shown.map((t) => t.value),
        colorscale: [[0, "#fff5eb"], [1, "#f16913"]],
        showscale: true,
        line: { color: "#fff", width: 1 },
      },
    }],
    layout: {
      title: { text: o.title ?? "" },
      xaxis: { visible: false, range: [-0.7, Math.max(...o.tiles.map((t) => t.column)) + 0.7] },
      yaxis: {
        visible: false,
        autorange: "reversed",
        range: [-0.7, Math.max(...o.tiles.map((t) => t.row)) + 0.7],
        scaleanchor: "x",
      },
      height: o.height ?? 560,
    },
  };
}

/** A 2-D scatter of labelled points, one trace (colour) per group, hover showing each point's label. */
export function scatterGroups(
  o: ChartOptions & { points: { x: number; y: number; label: string; group: string; size?: number }[] },
): Figure {
  const groups = [...new Set(o.points.map((p) => p.group))].sort();
  return {
    data: groups.map((g) => {
      const ps = o.points.filter((p) => p.group === g);
      return {
        type: "scatter",
        mode: "markers",
        name: g,
        x: ps.map((p) => p.x),
        y: ps.map((p) => p.y),
        text: ps.map((p) => p.label),
        hovertemplate: "%{text}<extra>" + g.replace(/[<>&]/g, "") + "</extra>",
        marker: { size: ps.map((p) => Math.min(22, 5 + Math.sqrt(p.size ?? 1))), opacity: 0.75 },
      };
    }),
    layout: {
      title: { text: o.title ?? "" },
      xaxis: { title: { text: o.xTitle ?? "" }, zeroline: false },
      yaxis: { title: { text: o.yTitle ?? "" }, zeroline: false },
      height: o.height ?? 560,
    },
  };
}

/** The colours every figure cycles through (one per series). */
export const COLORWAY = BASE_LAYOUT.template.layout.colorway;

/** Plotly's axis suffix of panel i (0-based): "", "2", "3"... */
const axisSuffix = (i: number) => (i === 0 ? "" : String(i + 1));

/**
 * Small multiples: single-panel figures (from the helpers above) laid out in
 * one grid, each under its own title, so that six series read as six
 * panels instead of six tangled lines. The k-th series of every panel has
 * the same colour and one legend entry — or, with `distinctSeries` (panels
 * holding different series), each series its own colour and entry;
 * `sharedY` puts every panel on the first panel's y scale, so that levels
 * compare across panels. A panel's break marker (shape and label) stays on
 * its own axes.
 *
 * @example
 * ```ts
 * import { THEMES } from "../base/mod.ts";
 * declare const months: any; // your data
 * declare const shares: any; // your data
 * smallMultiples(THEMES.map((t) => ({ title: t, figure: lineChart({ x: months, series: [{ name: "share", y: shares[t] }] }) })), { columns: 3, sharedY: true });
 * ```
 */
export function smallMultiples(
  panels: { title: string; figure: Figure }[],
  o: { title?: string; columns?: number; sharedY?: boolean; panelHeight?: number; distinctSeries?: boolean } =
    {},
): Figure {
  if (!panels.length) throw new Error("small multiples need at least one panel");
  const columns = Math.min(o.columns ?? 3, panels.length), rows = Math.ceil(panels.length / columns);
  const layout: Record<string, unknown> = {
    title: { text: o.title ?? "" },
    grid: { rows, columns, pattern: "independent", roworder: "top to bottom", xgap: 0.12, ygap: 0.3 },
    height: 130 + rows * (o.panelHeight ?? 240),
    // the legend under the grid, so the panels take the page's whole width
    legend: { orientation: "h", x: 0, y: -0.12, yanchor: "top" },
    annotations: [] as Record<string, unknown>[],
    shapes: [] as Record<string, unknown>[],
  };
  const data: Record<string, unknown>[] = [];
  const onAxes = (item: Record<string, unknown>, s: string) => ({
    ...item,
    ...(item.xref ? { xref: item.xref === "paper" ? `x${s} domain` : `x${s}` } : {}),
    ...(item.yref ? { yref: item.yref === "paper" ? `y${s} domain` : `y${s}` } : {}),
  });
  panels.forEach(({ title, figure }, i) => {
    const s = axisSuffix(i), source = figure.layout ?? {};
    figure.data.forEach((trace, k) => {
      const index = o.distinctSeries ? data.length : k;
      const color = COLORWAY[index % COLORWAY.length];
      const styled = trace.type === "scatter"
        ? { line: { ...(trace.line as object ?? {}), color } }
        : { marker: { ...(trace.marker as object ?? {}), color } };
      const legend = trace.showlegend !== false && (o.distinctSeries || (i === 0 && figure.data.length > 1));
      data.push({
        ...trace,
        ...(trace.fill ? {} : styled),
        xaxis: `x${s}`,
        yaxis: `y${s}`,
        legendgroup: String(trace.name ?? index),
        showlegend: legend,
      });
    });
    const xaxis = source.xaxis as Record<string, unknown> | undefined,
      yaxis = source.yaxis as Record<string, unknown> | undefined;
    const bottom = i >= panels.length - columns, left = i % columns === 0;
    layout[`xaxis${s}`] = { ...xaxis, ...(bottom ? {} : { title: { text: "" } }) };
    layout[`yaxis${s}`] = {
      ...yaxis,
      ...(left ? {} : { title: { text: "" } }),
      ...(o.sharedY && i > 0 ? { matches: "y" } : {}),
    };
    (layout.annotations as Record<string, unknown>[]).push(
      {
        xref: `x${s} domain`,
        yref: `y${s} domain`,
        x: 0.5,
        y: 1.04,
        xanchor: "center",
        yanchor: "bottom",
        showarrow: false,
        text: `<b>${title.replace(/[<>&]/g, "")}</b>`,
        font: { size: 11 },
      },
      // a marker's label goes inside the panel's top-left, under the panel title
      ...((source.annotations as Record<string, unknown>[] | undefined) ?? []).map((a) => ({
        ...onAxes(a, s),
        yanchor: "top",
        xanchor: "left",
        font: { size: 10 },
      })),
    );
    (layout.shapes as Record<string, unknown>[]).push(
      ...((source.shapes as Record<string, unknown>[] | undefined) ?? []).map((sh) => onAxes(sh, s)),
    );
    if (source.barmode) layout.barmode = source.barmode;
  });
  return { data, layout };
}
