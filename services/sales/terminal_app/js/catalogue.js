// The products this terminal may sell: fetched when online (the service worker also keeps
// the last answer), kept in IndexedDB so selling works offline.

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
