/**
 * The labelling app's single page (HTML, CSS and plain JavaScript; no
 * build step). Offer text is only ever inserted with textContent, so an
 * offer holding `<script>` shows as text and never runs.
 *
 * Keyboard: 1-6 toggle the themes, a adds the selected text as a soft skill,
 * s (or Enter) saves and goes to the next offer, k skips, u undoes.
 */
import { PRESENT, THEMES } from "../base/mod.ts";

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{background:#24292f;color:#fff;padding:8px 16px;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header select,header button{font-size:14px}
main{display:grid;grid-template-columns:minmax(0,1fr) 340px;gap:16px;padding:16px;max-width:1300px;margin:auto}
.card{background:#fff;border:1px solid #d1d9e0;border-radius:8px;padding:12px 16px}
.section h3{margin:.6em 0 .2em;font-size:13px;text-transform:uppercase;color:#59636e}
.text{white-space:pre-wrap;line-height:1.55;font-size:15px}
mark{background:#ffe08a;border-radius:3px;cursor:pointer;padding:0 1px}
mark::after{content:attr(data-label);font-size:10px;color:#6e5300;margin-left:3px}
label.theme{display:block;padding:4px 0}
.suggest{color:#59636e;font-size:12px}
button.primary{background:#1f883d;color:#fff;border:0;border-radius:6px;padding:6px 12px}
#status{font-size:13px;color:#59636e}
.hidden{display:none}
table{border-collapse:collapse;font-size:13px}td,th{border-bottom:1px solid #d1d9e0;padding:4px 6px;text-align:left}
`;

// THEMES and PRESENT come first, from the project's vocabulary (see labellingScript)
const SCRIPT = String.raw`
let me = null, codebook = null, queue = null, current = null, state = null, history = [];
const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => { const e = document.createElement(tag); Object.assign(e, props); for (const c of children) e.append(c); return e; };
async function api(path, options = {}) {
  const r = await fetch(path, { ...options, headers: { "content-type": "application/json" } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}
function say(text) { $("status").textContent = text; }
function snapshot() { history.push(JSON.stringify(state)); if (history.length > 100) history.shift(); }
function undo() { if (history.length) { state = JSON.parse(history.pop()); render(); say("undone"); } }

async function start() {
  try { me = await api("/api/me"); } catch { $("login").classList.remove("hidden"); return; }
  codebook = await api("/api/codebook");
  $("app").classList.remove("hidden");
  $("who").textContent = me.name + (me.role === "admin" ? " (admin)" : "") + " · " + codebook.version;
  const skillSelect = $("skill");
  for (const s of codebook.soft_skills) skillSelect.append(el("option", { value: s.code_ogr, textContent: s.code_ogr + " " + s.label }));
  const themesBox = $("themes");
  THEMES.forEach((t, i) => {
    const info = codebook.themes.find((x) => x.code === t);
    const box = el("input", { type: "checkbox", id: "theme-" + t });
    box.addEventListener("change", () => { snapshot(); state.themes[t] = box.checked; });
    themesBox.append(el("label", { className: "theme", title: info.present_when }, box, " " + (i + 1) + ". " + info.name + " ", el("span", { className: "suggest", id: "suggest-" + t })));
  });
  const queues = await api("/api/queues");
  const qs = $("queue");
  for (const q of queues) qs.append(el("option", { value: q.queue, textContent: q.queue + " (" + q.done + "/" + q.total + ")" }));
  qs.addEventListener("change", () => { queue = qs.value; next(); });
  queue = queues[0]?.queue ?? null;
  const wanted = new URLSearchParams(location.search).get("offer");
  if (wanted) await open(wanted); else await next();
}

async function next() {
  if (!queue) { say("no queue: label offers in stage 5 first"); return; }
  const n = await api("/api/queues/" + encodeURIComponent(queue) + "/next");
  $("progress").textContent = n.done + " / " + n.total + " done in " + queue;
  if (!n.offer_id) { say("queue finished"); $("offer").replaceChildren(el("p", { textContent: "Nothing left to label in this queue." })); current = null; return; }
  await open(n.offer_id);
}

async function open(id) {
  const data = await api("/api/offers/" + encodeURIComponent(id));
  current = data;
  history = [];
  const base = data.mine && data.mine.status !== "failed" ? data.mine : data.suggestion?.record;
  state = {
    themes: Object.fromEntries(THEMES.map((t) => [t, base ? base.themes[t] >= PRESENT : false])),
    spans: (base?.soft_skills || []).filter((s) => s.start !== null && s.start !== undefined && s.confidence >= PRESENT).map((s) => ({ code_ogr: s.code_ogr, start: s.start, end: s.end })),
  };
  for (const t of THEMES) $("suggest-" + t).textContent = data.suggestion ? "(" + data.suggestion.source + " " + data.suggestion.record.themes[t] + ")" : "";
  $("source").textContent = data.mine ? "your saved labels" : data.suggestion ? "pre-filled from " + data.suggestion.source : "no suggestion";
  window.history.replaceState(null, "", "?offer=" + encodeURIComponent(id));
  render();
  say("offer " + id);
}

function render() {
  if (!current) return;
  for (const t of THEMES) $("theme-" + t).checked = !!state.themes[t];
  const o = current.offer;
  const text = o.text;
  const cuts = new Set([0, text.length, o.sections.company[0], o.sections.company[1], o.sections.profileStart]);
  for (const s of state.spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
  const blocks = [
    ["Entreprise", o.sections.company[0], o.sections.company[1]],
    ["Poste", o.sections.company[1], o.sections.profileStart],
    ["Profil", o.sections.profileStart, text.length],
  ];
  const container = el("div", {});
  container.append(el("h2", { textContent: o.title || o.id }));
  const pre = o.sections.company[0];
  if (pre > 0) blocks.unshift(["", 0, pre]);
  for (const [name, blockStart, to] of blocks) {
    let from = blockStart;
    while (from < to && /\s/.test(text[from])) from++; // the blank line between sections
    if (to <= from) continue;
    const body = el("div", { className: "text" });
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      if (a < from && b <= from || a >= to) continue;
      const lo = Math.max(a, from), hi = Math.min(b, to);
      const span = state.spans.find((s) => s.start <= lo && s.end >= hi);
      const node = span ? el("mark", { title: "click to remove" }) : el("span");
      node.dataset.o = String(lo);
      if (span) { node.dataset.label = span.code_ogr; node.addEventListener("click", () => removeSpan(span)); }
      node.textContent = text.slice(lo, hi);
      body.append(node);
    }
    container.append(el("div", { className: "section" }, el("h3", { textContent: name }), body));
  }
  $("offer").replaceChildren(container);
}

function offsetOf(node, offset) {
  const holder = node.nodeType === 3 ? node.parentElement : node;
  if (!holder || holder.dataset.o === undefined) return null;
  return Number(holder.dataset.o) + (node.nodeType === 3 ? offset : 0);
}

function addSelection() {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { say("select the words first"); return; }
  const r = sel.getRangeAt(0);
  let start = offsetOf(r.startContainer, r.startOffset), end = offsetOf(r.endContainer, r.endOffset);
  if (start === null || end === null) { say("select inside the offer text"); return; }
  const text = current.offer.text;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end <= start) return;
  snapshot();
  state.spans.push({ code_ogr: $("skill").value, start, end });
  sel.removeAllRanges();
  render();
  say("span added: " + text.slice(start, end));
}

function removeSpan(span) { snapshot(); state.spans = state.spans.filter((s) => s !== span); render(); say("span removed"); }

async function save() {
  if (!current) return;
  await api("/api/offers/" + encodeURIComponent(current.offer.id) + "/labels", { method: "PUT", body: JSON.stringify({ themes: state.themes, soft_skills: state.spans }) });
  say("saved " + current.offer.id);
  $("saved").textContent = "saved " + current.offer.id;
  await next();
}

async function skip() {
  if (!current || !queue) return;
  await api("/api/offers/" + encodeURIComponent(current.offer.id) + "/skip", { method: "POST", body: JSON.stringify({ queue }) });
  await next();
}

async function showAgreement() {
  const a = await api("/api/agreement");
  const rows = a.themes.map((t) => el("tr", {}, el("td", { textContent: t.theme }), el("td", { textContent: t.statistic }), el("td", { textContent: t.value === null ? "n/a" : t.value.toFixed(3) }), el("td", { textContent: String(t.items) })));
  $("agreement").replaceChildren(el("p", { textContent: a.annotators.length + " annotators, " + a.offers + " offers labelled by two or more" }), el("table", {}, el("tr", {}, el("th", { textContent: "theme" }), el("th", { textContent: "statistic" }), el("th", { textContent: "value" }), el("th", { textContent: "offers" })), ...rows));
  if (me.role === "admin") {
    const list = await api("/api/adjudication");
    $("adjudication").replaceChildren(el("h3", { textContent: "To adjudicate (" + list.length + ")" }), ...list.slice(0, 50).map((d) => {
      const link = el("a", { href: "?offer=" + encodeURIComponent(d.id), textContent: d.id });
      return el("div", {}, link, " — " + d.labels.map((l) => l.annotator + ": " + THEMES.filter((t) => l.record.themes[t] >= PRESENT).join("+")).join(" | "));
    }));
  }
}

async function adjudicate() {
  if (!current || me.role !== "admin") return;
  await api("/api/adjudication/" + encodeURIComponent(current.offer.id), { method: "PUT", body: JSON.stringify({ themes: state.themes, soft_skills: state.spans }) });
  say("adjudicated " + current.offer.id);
}

document.addEventListener("keydown", (e) => {
  if (!current || ["INPUT", "SELECT", "TEXTAREA"].includes(e.target.tagName) && e.target.type !== "checkbox") return;
  if (e.key >= "1" && e.key <= "6") { const t = THEMES[Number(e.key) - 1]; snapshot(); state.themes[t] = !state.themes[t]; render(); }
  else if (e.key === "a") addSelection();
  else if (e.key === "s" || e.key === "Enter") save();
  else if (e.key === "k") skip();
  else if (e.key === "u") undo();
});
window.addEventListener("DOMContentLoaded", () => {
  $("login-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    try { await api("/api/login", { method: "POST", body: JSON.stringify({ token: $("token").value }) }); location.reload(); }
    catch (err) { $("login-error").textContent = err.message; }
  });
  $("add").addEventListener("click", addSelection);
  $("save").addEventListener("click", save);
  $("skipbtn").addEventListener("click", skip);
  $("undo").addEventListener("click", undo);
  $("agree").addEventListener("click", showAgreement);
  $("adjudicate").addEventListener("click", adjudicate);
  start();
});
`;

/** The page's HTML. */
export function labellingPage(): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Labelling job offers</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head><body>
<div id="login" class="hidden card" style="max-width:420px;margin:60px auto">
  <h2>Labelling job offers</h2><form id="login-form"><p>Your personal token:</p>
  <input id="token" type="password" autocomplete="off" style="width:100%"><p><button class="primary" type="submit">Log in</button></p>
  <p id="login-error" style="color:#d1242f"></p></form></div>
<div id="app" class="hidden">
  <header><strong>Labelling</strong><span id="who"></span><label>Queue <select id="queue"></select></label><span id="progress"></span><span id="status"></span></header>
  <main>
    <div class="card" id="offer"></div>
    <div>
      <div class="card"><h3>Themes <small id="source" class="suggest"></small></h3><div id="themes"></div></div>
      <div class="card" style="margin-top:12px"><h3>Soft skill of the selected text</h3><select id="skill" style="width:100%"></select>
        <p><button id="add">Add span (a)</button> <small>click a highlighted span to remove it</small></p></div>
      <div class="card" style="margin-top:12px"><button class="primary" id="save">Save &amp; next (s)</button> <button id="skipbtn">Skip (k)</button> <button id="undo">Undo (u)</button>
        <p id="saved" class="suggest"></p><button id="adjudicate">Save as adjudicated (admin)</button></div>
      <div class="card" style="margin-top:12px"><button id="agree">Agreement</button><div id="agreement"></div><div id="adjudication"></div></div>
    </div>
  </main>
</div>
<script src="/labelling.js"></script></body></html>`;
}

/** The page's script, served as a file so the Content-Security-Policy can forbid inline scripts. */
export function labellingScript(): string {
  return `const THEMES = ${JSON.stringify(THEMES)};\nconst PRESENT = ${PRESENT};\n` + SCRIPT;
}
