// The article page: the text with actor mentions, event triggers and quotes highlighted. The text
// is cut at every annotation boundary into text nodes (never parsed as HTML); hovering a trigger
// shows its event's coding, clicking it (or a row of the events table) pins it in the side panel.

import { actorLink, actorList, api, articleHref, boot, clear, eventsTable, fill, fmt, h, modalityBadge, quadBadge, table, tip } from "./common.js";

const COLOURS = 8;
let selected = null;
let segments = [];
let byTrigger = new Map();
let events = [];
let colourOf = new Map();

// The most mentioned actors get distinct colours; the rest repeat them.
function colours(actors) {
  const ranked = [...actors].sort((a, b) => b.mentions.length - a.mentions.length || (a.id < b.id ? -1 : 1));
  return new Map(ranked.map((a, i) => [a.id, i % COLOURS]));
}

function annotations(data) {
  const out = [];
  for (const actor of data.actors) {
    for (const m of actor.mentions) out.push({ start: m.start, end: m.end, type: "m", actor, colour: colourOf.get(actor.id) });
  }
  for (const q of data.quotes) out.push({ start: q.start, end: q.end, type: "q", quote: q });
  for (const e of data.events) {
    if (e.trigger.start !== null && e.trigger.end !== null) out.push({ start: e.trigger.start, end: e.trigger.end, type: "t", event: e });
  }
  return out;
}

function codingLines(e) {
  return [
    `${e.cameo} ${e.cameo_name || ""}`.trim(),
    `${e.plover || "no PLOVER type"} · ${e.quad_label || ""} · Goldstein ${fmt.gold(e.goldstein)}`,
    `modality ${e.modality}${e.claimed_by ? `, claimed by ${e.claimed_by.name}` : ""}`,
    `${e.source.map((a) => a.name).join(", ") || "?"} → ${e.target.map((a) => a.name).join(", ") || "–"}`,
  ];
}

function renderText(text, notes) {
  const bounds = new Set([0, text.length]);
  for (const n of notes) {
    bounds.add(Math.max(0, Math.min(text.length, n.start)));
    bounds.add(Math.max(0, Math.min(text.length, n.end)));
  }
  for (const e of events) {
    for (const v of [e.sentence.start, e.sentence.end]) if (v !== null) bounds.add(Math.max(0, Math.min(text.length, v)));
  }
  const cuts = [...bounds].sort((a, b) => a - b);
  const root = h("div", { class: "text-body" });
  segments = [];
  byTrigger = new Map();
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i], end = cuts[i + 1];
    const piece = text.slice(start, end);
    const covering = notes.filter((n) => n.start <= start && n.end >= end);
    if (!covering.length) {
      const span = h("span", {}, piece);
      segments.push({ start, end, node: span });
      root.appendChild(span);
      continue;
    }
    const trig = covering.filter((n) => n.type === "t").map((n) => n.event);
    const mention = covering.find((n) => n.type === "m");
    const quote = covering.find((n) => n.type === "q");
    const classes = [];
    if (quote) classes.push("q", `q-${quote.quote.kind}`);
    if (mention) classes.push("m", `c${mention.colour}`);
    let node;
    if (trig.length) {
      classes.push("t", trig.some((e) => e.quad_class >= 3) ? "t-conf" : "t-coop");
      node = h("mark", { class: classes.join(" "), tabindex: "0", role: "button", "data-events": trig.map((e) => e.id).join(" "),
        "aria-label": `event ${trig.map((e) => e.cameo).join(", ")}: ${piece}` }, piece);
      const lines = trig.flatMap((e, k) => (k ? ["—", ...codingLines(e)] : codingLines(e)));
      node.addEventListener("mousemove", (ev) => tip.show(lines, ev.pageX, ev.pageY));
      node.addEventListener("mouseleave", () => tip.hide());
      node.addEventListener("click", () => select(trig[0].id, false));
      node.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); select(trig[0].id, false); } });
      for (const e of trig) {
        if (!byTrigger.has(e.id)) byTrigger.set(e.id, []);
        byTrigger.get(e.id).push(node);
      }
    } else {
      node = h("span", { class: classes.join(" "), "data-actor": mention ? mention.actor.id : null }, piece);
      const lines = [];
      if (mention) lines.push(mention.actor.name, `${mention.actor.kind || "actor"} · ${mention.actor.id}`);
      if (quote) lines.push(`${quote.quote.kind} quote${quote.quote.speaker ? ` of ${quote.quote.speaker.name}` : ""}`);
      node.addEventListener("mousemove", (ev) => tip.show(lines, ev.pageX, ev.pageY));
      node.addEventListener("mouseleave", () => tip.hide());
    }
    segments.push({ start, end, node });
    root.appendChild(node);
  }
  return root;
}

