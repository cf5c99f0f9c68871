// The actor page: profile, roles, affiliations, relations, counterparts, timeline, events, quotes.

import { actorLink, api, articleLink, boot, clear, dyadLink, eventsTable, fill, fmt, h, table } from "./common.js";
import { timelineChart } from "./charts.js";

const PAGE = 50;

async function loadEvents(actorId, offset, preloaded) {
  const data = await (preloaded ? api(preloaded) : api("/api/events", { actor: actorId, limit: PAGE, offset }));
  const pager = h("p", { class: "pager" },
    `${fmt.num(data.total)} events` + (data.total > PAGE ? `, showing ${offset + 1}–${offset + data.events.length}` : ""),
    offset > 0 ? h("button", { type: "button", onclick: () => loadEvents(actorId, Math.max(0, offset - PAGE)) }, "Newer") : null,
    offset + PAGE < data.total ? h("button", { type: "button", onclick: () => loadEvents(actorId, offset + PAGE) }, "Older") : null);
  fill("events", pager, eventsTable(data.events, { empty: "No events involve this actor.", max: 25 }));
}

boot(async (dataset) => {
  const id = dataset.actor;
  const chart = document.getElementById("timeline");
  const chartWidth = chart.clientWidth; // read before the data arrives, so it costs no extra layout
  const eventsDone = loadEvents(id, 0, dataset.api1);
  const data = await api(dataset.api0);
  const a = data.actor;
  document.getElementById("actor-name").textContent = a.name;
  document.getElementById("actor-kicker").textContent = a.kind || "actor";
  document.title = `${a.name} · geopol`;
  const facts = [`id ${a.id}`];
  if (a.country) facts.push(`country ${a.country}`);
  if (a.region) facts.push(a.region);
  facts.push(`${fmt.num(a.articles)} article${a.articles === 1 ? "" : "s"}`, `${fmt.num(a.mentions)} mentions`);
  fill("actor-facts", facts.join(" · "));

  fill("roles", table(data.roles, [
    { label: "Role", cell: (r) => r.role },
    { label: "Articles", cell: (r) => fmt.num(r.articles), class: "num" },
    { label: "First – last", cell: (r) => `${fmt.date(r.first)} – ${fmt.date(r.last)}`, class: "nowrap" },
  ], { empty: "No roles recorded." }));

  const affil = [];
  const list = (title, rows) => {
    if (!rows.length) return;
    affil.push(h("h3", {}, title), table(rows, [
      { label: "Actor", cell: (r) => actorLink(r) },
      { label: "Articles", cell: (r) => fmt.num(r.articles), class: "num" },
    ], { max: 8 }));
  };
  list("Acts for", data.affiliations);
  list("Members", data.members);
  list("People and bodies acting for it", data.people);
  fill("affiliations", affil.length ? affil : h("p", { class: "empty" }, "None recorded."));

  const self = { id: a.id, name: a.name, kind: a.kind };
  clear(chart).appendChild(timelineChart(data.timeline, { forward: `by ${a.name}`, backward: `towards ${a.name}` }, chartWidth));

  fill("relations", table(data.relations, [
    { label: "", cell: (r) => (r.direction === "out" ? "→" : "←"), class: "dir" },
    { label: "Other", cell: (r) => actorLink(r.other) },
    { label: "Kind", cell: (r) => h("span", { class: `kind-tag k-${r.kind}` }, r.kind) },
    { label: "Weight", cell: (r) => String(r.weight), class: "num" },
    { label: "Articles", cell: (r) => fmt.num(r.articles), class: "num" },
    { label: "Last", cell: (r) => fmt.date(r.last), class: "nowrap" },
    { label: "", cell: (r) => (r.direction === "out" ? dyadLink(self, r.other, "dyad") : dyadLink(r.other, self, "dyad")) },
  ], { empty: "No relations.", max: 25 }));

  fill("counterparts", table(data.counterparts, [
    { label: "Counterpart", cell: (r) => actorLink(r.other) },
    { label: "Events", cell: (r) => fmt.num(r.events), class: "num" },
    { label: "Coop.", cell: (r) => fmt.num(r.cooperation), class: "num" },
    { label: "Conflict", cell: (r) => fmt.num(r.conflict), class: "num" },
    { label: "Goldstein", cell: (r) => fmt.gold(r.goldstein), class: "num" },
    { label: "", cell: (r) => dyadLink(self, r.other, "dyad") },
  ], { empty: "No counted events with other actors.", max: 25 }));

  fill("quotes", table(data.quotes, [
    { label: "Quote", cell: (q) => h("blockquote", {}, q.kind === "direct" ? `“${q.text}”` : q.text) },
    { label: "Kind", cell: (q) => `${q.kind}${q.cue ? `, ${q.cue}` : ""}` },
    { label: "Article", cell: (q) => articleLink(q.article) },
    { label: "Date", cell: (q) => fmt.date(q.article.published), class: "nowrap" },
  ], { empty: "No quotes from this actor.", max: 10 }));
  await eventsDone;
});
