/**
 * The demo page (stage 8), served at `/demo` by the project's web server:
 * paste an offer or a candidate's text, get the six themes with their
 * probabilities and the soft skills highlighted in the text. The script is
 * a separate file (`/demo.js`: the CSP forbids inline scripts) and builds
 * every piece of text with `textContent`, so nothing pasted can run.
 *
 * @example
 * ```ts
 * import { demoPage, demoScript } from "./demo_page.ts";
 * new Response(demoPage(), { headers: { "content-type": "text/html; charset=utf-8" } });
 * ```
 */
import { type DemoResult, MAX_TEXT_CHARS } from "./demo_analyse.ts";

/** The page's HTML. */
export function demoPage(): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Demo: themes and soft skills of a job offer</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;max-width:1050px;margin:1.5em auto;padding:0 1em;color:#1f2328;line-height:1.5}
textarea{width:100%;height:14em;font:inherit;padding:.6em;box-sizing:border-box}
button{font:inherit;padding:.35em .9em;margin:.2em .3em .2em 0;cursor:pointer}
#examples button{background:#f6f8fa;border:1px solid #d1d9e0;border-radius:6px}
#error{color:#d1242f;font-weight:600;min-height:1.5em}
.theme{display:grid;grid-template-columns:16em 1fr 4em;gap:.6em;align-items:center;margin:.2em 0}
.bar{background:#eaeef2;height:.9em;border-radius:4px;overflow:hidden}.bar>div{background:#1f6feb;height:100%}
.theme.yes .name{font-weight:600}.theme.no .bar>div{background:#8c959f}
#text{white-space:pre-wrap;border:1px solid #d1d9e0;border-radius:6px;padding:.8em;background:#fff}
mark{background:#fff8c5;border-bottom:2px solid #bf8700;padding:0 .1em}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d1d9e0;padding:4px 8px;text-align:left}
.muted{color:#59636e;font-size:.9em}
</style></head><body>
<h1>Themes and soft skills of a job offer</h1>
<p class="muted">Paste an offer (or a candidate's text, up to ${
    MAX_TEXT_CHARS.toLocaleString("en")
  } characters). Themes come from the
distilled bulk model, soft skills from the project's French rules, each mapped to its ROME 4.0 savoir-être
and, when the stage-7 registry is loaded, to its registry entry. JSON API: <code>POST /api/analyse</code> with <code>{"text": "..."}</code>.</p>
<div id="examples"><span class="muted">Examples:</span></div>
<textarea id="input" maxlength="${MAX_TEXT_CHARS}" placeholder="Collez ici le texte d'une offre d'emploi…"></textarea>
<div><button id="analyse">Analyse</button> <span class="muted" id="timing"></span></div>
<div id="error" role="alert"></div>
<section id="results" hidden>
<h2>Themes</h2><div id="themes"></div>
<h2>Soft skills in the text</h2><div id="text"></div>
<table><thead><tr><th>span</th><th>ROME savoir-être</th><th>registry</th><th>confidence</th></tr></thead><tbody id="skills"></tbody></table>
</section>
<script src="/demo.js"></script>
</body></html>`;
}

/** The page's script. */
export function demoScript(): string {
  return `"use strict";
const $ = (id) => document.getElementById(id);
function el(tag, text, cls) { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }
async function analyse() {
  $("error").textContent = "";
  $("results").hidden = true;
  const started = performance.now();
  let response;
  try {
    response = await fetch("/api/analyse", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: $("input").value }) });
  } catch (e) { $("error").textContent = "The server cannot be reached: " + e.message; return; }
  const body = await response.json();
  if (!response.ok) { $("error").textContent = body.error; $("results").hidden = true; return; }
  $("timing").textContent = Math.round(performance.now() - started) + " ms";
  show(body);
}
function show(r) {
  const themes = $("themes"); themes.replaceChildren();
  for (const t of r.themes) {
    const row = el("div", undefined, "theme " + (t.decision ? "yes" : "no"));
    row.dataset.theme = t.theme;
    row.append(el("span", t.name + (t.decision ? " ✓" : ""), "name"));
    const bar = el("div", undefined, "bar"); const fill = el("div"); fill.style.width = (100 * t.probability).toFixed(1) + "%"; bar.append(fill);
    row.append(bar, el("span", (100 * t.probability).toFixed(0) + " %"));
    themes.append(row);
  }
  const text = $("text"); text.replaceChildren();
  let at = 0;
  for (const s of r.soft_skills) {
    if (s.start === null || s.start < at) continue;
    text.append(document.createTextNode(r.text.slice(at, s.start)));
    const mark = el("mark", r.text.slice(s.start, s.end));
    mark.title = s.label + (s.registry ? " — registry: " + s.registry.name : "");
    mark.dataset.code = s.code_ogr;
    text.append(mark);
    at = s.end;
  }
  text.append(document.createTextNode(r.text.slice(at)));
  const rows = $("skills"); rows.replaceChildren();
  for (const s of r.soft_skills) {
    const tr = el("tr");
    tr.append(el("td", s.start === null ? "(the offer as a whole)" : s.text), el("td", s.label + " (" + s.code_ogr + ")"), el("td", s.registry ? s.registry.name + " (" + s.registry.cluster + ")" : "—"), el("td", String(s.confidence)));
    rows.append(tr);
  }
  if (!r.soft_skills.length) { const tr = el("tr"); const td = el("td", "No soft skill found."); td.colSpan = 4; tr.append(td); rows.append(tr); }
  $("results").hidden = false;
}
async function examples() {
  const list = await (await fetch("/api/demo/examples")).json();
  for (const x of list) {
    const b = el("button", x.title);
    b.addEventListener("click", () => { $("input").value = x.text; analyse(); });
    $("examples").append(b);
  }
}
$("analyse").addEventListener("click", analyse);
$("input").addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) analyse(); });
examples();
`;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A result as static HTML (for the report): theme bars and the text with
 * its soft skills highlighted, every piece of text escaped.
 */
export function demoResultHtml(r: DemoResult): string {
  const themes = r.themes.map((t) =>
    `<div style="display:grid;grid-template-columns:15em 12em 4em;gap:.5em;align-items:center"><span${
      t.decision ? ' style="font-weight:600"' : ""
    }>${escape(t.name)}${t.decision ? " ✓" : ""}</span>` +
    `<span style="background:#eaeef2;height:.8em;border-radius:3px;overflow:hidden"><span style="display:block;height:100%;width:${
      (100 * t.probability).toFixed(1)
    }%;background:${t.decision ? "#1f6feb" : "#8c959f"}"></span></span>` +
    `<span>${(100 * t.probability).toFixed(0)} %</span></div>`
  ).join("");
  let text = "", at = 0;
  for (const s of r.soft_skills) {
    if (s.start === null || s.end === null || s.start < at) continue;
    text += escape(r.text.slice(at, s.start)) +
      `<mark title="${
        escape(s.label + (s.registry ? " — registry: " + s.registry.name : ""))
      }" style="background:#fff8c5;border-bottom:2px solid #bf8700">${
        escape(r.text.slice(s.start, s.end))
      }</mark>`;
    at = s.end;
  }
  text += escape(r.text.slice(at));
  return `<div>${themes}</div><div style="white-space:pre-wrap;border:1px solid #d1d9e0;border-radius:6px;padding:.6em;margin-top:.5em;max-height:22em;overflow:auto">${text}</div>`;
}