function panel(e) {
  const row = (label, value) => [h("dt", {}, label), h("dd", {}, value)];
  return [
    h("h2", {}, "Event coding"),
    h("p", { class: "panel-code" }, quadBadge(e), " ", e.cameo_name || ""),
    h("dl", { class: "coding" },
      row("PLOVER", e.plover || "–"),
      row("Quad class", `${e.quad_class} (${e.quad_label || "?"})`),
      row("Goldstein", fmt.gold(e.goldstein)),
      row("Modality", modalityBadge(e.modality)),
      row("Source", actorList(e.source)),
      row("Target", actorList(e.target)),
      row("Claimed by", e.claimed_by ? actorLink(e.claimed_by) : "–"),
      row("Trigger", `“${e.trigger.text}” [${e.trigger.start}–${e.trigger.end}]`),
      row("Sentence", h("q", {}, e.sentence.text || "")),
      e.evidence.length ? row("Also stated", h("ul", { class: "plain" }, e.evidence.map((s) => h("li", {}, h("q", {}, s.text))))) : null,
      row("Date", fmt.date(e.date)),
      row("Pattern", `${e.pattern} · ${e.coder}`),
      row("Event id", h("code", {}, e.id))),
  ];
}

function select(eventId, scroll) {
  const e = events.find((x) => x.id === eventId);
  if (!e) return;
  selected = e;
  fill("event-panel", panel(e));
  document.getElementById("event-panel").dataset.event = e.id;
  for (const seg of segments) {
    seg.node.classList.toggle("in-sentence", e.sentence.start !== null && seg.start >= e.sentence.start && seg.end <= e.sentence.end);
  }
  for (const node of document.querySelectorAll("mark.t.active")) node.classList.remove("active");
  const marks = byTrigger.get(e.id) || [];
  for (const node of marks) node.classList.add("active");
  for (const tr of document.querySelectorAll("#events tr.selected")) tr.classList.remove("selected");
  const tr = document.getElementById(`row-${e.id}`);
  if (tr) tr.classList.add("selected");
  if (scroll && marks.length) marks[0].scrollIntoView({ block: "center" });
  const hash = `#event-${encodeURIComponent(e.id)}`;
  if (window.location.hash !== hash) history.replaceState(null, "", hash);
}

function fromHash() {
  const m = window.location.hash.match(/^#event-(.+)$/);
  if (m) select(decodeURIComponent(m[1]), true);
}

boot(async (dataset) => {
  const data = await api(dataset.api0);
  const a = data.article;
  events = data.events;
  colourOf = colours(data.actors);
  document.getElementById("article-title").textContent = a.title || "(untitled)";
  document.title = `${a.title || "Article"} · geopol`;
  const meta = [fmt.date(a.published)];
  if (a.authors && a.authors.length) meta.push(` · by ${a.authors.join(", ")}`);
  meta.push(` · ${a.language || "?"} · coded by ${a.coder || "?"} · id ${a.id}`);
  if (a.url) meta.push(" · ", h("a", { href: a.url, rel: "noopener noreferrer nofollow", target: "_blank" }, "source"));
  if (a.story && a.story !== a.id) meta.push(" · near-duplicate of ", h("a", { href: articleHref(a.story) }, a.story));
  fill("article-meta", meta);

  const text = document.getElementById("article-text");
  clear(text).appendChild(renderText(a.text, annotations(data)));
  const legend = document.getElementById("legend");
  clear(legend);
  for (const [cls, label] of [["m", "actor mentions"], ["t", "event triggers"], ["q", "quotes"]]) {
    const box = h("input", { type: "checkbox", checked: true, "data-layer": cls });
    box.addEventListener("change", () => text.classList.toggle(`hide-${cls}`, !box.checked));
    legend.appendChild(h("label", { class: `layer layer-${cls}` }, box, h("span", { class: `sample ${cls}` }, label)));
  }
  legend.appendChild(h("span", { class: "muted" }, ` ${data.actors.length} actors, ${events.length} events, ${data.quotes.length} quotes`));

  fill("events", eventsTable(events, { hideArticle: true, empty: "No events were coded in this article.",
    rowAttrs: (e) => ({ id: `row-${e.id}`, class: "clickable", onclick: (ev) => { if (!ev.target.closest("a")) select(e.id, true); } }) }));
  fill("actors", table(data.actors, [
    { label: "Actor", cell: (x) => h("span", {}, h("span", { class: `chip c${colourOf.get(x.id)}` }), actorLink(x)) },
    { label: "Kind", cell: (x) => x.kind || "–" },
    { label: "Roles", cell: (x) => x.roles.join("; ") || (x.affiliation ? "" : "–"), class: "wrap" },
    { label: "Acts for", cell: (x) => (x.affiliation ? actorLink(x.affiliation) : "–") },
    { label: "Mentions", cell: (x) => fmt.num(x.mentions.length), class: "num" },
  ], { empty: "No actors." }));
  fill("quotes", data.quotes.length ? h("ul", { class: "quotes" }, data.quotes.map((q) => h("li", {},
    h("blockquote", {}, q.kind === "direct" ? `“${q.text}”` : q.text),
    h("p", { class: "muted" }, actorLink(q.speaker), ` · ${q.kind}${q.cue ? `, ${q.cue}` : ""}`)))) : h("p", { class: "empty" }, "No quotes."));
  fill("relations", table(data.relations, [
    { label: "Source", cell: (r) => actorLink(r.source) },
    { label: "Kind", cell: (r) => h("span", { class: `kind-tag k-${r.kind}` }, r.kind) },
    { label: "Target", cell: (r) => actorLink(r.target) },
    { label: "Weight", cell: (r) => String(r.weight), class: "num" },
    { label: "Basis", cell: (r) => r.basis || "–" },
  ], { empty: "No relations." }));
  window.addEventListener("hashchange", fromHash);
  if (window.location.hash) fromHash();
  else if (events.length) select(events[0].id, false);
});
