// Sales the shop refused live for its stock or its assortment (409 out-of-stock or
// not-in-assortment): the service's own Thai message, shown on every screen, and for each
// refused line a button that takes it out of the sale (the customer gets its money back) and
// sends the rest again under the same sale id and receipt number.

import { findCode, products } from "./catalogue.js";
import { baht, decimal, escapeHtml, toSatang } from "./money.js";
import { salesIn, updateSales } from "./store.js";
import { announce, scheduleSync } from "./sync.js";
import { $, flash } from "./ui.js";

export const STOCK_REFUSALS = ["out-of-stock", "not-in-assortment"];
const HEADINGS = {
  "out-of-stock": "สินค้าไม่พอขาย ระบบไม่รับรายการขายนี้ <small lang=\"en\">Not enough stock: the sale was refused</small>",
  "not-in-assortment": "ร้านไม่ได้รับสินค้านี้ไว้ขาย ระบบไม่รับรายการขายนี้ <small lang=\"en\">Not sold at the shop: the sale was refused</small>",
};

/** "out-of-stock" / "not-in-assortment" when the server refused the sale for that, else null. */
export function stockRefusal(sale) {
  const problem = sale && sale.verdict && sale.verdict.problem;
  if (!problem || sale.state !== "needs-decision") return null;
  const type = String(problem.type || "");
  return STOCK_REFUSALS.find((slug) => type.endsWith(`:${slug}`)) || null;
}

/** The SKUs of the sale's lines the refusal names (every line when it names none we know). */
function refusedSkus(sale) {
  const ids = new Set((sale.verdict.problem.product_ids || []).map(String));
  const skus = sale.payload.lines.map((l) => l.sku);
  const idOf = (sku) => {
    const line = (sale.view.lines || []).find((l) => l.sku === sku);
    const known = line && line.product_id ? line.product_id : (findCode(sku) || {}).product_id;
    return known ? String(known) : null;
  };
  const named = skus.filter((sku) => ids.has(idOf(sku)));
  return named.length ? named : skus;
}

function nameOf(sale, sku) {
  const line = (sale.view.lines || []).find((l) => l.sku === sku);
  const product = products().find((p) => p.sku === sku);
  return (line && line.name_th) || (product && product.name_th) || sku;
}

export function refusedHtml(sale) {
  const kind = stockRefusal(sale);
  if (!kind) return "";
  const buttons = refusedSkus(sale)
    .map(
      (sku) => `<button class="drop-line" data-drop-sale="${escapeHtml(sale.sale_id)}" data-drop-sku="${escapeHtml(sku)}">ตัด ${escapeHtml(nameOf(sale, sku))} ออกแล้วส่งใหม่ <small lang="en">Remove ${escapeHtml(sku)} and send again</small></button>`,
    )
    .join("");
  return `<div class="refusal" data-refused="${escapeHtml(sale.sale_id)}" data-kind="${kind}">
  <p><b>${HEADINGS[kind]}</b> <span class="receipt-no">${escapeHtml(sale.receipt_no)}</span></p>
  <p class="detail">${escapeHtml(sale.verdict.problem.detail || sale.verdict.detail || "")}</p>
  <div class="actions">${buttons}</div></div>`;
}

/** Non-cash payments capped at the new total (cash may be over it: change is given). */
function paymentsFor(payments, total) {
  let nonCash = 0;
  const kept = [];
  for (const p of payments) {
    let amount = p.amount;
    if (p.method !== "cash") {
      amount = Math.min(amount, Math.max(total - nonCash, 0));
      nonCash += amount;
    }
    if (amount > 0) kept.push({ ...p, amount });
  }
  return kept;
}

/** The sale without the line of `sku`: lines, totals and payments made again; null when no
 * line would be left. */
export function withoutLine(sale, sku) {
  const lines = sale.payload.lines.filter((l) => l.sku !== sku);
  if (lines.length === 0) return null;
  const viewLines = (sale.view.lines || []).filter((l) => l.sku !== sku);
  const subtotal = lines.reduce((sum, l) => sum + toSatang(l.unit_price) * l.quantity, 0);
  const discount = Math.min(toSatang(sale.payload.discount || "0") || 0, subtotal);
  const total = subtotal - discount;
  const payments = paymentsFor(sale.view.payments || [], total);
  const paid = payments.reduce((sum, p) => sum + p.amount, 0);
  return {
    ...sale,
    state: "queued",
    verdict: null,
    payload: {
      ...sale.payload,
      lines,
      discount: decimal(discount),
      payments: payments.map((p) => ({ method: p.method, amount: decimal(p.amount) })),
    },
    view: { ...sale.view, lines: viewLines, subtotal, discount, total, payments, change: paid - total },
    given_back: (sale.given_back || 0) + (sale.view.total - total),
  };
}

export async function renderRefused() {
  const refused = (await salesIn(["needs-decision"])).filter((sale) => stockRefusal(sale));
  const box = $("#refused");
  box.innerHTML = refused.map(refusedHtml).join("");
  box.hidden = refused.length === 0;
}

export function setupRefused() {
  document.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-drop-sale]");
    if (!button) return;
    const [sale] = (await salesIn(["needs-decision"])).filter((s) => s.sale_id === button.dataset.dropSale);
    if (!sale) return;
    const changed = withoutLine(sale, button.dataset.dropSku);
    if (!changed) {
      flash("รายการนี้ไม่มีสินค้าเหลือให้ขาย: กด “พักไว้” ในหน้าตั้งค่า แล้วคืนเงินลูกค้าทั้งหมด / nothing would be left of this sale: set it aside in Settings and give the customer all their money back", 10000);
      return;
    }
    await updateSales([sale.sale_id], (s) => (s.state === "needs-decision" ? changed : null));
    flash(`ตัดรายการออกแล้ว คืนเงินลูกค้า ฿${baht(changed.given_back - (sale.given_back || 0))} / line removed: give the customer back ฿${baht(changed.given_back - (sale.given_back || 0))}`, 10000);
    announce();
    scheduleSync(0);
  });
}
