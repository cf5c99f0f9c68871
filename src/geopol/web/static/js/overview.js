// The overview page: counts, most active actors and dyads, latest events, relation shifts.

import { actorLink, api, articleHref, boot, dyadLink, eventsTable, fill, fmt, h, table } from "./common.js";

boot(async (dataset) => {
  const data = await api(dataset.api0);
  const c = data.counts;
  fill("counts", [
    ["articles", c.articles], ["stories", c.stories], ["actors", c.actors], ["events", c.events],
    ["quotes", c.quotes], ["relation rows", c.relations],
  ].map(([label, n]) => h("div", { class: "card" }, h("span", { class: "n" }, fmt.num(n)), h("span", { class: "l" }, label))));

  fill("top-actors", table(data.top_actors, [
    { label: "Actor", cell: (a) => actorLink(a) },
    { label: "Kind", cell: (a) => a.kind || "–" },
    { label: "Region", cell: (a) => a.region || "–" },
    { label: "Articles", cell: (a) => fmt.num(a.articles), class: "num" },
    { label: "Mentions", cell: (a) => fmt.num(a.mentions), class: "num" },
  ], { empty: "No actors yet." }));

  fill("top-dyads", table(data.top_dyads, [
    { label: "Source", cell: (d) => actorLink(d.source) },
    { label: "Target", cell: (d) => actorLink(d.target) },
    { label: "Events", cell: (d) => fmt.num(d.events), class: "num" },
    { label: "Goldstein", cell: (d) => fmt.gold(d.goldstein), class: "num" },
    { label: "", cell: (d) => dyadLink(d.source, d.target, "timeline") },
  ], { empty: "No dyads yet." }));

  fill("latest-events", eventsTable(data.latest_events, { empty: "No events yet." }));

  fill("relation-shifts", table(data.relation_shifts, [
    { label: "Date", cell: (r) => fmt.date(r.date), class: "nowrap" },
    { label: "Source", cell: (r) => actorLink(r.source) },
    { label: "Target", cell: (r) => actorLink(r.target) },
    { label: "Change", cell: (r) => h("span", {},
      r.previous ? h("span", { class: `kind-tag k-${r.previous}` }, r.previous) : h("span", { class: "muted" }, "new"),
      " → ", h("span", { class: `kind-tag k-${r.kind}` }, r.kind)) },
    { label: "Since", cell: (r) => fmt.date(r.since), class: "nowrap" },
    { label: "", cell: (r) => h("span", {}, dyadLink(r.source, r.target, "dyad"), " · ", h("a", { href: articleHref(r.article) }, "article")) },
  ], { empty: "No relations yet." }));
});
