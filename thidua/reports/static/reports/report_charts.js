// Charts of the report page. Data comes from the json_script block #report-chart-data.
document.addEventListener("DOMContentLoaded", () => {
  const el = document.getElementById("report-chart-data");
  if (!el || typeof Chart === "undefined") return;
  const data = JSON.parse(el.textContent);
  const palette = ["#b71c1c", "#1565c0", "#2e7d32", "#f9a825", "#6a1b9a", "#00838f", "#ef6c00", "#5d4037", "#455a64"];
  const types = { forms: "bar", dossiers: "doughnut", subjects: "pie", watched: "bar" };
  document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
    const key = canvas.dataset.chart;
    const series = data[key];
    if (!series) return;
    const type = types[key] || "bar";
    const box = canvas.parentElement;
    if (!series.values.length || series.values.every((v) => v === 0)) {
      box.textContent = "Chưa có số liệu.";
      box.classList.add("muted");
      return;
    }
    new Chart(canvas, {
      type,
      data: {
        labels: series.labels,
        datasets: [{ data: series.values, backgroundColor: type === "bar" ? palette[0] : palette }],
      },
      options: {
        responsive: true, maintainAspectRatio: false,
        indexAxis: key === "forms" ? "y" : "x",
        plugins: { legend: { display: type !== "bar", position: "bottom" } },
        scales: type === "bar" ? {
          x: { beginAtZero: true, ticks: { precision: 0 } },
          y: { beginAtZero: true, max: key === "watched" ? 100 : undefined, ticks: { precision: 0 } },
        } : {},
      },
    });
  });
});
