// Small helpers for the screens.

export function $(selector) {
  return document.querySelector(selector);
}

export function show(name) {
  for (const screen of document.querySelectorAll(".screen")) {
    screen.hidden = screen.id !== `screen-${name}`;
  }
  for (const button of document.querySelectorAll("#nav button")) {
    button.setAttribute("aria-current", button.dataset.go === name ? "page" : "false");
  }
  document.body.dataset.screen = name;
}

let flashTimer = null;

export function flash(text, ms = 5000) {
  const box = $("#flash");
  box.textContent = text;
  box.hidden = false;
  clearTimeout(flashTimer);
  flashTimer = setTimeout(() => (box.hidden = true), ms);
}

export function message(selector, text) {
  const box = $(selector);
  box.textContent = text || "";
  box.hidden = !text;
}
