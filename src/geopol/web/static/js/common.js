// Shared helpers for geopol's pages. Every piece of data reaches the page as a text node or an
// attribute value set with setAttribute: no data is ever parsed as HTML (no innerHTML anywhere).

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// GET /api/...; params with null/undefined/"" values are left out. Errors carry the API's shape.
export async function api(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
  }
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch (err) {
    throw new ApiError(response.status, "bad_response", `the server sent no JSON (${response.status})`);
  }
  if (!response.ok) {
    const e = (body && body.error) || {};
    throw new ApiError(e.status || response.status, e.code || "error", e.message || response.statusText);
  }
  return body;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
  return node;
}

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  return node;
}

// h("a", {href: "/x", class: "y"}, "text", child, [more]) builds an element.
export function h(tag, attrs, ...children) {
  return append(setAttrs(document.createElement(tag), attrs), children);
}

const SVG_NS = "http://www.w3.org/2000/svg";
export function s(tag, attrs, ...children) {
  return append(setAttrs(document.createElementNS(SVG_NS, tag), attrs), children);
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export function fill(id, ...children) {
  const node = document.getElementById(id);
  clear(node);
  return append(node, children);
}

// Actor ids keep their readable ':' in links; everything else is percent-encoded.
export function idPath(id) {
  return encodeURIComponent(id).replace(/%3A/gi, ":");
}
export const actorHref = (id) => `/actors/${idPath(id)}`;
export const dyadHref = (a, b) => `/dyads/${idPath(a)}/${idPath(b)}`;
export const articleHref = (id, eventId) => `/articles/${encodeURIComponent(id)}${eventId ? `#event-${encodeURIComponent(eventId)}` : ""}`;

export function actorLink(actor) {
  if (!actor) return h("span", { class: "muted" }, "–");
  return h("a", { href: actorHref(actor.id), class: `actor kind-${actor.kind || "other"}`, title: actor.id }, actor.name || actor.id);
}

export function actorList(actors) {
  if (!actors || !actors.length) return h("span", { class: "muted" }, "–");
  const out = [];
  actors.forEach((a, i) => {
    if (i) out.push(", ");
    out.push(actorLink(a));
  });
  return h("span", {}, out);
}

export function articleLink(article, eventId) {
  if (!article) return h("span", { class: "muted" }, "–");
  return h("a", { href: articleHref(article.id, eventId), class: "article-link" }, article.title || article.id);
}

export function dyadLink(a, b, label) {
  return h("a", { href: dyadHref(a.id, b.id), class: "dyad-link" }, label || `${a.name} → ${b.name}`);
}

const NUMBER = new Intl.NumberFormat("en");
export const fmt = {
  num: (n) => (n === null || n === undefined ? "–" : NUMBER.format(n)),
  date: (d) => d || "–",
  gold: (g) => (g === null || g === undefined ? "–" : (g > 0 ? "+" : "") + Number(g).toFixed(1)),
};

export const KIND_LABELS = {
  member: "member", ally: "ally", partner: "partner", dialogue: "dialogue", cooperation: "cooperation",
  tension: "tension", threat: "threat", hostile: "hostile", conflict: "conflict",
};

// A table from column specs: {label, cell: row => node|string, class}. With opts.max, only the
// first rows are built, and a button builds the rest on demand (long tables cost layout time).
export function table(rows, columns, opts = {}) {
  if (!rows || !rows.length) return h("p", { class: "empty" }, opts.empty || "Nothing yet.");
  const shown = opts.max && rows.length > opts.max ? rows.slice(0, opts.max) : rows;
  const tr = (row) => h("tr", opts.rowAttrs ? opts.rowAttrs(row) : {}, columns.map((c) => h("td", { class: c.class }, c.cell(row))));
  const body = h("tbody", {}, shown.map(tr));
  const out = h("table", { class: `data ${opts.class || ""}` },
    h("thead", {}, h("tr", {}, columns.map((c) => h("th", { class: c.class, scope: "col" }, c.label)))), body);
  if (shown.length === rows.length) return out;
  const more = h("button", { type: "button", class: "more" }, `Show all ${NUMBER.format(rows.length)} rows`);
  more.addEventListener("click", () => {
    append(body, rows.slice(shown.length).map(tr));
    more.remove();
  });
  return h("div", {}, out, more);
}

export function quadBadge(e) {
  const tone = e.quad_class <= 2 ? "coop" : "conf";
  return h("span", { class: `badge ${tone}`, title: e.quad_label || "" }, e.cameo);
}

export function modalityBadge(m) {
  return h("span", { class: `modality m-${m}` }, m);
}

// The standard event table; `context` drops columns a page already shows.
export function eventsTable(events, opts = {}) {
  const cols = [
    { label: "Date", cell: (e) => fmt.date(e.date), class: "nowrap" },
    { label: "CAMEO", cell: (e) => h("span", {}, quadBadge(e), " ", e.cameo_name || "") },
    { label: "Modality", cell: (e) => modalityBadge(e.modality) },
    { label: "Source", cell: (e) => actorList(e.source) },
    { label: "Target", cell: (e) => actorList(e.target) },
    { label: "Claimed by", cell: (e) => (e.claimed_by ? actorLink(e.claimed_by) : h("span", { class: "muted" }, "–")) },
    { label: "Trigger", cell: (e) => h("a", { href: articleHref(e.article.id, e.id), class: "trigger-link" }, e.trigger.text || "") },
  ];
  if (!opts.hideArticle) cols.push({ label: "Article", cell: (e) => articleLink(e.article, e.id) });
  return table(events, cols, { empty: opts.empty || "No events.", class: "events", rowAttrs: opts.rowAttrs, max: opts.max });
}

export function showError(node, err) {
  clear(node);
  node.appendChild(h("p", { class: "error", role: "alert" }, err && err.message ? err.message : String(err)));
}

// Load the page's data, then render; any failure shows the API's message in `main`. The page's
// first API addresses come in data-api0, data-api1... (the HTML preloads them); when done, the
// body gets data-ready and data-ready-ms (milliseconds since navigation started).
export async function boot(load) {
  const main = document.getElementById("main");
  try {
    await load(main.dataset);
    document.body.dataset.readyMs = String(Math.round(performance.now()));
    document.body.dataset.ready = "true";
  } catch (err) {
    const box = h("p", { class: "error", role: "alert" }, err.message || String(err));
    main.insertBefore(box, main.firstChild);
    document.body.dataset.ready = "error";
    console.error(err);
  }
}

// A floating tooltip made of text lines; shared by the graph, charts and article view.
export const tip = {
  show(lines, x, y) {
    const node = document.getElementById("tip");
    clear(node);
    lines.forEach((line, i) => node.appendChild(h("div", { class: i === 0 ? "tip-title" : "" }, line)));
    node.hidden = false;
    const pad = 14;
    const w = node.offsetWidth;
    const left = Math.min(x + pad, window.scrollX + document.documentElement.clientWidth - w - 8);
    node.style.left = `${Math.max(8, left)}px`;
    node.style.top = `${y + pad}px`;
  },
  hide() {
    document.getElementById("tip").hidden = true;
  },
};
