// The search page: actors by name or id, articles by title or text.

import { actorLink, api, articleHref, boot, fill, fmt, h, table } from "./common.js";

// The snippet with every occurrence of the query marked, built from text nodes only.
function marked(text, query) {
  const out = [];
  const lower = text.toLowerCase(), q = query.toLowerCase();
  let at = 0;
  for (let i = lower.indexOf(q); q && i >= 0; i = lower.indexOf(q, i + q.length)) {
    out.push(text.slice(at, i), h("mark", {}, text.slice(i, i + q.length)));
    at = i + q.length;
  }
  out.push(text.slice(at));
  return out;
}

boot(async (dataset) => {
  const q = (new URLSearchParams(window.location.search).get("q") || "").trim();
  const status = document.getElementById("search-status");
  if (!q) {
    status.textContent = "Type a name, an id (state:CHN) or words from an article.";
    return;
  }
  const data = await api(dataset.api0 || `/api/search?q=${encodeURIComponent(q)}`);
  status.textContent = `${data.actors.length} actors and ${fmt.num(data.articles_total)} articles match “${q}”.`;
  fill("actor-results", table(data.actors, [
    { label: "Actor", cell: (a) => actorLink(a) },
    { label: "Id", cell: (a) => h("code", {}, a.id) },
    { label: "Region", cell: (a) => a.region || "–" },
    { label: "Articles", cell: (a) => fmt.num(a.articles), class: "num" },
  ], { empty: "No actors match." }));
  fill("article-results", data.articles.length ? h("ol", { class: "hits" }, data.articles.map((r) => h("li", {},
    h("a", { href: articleHref(r.id), class: "article-link" }, r.title || r.id),
    h("span", { class: "muted" }, ` · ${fmt.date(r.published)}`),
    h("p", { class: "snippet" }, marked(r.snippet, q))))) : h("p", { class: "empty" }, "No articles match."));
});
