// The map of the search page (docs/web.md): GET /collections/{name}/map, drawn with ECharts,
// which is loaded from /vendor/echarts/ the first time a map is drawn.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  let chart = null;

  function headers() {
    const key = sessionStorage.getItem("quarry.apiKey");
    return key ? { Accept: "application/json", Authorization: "Bearer " + key } : { Accept: "application/json" };
  }

  async function getJson(path) {
    const res = await fetch(path, { headers: headers() });
    const json = await res.json().catch(() => null);
    if (!res.ok) throw new Error(json && json.error ? json.error.message : "HTTP " + res.status);
    return json;
  }

  function loadECharts() {
    if (window.echarts) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = "/vendor/echarts/echarts.min.js";
      s.onload = resolve;
      s.onerror = () => reject(new Error("could not load the chart library"));
      document.head.append(s);
    });
  }

  async function fillFields() {
    const name = $("collection").value;
    if (!name) return;
    const stats = await getJson("/collections/" + encodeURIComponent(name));
    const options = [["", "nothing"], ["cluster", "k-means cluster"]]
      .concat(Object.keys(stats.fields || {}).sort().map((f) => [f, f]));
    $("map-color").replaceChildren(...options.map(([v, label]) => {
      const o = document.createElement("option");
      o.value = v;
      o.textContent = label;
      return o;
    }));
  }

  async function draw() {
    const name = $("collection").value;
    const params = new URLSearchParams({ method: $("map-method").value, sample: $("map-sample").value });
    if ($("map-color").value) params.set("color_by", $("map-color").value);
    $("map-status").textContent = "Drawing the map…";
    try {
      const [data] = await Promise.all([
        getJson("/collections/" + encodeURIComponent(name) + "/map?" + params), loadECharts()]);
      chart = chart || echarts.init($("map-chart"));
      chart.clear();
      chart.setOption(option(data));
      chart.resize();
      $("map-status").textContent = data.title + ". Hover a point for its title and id.";
    } catch (e) {
      $("map-status").textContent = e.message;
    }
  }

  function option(data) {
    return {
      legend: { type: "scroll", orient: "vertical", right: 0, top: 10, bottom: 10 },
      grid: { left: 50, right: 200, top: 20, bottom: 40 },
      tooltip: {
        trigger: "item",
        formatter: (p) => "<b>" + esc(data.titles[p.value[2]]) + "</b><br>" + esc(data.ids[p.value[2]]) + "<br>" + esc(p.seriesName),
      },
      xAxis: { name: data.x, nameLocation: "middle", nameGap: 25, scale: true, splitLine: { show: false }, axisLine: { onZero: false } },
      yAxis: { name: data.y, nameLocation: "middle", nameGap: 35, scale: true, splitLine: { show: false }, axisLine: { onZero: false } },
      series: data.series.map((s) => ({
        name: s.name, type: "scatter", data: s.points, symbolSize: 6, itemStyle: { color: s.color, opacity: 0.8 },
      })),
    };
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("map-draw").addEventListener("click", draw);
    $("map-box").addEventListener("toggle", () => { if ($("map-box").open) fillFields().catch(() => {}); });
    $("collection").addEventListener("change", () => { if ($("map-box").open) fillFields().catch(() => {}); });
  });
})();
