// A small SVG chart of cooperation (bars up) and conflict (bars down) per period, each bar split
// into its two directions, with the net Goldstein score as a line. No library: plain SVG.

import { h, s, tip } from "./common.js";

// The smallest of 1, 2, 5, 10, 20, 50... at least v: counts get whole-number ticks.
function niceMax(v) {
  let p = 1;
  for (;;) {
    for (const m of [1, 2, 5]) if (m * p >= v) return m * p;
    p *= 10;
  }
}

function label(start, bucket) {
  if (bucket === "year") return start.slice(0, 4);
  if (bucket === "month") return start.slice(0, 7);
  return start;
}

// timeline: {bucket, buckets: [{start, cooperation, conflict, forward_cooperation, forward_conflict, goldstein}]}
// names: {forward: "China → NATO", backward: "NATO → China"}
// width: the pixel width the chart will get, so text keeps its size.
export function timelineChart(timeline, names, width) {
  const buckets = timeline.buckets || [];
  if (!buckets.length) return h("p", { class: "empty" }, "No dated events to chart.");
  const W = Math.max(420, Math.round(width || 720)), H = 250, m = { top: 16, right: 44, bottom: 46, left: 40 };
  const iw = W - m.left - m.right, ih = H - m.top - m.bottom;
  const upMax = niceMax(Math.max(...buckets.map((b) => b.cooperation)));
  const downMax = niceMax(Math.max(...buckets.map((b) => b.conflict)));
  const zero = m.top + ih * (upMax / (upMax + downMax));
  const scale = ih / (upMax + downMax);
  const step = iw / buckets.length;
  const bw = Math.max(1, Math.min(36, step * 0.7));
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "timeline", role: "img",
    "aria-label": `Cooperation and conflict per ${timeline.bucket}` });

  // axes and grid
  const ticks = [upMax, upMax / 2, 0, -downMax / 2, -downMax].filter((v) => Number.isInteger(v));
  for (const v of ticks) {
    const y = zero - v * scale;
    svg.appendChild(s("line", { x1: m.left, x2: W - m.right, y1: y, y2: y, class: v === 0 ? "axis" : "grid" }));
    svg.appendChild(s("text", { x: m.left - 6, y: y + 4, class: "tick", "text-anchor": "end" }, String(Math.abs(v))));
  }
  const every = Math.max(1, Math.ceil(buckets.length / 8));
  buckets.forEach((b, i) => {
    const cx = m.left + step * i + step / 2;
    const x = cx - bw / 2;
    const fc = b.forward_cooperation, bc = b.cooperation - fc;
    const fk = b.forward_conflict, bk = b.conflict - fk;
    const group = s("g", { class: "bar", "data-start": b.start });
    const parts = [
      [zero - fc * scale, fc * scale, "coop fwd"],
      [zero - (fc + bc) * scale, bc * scale, "coop back"],
      [zero, fk * scale, "conf fwd"],
      [zero + fk * scale, bk * scale, "conf back"],
    ];
    for (const [y, height, cls] of parts) {
      if (height > 0) group.appendChild(s("rect", { x, y, width: bw, height, class: cls }));
    }
    // an invisible full-height target makes small bars easy to hover
    const hit = s("rect", { x: m.left + step * i, y: m.top, width: step, height: ih, class: "hit" });
    group.appendChild(hit);
    const lines = [
      label(b.start, timeline.bucket),
      `cooperation ${b.cooperation} (${names.forward}: ${fc}, ${names.backward}: ${bc})`,
      `conflict ${b.conflict} (${names.forward}: ${fk}, ${names.backward}: ${bk})`,
      `Goldstein sum ${b.goldstein > 0 ? "+" : ""}${b.goldstein}`,
    ];
    hit.addEventListener("mousemove", (ev) => tip.show(lines, ev.pageX, ev.pageY));
    hit.addEventListener("mouseleave", () => tip.hide());
    svg.appendChild(group);
    if (i % every === 0) {
      svg.appendChild(s("text", { x: cx, y: H - m.bottom + 16, class: "tick", "text-anchor": "middle" }, label(b.start, timeline.bucket)));
    }
  });

  // net Goldstein on its own scale (right axis), sharing the zero line with the bars
  const gMax = niceMax(Math.max(1, ...buckets.map((b) => Math.abs(b.goldstein))));
  const gy = (g) => zero - (g >= 0 ? (g / gMax) * (zero - m.top) : (g / gMax) * (m.top + ih - zero));
  // drawn through the periods that have events only, so quiet periods do not read as neutral ones
  const active = buckets.map((b, i) => [b, i]).filter(([b]) => b.cooperation + b.conflict > 0);
  const px = (i) => (m.left + step * i + step / 2).toFixed(1);
  if (active.length > 1) {
    const d = active.map(([b, i], k) => `${k ? "L" : "M"}${px(i)},${gy(b.goldstein).toFixed(1)}`).join(" ");
    svg.appendChild(s("path", { d, class: "goldstein" }));
  }
  if (active.length <= 40) {
    for (const [b, i] of active) svg.appendChild(s("circle", { cx: px(i), cy: gy(b.goldstein).toFixed(1), r: 3, class: "goldstein-dot" }));
  }
  svg.appendChild(s("text", { x: W - m.right + 6, y: m.top + 4, class: "tick gold" }, `+${gMax}`));
  svg.appendChild(s("text", { x: W - m.right + 6, y: m.top + ih + 4, class: "tick gold" }, `−${gMax}`));
  svg.appendChild(s("text", { x: m.left, y: H - 8, class: "axis-label" }, `per ${timeline.bucket}; up: cooperation, down: conflict`));

  const legend = h("div", { class: "chart-legend" },
    h("span", { class: "key coop fwd" }, `cooperation, ${names.forward}`),
    h("span", { class: "key coop back" }, `cooperation, ${names.backward}`),
    h("span", { class: "key conf fwd" }, `conflict, ${names.forward}`),
    h("span", { class: "key conf back" }, `conflict, ${names.backward}`),
    h("span", { class: "key gold" }, "net Goldstein (right scale)"));
  return h("figure", { class: "chart-figure" }, svg, legend);
}
