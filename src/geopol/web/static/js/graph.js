// A small force-directed network in plain SVG: Fruchterman-Reingold layout from a deterministic
// start (a golden-angle spiral, heaviest actors in the middle), so the same data always gives the
// same picture. Nodes and edges are SVG links: a node opens the actor, an edge opens the dyad.

import { actorHref, clear, dyadHref, s, tip } from "./common.js";

// Connected components by union-find over node indices.
function components(n, links) {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i) => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (const [a, b] of links) parent[find(a)] = find(b);
  const groups = new Map();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r).push(i);
  }
  return [...groups.values()];
}

// Fruchterman-Reingold on one component; positions around (0, 0).
function spring(members, links, weight, k) {
  const n = members.length;
  const local = new Map(members.map((g, i) => [g, i]));
  const order = members.map((_, i) => i).sort((a, b) => weight(members[b]) - weight(members[a]) || a - b);
  const x = new Float64Array(n), y = new Float64Array(n);
  order.forEach((i, rank) => {
    const r = k * 0.6 * Math.sqrt(rank + 0.5), a = rank * 2.399963;
    x[i] = r * Math.cos(a);
    y[i] = r * Math.sin(a);
  });
  const own = links.filter(([a]) => local.has(a)).map(([a, b, w]) => [local.get(a), local.get(b), w]);
  // O(n²) per round: keep the total work bounded for big graphs.
  const rounds = Math.max(40, Math.min(400, Math.floor(4e7 / Math.max(1, n * n))));
  const dx = new Float64Array(n), dy = new Float64Array(n);
  let temp = k * 2;
  for (let round = 0; round < rounds; round++) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ux = x[i] - x[j], uy = y[i] - y[j];
        let d2 = ux * ux + uy * uy;
        if (d2 < 0.01) { ux = 0.1 * ((i % 3) - 1) + 0.05; uy = 0.1; d2 = ux * ux + uy * uy; }
        const f = (k * k) / d2;
        dx[i] += ux * f; dy[i] += uy * f;
        dx[j] -= ux * f; dy[j] -= uy * f;
      }
    }
    for (const [a, b, w] of own) {
      const ux = x[a] - x[b], uy = y[a] - y[b];
      const d = Math.sqrt(ux * ux + uy * uy) || 0.01;
      const f = (d * w) / k;
      dx[a] -= ux * f; dy[a] -= uy * f;
      dx[b] += ux * f; dy[b] += uy * f;
    }
    for (let i = 0; i < n; i++) {
      dx[i] -= x[i] * 0.05; // gravity keeps loose parts of the component close
      dy[i] -= y[i] * 0.05;
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
      const step = Math.min(d, temp);
      x[i] += (dx[i] / d) * step;
      y[i] += (dy[i] / d) * step;
    }
    temp = Math.max(k * 0.01, temp * 0.975);
  }
  return { x, y };
}

// Lay out each connected component on its own, then pack the components in rows, biggest first,
// so a small separate pair does not push the main cluster into a corner.
export function layout(nodes, edges, width, height) {
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  // One spring per pair of actors, whatever the number of relation kinds between them, so a
  // dense core of many-kinded pairs does not collapse into a knot.
  const pairs = new Map();
  for (const e of edges) {
    const a = index.get(e.source), b = index.get(e.target);
    if (a === undefined || b === undefined || a === b) continue;
    pairs.set(a < b ? `${a},${b}` : `${b},${a}`, [Math.min(a, b), Math.max(a, b), 1]);
  }
  const links = [...pairs.values()];
  const k = Math.sqrt((width * height) / Math.max(1, nodes.length)) * 0.8;
  const boxes = components(nodes.length, links).map((members) => {
    const { x, y } = spring(members, links, (i) => nodes[i].weight || 0, k);
    const minX = Math.min(...x), minY = Math.min(...y);
    const pad = k * 0.5;
    const labelRoom = Math.max(...members.map((i) => Math.min(28, nodes[i].name.length))) * 7;
    return { members, x: x.map((v) => v - minX + pad), y: y.map((v) => v - minY + pad),
      w: Math.max(...x) - minX + 2 * pad + labelRoom, h: Math.max(...y) - minY + 2 * pad };
  });
  boxes.sort((a, b) => b.members.length - a.members.length || b.w * b.h - a.w * a.h);
  const area = boxes.reduce((sum, b) => sum + b.w * b.h, 0);
  const widest = Math.max(...boxes.map((b) => b.w), 0);
  const rowWidth = Math.max(widest * (boxes.length > 1 ? 1.45 : 1), Math.sqrt(area * (width / height)));
  const placed = new Array(nodes.length);
  let cx = 0, cy = 0, rowH = 0;
  for (const box of boxes) {
    if (cx > 0 && cx + box.w > rowWidth) { cx = 0; cy += rowH; rowH = 0; }
    box.members.forEach((i, j) => { placed[i] = { ...nodes[i], x: cx + box.x[j], y: cy + box.y[j] }; });
    cx += box.w;
    rowH = Math.max(rowH, box.h);
  }
  return placed;
}

