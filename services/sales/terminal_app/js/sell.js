// The selling screen: categories, search, the SKU/barcode field (a keyboard-wedge scanner
// types the code and Enter), product buttons and the cart.

import * as cart from "./cart.js";
import { categories, findCode, search } from "./catalogue.js";
import { baht, escapeHtml, toSatang } from "./money.js";
import { $, flash } from "./ui.js";

let category = null;
let onPay = () => {};

export function setupSell(payHandler) {
  onPay = payHandler;
  $("#scan-form").addEventListener("submit", (event) => event.preventDefault());
  $("#scan").addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    const code = $("#scan").value;
    const product = findCode(code);
    if (product) {
      cart.add(product);
      renderCart();
    } else if (code.trim()) {
      flash(`ไม่พบสินค้า ${code} / no product ${code}`);
    }
    $("#scan").value = "";
    $("#scan").focus();
  });
  $("#search").addEventListener("input", renderProducts);
  $("#discount").addEventListener("input", () => {
    const ok = cart.setDiscount($("#discount").value);
    $("#discount").classList.toggle("invalid", !ok);
    renderCart();
  });
  $("#clear-cart").addEventListener("click", () => {
    cart.clear();
    $("#discount").value = "0";
    renderCart();
  });
  $("#pay").addEventListener("click", () => onPay());
  $("#products").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-sku]");
    if (!button) return;
    const product = findCode(button.dataset.sku);
    if (product) {
      cart.add(product);
      renderCart();
    }
  });
  $("#cart-lines").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-step]");
    if (!button) return;
    const line = cart.cartLines().find((l) => l.product.sku === button.dataset.sku);
    if (line) cart.setQuantity(line.product.sku, line.quantity + parseInt(button.dataset.step, 10));
    renderCart();
  });
  $("#categories").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-category]");
    if (!button) return;
    category = button.dataset.category || null;
    renderCategories();
    renderProducts();
  });
}

export function renderCatalogue() {
  renderCategories();
  renderProducts();
  renderCart();
}

function renderCategories() {
  const all = [{ code: "", name_th: "ทั้งหมด", name_en: "All" }, ...categories()];
  $("#categories").innerHTML = all
    .map(
      (c) => `<button data-category="${escapeHtml(c.code)}" aria-pressed="${(category || "") === c.code}">${escapeHtml(c.name_th)} <small lang="en">${escapeHtml(c.name_en)}</small></button>`,
    )
    .join("");
}

function renderProducts() {
  const shown = search($("#search").value, category).slice(0, 200);
  $("#products").innerHTML = shown.length
    ? shown
        .map(
          (p) => `<button class="product" data-sku="${escapeHtml(p.sku)}">
  <span class="name">${escapeHtml(p.name_th)}</span><small lang="en">${escapeHtml(p.name_en || "")}</small>
  <span class="producer">${escapeHtml(p.producer ? p.producer.name_th : "")}</span>
  <b class="price">฿${baht(toSatang(p.price))}</b><small class="sku">${escapeHtml(p.sku)}</small></button>`,
        )
        .join("")
    : `<p class="empty">ไม่มีสินค้า <small lang="en">No products</small></p>`;
}

export function renderCart() {
  const lines = cart.cartLines();
  $("#cart-lines").innerHTML = lines
    .map(
      (line) => `<li data-sku="${escapeHtml(line.product.sku)}">
  <span class="name">${escapeHtml(line.product.name_th)}<small>${escapeHtml(line.product.sku)} · ฿${baht(toSatang(line.product.price))}</small></span>
  <span class="qty"><button data-step="-1" data-sku="${escapeHtml(line.product.sku)}" aria-label="ลด / less">−</button>
  <b class="quantity">${line.quantity}</b>
  <button data-step="1" data-sku="${escapeHtml(line.product.sku)}" aria-label="เพิ่ม / more">+</button></span>
  <span class="amount">${baht(toSatang(line.product.price) * line.quantity)}</span></li>`,
    )
    .join("");
  const t = cart.totals();
  $("#subtotal").textContent = baht(t.subtotal);
  $("#discount-shown").textContent = baht(t.discount);
  $("#total").textContent = baht(t.total);
  $("#pay").disabled = lines.length === 0;
}
