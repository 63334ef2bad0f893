// Completion charts of the block dashboard. Data comes from the json_script block
// "completion-data": {labels: [...], blocks: [{id, name, avg: [...], units: [{name, rates}]}]}.
(function () {
  "use strict";
  var PALETTE = ["#b71c1c", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#5d4037",
    "#c2185b", "#558b2f", "#283593", "#f9a825", "#37474f"];
  function pct(v) { return v === null || v === undefined ? null : Math.round(v * 10000) / 100; }
  function line(canvas, labels, datasets) {
    return new window.Chart(canvas, {
      type: "line",
      data: { labels: labels, datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false, spanGaps: true,
        scales: { y: { beginAtZero: true, suggestedMax: 120, ticks: { callback: function (v) { return v + "%"; } } } },
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 12 } },
          tooltip: { callbacks: { label: function (c) {
            return c.dataset.label + ": " + String(c.parsed.y).replace(".", ",") + "%"; } } }
        }
      }
    });
  }
  function draw() {
    var node = document.getElementById("completion-data");
    if (!node || !window.Chart) { return; }
    var data = JSON.parse(node.textContent);
    if (!data) { return; }
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.chart === "blocks") {
        line(canvas, data.labels, data.blocks.map(function (b, i) {
          return { label: b.name, data: b.avg.map(pct), borderColor: PALETTE[i % PALETTE.length],
            backgroundColor: PALETTE[i % PALETTE.length], tension: 0.2 };
        }));
      } else {
        var block = data.blocks.find(function (b) { return String(b.id) === canvas.dataset.block; });
        if (!block) { return; }
        line(canvas, data.labels, block.units.map(function (u, i) {
          return { label: u.name, data: u.rates.map(pct), borderColor: PALETTE[i % PALETTE.length],
            backgroundColor: PALETTE[i % PALETTE.length], tension: 0.2, pointRadius: 2 };
        }));
      }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
