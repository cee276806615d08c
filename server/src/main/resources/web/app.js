// Quarry's search page (docs/web.md): the collection API of `quarry serve`, nothing else.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const KEY_STORE = "quarry.apiKey";
  let fields = {};

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === "class") e.className = v;
      else if (k === "dataset") Object.assign(e.dataset, v);
      else e.setAttribute(k, v);
    });
    children.flat(Infinity).forEach((c) => e.append(c instanceof Node ? c : String(c)));
    return e;
  }

  function setStatus(text, isError) {
    $("status").textContent = text;
    $("status").classList.toggle("error", !!isError);
  }

  /** Fetches JSON from the API; an error answer (OpenAI's shape) becomes an Error with its message. */
  async function api(path, body) {
    const headers = { Accept: "application/json" };
    const key = sessionStorage.getItem(KEY_STORE);
    if (key) headers.Authorization = "Bearer " + key;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const res = await fetch(path, {
      method: body === undefined ? "GET" : "POST",
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json().catch(() => null);
    if (!res.ok) {
      if (res.status === 401) $("key-row").hidden = false;
      const message = json && json.error ? json.error.message : "HTTP " + res.status;
      throw new Error(message);
    }
    return json;
  }

  function collectionPath(suffix) {
    return "/collections/" + encodeURIComponent($("collection").value) + suffix;
  }

  async function loadCollections() {
    const { collections } = await api("/collections");
    const select = $("collection");
    select.replaceChildren(...collections.map((c) => el("option", { value: c.name }, c.name)));
    const wanted = new URLSearchParams(location.search).get("collection");
    if (wanted && collections.some((c) => c.name === wanted)) select.value = wanted;
    if (collections.length === 0) setStatus("This server serves no collection.", true);
    else await showCollection(collections.find((c) => c.name === select.value));
  }

  async function showCollection(stats) {
    const c = stats || (await api(collectionPath("")));
    fields = c.fields || {};
    $("collection-info").textContent =
      c.documents + " documents, model " + c.model + " (" + c.dimensions + " dimensions)";
    const names = Object.keys(fields).sort();
    $("filter-field").replaceChildren(
      ...names.map((n) => el("option", { value: n }, n + " (" + fields[n] + ")")));
    $("filter-builder").hidden = names.length === 0;
  }

  /** One value in the filter syntax: text is quoted; numbers, dates and booleans are not. */
  function literal(type, raw) {
    const v = raw.trim();
    if (type === "keyword") return JSON.stringify(v);
    if (type === "boolean") return v.toLowerCase() === "true" ? "true" : "false";
    return v;
  }

  function addCondition() {
    const field = $("filter-field").value;
    const op = $("filter-op").value;
    const raw = $("filter-value").value;
    if (!field || raw.trim() === "") {
      setStatus("Pick a field and type a value to add a condition.", true);
      $("filter-value").focus();
      return;
    }
    const type = fields[field];
    const value =
      op === "in"
        ? "[" + raw.split(",").map((v) => literal(type, v)).join(", ") + "]"
        : literal(type, raw);
    const condition = field + " " + op + " " + value;
    const current = $("filter").value.trim();
    $("filter").value = current ? "(" + current + ") AND " + condition : condition;
    $("filter-value").value = "";
    setStatus("Filter: " + $("filter").value);
  }

  function searchBody() {
    const body = {
      query: $("query").value,
      mode: $("mode").value,
      recency: $("recency").value,
      k: Number($("k").value) || 10,
    };
    const filter = $("filter").value.trim();
    if (filter) body.filter = filter;
    return body;
  }

  async function search(event) {
    event.preventDefault();
    const key = $("api-key").value;
    if (key) sessionStorage.setItem(KEY_STORE, key);
    if ($("collection").options.length === 0) {
      // The list failed before (a missing key, say): try again with what the form holds now.
      try {
        await loadCollections();
      } catch (e) {
        setStatus("Cannot list collections: " + e.message, true);
        return;
      }
    }
    const body = searchBody();
    setStatus("Searching…");
    $("search-button").disabled = true;
    try {
      const result = await api(collectionPath("/search"), body);
      renderResult(result);
      const n = result.hits.length;
      setStatus(n + (n === 1 ? " hit" : " hits") + " in " + result.took_ms.toFixed(1) + " ms.");
    } catch (e) {
      $("hits").replaceChildren();
      $("plan-box").hidden = true;
      setStatus("Search failed: " + e.message, true);
    } finally {
      $("search-button").disabled = false;
    }
  }

  function renderResult(result) {
    $("plan").replaceChildren(...result.plan.map((line) => el("li", {}, line)));
    $("plan-box").hidden = result.plan.length === 0;
    $("hits").replaceChildren(...result.hits.map((hit) => renderHit(hit, result.mode)));
  }

  function renderHit(hit, mode) {
    const title = el(
      "button",
      { type: "button", class: "link hit-title", "aria-label": "Open document " + hit.id },
      hit.title || hit.id);
    title.addEventListener("click", () => openDocument(hit.id));
    const meta = el(
      "p",
      { class: "muted" },
      el("code", { class: "hit-id" }, hit.id),
      hit.date ? " · " + hit.date.slice(0, 10) : "",
      " · score ",
      el("data", { class: "hit-score", value: String(hit.score) }, hit.score.toFixed(4)));
    const text = hit.text || "";
    const snippet = el("p", { class: "snippet" }, text.length > 240 ? text.slice(0, 240) + "…" : text);
    return el(
      "li",
      { class: "hit", dataset: { id: hit.id } },
      el("h3", {}, title),
      meta,
      snippet,
      renderExplain(hit, mode));
  }

  function renderExplain(hit, mode) {
    const rows = QuarryExplain.describe(hit.parts, mode).map((r) => [
      el("dt", {}, r.aspect),
      el("dd", {}, r.text),
    ]);
    const numbers = Object.entries(hit.parts).map(([name, v]) =>
      el("li", {}, el("code", {}, name), " ", el("data", { value: String(v) }, fmt(v))));
    return el(
      "details",
      { class: "explain" },
      el("summary", {}, "Explain this score"),
      el("dl", {}, rows),
      el("p", { class: "muted" }, "Raw parts:"),
      el("ul", { class: "parts" }, numbers));
  }

  function fmt(v) {
    return Number.isInteger(v) ? String(v) : v.toFixed(4);
  }

  async function openDocument(id) {
    const section = $("document");
    section.hidden = false;
    $("document-body").replaceChildren(el("p", {}, "Loading " + id + "…"));
    try {
      const doc = await api(collectionPath("/documents/" + encodeURIComponent(id)));
      $("document-body").replaceChildren(renderDocument(doc));
    } catch (e) {
      $("document-body").replaceChildren(el("p", { class: "error" }, e.message));
    }
    $("document-heading").focus();
  }

  function renderDocument(doc) {
    const rows = [["id", doc.id], ["date", doc.date || "–"], ["parent", doc.parent || "–"]]
      .concat(Object.entries(doc.metadata).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : String(v)]))
      .map(([k, v]) => el("tr", {}, el("th", { scope: "row" }, k), el("td", {}, v)));
    const close = el("button", { type: "button" }, "Close");
    close.addEventListener("click", () => {
      $("document").hidden = true;
      $("query").focus();
    });
    return el(
      "article",
      { class: "doc", dataset: { id: doc.id } },
      el("h3", {}, doc.title || doc.id),
      el("table", {}, el("caption", { class: "visually-hidden" }, "Fields"), el("tbody", {}, rows)),
      el("p", { class: "doc-text" }, doc.text || ""),
      close);
  }

  async function init() {
    const key = sessionStorage.getItem(KEY_STORE);
    if (key) $("api-key").value = key;
    $("search-form").addEventListener("submit", search);
    $("filter-add").addEventListener("click", addCondition);
    $("collection").addEventListener("change", () =>
      showCollection().catch((e) => setStatus(e.message, true)));
    try {
      await loadCollections();
      document.body.dataset.ready = "true";
    } catch (e) {
      setStatus("Cannot list collections: " + e.message, true);
    }
  }

  init();
})();
