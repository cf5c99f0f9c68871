// The dyad page: cooperation and conflict between two actors over time, their relations and events.

import { actorLink, api, boot, clear, dyadHref, eventsTable, fill, fmt, h, table } from "./common.js";
import { timelineChart } from "./charts.js";

boot(async (dataset) => {
  const chart = document.getElementById("timeline");
  const chartWidth = chart.clientWidth; // read before the data arrives, so it costs no extra layout
  const data = await api(dataset.api0);
  const a = data.a, b = data.b;
  document.title = `${a.name} and ${b.name} · geopol`;
  fill("dyad-title", actorLink(a), " ⇄ ", actorLink(b));
  fill("dyad-facts", `${fmt.num(data.events_total)} events in both directions · `,
    h("a", { href: dyadHref(b.id, a.id), class: "swap" }, "swap sides"));
  const forward = `${a.name} → ${b.name}`, backward = `${b.name} → ${a.name}`;
  clear(chart).appendChild(timelineChart(data.timeline, { forward, backward }, chartWidth));

  const sides = [[forward, data.totals.forward], [backward, data.totals.backward]];
  fill("totals", table(sides, [
    { label: "Direction", cell: ([name]) => name },
    { label: "Events", cell: ([, t]) => fmt.num(t.events), class: "num" },
    { label: "Coop.", cell: ([, t]) => fmt.num(t.cooperation), class: "num" },
    { label: "Conflict", cell: ([, t]) => fmt.num(t.conflict), class: "num" },
    { label: "Goldstein", cell: ([, t]) => fmt.gold(t.goldstein), class: "num" },
    { label: "First – last", cell: ([, t]) => `${fmt.date(t.first)} – ${fmt.date(t.last)}`, class: "nowrap" },
  ]));
  fill("relations", table(data.relations, [
    { label: "Direction", cell: (r) => (r.direction === "forward" ? forward : backward) },
    { label: "Kind", cell: (r) => h("span", { class: `kind-tag k-${r.kind}` }, r.kind) },
    { label: "Weight", cell: (r) => String(r.weight), class: "num" },
    { label: "Articles", cell: (r) => fmt.num(r.articles), class: "num" },
    { label: "First – last", cell: (r) => `${fmt.date(r.first)} – ${fmt.date(r.last)}`, class: "nowrap" },
  ], { empty: "No relations between them." }));
  const note = data.events_total > data.events.length ? h("p", { class: "hint" }, `Latest ${data.events.length} of ${fmt.num(data.events_total)}.`) : null;
  fill("events", note, eventsTable(data.events, { empty: "No events between them.", max: 25 }));
});
