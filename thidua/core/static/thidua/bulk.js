// Bulk selection: a "select all" box (data-check-all="NAME") ticks every checkbox named NAME
// (also those tied to a form elsewhere on the page by their form="…" attribute), and any
// element with data-count-of="NAME" shows how many are ticked.
document.addEventListener("DOMContentLoaded", () => {
  const boxes = (name) => document.querySelectorAll(`input[type=checkbox][name="${name}"]`);
  const recount = (name) => {
    const n = [...boxes(name)].filter((b) => b.checked).length;
    document.querySelectorAll(`[data-count-of="${name}"]`).forEach((el) => { el.textContent = n; });
    document.querySelectorAll(`[data-check-all="${name}"]`).forEach((all) => {
      all.checked = n > 0 && n === boxes(name).length;
      all.indeterminate = n > 0 && n < boxes(name).length;
    });
  };
  const names = new Set();
  document.querySelectorAll("[data-check-all]").forEach((all) => {
    const name = all.dataset.checkAll;
    names.add(name);
    all.addEventListener("change", () => {
      boxes(name).forEach((b) => { b.checked = all.checked; });
      recount(name);
    });
  });
  document.querySelectorAll("[data-count-of]").forEach((el) => names.add(el.dataset.countOf));
  names.forEach((name) => {
    boxes(name).forEach((b) => b.addEventListener("change", () => recount(name)));
    recount(name);
  });
});
