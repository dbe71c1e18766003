// Earlier receipts (reprint any of them) and refunds by receipt number and lines.

import { call, problemText, Unreachable } from "./api.js";
import { baht, escapeHtml, thaiDateTime, toSatang } from "./money.js";
import { uuid4 } from "./pay.js";
import { receiptHtml, viewOfServerSale } from "./receipt.js";
import { allSales, saleByReceipt } from "./store.js";
import { authorised, currentPairing } from "./terminal.js";
import { $, message } from "./ui.js";

export const STATE_NAMES = {
  queued: "รอส่ง / waiting",
  sending: "กำลังส่ง / sending",
  accepted: "ระบบรับแล้ว / accepted",
  "needs-decision": "ต้องตัดสินใจ / needs a decision",
  "set-aside": "พักไว้ / set aside",
};

async function serverSales(receiptNo) {
  const pairing = await currentPairing();
  const answer = await authorised(await call(pairing.key, "GET", `/v1/terminal/sales?receipt_no=${encodeURIComponent(receiptNo)}`));
  if (answer.status !== 200) throw new Error(problemText(answer.data) || `HTTP ${answer.status}`);
  const data = answer.data;
  return Array.isArray(data) ? data : data.items || data.sales || [];
}

export function setupHistory(showReceipt) {
  $("#receipt-search").addEventListener("submit", async (event) => {
    event.preventDefault();
    const wanted = $("#receipt-query").value.trim().toUpperCase();
    if (!wanted) return renderReceipts();
    const local = await saleByReceipt(wanted);
    if (local) return showReceipt(local.receipt_no, local.view, true);
    try {
      const [found] = await serverSales(wanted);
      const pairing = await currentPairing();
      if (found) return showReceipt(wanted, viewOfServerSale(found, pairing.profile.shop), true);
    } catch {
      // offline or unknown: said below
    }
    $("#receipt-rows").innerHTML = `<tr><td colspan="5">ไม่พบใบเสร็จ ${escapeHtml(wanted)} / no receipt ${escapeHtml(wanted)}</td></tr>`;
  });
  $("#receipt-rows").addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-receipt]");
    if (!button) return;
    const sale = await saleByReceipt(button.dataset.receipt);
    if (sale) showReceipt(sale.receipt_no, sale.view, true);
  });
  $("#refund-search").addEventListener("submit", async (event) => {
    event.preventDefault();
    await findForRefund($("#refund-query").value.trim().toUpperCase());
  });
}

export async function renderReceipts() {
  const sales = (await allSales()).reverse().slice(0, 100);
  $("#receipt-rows").innerHTML = sales
    .map(
      (s) => `<tr data-state="${s.state}"><td>${escapeHtml(s.receipt_no)}</td><td>${escapeHtml(thaiDateTime(s.view.occurred_at))}</td>
<td class="num">${baht(s.view.total)}</td><td>${escapeHtml(STATE_NAMES[s.state] || s.state)}</td>
<td><button data-receipt="${escapeHtml(s.receipt_no)}">พิมพ์ซ้ำ <small lang="en">Reprint</small></button></td></tr>`,
    )
    .join("");
}

let refundTarget = null;

async function findForRefund(receiptNo) {
  message("#refund-message", "");
  $("#refund-sale").innerHTML = "";
  let found;
  try {
    [found] = await serverSales(receiptNo);
  } catch (error) {
    const why = error instanceof Unreachable ? "ต้องออนไลน์เพื่อคืนสินค้า / refunds need the network" : error.message;
    return message("#refund-message", why);
  }
  if (!found) return message("#refund-message", `ไม่พบใบเสร็จ ${receiptNo} / no receipt ${receiptNo}`);
  refundTarget = { sale: found, refund_id: uuid4() };
  const lines = (found.lines || [])
    .map(
      (l, i) => `<tr><td>${escapeHtml(l.name_th || l.name || l.sku)}<br><small>${escapeHtml(l.sku)}</small></td><td class="num">${l.quantity} × ${baht(toSatang(l.unit_price))}</td>
<td><input class="refund-qty" data-line="${l.line_no ?? i + 1}" type="number" min="0" max="${l.quantity - (l.refunded_quantity || 0)}" value="0" aria-label="จำนวนที่คืน / quantity back"></td></tr>`,
    )
    .join("");
  $("#refund-sale").innerHTML = `<h2>${escapeHtml(receiptNo)}</h2><table class="list"><tr><th>สินค้า / Item</th><th>ขาย / Sold</th><th>คืน / Back</th></tr>${lines}</table>
<label>คืนเงินทาง / Refund by <select id="refund-method"><option value="cash">เงินสด / Cash</option><option value="promptpay">พร้อมเพย์ / PromptPay</option><option value="card">บัตร / Card</option></select></label>
<label>เหตุผล / Reason <input id="refund-reason" maxlength="500"></label>
<button id="refund-submit" class="primary big">คืนสินค้า <small lang="en">Refund</small></button>`;
  $("#refund-submit").addEventListener("click", submitRefund);
}

async function submitRefund() {
  const lines = [...document.querySelectorAll(".refund-qty")]
    .map((input) => ({ line_no: parseInt(input.dataset.line, 10), quantity: parseInt(input.value || "0", 10) }))
    .filter((l) => l.quantity > 0);
  if (!lines.length) return message("#refund-message", "เลือกสินค้าที่คืนอย่างน้อยหนึ่งรายการ / pick at least one line");
  const body = { refund_id: refundTarget.refund_id, lines, method: $("#refund-method").value };
  const reason = $("#refund-reason").value.trim();
  if (reason) body.reason = reason;
  const pairing = await currentPairing();
  let answer;
  try {
    answer = await authorised(await call(pairing.key, "POST", `/v1/sales/${refundTarget.sale.sale_id}/refunds`, body));
  } catch {
    return message("#refund-message", "ส่งไม่ได้ ลองอีกครั้ง (รายการเดิม) / not sent: try again (the same refund)");
  }
  if (answer.status === 201 || answer.status === 200) {
    const amount = answer.data && (answer.data.total || answer.data.amount);
    message("#refund-message", `คืนสินค้าแล้ว${amount ? ` ฿${amount}` : ""} / refunded`);
    $("#refund-sale").innerHTML = "";
    refundTarget = null;
  } else {
    message("#refund-message", `คืนไม่ได้ / refused: ${problemText(answer.data)}`);
  }
}

export function receiptFor(receiptNo, view, reprint) {
  return receiptHtml(receiptNo, view, { reprint });
}
