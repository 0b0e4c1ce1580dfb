/* serve/assets/app.js: the page of `sift serve`: storylines, search, a
 * story and a report, drawn from the JSON API (docs/api.md). Report text
 * is untrusted: it only ever enters the page through textContent (el()
 * below); no innerHTML anywhere. Sections the API does not give yet
 * (stories before clustering, analysis before issue 4) are left out. */
"use strict";

const main = document.getElementById("main");

/* Element with attributes and children; strings become text nodes. */
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") {
      e.className = v;
    } else if (k === "href") {
      e.setAttribute("href", safeHref(v));
    } else {
      e.setAttribute(k, v);
    }
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) {
      continue;
    }
    e.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return e;
}

/* Only in-page routes and web addresses become links: never javascript:. */
function safeHref(v) {
  const s = String(v);
  if (s.startsWith("#/") || /^https?:\/\//i.test(s)) {
    return s;
  }
  return "#/";
}

function show(...nodes) {
  main.replaceChildren(...nodes);
  window.scrollTo(0, 0);
}

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== "") {
      qs.set(k, v);
    }
  }
  const url = "/api" + path + (qs.toString() ? "?" + qs.toString() : "");
  const resp = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await resp.json();
  } catch (e) {
    throw new ApiError(resp.status, "the server sent no JSON");
  }
  if (!resp.ok) {
    throw new ApiError(resp.status, (body && body.error) || "request failed");
  }
  return body;
}

function errorBox(err) {
  return el("p", { class: "error" }, "Error: " + err.message);
}

function plural(n, one, many) {
  return n + " " + (n === 1 ? one : many);
}

function reportLink(id, text) {
  return el("a", { href: "#/report/" + encodeURIComponent(id) }, text || id);
}

function dateRange(a, b) {
  if (!a && !b) {
    return "undated";
  }
  return a === b || !b ? a : a + " – " + b;
}

/* ---- lists ------------------------------------------------------------ */

function reportRow(r) {
  const meta = [r.date || "undated", r.outlet || "outlet unknown"].join(" · ");
  return el("li", { class: "report-row" },
    reportLink(r.id, r.title || "(untitled)"),
    el("span", { class: "meta" }, " " + meta));
}

function reportList(data, title, more) {
  const list = el("ol", { class: "reports" }, ...data.reports.map(reportRow));
  const n = data.total;
  const parts = [el("h2", {}, title), el("p", { class: "count" }, plural(n, "report", "reports")), list];
  if (data.offset + data.reports.length < n && more) {
    parts.push(el("p", {}, el("a", { href: more(data.offset + data.limit) }, "More…")));
  }
  return parts;
}

function storyRow(s) {
  const counts = [plural(s.n_reports || 0, "report", "reports"),
    plural(s.n_outlets || 0, "outlet", "outlets")];
  if (s.n_events !== undefined) {
    counts.push(plural(s.n_events, "event", "events"));
  }
  return el("li", { class: "story-row" },
    el("a", { href: "#/story/" + encodeURIComponent(s.id) }, s.label || "(unlabelled)"),
    el("span", { class: "meta" }, " " + dateRange(s.date_min, s.date_max) + " · " + counts.join(", ")));
}

async function viewHome(params) {
  const offset = Number(params.get("offset") || 0);
  try {
    const data = await api("/stories", { offset });
    const parts = [el("h2", {}, "Storylines"),
      el("p", { class: "count" }, plural(data.total, "storyline", "storylines") + ", newest first"),
      el("ol", { class: "stories" }, ...data.stories.map(storyRow))];
    show(...parts);
    return;
  } catch (err) {
    if (err.status !== 501) {
      show(errorBox(err));
      return;
    }
  }
  /* No storylines in this store yet: the reports, newest first. */
  try {
    const data = await api("/reports", { offset });
    show(el("p", { class: "note" }, "Storylines are not available for this store yet; showing reports."),
      ...reportList(data, "Reports, newest first", (o) => "#/?offset=" + o));
  } catch (err) {
    show(errorBox(err));
  }
}