// Sizes are relative to the heaviest node and edge on screen, so a store of ten articles and one
// of ten thousand both show a range of sizes.
let maxNodeWeight = 1;
const radius = (node) => 5 + 15 * Math.sqrt((node.weight || 0) / maxNodeWeight);

// Scale and centre the layout into the view, leaving room for the labels right of the nodes.
function fit(placed, width, height, pad) {
  if (!placed.length) return;
  const xs = placed.map((p) => p.x), ys = placed.map((p) => p.y);
  const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
  const right = placed.filter((p) => p.x >= maxX - (maxX - minX) * 0.15);
  const labelRoom = Math.max(...right.map((p) => Math.min(28, p.name.length) * 7 + radius(p)));
  const sc = Math.min((width - 2 * pad - labelRoom) / Math.max(1, maxX - minX), (height - 2 * pad) / Math.max(1, maxY - minY), 3);
  const ox = (width - labelRoom - sc * (maxX - minX)) / 2, oy = (height - sc * (maxY - minY)) / 2;
  for (const p of placed) {
    p.x = ox + (p.x - minX) * sc;
    p.y = oy + (p.y - minY) * sc;
  }
}

function curve(a, b, offset, ra, rb) {
  const mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
  const vx = b.x - a.x, vy = b.y - a.y;
  const len = Math.sqrt(vx * vx + vy * vy) || 1;
  const cx = mx - (vy / len) * offset, cy = my + (vx / len) * offset;
  // stop short of both circles, along the tangent towards the control point
  const trim = (px, py, r) => {
    const tx = cx - px, ty = cy - py, tl = Math.sqrt(tx * tx + ty * ty) || 1;
    return [px + (tx / tl) * r, py + (ty / tl) * r];
  };
  const [sx, sy] = trim(a.x, a.y, ra + 1);
  const [ex, ey] = trim(b.x, b.y, rb + 4);
  return `M${sx.toFixed(1)},${sy.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`;
}

