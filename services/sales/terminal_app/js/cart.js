// The cart: lines of products with quantities, and one discount for the sale (satang).

import { toSatang } from "./money.js";

let lines = [];
let discount = 0;

export function cartLines() {
  return lines;
}

export function add(product, quantity = 1) {
  const found = lines.find((line) => line.product.sku === product.sku);
  if (found) found.quantity += quantity;
  else lines.push({ product, quantity });
}

export function setQuantity(sku, quantity) {
  lines = lines
    .map((line) => (line.product.sku === sku ? { ...line, quantity } : line))
    .filter((line) => line.quantity > 0);
}

export function setDiscount(text) {
  const satang = toSatang(text || "0");
  discount = satang === null ? 0 : satang;
  return satang !== null;
}

export function clear() {
  lines = [];
  discount = 0;
}

export function totals() {
  const subtotal = lines.reduce((sum, line) => sum + toSatang(line.product.price) * line.quantity, 0);
  const applied = Math.min(discount, subtotal);
  return { subtotal, discount: applied, total: subtotal - applied };
}
