// The selling screen: categories, search, the SKU/barcode field (a keyboard-wedge scanner
// types the code and Enter), product buttons and the cart. At the shop each product shows
// the units left; online, no more than that goes into the cart (offline it may: the sale
// goes to the backlog and the shop counts the product later).

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
      addToCart(product);
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
    if (product) addToCart(product);
  });
  $("#cart-lines").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-step]");
    if (!button) return;
    const line = cart.cartLines().find((l) => l.product.sku === button.dataset.sku);
    const step = parseInt(button.dataset.step, 10);
    if (line && (step < 0 || mayAdd(findCode(line.product.sku) || line.product))) cart.setQuantity(line.product.sku, line.quantity + step);
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

function inCart(product) {
  const line = cart.cartLines().find((l) => l.product.sku === product.sku);
  return line ? line.quantity : 0;
}

/** Whether one more of the product may go into the cart: always at a booth (no stock) and
 * offline (with a warning); online at the shop, while units are left. */
function mayAdd(product) {
  if (product.available === null || product.available === undefined) return true;
  const wanted = inCart(product) + 1;
  if (wanted <= product.available) return true;
  if (!navigator.onLine) {
    flash(
      `ออฟไลน์: ${product.name_th} อาจหมดแล้ว (เหลือ ${product.available}) ขายได้ รายการจะส่งภายหลังและร้านจะตรวจนับสินค้านี้ / offline: ${product.sku} may be sold out; the sale is sent later and the shop will count it`,
      8000,
    );
    return true;
  }
  flash(
    product.available === 0
      ? `${product.name_th} หมดแล้ว เพิ่มลงตะกร้าไม่ได้ / ${product.sku} is sold out: it cannot be added`
      : `${product.name_th} เหลือเพียง ${product.available} ชิ้น / only ${product.available} of ${product.sku} left`,
    6000,
  );
  return false;
}

function addToCart(product) {
  if (!mayAdd(product)) return;
  cart.add(product);
  renderCart();
}

function stockHtml(p) {
  if (p.available === null || p.available === undefined) return "";
  return p.available > 0
    ? `<span class="left" data-available="${p.available}">เหลือ ${p.available} <small lang="en">${p.available} left</small></span>`
    : `<span class="left sold-out" data-available="0">หมด <small lang="en">sold out</small></span>`;
}

export function renderCatalogue() {
  renderCategories();
  renderProducts();
  renderCart();
}

/** The product buttons again (after the catalogue was refreshed), the cart as it is. */
export function renderShelves() {
  renderProducts();
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
          (p) => `<button class="product${p.available === 0 ? " sold-out" : ""}" data-sku="${escapeHtml(p.sku)}">
  <span class="name">${escapeHtml(p.name_th)}</span><small lang="en">${escapeHtml(p.name_en || "")}</small>
  <span class="producer">${escapeHtml(p.producer ? p.producer.name_th : "")}</span>
  <b class="price">฿${baht(toSatang(p.price))}</b>${stockHtml(p)}<small class="sku">${escapeHtml(p.sku)}</small></button>`,
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
