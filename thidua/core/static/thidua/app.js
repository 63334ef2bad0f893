// No inline scripts (strict CSP): behaviour is attached through data attributes.
document.addEventListener("DOMContentLoaded", () => {
  document.body.addEventListener("htmx:configRequest", (e) => {
    const t = document.querySelector('meta[name="csrf-token"]');
    if (t) e.detail.headers["X-CSRFToken"] = t.content;
  });
  document.querySelectorAll("[data-autosubmit]").forEach((el) =>
    el.addEventListener("change", () => el.form.submit()));
  document.querySelectorAll("[data-toggle]").forEach((btn) =>
    btn.addEventListener("click", () => document.querySelector(btn.dataset.toggle)?.classList.toggle("open")));
  document.addEventListener("submit", (e) => {
    const msg = e.target.dataset?.confirm;
    if (msg && !window.confirm(msg)) e.preventDefault();
  });
});