async function viewSearch(params) {
  const q = params.get("q") || "";
  const entity = params.get("entity") || "";
  const from = params.get("from") || "";
  const to = params.get("to") || "";
  const offset = Number(params.get("offset") || 0);
  for (const [id, v] of [["q", q], ["entity", entity], ["from", from], ["to", to]]) {
    document.getElementById(id).value = v;
  }
  /* Entities are searched as words until the store indexes them (#4). */
  const words = [q, entity].filter(Boolean).join(" ");
  try {
    const path = words ? "/search" : "/reports";
    const data = await api(path, { q: words, from, to, offset });
    const what = [words && "“" + words + "”", from && "from " + from, to && "to " + to]
      .filter(Boolean).join(" ");
    const more = (o) => {
      const p = new URLSearchParams(params);
      p.set("offset", o);
      return "#/search?" + p.toString();
    };
    show(...reportList(data, "Search: " + (what || "all reports"), more));
  } catch (err) {
    show(errorBox(err));
  }
}

/* ---- a report ------------------------------------------------------------- */

function blockNode(b) {
  const tag = { heading: "h3", title: "h3", quote: "blockquote", list_item: "li" }[b.kind] || "p";
  return el(tag, { class: "block-" + b.kind }, b.text);
}

function blocksNode(blocks) {
  const out = el("div", { class: "body" });
  let list = null;
  for (const b of blocks || []) {
    const node = blockNode(b);
    if (b.kind === "list_item") {
      if (!list) {
        list = el("ul");
        out.appendChild(list);
      }
      list.appendChild(node);
    } else {
      list = null;
      out.appendChild(node);
    }
  }
  return out;
}

