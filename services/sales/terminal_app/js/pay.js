// Paying: cash (change shown), PromptPay (the service's EMVCo payload for the exact amount,
// drawn as a QR code here), card (recorded); several payments for one sale. Completing the
// sale numbers it and writes it to IndexedDB before the screen says it is done.

import qrcode from "../vendor/qrcode.mjs";
import { call, problemText, Unreachable } from "./api.js";
import * as cart from "./cart.js";
import { takeLocally } from "./catalogue.js";
import { baht, decimal, escapeHtml, toSatang } from "./money.js";
import { recordSale } from "./store.js";
import { announce, scheduleSync } from "./sync.js";
import { authorised, currentPairing } from "./terminal.js";
import { $, message } from "./ui.js";

const METHOD_NAMES = { cash: "เงินสด / Cash", promptpay: "พร้อมเพย์ / PromptPay", card: "บัตร / Card" };
let payments = [];
let pendingPromptPay = null;
let onDone = () => {};

export function methodName(method) {
  return METHOD_NAMES[method] || method;
}

export function uuid4() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function paid() {
  return payments.reduce((sum, p) => sum + p.amount, 0);
}

function figures() {
  const { total } = cart.totals();
  const given = paid();
  return { total, remaining: Math.max(total - given, 0), change: Math.max(given - total, 0) };
}

export function setupPay(doneHandler, backHandler) {
  onDone = doneHandler;
  $("#pay-cash").addEventListener("click", () => addPayment("cash"));
  $("#pay-card").addEventListener("click", () => addPayment("card"));
  $("#pay-promptpay").addEventListener("click", startPromptPay);
  $("#promptpay-received").addEventListener("click", () => {
    if (pendingPromptPay) payments.push({ method: "promptpay", amount: pendingPromptPay });
    pendingPromptPay = null;
    $("#promptpay-panel").hidden = true;
    render();
  });
  $("#promptpay-cancel").addEventListener("click", () => {
    pendingPromptPay = null;
    $("#promptpay-panel").hidden = true;
  });
  $("#quick-cash").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-amount]");
    if (button) $("#pay-amount").value = button.dataset.amount;
  });
  $("#payments").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-remove]");
    if (!button) return;
    payments.splice(parseInt(button.dataset.remove, 10), 1);
    render();
  });
  $("#complete").addEventListener("click", complete);
  $("#pay-back").addEventListener("click", backHandler);
}

export function startPayment() {
  payments = [];
  pendingPromptPay = null;
  $("#promptpay-panel").hidden = true;
  message("#pay-error", "");
  render();
}

function amountAsked(method) {
  const typed = toSatang($("#pay-amount").value);
  const { remaining } = figures();
  if (typed === null || typed <= 0) {
    message("#pay-error", "ใส่จำนวนเงินให้ถูกต้อง / enter a valid amount");
    return null;
  }
  if (method !== "cash" && typed > remaining) {
    message("#pay-error", "พร้อมเพย์และบัตรจ่ายได้ไม่เกินยอดคงเหลือ / PromptPay and card cannot pay more than what remains");
    return null;
  }
  message("#pay-error", "");
  return typed;
}

function addPayment(method) {
  const amount = amountAsked(method);
  if (amount === null) return;
  payments.push({ method, amount });
  render();
}

async function startPromptPay() {
  const amount = amountAsked("promptpay");
  if (amount === null) return;
  const pairing = await currentPairing();
  let answer;
  try {
    answer = await authorised(await call(pairing.key, "POST", "/v1/promptpay/qr", { amount: decimal(amount) }));
  } catch (error) {
    if (!(error instanceof Unreachable)) throw error;
    message("#pay-error", "ออฟไลน์: ใช้พร้อมเพย์ไม่ได้ รับเงินสดหรือบัตรแทน / offline: PromptPay needs the network, take cash or card");
    return;
  }
  if (answer.status !== 200) {
    message("#pay-error", `พร้อมเพย์ใช้ไม่ได้ / PromptPay unavailable: ${problemText(answer.data)}`);
    return;
  }
  pendingPromptPay = amount;
  drawQr($("#promptpay-qr"), answer.data.payload);
  $("#promptpay-qr").dataset.payload = answer.data.payload;
  $("#promptpay-amount").textContent = baht(amount);
  $("#promptpay-panel").hidden = false;
}

export function drawQr(canvas, text) {
  const code = qrcode(0, "M");
  code.addData(text);
  code.make();
  const count = code.getModuleCount();
  const quiet = 4;
  const scale = Math.max(4, Math.floor(300 / (count + quiet * 2)));
  const size = (count + quiet * 2) * scale;
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, size, size);
  context.fillStyle = "#000";
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (code.isDark(row, col)) context.fillRect((col + quiet) * scale, (row + quiet) * scale, scale, scale);
    }
  }
}

function render() {
  const f = figures();
  $("#due").textContent = baht(f.total);
  $("#remaining").textContent = baht(f.remaining);
  $("#change").textContent = baht(f.change);
  $("#pay-amount").value = decimal(f.remaining || 0);
  const notes = [f.remaining, 10000, 50000, 100000].filter((v, i, all) => v > 0 && all.indexOf(v) === i && v >= f.remaining);
  $("#quick-cash").innerHTML = notes.map((v) => `<button data-amount="${decimal(v)}">฿${baht(v)}</button>`).join("");
  $("#payments").innerHTML = payments
    .map((p, i) => `<li>${escapeHtml(methodName(p.method))} <b>${baht(p.amount)}</b> <button data-remove="${i}" class="quiet" aria-label="ลบ / remove">✕</button></li>`)
    .join("");
  $("#complete").disabled = payments.length === 0 || f.remaining > 0;
}

async function complete() {
  const f = figures();
  if (payments.length === 0 || f.remaining > 0) return;
  $("#complete").disabled = true;
  const pairing = await currentPairing();
  const profile = pairing.profile;
  const { subtotal, discount, total } = cart.totals();
  const lines = cart.cartLines();
  const occurredAt = new Date().toISOString();
  const payload = {
    sale_id: uuid4(),
    occurred_at: occurredAt,
    lines: lines.map((l) => ({ sku: l.product.sku, quantity: l.quantity, unit_price: l.product.price })),
    payments: payments.map((p) => ({ method: p.method, amount: decimal(p.amount) })),
    discount: decimal(discount),
  };
  if (profile.event_id) payload.event_id = profile.event_id;
  const view = {
    occurred_at: occurredAt,
    shop: profile.shop,
    lines: lines.map((l) => ({
      sku: l.product.sku,
      product_id: l.product.product_id,
      name_th: l.product.name_th,
      name_en: l.product.name_en,
      producer: l.product.producer || null,
      quantity: l.quantity,
      unit_price: toSatang(l.product.price),
      line_total: toSatang(l.product.price) * l.quantity,
    })),
    subtotal,
    discount,
    total,
    payments: payments.map((p) => ({ ...p })),
    change: f.change,
  };
  const sale = await recordSale(
    { terminal_id: pairing.terminal_id, code: profile.code },
    { sale_id: payload.sale_id, created_at: Date.now(), made_offline: !navigator.onLine, payload, view },
  );
  await takeLocally(payload.lines);
  announce();
  scheduleSync(0);
  cart.clear();
  payments = [];
  onDone(sale);
}
