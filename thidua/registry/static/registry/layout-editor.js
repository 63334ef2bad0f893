// Certificate layout editor: field boxes over the scan of a blank, positioned in mm.
// Dragging a box writes its x/y (mm) into the numeric inputs; typing moves the box.
(function () {
  const W = 297, H = 210;
  function ready(fn) { document.readyState !== "loading" ? fn() : document.addEventListener("DOMContentLoaded", fn); }
  ready(() => {
    const sheet = document.querySelector("[data-layout-sheet]");
    const form = document.querySelector("[data-layout-form]");
    if (!sheet || !form) return;
    const input = (name, key) => form.querySelector(`[name="${name}__${key}"]`);
    const num = (el) => parseFloat(el && el.value) || 0;
    function place(box) {
      const name = box.dataset.field;
      const x = num(input(name, "x_mm")), y = num(input(name, "y_mm"));
      const size = num(input(name, "size")), width = num(input(name, "max_width_mm"));
      const align = (input(name, "align") || {}).value || "left";
      const px = sheet.clientWidth / W;
      let w = name === "qr" ? size : (width || 60);
      let h = name === "qr" ? size : size * 0.3528 * 1.2;  // pt → mm, one line
      let left = name === "qr" ? x : (align === "center" ? x - w / 2 : align === "right" ? x - w : x);
      let top = name === "qr" ? y : y - h * 0.8;
      box.style.left = (left / W * 100) + "%";
      box.style.top = (top / H * 100) + "%";
      box.style.width = (w / W * 100) + "%";
      box.style.height = (h * px) + "px";
      box.classList.remove("field-left", "field-center", "field-right");
      box.classList.add("field-" + align);
    }
    const boxes = Array.from(sheet.querySelectorAll("[data-field]"));
    const placeAll = () => boxes.forEach(place);
    placeAll();
    window.addEventListener("resize", placeAll);
    form.addEventListener("input", placeAll);
    form.addEventListener("change", placeAll);
    boxes.forEach((box) => {
      box.addEventListener("pointerdown", (e) => {
        e.preventDefault();
        box.classList.add("dragging");
        const name = box.dataset.field;
        const start = { x: e.clientX, y: e.clientY, mx: num(input(name, "x_mm")), my: num(input(name, "y_mm")) };
        const move = (ev) => {
          const mmPerPx = W / sheet.clientWidth;
          const nx = Math.min(W, Math.max(0, start.mx + (ev.clientX - start.x) * mmPerPx));
          const ny = Math.min(H, Math.max(0, start.my + (ev.clientY - start.y) * mmPerPx));
          input(name, "x_mm").value = nx.toFixed(1);
          input(name, "y_mm").value = ny.toFixed(1);
          place(box);
        };
        const up = () => {
          box.classList.remove("dragging");
          document.removeEventListener("pointermove", move);
          document.removeEventListener("pointerup", up);
        };
        document.addEventListener("pointermove", move);
        document.addEventListener("pointerup", up);
      });
    });
  });
})();