async function viewReport(id) {
  let r;
  try {
    r = await api("/reports/" + encodeURIComponent(id));
  } catch (err) {
    show(errorBox(err));
    return;
  }
  const meta = el("dl", { class: "meta-list" });
  const add = (k, v) => {
    if (v) {
      meta.append(el("dt", {}, k), el("dd", {}, v));
    }
  };
  add("Outlet", r.outlet && r.outlet + (r.outlet_evidence ? " (from “" + r.outlet_evidence + "”)" : ""));
  add("Date", r.date && r.date + " (" + r.date_source + ", " + (r.date_certain ? "certain" : "uncertain") + ")");
  add("Byline", r.byline);
  add("Credits", r.credits);
  add("Language", r.lang);
  add("Source", r.source + " (" + r.format + ")");
  add("Report id", r.id);
  if (r.url) {
    meta.append(el("dt", {}, "URL"),
      el("dd", {}, /^https?:\/\//i.test(r.url) ? el("a", { href: r.url, rel: "noreferrer" }, r.url) : r.url));
  }
  const clutter = r.clutter || [];
  const removed = el("details", { class: "clutter" },
    el("summary", {}, "Removed as clutter: " + clutter.length),
    el("ul", {}, ...clutter.map((c) => el("li", {}, el("span", { class: "reason" }, c.reason), " ", c.text))));
  show(el("article", { class: "report", id: "report" },
    el("h2", { class: "report-title" }, r.title || "(untitled)"),
    r.subtitle ? el("p", { class: "subtitle" }, r.subtitle) : null,
    meta, blocksNode(r.blocks), removed));
}

/* ---- a story --------------------------------------------------------------- */

function section(title, cls, ...children) {
  return el("section", { class: cls }, el("h3", {}, title), ...children);
}

function cites(ids) {
  return el("span", { class: "cites" }, ...(ids || []).map((id, i) =>
    el("span", {}, i ? " " : "", el("a", { href: "#/report/" + encodeURIComponent(id), class: "cite" }, "[" + id.slice(0, 6) + "]"))));
}

function dayNumber(date) {
  const t = Date.parse(String(date).slice(0, 10));
  return Number.isNaN(t) ? null : t / 86400000;
}

/* The timeline as a line with dated marks, spaced by the days between
 * them (capped, so one long gap does not push the rest off the page). */
function timelineNode(items) {
  const sorted = [...items].sort((a, b) => String(a.date).localeCompare(String(b.date)));
  const ol = el("ol", { class: "timeline" });
  let prev = null;
  for (const t of sorted) {
    const day = dayNumber(t.date);
    const gap = prev !== null && day !== null ? Math.min(Math.max(day - prev, 0), 30) : 0;
    const li = el("li", { class: "tl-item" + (t.certain === false ? " uncertain" : ""), "data-date": String(t.date || "") },
      el("time", { class: "tl-date" }, String(t.date || "undated")),
      el("span", { class: "tl-text" }, t.what || ""),
      t.certain === false ? el("span", { class: "tag" }, "inferred") : null,
      cites(t.reports));
    li.style.marginTop = (gap * 0.4).toFixed(1) + "em";
    ol.appendChild(li);
    if (day !== null) {
      prev = day;
    }
  }
  return ol;
}

/* The member reports of a storyline (through its events) or an event. */
function storyReports(s) {
  if (Array.isArray(s.events)) {
    return s.events.flatMap((e) => e.reports || []);
  }
  return Array.isArray(s.reports) ? s.reports : [];
}

function textsOf(list) {
  return (list || []).map((x) => x.text);
}

function storySections(s) {
  const out = [];
  const reps = storyReports(s);
  if (Array.isArray(s.timeline) && s.timeline.length) {
    out.push(section("Timeline", "timeline-section", timelineNode(s.timeline)));
  }
  if (Array.isArray(s.summary) && s.summary.length) {
    out.push(section("Summary", "summary", el("ol", {}, ...s.summary.map((x) => el("li", {}, x.text, " ", cites(x.reports))))));
  }
  if (Array.isArray(s.disagreements) && s.disagreements.length) {
    out.push(section("Disagreements", "disagreements", ...s.disagreements.map((d) =>
      el("div", { class: "disagreement" + (d.is_conflict === false ? " apparent" : "") },
        el("strong", {}, d.slot || "disputed"), el("span", { class: "meta" }, " " + (d.kind || "") + " "),
        d.is_conflict === false ? el("span", { class: "tag" }, "apparent") : el("span", { class: "tag conflict" }, "conflict"),
        el("ul", {}, ...(d.values || []).map((v) => el("li", {}, el("q", {}, v.value), " ", cites(v.reports))))))));
  }
  if (Array.isArray(s.claims) && s.claims.length) {
    out.push(section("Claims", "claims", el("ul", {}, ...s.claims.map((c) =>
      el("li", {}, el("span", { class: "badge" }, plural(c.outlets || 0, "outlet", "outlets")), " ",
        el("strong", {}, c.subject || ""), " ", c.relation === "states" ? "" : c.relation + ": ", c.value || "",
        c.when ? el("span", { class: "meta" }, " (" + c.when + ")") : null, " ", cites(c.reports))))));
  }
  if (Array.isArray(s.quotes) && s.quotes.length) {
    const by = new Map();
    for (const q of s.quotes) {
      const k = q.speaker || "unattributed";
      if (!by.has(k)) {
        by.set(k, []);
      }
      by.get(k).push(q);
    }
    const speakers = [...by.keys()].sort((a, b) => by.get(b).length - by.get(a).length || a.localeCompare(b));
    out.push(section("Quotes", "quotes", ...speakers.map((k) => el("div", { class: "speaker" },
      el("h4", {}, k), el("ul", {}, ...by.get(k).map((q) => el("li", {}, el("q", {}, q.text), " ", cites(q.report ? [q.report] : q.reports))))))));
  }
  if (Array.isArray(s.numbers) && s.numbers.length) {
    // one line per figure and what it counts, with every report giving it
    const figs = new Map();
    for (const n of s.numbers) {
      if (n.kind === "ordinal" || n.kind === "time") {
        continue;
      }
      const k = n.text + "\u0000" + (n.counts || "");
      if (!figs.has(k)) {
        figs.set(k, { text: n.text, counts: n.counts, reports: [] });
      }
      if (!figs.get(k).reports.includes(n.report)) {
        figs.get(k).reports.push(n.report);
      }
    }
    if (figs.size) {
      out.push(section("Numbers", "numbers", el("ul", {}, ...[...figs.values()].map((f) => el("li", {},
        el("strong", {}, f.text), f.counts ? el("span", { class: "meta" }, " counts " + f.counts) : null, " ", cites(f.reports))))));
    }
  }
  if (Array.isArray(s.variants) && s.variants.length) {
    out.push(section("Spelling variants (not conflicts)", "variants", el("ul", {}, ...s.variants.map((v) => el("li", {},
      el("strong", {}, v.about || ""), el("span", { class: "meta" }, " " + (v.kind || "") + ": "),
      ...(v.forms || []).flatMap((f, i) => [i ? " / " : "", f.text, " ", cites(f.reports)]))))));
  }
  if (Array.isArray(s.citations) && s.citations.length) {
    const how = { according_to: "according to", contributed_reporting: "contributed reporting", photo_credit: "photo credit", told: "a source told it" };
    out.push(section("Who cites whom", "citations", el("ul", {}, ...s.citations.map((c) => el("li", {},
      c.citing || "", " cites ", el("strong", {}, c.cited || ""), el("span", { class: "meta" }, " (" + (how[c.relation] || c.relation) + ")"), " ",
      cites(c.report ? [c.report] : []))))));
  }
  if (Array.isArray(s.entities) && s.entities.length) {
    out.push(section("Entities", "entities", el("ul", { class: "chips" }, ...s.entities.map((e) =>
      el("li", { title: textsOf(e.forms).join(", ") }, el("a", { href: "#/search?" + new URLSearchParams({ entity: e.name }).toString() }, e.name),
        e.type ? el("span", { class: "meta" }, " " + e.type) : null,
        (e.roles || []).length ? el("span", { class: "meta" }, " · " + textsOf(e.roles).join(", ")) : null)))));
  }
  const outlets = new Map();
  for (const r of s.report_info || []) {
    const k = r.outlet || "unknown outlet";
    if (!outlets.has(k)) {
      outlets.set(k, []);
    }
    outlets.get(k).push(r.id);
  }
  if (outlets.size) {
    out.push(section("Outlets", "outlets", el("ul", {}, ...[...outlets].map(([name, ids]) => el("li", {}, name, " ", cites(ids))))));
  }
  const copies = reps.filter((r) => r.copy_of).map((r) => ({ report: r.id, copy_of: r.copy_of, similarity: r.similarity }));
  if (copies.length) {
    out.push(section("Copies", "copies", el("ul", {}, ...copies.map((c) => el("li", {},
      reportLink(c.report), " copies ", reportLink(c.copy_of),
      el("span", { class: "meta" }, " " + (c.kind || "") + (c.similarity !== undefined ? " " + Number(c.similarity).toFixed(2) : "")))))));
  }
  if (Array.isArray(s.events) && s.events.length) {
    out.push(section("Events", "events", el("ol", {}, ...s.events.map((e) => el("li", {},
      el("strong", {}, e.label || "(unlabelled)"), el("span", { class: "meta" }, " " + dateRange(e.date_min, e.date_max)), " ",
      cites((e.reports || []).map((r) => r.id)))))));
  }
  if (reps.length) {
    out.push(section("Reports", "story-reports", el("ol", { class: "reports" }, ...reps.map(reportRow))));
  }
  return out;
}

async function viewStory(id) {
  let s;
  try {
    s = await api("/stories/" + encodeURIComponent(id));
  } catch (err) {
    show(errorBox(err));
    return;
  }
  const counts = [plural(s.n_reports || 0, "report", "reports"), plural(s.n_outlets || 0, "outlet", "outlets")];
  show(el("article", { class: "story", id: "story" },
    el("h2", {}, s.label || "(unlabelled)"),
    el("p", { class: "meta" }, dateRange(s.date_min, s.date_max) + " · " + counts.join(", ")),
    ...storySections(s)));
}

/* ---- routing ---------------------------------------------------------------- */

function route() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, query] = hash.split("?", 2);
  const params = new URLSearchParams(query || "");
  let m;
  if ((m = path.match(/^\/report\/([^/]+)$/))) {
    return viewReport(decodeURIComponent(m[1]));
  }
  if ((m = path.match(/^\/story\/([^/]+)$/))) {
    return viewStory(decodeURIComponent(m[1]));
  }
  if (path === "/search") {
    return viewSearch(params);
  }
  return viewHome(params);
}

document.getElementById("search").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const p = new URLSearchParams();
  for (const id of ["q", "entity", "from", "to"]) {
    const v = document.getElementById(id).value.trim();
    if (v) {
      p.set(id, v);
    }
  }
  location.hash = "#/search?" + p.toString();
});

window.addEventListener("hashchange", route);
route();
