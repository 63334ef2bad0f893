// Dates typed and shown dd/mm/yyyy whatever the browser's language, and the browser's own
// validation bubbles in Vietnamese. No library: the picker is the browser's native one,
// opened from a button next to a plain text field; the text field is what is submitted.
(() => {
  const pad = (n) => String(n).padStart(2, "0");
  const INVALID = "Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy, ví dụ 31/12/2025.";

  // "31/12/2025", "1/2/2025", "2025-12-31" → {y, m, d}; blank → null; wrong → false.
  function parse(text) {
    text = (text || "").trim();
    if (!text) return null;
    let y, m, d, g;
    if ((g = text.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/))) [d, m, y] = [+g[1], +g[2], +g[3]];
    else if ((g = text.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/))) [y, m, d] = [+g[1], +g[2], +g[3]];
    else return false;
    const t = new Date(Date.UTC(y, m - 1, d));
    if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return false;
    return { y, m, d };
  }
  const iso = (p) => `${p.y}-${pad(p.m)}-${pad(p.d)}`;
  const vn = (p) => `${pad(p.d)}/${pad(p.m)}/${p.y}`;

  function enhance(input) {
    if (input.dataset.dateReady) return;
    input.dataset.dateReady = "1";
    if (input.type === "date") {
      // A hand-written <input type="date">: shown as dd/mm/yyyy text, sent as ISO (see submit).
      const p = parse(input.value);
      input.type = "text";
      input.value = p ? vn(p) : "";
      input.dataset.isoSubmit = "1";
      input.placeholder = "dd/mm/yyyy";
      input.inputMode = "numeric";
      input.autocomplete = "off";
    }
    const wrap = document.createElement("span");
    wrap.className = "datefield";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    const picker = document.createElement("input");
    picker.type = "date";
    picker.tabIndex = -1;
    picker.className = "datefield-native";
    picker.setAttribute("aria-hidden", "true");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "datefield-button outline secondary";
    button.setAttribute("aria-label", "Chọn ngày trên lịch");
    button.title = "Chọn ngày trên lịch";
    // A calendar drawn in SVG: no emoji font needed.
    button.innerHTML =
      '<svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" ' +
      'stroke-width="2" aria-hidden="true"><rect x="3" y="5" width="18" height="16" rx="2"/>' +
      '<path d="M3 10h18M8 3v4M16 3v4"/></svg>';
    wrap.append(picker, button);
    button.addEventListener("click", () => {
      const p = parse(input.value);
      picker.value = p ? iso(p) : "";
      if (typeof picker.showPicker === "function") {
        try { picker.showPicker(); return; } catch (_) { /* falls through */ }
      }
      picker.focus();
    });
    picker.addEventListener("change", () => {
      const p = parse(picker.value);
      if (p) {
        input.value = vn(p);
        input.setCustomValidity("");
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    input.addEventListener("blur", () => {
      const p = parse(input.value);
      if (p) input.value = vn(p); // 1/2/2025 → 01/02/2025
    });
  }

  function enhanceAll(root) {
    root.querySelectorAll("input[data-datepicker], input[type=date]:not(.datefield-native)")
      .forEach(enhance);
  }

  // Hand-written date inputs go to the server as ISO; a wrong one stops the submission
  // with a Vietnamese message instead of being sent blank.
  document.addEventListener("submit", (e) => {
    const fields = e.target.querySelectorAll("input[data-iso-submit]");
    for (const input of fields) {
      const p = parse(input.value);
      if (p === false) {
        e.preventDefault();
        e.stopImmediatePropagation();
        input.dataset.dateError = "1";
        input.setCustomValidity(INVALID);
        input.reportValidity();
        return;
      }
    }
    fields.forEach((input) => {
      const p = parse(input.value);
      if (p) {
        input.value = iso(p);
        setTimeout(() => { input.value = vn(p); }, 0);
      }
    });
  }, true);

  // The browser's validation bubbles in Vietnamese.
  function message(el) {
    const v = el.validity;
    if (v.valueMissing) {
      if (el.tagName === "SELECT") return "Vui lòng chọn một mục trong danh sách.";
      if (el.type === "checkbox") return "Vui lòng đánh dấu vào ô này.";
      if (el.type === "radio") return "Vui lòng chọn một trong các lựa chọn.";
      if (el.type === "file") return "Vui lòng chọn tệp.";
      return "Vui lòng nhập thông tin vào ô này.";
    }
    if (v.typeMismatch) {
      if (el.type === "email") return "Địa chỉ thư điện tử không hợp lệ.";
      if (el.type === "url") return "Địa chỉ trang web không hợp lệ.";
    }
    if (v.badInput) return "Vui lòng nhập một số.";
    if (v.rangeUnderflow) return `Giá trị phải lớn hơn hoặc bằng ${el.min}.`;
    if (v.rangeOverflow) return `Giá trị phải nhỏ hơn hoặc bằng ${el.max}.`;
    if (v.stepMismatch) return "Giá trị không đúng bước nhảy cho phép.";
    if (v.tooLong) return `Tối đa ${el.maxLength} ký tự.`;
    if (v.tooShort) return `Tối thiểu ${el.minLength} ký tự.`;
    if (v.patternMismatch) return el.title || "Giá trị không đúng định dạng.";
    return "Giá trị không hợp lệ.";
  }
  document.addEventListener("invalid", (e) => {
    const el = e.target;
    if (!el.setCustomValidity || el.dataset.dateError) return;
    el.setCustomValidity("");
    if (!el.validity.valid) el.setCustomValidity(message(el));
  }, true);
  const clear = (e) => {
    if (!e.target.setCustomValidity) return;
    delete e.target.dataset.dateError;
    e.target.setCustomValidity("");
  };
  document.addEventListener("input", clear, true);
  document.addEventListener("change", clear, true);

  document.addEventListener("DOMContentLoaded", () => {
    enhanceAll(document);
    document.body.addEventListener("htmx:load", (e) => enhanceAll(e.target));
    // The error summary takes the focus so a keyboard or screen-reader user starts there.
    document.getElementById("error-summary")?.focus();
  });
})();
