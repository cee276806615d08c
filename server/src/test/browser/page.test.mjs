// Drives Quarry's web page in a real headless Chromium (issue 19, acceptance 3): starts
// `quarry serve` on an empty folder, loads the sample corpus through the bulk API, then types a
// query, adds filter conditions with the page's own controls, opens explain and a document, and
// checks what the page renders against the corpus and against the API's own answer.
// Run through bin/browser-check (it installs the packages). QUARRY_SCREENSHOT=FILE.png saves the
// page with a filtered search and an explain open.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import chromium from "@sparticuz/chromium";
import puppeteer from "puppeteer-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const launcher = process.env.QUARRY_LAUNCHER || path.join(root, "quarry");
const corpusFile = path.join(root, "data/sample/corpus.jsonl");
const corpus = readFileSync(corpusFile, "utf8").trim().split("\n").map((l) => JSON.parse(l));
const work = mkdtempSync(path.join(tmpdir(), "quarry-browser-"));

let server;
let base;
let browser;
let page;
const requests = [];

function startServer() {
  return new Promise((resolve, reject) => {
    // detached: the launcher is a shell script around java; its whole group is stopped at the end.
    server = spawn(launcher, ["serve", path.join(work, "sample"), "--port", "0"], {
      detached: true,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    const timer = setTimeout(() => reject(new Error("quarry serve did not start in 90 s:\n" + out)), 90_000);
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    server.on("exit", (code) => reject(new Error("quarry serve exited with " + code + ":\n" + out)));
  });
}

/**
 * SIGTERM to the launcher's process group; the JVM's shutdown hook then commits and closes the
 * collection, which may outlast the shell script, so this waits until the whole group is gone.
 */
async function stopServer() {
  const alive = () => {
    try {
      process.kill(-server.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (alive()) process.kill(-server.pid, "SIGTERM");
  for (let waited = 0; alive(); waited += 100) {
    if (waited > 30_000) throw new Error("quarry serve did not stop within 30 s of SIGTERM");
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function searchApi(body) {
  const res = await fetch(base + "/collections/sample/search", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200);
  return res.json();
}

/** Submits the form and waits for the status line that ends a search. */
async function submitSearch() {
  await page.click("#search-button");
  await page.waitForFunction(() => /hits? in|failed/.test(document.getElementById("status").textContent));
}

const renderedIds = () => page.$$eval("#hits > li.hit", (lis) => lis.map((li) => li.dataset.id));

before(async () => {
  base = await startServer();
  const load = await fetch(base + "/collections/sample/documents/bulk", {
    method: "POST",
    headers: { "Content-Type": "application/x-ndjson" },
    body: readFileSync(corpusFile),
  });
  assert.equal(load.status, 200, await load.clone().text());
  assert.equal((await load.json()).written, corpus.length);

  browser = await puppeteer.launch({
    executablePath: await chromium.executablePath(),
    // The machine's closed network refuses Chromium's background connections (stack-notes §9).
    args: [...chromium.args, "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic"],
    headless: true,
  });
  page = await browser.newPage();
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => assert.fail("script error on the page: " + e.message));
  await page.goto(base + "/", { waitUntil: "networkidle0" });
  await page.waitForSelector("body[data-ready=true]", { timeout: 10_000 });
}, { timeout: 180_000 });

after(async () => {
  await browser?.close();
  if (server) {
    await stopServer();
  }
  rmSync(work, { recursive: true, force: true });
});

test("the page lists the collection with its size and fields", async () => {
  assert.equal(await page.$eval("#collection", (s) => s.value), "sample");
  const info = await page.$eval("#collection-info", (e) => e.textContent);
  assert.match(info, new RegExp("^" + corpus.length + " documents, model all-minilm-l6-v2"));
  const fieldOptions = await page.$$eval("#filter-field option", (os) => os.map((o) => o.value));
  for (const f of ["category", "rating", "tags", "date"]) assert.ok(fieldOptions.includes(f), f);
});

test("every control has a label, and nothing is fetched from another host", async () => {
  const unlabelled = await page.$$eval("input, select", (els) =>
    els.filter((e) => e.labels.length === 0).map((e) => e.id));
  assert.deepEqual(unlabelled, []);
  assert.ok(requests.length >= 4, "the page, its scripts and the API were requested");
  for (const url of requests) assert.ok(url.startsWith(base + "/"), "fetched elsewhere: " + url);
});

test("a query, then a filter built with the page's controls, narrows the hits", async () => {
  await page.type("#query", "chocolate dessert");
  await page.$eval("#k", (e) => (e.value = "20"));
  await submitSearch();
  const unfiltered = await renderedIds();
  assert.ok(unfiltered.includes("cook-010"), "rice pudding (rating 4.2) is found without a filter");

  await page.select("#filter-field", "category");
  await page.select("#filter-op", "=");
  await page.type("#filter-value", "cooking");
  await page.click("#filter-add");
  await page.select("#filter-field", "rating");
  await page.select("#filter-op", ">=");
  await page.type("#filter-value", "4.5");
  await page.click("#filter-add");
  assert.equal(await page.$eval("#filter", (e) => e.value), '(category = "cooking") AND rating >= 4.5');
  await submitSearch();

  const ids = await renderedIds();
  const allowed = new Set(corpus.filter((d) => d.category === "cooking" && d.rating >= 4.5).map((d) => d.id));
  assert.ok(ids.length > 0, "the filtered search has hits");
  for (const id of ids) assert.ok(allowed.has(id), id + " does not match the filter");
  assert.ok(!ids.includes("cook-010"));
  const top = ids.slice(0, 3);
  assert.ok(top.includes("cook-008") && top.includes("cook-004"), "the mousse and the brownies lead: " + top);

  // What the page shows is the API's answer for the same request, in the same order.
  const api = await searchApi({ query: "chocolate dessert", k: 20, mode: "hybrid", recency: "auto",
    filter: '(category = "cooking") AND rating >= 4.5' });
  assert.deepEqual(ids, api.hits.map((h) => h.id));
  const titles = await page.$$eval("#hits .hit-title", (bs) => bs.map((b) => b.textContent));
  assert.deepEqual(titles, api.hits.map((h) => h.title));
});

test("explain shows each part in words and numbers", async () => {
  await page.click("#hits > li.hit:first-child details.explain summary");
  const explain = await page.$eval("#hits > li.hit:first-child details.explain", (d) => ({
    open: d.open,
    rows: [...d.querySelectorAll("dt")].map((dt) => [dt.textContent, dt.nextElementSibling.textContent]),
    parts: Object.fromEntries([...d.querySelectorAll(".parts li")].map((li) =>
      [li.querySelector("code").textContent, Number(li.querySelector("data").value)])),
    visible: d.querySelector("dl").getBoundingClientRect().height > 0,
  }));
  assert.ok(explain.open && explain.visible, "explain opened");
  const rows = Object.fromEntries(explain.rows);
  assert.deepEqual(Object.keys(rows), ["Vector", "Keyword", "Fusion", "Recency"]);
  assert.match(rows.Vector, /^cosine similarity 0\.\d{3} /);
  assert.match(rows.Fusion, /^reciprocal rank fusion 0\.\d{4} /);
  const api = await searchApi({ query: "chocolate dessert", k: 20, filter: '(category = "cooking") AND rating >= 4.5' });
  assert.deepEqual(explain.parts, api.hits[0].parts);
  assert.ok(rows.Vector.includes(api.hits[0].parts.vector.toFixed(3)));
  if (process.env.QUARRY_SCREENSHOT) await page.screenshot({ path: process.env.QUARRY_SCREENSHOT, fullPage: true });
});

test("an exclusion and recency are explained where the engine applied them", async () => {
  await page.$eval("#filter", (e) => (e.value = ""));
  await page.$eval("#query", (e) => (e.value = ""));
  await page.type("#query", "JavaScript tutorials without jQuery");
  await submitSearch();
  const plan = await page.$$eval("#plan li", (lis) => lis.map((li) => li.textContent));
  assert.ok(plan.length > 0, "the plan is shown");
  const hits = await page.$$eval("#hits > li.hit", (lis) => lis.map((li) => ({
    id: li.dataset.id,
    aspects: [...li.querySelectorAll("dt")].map((dt) => dt.textContent),
    penalty: [...li.querySelectorAll(".parts code")].some((c) => c.textContent === "penalty"),
  })));
  assert.ok(hits.slice(0, 5).every((h) => h.id.startsWith("js-vanilla-")), "vanilla tutorials lead: " + hits.map((h) => h.id));
  assert.ok(hits.some((h) => h.penalty), "some hit carries an exclusion penalty");
  for (const h of hits) assert.equal(h.aspects.includes("Exclusion"), h.penalty, h.id);

  await page.$eval("#query", (e) => (e.value = ""));
  await page.type("#query", "latest Nimbus Phone");
  await submitSearch();
  // The newest model's launch, review or battery test, before any older model's.
  assert.match((await renderedIds())[0], /^nimbus-v8/);
  await page.click("#hits > li.hit:first-child details.explain summary");
  const recency = await page.$eval("#hits > li.hit:first-child dl", (dl) =>
    [...dl.querySelectorAll("dt")].find((dt) => dt.textContent === "Recency").nextElementSibling.textContent);
  assert.match(recency, /^\d+ days old, decay factor [\d.]+ \(2\^-?[\d.]+\); relevance [\d.]+/);
});

test("a hit opens its document, fetched from the collection", async () => {
  await page.click("#hits > li.hit:first-child .hit-title");
  const first = (await renderedIds())[0];
  await page.waitForSelector(`#document article.doc[data-id='${first}']`);
  const doc = await page.$eval("#document", (s) => ({
    hidden: s.hidden,
    title: s.querySelector("h3").textContent,
    text: s.querySelector(".doc-text").textContent,
    rows: Object.fromEntries([...s.querySelectorAll("tr")].map((tr) =>
      [tr.querySelector("th").textContent, tr.querySelector("td").textContent])),
    focused: document.activeElement.id,
  }));
  const expected = corpus.find((d) => d.id === first);
  assert.equal(doc.hidden, false);
  assert.equal(doc.title, expected.title);
  assert.equal(doc.text, expected.text);
  assert.equal(doc.rows.category, expected.category);
  assert.equal(doc.rows.version, expected.version);
  assert.equal(doc.focused, "document-heading", "focus moves to the document for keyboard users");
});

test("a bad filter shows the server's message, and the page stays usable", async () => {
  await page.$eval("#filter", (e) => (e.value = "category = cooking"));
  await submitSearch();
  const status = await page.$eval("#status", (e) => ({ text: e.textContent, error: e.classList.contains("error") }));
  assert.ok(status.error);
  assert.match(status.text, /^Search failed: .*quote text values/);
  assert.equal((await renderedIds()).length, 0);
  await page.$eval("#filter", (e) => (e.value = 'category = "history"'));
  await submitSearch();
  assert.ok((await renderedIds()).every((id) => id.startsWith("hist-")));
});

test("the map draws the collection coloured by a field, with ECharts from this server", async () => {
  await page.click("#map-box summary");
  await page.waitForFunction(() => [...document.querySelectorAll("#map-color option")].some((o) => o.value === "category"));
  await page.select("#map-color", "category");
  await page.click("#map-draw");
  await page.waitForFunction(() => /Hover a point|error|could not/i.test(document.getElementById("map-status").textContent),
    { timeout: 60_000 });
  assert.match(await page.$eval("#map-status", (e) => e.textContent), new RegExp("PCA of " + corpus.length + " documents"));
  assert.ok(await page.$("#map-chart canvas"), "the chart is drawn");
  const legend = await page.evaluate(() => echarts.getInstanceByDom(document.getElementById("map-chart"))
    .getOption().series.map((s) => s.name).sort());
  assert.deepEqual(legend, [...new Set(corpus.map((d) => d.category))].sort());
  assert.ok(requests.includes(base + "/vendor/echarts/echarts.min.js"));
  for (const url of requests) assert.ok(url.startsWith(base + "/"), "fetched elsewhere: " + url);
});
