// The receipt (80 mm print CSS in terminal.css): shop, receipt number, B.E. date, each line
// with its producer, totals and payments; an abbreviated tax invoice when the shop is
// VAT-registered (the wording, seller tax id, branch, serial number, price includes VAT).

import { baht, escapeHtml, thaiDateTime, toSatang } from "./money.js";
import { methodName } from "./pay.js";

function money(value) {
  return typeof value === "number" ? value : toSatang(value) ?? 0;
}

/** The receipt's figures from a sale the service gave (GET /v1/terminal/sales). */
export function viewOfServerSale(sale, shop) {
  const lines = (sale.lines || []).map((l) => ({
    line_no: l.line_no,
    sku: l.sku,
    name_th: l.name_th || l.name || l.sku,
    name_en: l.name_en || "",
    producer: l.producer || null,
    quantity: l.quantity,
    unit_price: money(l.unit_price),
    line_total: money(l.line_total ?? toSatang(l.unit_price) * l.quantity),
  }));
  return {
    occurred_at: sale.occurred_at,
    shop,
    lines,
    subtotal: money(sale.subtotal ?? lines.reduce((s, l) => s + l.line_total, 0)),
    discount: money(sale.discount ?? "0"),
    total: money(sale.total),
    payments: (sale.payments || []).map((p) => ({ method: p.method, amount: money(p.amount) })),
    change: money(sale.change_given ?? "0"),
  };
}

function branchText(branch) {
  return branch === "00000" ? "สำนักงานใหญ่ / Head office" : `สาขา ${escapeHtml(branch)} / Branch ${escapeHtml(branch)}`;
}

export function receiptHtml(receiptNo, view, { reprint = false, code = "" } = {}) {
  const shop = view.shop || {};
  const vat = shop.vat || null;
  const heading = vat
    ? `<h2 class="doc">ใบกำกับภาษีอย่างย่อ<br><small>Abbreviated tax invoice</small></h2>`
    : `<h2 class="doc">ใบเสร็จรับเงิน<br><small>Receipt</small></h2>`;
  const seller = vat
    ? `<p>เลขประจำตัวผู้เสียภาษี / Tax ID: <span class="tax-id">${escapeHtml(vat.tax_id)}</span><br>${branchText(vat.branch || "00000")}</p>`
    : "";
  const lines = view.lines
    .map(
      (l) => `<tr><td colspan="3" class="item">${escapeHtml(l.name_th)}${l.name_en ? ` <small>${escapeHtml(l.name_en)}</small>` : ""}
<br><small class="producer">ผู้ผลิต / Producer: ${escapeHtml(l.producer ? l.producer.name_th || l.producer.name_en || "" : "-")}</small></td></tr>
<tr><td class="sku">${escapeHtml(l.sku)}</td><td class="num">${l.quantity} × ${baht(l.unit_price)}</td><td class="num">${baht(l.line_total)}</td></tr>`,
    )
    .join("");
  const payments = view.payments.map((p) => `<tr><td colspan="2">${escapeHtml(methodName(p.method))}</td><td class="num">${baht(p.amount)}</td></tr>`).join("");
  let vatLines = "";
  if (vat) {
    const rate = toSatang(vat.rate || "7.00");
    const tax = Math.round((view.total * rate) / (10000 + rate));
    vatLines = `<tr><td colspan="2">ภาษีมูลค่าเพิ่ม ${escapeHtml(vat.rate || "7.00")}% / VAT</td><td class="num">${baht(tax)}</td></tr>
<tr><td colspan="3" class="vat-note">ราคารวมภาษีมูลค่าเพิ่มแล้ว / price includes VAT</td></tr>`;
  }
  return `${reprint ? `<p class="reprint">สำเนา (พิมพ์ซ้ำ) / Copy (reprint)</p>` : ""}
<header><h1 class="shop">${escapeHtml(shop.name_th || "ร้าน OTOP")}</h1>
${shop.name_en ? `<p class="shop-en">${escapeHtml(shop.name_en)}</p>` : ""}
${shop.address ? `<p class="address">${escapeHtml(shop.address)}</p>` : ""}
${seller}${heading}</header>
<p class="meta">เลขที่ / No.: <b id="receipt-no" class="receipt-no">${escapeHtml(receiptNo)}</b><br>
วันที่ / Date: <span class="date">${escapeHtml(thaiDateTime(view.occurred_at))}</span>${code ? `<br>เครื่อง / Terminal: ${escapeHtml(code)}` : ""}</p>
<table class="lines">${lines}</table>
<table class="sums">
<tr><td colspan="2">รวม / Subtotal</td><td class="num">${baht(view.subtotal)}</td></tr>
${view.discount ? `<tr><td colspan="2">ส่วนลด / Discount</td><td class="num">-${baht(view.discount)}</td></tr>` : ""}
<tr class="grand"><td colspan="2">ยอดสุทธิ / Total (THB)</td><td class="num" id="receipt-total">${baht(view.total)}</td></tr>
${vatLines}
${payments}
${view.change ? `<tr><td colspan="2">เงินทอน / Change</td><td class="num">${baht(view.change)}</td></tr>` : ""}
</table>
<p class="thanks">ขอบคุณที่อุดหนุนสินค้า OTOP<br><small>Thank you for supporting OTOP producers</small></p>`;
}
