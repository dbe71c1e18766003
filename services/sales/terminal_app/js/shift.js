// Shifts: open with a float, close with the counted cash and the service's report shown.
// Closing is refused while any sale is not yet accepted by the service.

import { call, problemText, Unreachable } from "./api.js";
import { baht, decimal, escapeHtml, thaiDateTime, toSatang } from "./money.js";
import { countIn, kvGet, kvPut, UNSETTLED } from "./store.js";
import { authorised, currentPairing } from "./terminal.js";
import { $, message } from "./ui.js";
import { methodName } from "./pay.js";

export async function currentShift() {
  return (await kvGet("shift")) || null;
}

/** Ask the service which shift is open here (when it answers). */
export async function refreshShift(pairing) {
  try {
    const answer = await authorised(await call(pairing.key, "GET", "/v1/shifts/current"));
    if (answer.status === 200) await kvPut("shift", answer.data);
    else if (answer.status === 404) await kvPut("shift", null);
  } catch {
    // offline: the shift known here stays
  }
  return currentShift();
}

export function setupShift(onChange) {
  $("#open-shift").addEventListener("submit", async (event) => {
    event.preventDefault();
    const float = toSatang($("#opening-float").value);
    if (float === null) return message("#shift-message", "ใส่เงินทอนตั้งต้นให้ถูกต้อง / enter a valid float");
    const answer = await send("POST", "/v1/shifts", { opening_float: decimal(float) });
    if (!answer) return;
    if (answer.status !== 201) return message("#shift-message", `เปิดกะไม่ได้ / cannot open: ${problemText(answer.data)}`);
    await kvPut("shift", answer.data);
    message("#shift-message", "");
    $("#shift-report").innerHTML = "";
    onChange();
  });
  $("#close-shift").addEventListener("submit", async (event) => {
    event.preventDefault();
    const counted = toSatang($("#counted-cash").value);
    if (counted === null) return message("#shift-message", "ใส่เงินสดที่นับได้ให้ถูกต้อง / enter the counted cash");
    const waiting = await countIn(UNSETTLED);
    if (waiting > 0) {
      return message(
        "#shift-message",
        `ยังปิดกะไม่ได้: มีรายการขาย ${waiting} รายการที่ระบบยังไม่รับ / cannot close: ${waiting} sale(s) not yet accepted by the service`,
      );
    }
    const shift = await currentShift();
    const answer = await send("POST", `/v1/shifts/${shift.shift_id}/close`, { counted_cash: decimal(counted) });
    if (!answer) return;
    if (answer.status !== 200) return message("#shift-message", `ปิดกะไม่ได้ / cannot close: ${problemText(answer.data)}`);
    await kvPut("shift", null);
    message("#shift-message", "");
    $("#shift-report").innerHTML = reportHtml(answer.data);
    onChange();
  });
}

async function send(method, path, body) {
  const pairing = await currentPairing();
  try {
    return await authorised(await call(pairing.key, method, path, body));
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
    message("#shift-message", "ต้องออนไลน์เพื่อเปิดหรือปิดกะ / opening or closing a shift needs the network");
    return null;
  }
}

export async function renderShift() {
  const shift = await currentShift();
  $("#open-shift").hidden = Boolean(shift);
  $("#close-shift").hidden = !shift;
  if (shift) {
    $("#shift-open-info").innerHTML = `กะเปิดเมื่อ / opened ${escapeHtml(thaiDateTime(shift.opened_at))} · เงินทอนตั้งต้น / float ฿${baht(toSatang(shift.opening_float))}`;
  }
}

function reportHtml(report) {
  const rows = [
    ["เปิดกะ / Opened", thaiDateTime(report.opened_at)],
    ["ปิดกะ / Closed", report.closed_at ? thaiDateTime(report.closed_at) : "-"],
    ["จำนวนรายการขาย / Sales", String(report.sale_count)],
    ["เงินทอนตั้งต้น / Opening float", baht(toSatang(report.opening_float))],
    ...Object.entries(report.sales_by_method || {}).map(([m, v]) => [`ยอดขาย ${methodName(m)}`, baht(toSatang(v))]),
    ["จำนวนคืนสินค้า / Refunds", String(report.refund_count)],
    ["เงินสดที่ควรมี / Expected cash", baht(toSatang(report.expected_cash))],
    ["เงินสดที่นับได้ / Counted cash", report.counted_cash ? baht(toSatang(report.counted_cash)) : "-"],
    ["ส่วนต่าง / Variance", report.variance ?? "-"],
  ];
  return `<h2>รายงานปิดกะ <small lang="en">Shift report</small></h2><table id="shift-report-table" class="list">${rows
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td class="num">${escapeHtml(v)}</td></tr>`)
    .join("")}</table>`;
}
