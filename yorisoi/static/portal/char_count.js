// Counts the characters of a long field as the visitor types (a file, not inline: the CSP allows
// no inline script). Nothing is ever cut: over the limit the count turns red and the server says so.
document.addEventListener("DOMContentLoaded", () => {
  for (const counter of document.querySelectorAll("[data-count-for]")) {
    const field = document.getElementById(counter.dataset.countFor);
    if (!field) continue;
    const max = Number(field.dataset.maxChars);
    const update = () => {
      const n = [...field.value].length;
      counter.textContent = `${n} / ${max}文字` + (n > max ? `（${n - max}文字多いです）` : "");
      counter.classList.toggle("over", n > max);
    };
    field.addEventListener("input", update);
    update();
  }
});
