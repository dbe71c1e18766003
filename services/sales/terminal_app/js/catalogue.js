// The products this terminal may sell (at the shop with the units left of each): fetched
// when online, after every sale the server took and when the network comes back (the service
// worker also keeps the last answer), kept in IndexedDB so selling works offline.

import { call } from "./api.js";
import { kvGet, kvPut } from "./store.js";
import { authorised } from "./terminal.js";

let catalogue = { products: [], categories: [], as_of: null };

export function products() {
  return catalogue.products;
}

export function categories() {
  return catalogue.categories;
}

export async function loadCatalogue() {
  catalogue = (await kvGet("catalogue")) || catalogue;
  return catalogue;
}

export async function refreshCatalogue(pairing) {
  try {
    const answer = await authorised(await call(pairing.key, "GET", "/v1/terminal/catalogue"));
    if (answer.status === 200 && answer.data && Array.isArray(answer.data.products)) {
      catalogue = answer.data;
      await kvPut("catalogue", catalogue);
      return true;
    }
  } catch {
    // offline: the stored catalogue stays
  }
  return false;
}

/** A sale just made takes its units from what the tiles show, until the server's next answer. */
export async function takeLocally(lines) {
  let changed = false;
  for (const line of lines) {
    const product = catalogue.products.find((p) => p.sku === line.sku);
    if (product && typeof product.available === "number") {
      product.available = Math.max(product.available - line.quantity, 0);
      changed = true;
    }
  }
  if (changed) await kvPut("catalogue", catalogue);
}

/** The product a scanner or the cashier typed: its SKU or its barcode, exactly. */
export function findCode(code) {
  const wanted = code.trim();
  if (!wanted) return null;
  const lower = wanted.toLowerCase();
  return (
    catalogue.products.find((p) => p.sku === wanted || (p.barcode && p.barcode === wanted)) ||
    catalogue.products.find((p) => p.sku.toLowerCase() === lower) ||
    null
  );
}

export function search(text, category) {
  const words = (text || "").trim().toLowerCase().split(/\s+/).filter(Boolean);
  return catalogue.products.filter((p) => {
    if (category && p.category !== category) return false;
    const haystack = [p.sku, p.barcode, p.name_th, p.name_en, p.producer && p.producer.name_th].join(" ").toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