export function renderGraph(svg, data, kinds) {
  clear(svg);
  const W = 1000, H = 640;
  const view = { x: 0, y: 0, w: W, h: H };
  const setView = () => svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
  setView();
  if (!data.nodes.length) {
    svg.appendChild(s("text", { x: W / 2, y: H / 2, class: "graph-empty", "text-anchor": "middle" }, "No relations match these filters."));
    return;
  }
  maxNodeWeight = Math.max(1, ...data.nodes.map((n) => n.weight || 0));
  const maxEdgeWeight = Math.max(1, ...data.edges.map((e) => e.weight || 0));
  const placed = layout(data.nodes, data.edges, W, H);
  fit(placed, W, H, 60);
  const byId = new Map(placed.map((p) => [p.id, p]));

  const defs = s("defs", {});
  for (const kind of kinds) {
    defs.appendChild(s("marker", { id: `arrow-${kind}`, viewBox: "0 0 10 10", refX: 8, refY: 5, markerWidth: 9, markerHeight: 9,
      markerUnits: "userSpaceOnUse", orient: "auto" },
      s("path", { d: "M0,0 L10,5 L0,10 z", class: `mk k-${kind}` })));
  }
  svg.appendChild(defs);
  svg.appendChild(s("rect", { x: -5000, y: -5000, width: 10000 + W, height: 10000 + H, class: "graph-bg" }));
  const world = s("g", { class: "world" });
  svg.appendChild(world);
  // Wide invisible click targets sit under every drawn edge, so a visible line always wins a
  // click over a neighbour's target; the targets repeat the edge links without being tab stops.
  const hitLayer = s("g", { class: "edge-hits", "aria-hidden": "true" });
  const edgeLayer = s("g", { class: "edges" }), nodeLayer = s("g", { class: "nodes" });
  world.appendChild(hitLayer);
  world.appendChild(edgeLayer);
  world.appendChild(nodeLayer);

  // parallel edges between one pair fan out as curves
  const groups = new Map();
  for (const e of data.edges) {
    const key = e.source < e.target ? `${e.source}\u0000${e.target}` : `${e.target}\u0000${e.source}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(e);
  }
  const links = new Map();
  for (const list of groups.values()) {
    list.forEach((e, i) => {
      const a = byId.get(e.source), b = byId.get(e.target);
      if (!a || !b) return;
      const sign = e.source < e.target ? 1 : -1;
      const spread = Math.min(22, 90 / list.length);
      const offset = list.length === 1 ? 0 : (i - (list.length - 1) / 2) * spread * sign;
      const width = 1 + 5 * (Math.log1p(e.weight) / Math.log1p(maxEdgeWeight));
      const d = curve(a, b, offset, radius(a), radius(b));
      const href = dyadHref(e.source, e.target);
      const link = s("a", { href, class: `edge-link k-${e.kind}`, "data-source": e.source,
        "data-target": e.target, "data-kind": e.kind, "aria-label": `${e.source_name} ${e.kind} ${e.target_name}` },
        s("path", { d, class: `edge k-${e.kind}`, "stroke-width": width.toFixed(1), "marker-end": e.directed === false ? null : `url(#arrow-${e.kind})` }));
      const hit = s("a", { href, tabindex: "-1", class: "edge-hit-link" }, s("path", { d, class: "edge-hit" }));
      const lines = [`${e.source_name} → ${e.target_name}`, `${e.kind}, weight ${e.weight}`,
        `${e.articles} article${e.articles === 1 ? "" : "s"}, ${e.events} event${e.events === 1 ? "" : "s"}`,
        `${e.first || "?"} – ${e.last || "?"}`];
      for (const target of [link, hit]) {
        target.addEventListener("mousemove", (ev) => { link.classList.add("hl"); tip.show(lines, ev.pageX, ev.pageY); });
        target.addEventListener("mouseleave", () => { link.classList.remove("hl"); tip.hide(); });
      }
      hitLayer.appendChild(hit);
      edgeLayer.appendChild(link);
      for (const id of [e.source, e.target]) {
        if (!links.has(id)) links.set(id, []);
        links.get(id).push(link);
      }
    });
  }

  for (const p of placed) {
    const r = radius(p);
    const label = p.name.length > 28 ? `${p.name.slice(0, 27)}…` : p.name;
    const node = s("a", { href: actorHref(p.id), class: `node kind-${p.kind || "other"}`, "data-id": p.id, "aria-label": p.name },
      s("circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: r.toFixed(1) }),
      s("text", { x: (p.x + r + 3).toFixed(1), y: (p.y + 4).toFixed(1), class: "label" }, label));
    const lines = [p.name, `${p.kind || "actor"}${p.region ? `, ${p.region}` : ""}`,
      `${p.degree} relation${p.degree === 1 ? "" : "s"} shown, total weight ${p.weight}`, p.id];
    node.addEventListener("mouseenter", () => {
      svg.classList.add("focus");
      node.classList.add("hl");
      for (const l of links.get(p.id) || []) l.classList.add("hl");
    });
    node.addEventListener("mousemove", (ev) => tip.show(lines, ev.pageX, ev.pageY));
    node.addEventListener("mouseleave", () => {
      tip.hide();
      svg.classList.remove("focus");
      node.classList.remove("hl");
      for (const l of links.get(p.id) || []) l.classList.remove("hl");
    });
    nodeLayer.appendChild(node);
  }

  // zoom with the wheel around the pointer; pan by dragging the background
  svg.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const rect = svg.getBoundingClientRect();
    const fx = (ev.clientX - rect.left) / rect.width, fy = (ev.clientY - rect.top) / rect.height;
    const factor = ev.deltaY > 0 ? 1.15 : 1 / 1.15;
    const nw = Math.min(W * 4, Math.max(W / 8, view.w * factor)), nh = nw * (H / W);
    view.x += (view.w - nw) * fx;
    view.y += (view.h - nh) * fy;
    view.w = nw;
    view.h = nh;
    setView();
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (ev) => {
    if (ev.target.closest("a")) return;
    drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y };
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    const rect = svg.getBoundingClientRect();
    view.x = drag.vx - ((ev.clientX - drag.x) * view.w) / rect.width;
    view.y = drag.vy - ((ev.clientY - drag.y) * view.h) / rect.height;
    setView();
  });
  svg.addEventListener("pointerup", () => { drag = null; });
}
