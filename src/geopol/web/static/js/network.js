// The network page: filters kept in the address bar, the graph from /api/graph.

import { actorLink, api, boot, dyadLink, fill, fmt, h, table } from "./common.js";
import { renderGraph } from "./graph.js";

const form = document.getElementById("filters");
let allKinds = [];
let built = false;

function readParams() {
  const q = new URLSearchParams(window.location.search);
  return { start: q.get("start") || "", end: q.get("end") || "", kinds: q.get("kinds"), region: q.get("region") || "",
    limit: q.get("limit") || "150" };
}

function buildForm(filters, params) {
  allKinds = filters.kinds;
  const chosen = params.kinds === null ? new Set(allKinds) : new Set(params.kinds.split(",").filter(Boolean));
  const box = document.getElementById("kinds");
  for (const kind of allKinds) {
    box.appendChild(h("label", { class: "kind-choice" },
      h("input", { type: "checkbox", name: "kind", value: kind, checked: chosen.has(kind) }),
      h("span", { class: `swatch k-${kind}` }), kind));
  }
  const select = form.elements.region;
  for (const group of filters.regions) {
    select.appendChild(h("option", { value: group.name }, group.name));
    for (const sub of group.subregions) select.appendChild(h("option", { value: sub }, `\u00a0\u00a0${sub}`));
  }
  form.elements.start.value = params.start;
  form.elements.end.value = params.end;
  if (filters.first) form.elements.start.placeholder = form.elements.end.min = form.elements.start.min = filters.first;
  if (filters.last) form.elements.end.max = form.elements.start.max = filters.last;
  select.value = params.region;
  form.elements.limit.value = params.limit;
  built = true;
}

function formParams() {
  const kinds = [...form.querySelectorAll("input[name=kind]:checked")].map((i) => i.value);
  return {
    start: form.elements.start.value, end: form.elements.end.value, region: form.elements.region.value,
    limit: form.elements.limit.value, kinds: kinds.length === allKinds.length ? null : kinds.join(","),
  };
}

function writeUrl(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== "" && !(key === "limit" && value === "150")) q.set(key, value);
  const text = q.toString();
  history.replaceState(null, "", text ? `?${text}` : window.location.pathname);
}

async function draw(params, preloaded) {
  const status = document.getElementById("graph-status");
  const svg = document.getElementById("graph");
  svg.setAttribute("aria-busy", "true");
  status.textContent = "Loading…";
  if (params.kinds === "") {
    renderGraph(svg, { nodes: [], edges: [] }, allKinds);
    fill("edge-list");
    status.textContent = "Choose at least one relation kind.";
    svg.setAttribute("aria-busy", "false");
    return;
  }
  const data = await (preloaded ? api(preloaded) : api("/api/graph", params));
  if (!built) buildForm(data.filters, params);
  renderGraph(svg, data, data.filters.kinds);
  svg.setAttribute("aria-busy", "false");
  status.textContent = `${data.nodes.length} actors, ${data.edges.length} relations` +
    (data.filters.first ? ` (store spans ${data.filters.first} – ${data.filters.last})` : "");
  fill("edge-list", table(data.edges, [
    { label: "Source", cell: (e) => actorLink({ id: e.source, name: e.source_name }) },
    { label: "Kind", cell: (e) => h("span", { class: `kind-tag k-${e.kind}` }, e.kind) },
    { label: "Target", cell: (e) => actorLink({ id: e.target, name: e.target_name }) },
    { label: "Weight", cell: (e) => String(e.weight), class: "num" },
    { label: "Articles", cell: (e) => fmt.num(e.articles), class: "num" },
    { label: "First – last", cell: (e) => `${fmt.date(e.first)} – ${fmt.date(e.last)}`, class: "nowrap" },
    { label: "Dyad", cell: (e) => dyadLink({ id: e.source, name: e.source_name }, { id: e.target, name: e.target_name }, "open") },
  ], { empty: "No relations match these filters.", max: 25 }));
}

boot(async (dataset) => {
  const params = readParams();
  await draw(params, dataset.api0);
  const refresh = async () => {
    const p = formParams();
    writeUrl(p);
    try {
      await draw(p);
    } catch (err) {
      document.getElementById("graph-status").textContent = err.message;
      document.getElementById("graph").setAttribute("aria-busy", "false");
    }
  };
  form.addEventListener("change", refresh);
  form.addEventListener("submit", (ev) => { ev.preventDefault(); refresh(); });
  form.addEventListener("reset", () => setTimeout(() => {
    for (const box of form.querySelectorAll("input[name=kind]")) box.checked = true;
    form.elements.limit.value = "150";
    refresh();
  }, 0));
});
