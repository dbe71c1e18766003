// The terminal app: pairing, selling, receipts, refunds, shifts; offline first.

import { loadCatalogue, refreshCatalogue } from "./js/catalogue.js";
import { escapeHtml } from "./js/money.js";
import { setupPay, startPayment } from "./js/pay.js";
import { receiptHtml } from "./js/receipt.js";
import { renderReceipts, setupHistory, STATE_NAMES } from "./js/history.js";
import { refusedHtml, renderRefused, setupRefused, stockRefusal } from "./js/refused.js";
import { renderCart, renderCatalogue, renderShelves, setupSell } from "./js/sell.js";
import { currentShift, refreshShift, renderShift, setupShift } from "./js/shift.js";
import { countIn, salesIn, WAITING } from "./js/store.js";
import { onSalesChange, onSettled, retryDecision, scheduleSync, setAside, startSyncLoop } from "./js/sync.js";
import { currentPairing, onTerminalChange, pair, pairingFromHash, refreshProfile, unpair } from "./js/terminal.js";
import { $, message, show } from "./js/ui.js";

async function go(name) {
  const pairing = await currentPairing();
  if (!pairing) return show("pair");
  if (pairing.revoked) return showRevoked();
  if (name === "sell" && !(await currentShift())) {
    await renderShift();
    message("#shift-message", "เปิดกะก่อนขาย / open a shift before selling");
    return show("shift");
  }
  if (name === "receipts") await renderReceipts();
  if (name === "shift") await renderShift();
  if (name === "settings") await renderSettings();
  if (name === "sell") {
    renderShelves();
    renderCart();
    setTimeout(() => $("#scan").focus(), 0);
  }
  show(name);
}

async function showRevoked() {
  const waiting = await countIn(["queued", "sending", "needs-decision"]);
  $("#revoked-queue").innerHTML = `รายการขายที่รอส่ง <b id="revoked-waiting">${waiting}</b> รายการยังเก็บไว้ในเครื่องนี้ครบถ้วน <small lang="en">${waiting} sale(s) waiting are all kept on this device.</small>`;
  $("#nav").hidden = true;
  show("revoked");
}

function showReceipt(receiptNo, view, reprint = false) {
  $("#receipt").innerHTML = receiptHtml(receiptNo, view, { reprint });
  $("#sale-done").hidden = reprint;
  show("receipt");
}

async function renderStatus() {
  const waiting = await countIn(WAITING);
  const decisions = await countIn(["needs-decision"]);
  $("#waiting-count").textContent = String(waiting);
  $("#waiting").dataset.count = String(waiting);
  $("#decision-count").textContent = String(decisions);
  $("#decision").hidden = decisions === 0;
  const online = navigator.onLine;
  $("#net-status").dataset.online = String(online);
  $("#net-status").innerHTML = online ? `ออนไลน์ <small lang="en">online</small>` : `ออฟไลน์ <small lang="en">offline</small>`;
  await renderRefused();
  if (document.body.dataset.screen === "settings") await renderDecisions();
}

async function renderHeader(pairing) {
  const profile = pairing && pairing.profile;
  $("#shop-name").textContent = profile ? profile.shop.name_th : "เครื่องขาย OTOP";
  $("#terminal-code").textContent = profile ? `${profile.code} · ${profile.name}` : "";
  $("#nav").hidden = !pairing || pairing.revoked;
}

async function renderDecisions() {
  const sales = await salesIn(["needs-decision"]);
  $("#decisions").innerHTML = sales.length
    ? `<h2>รายการที่ต้องตัดสินใจ <small lang="en">Sales that need a decision</small></h2><ul class="decisions">${sales
        .map(
          (s) => `<li data-sale="${s.sale_id}"><b>${escapeHtml(s.receipt_no)}</b> ${escapeHtml(STATE_NAMES[s.state])}: ${escapeHtml(s.verdict && s.verdict.detail)}
<button data-retry="${s.sale_id}">ส่งอีกครั้ง <small lang="en">Send again</small></button>
<button data-aside="${s.sale_id}" class="quiet">พักไว้ (เก็บในเครื่อง) <small lang="en">Set aside (kept here)</small></button>${stockRefusal(s) ? refusedHtml(s) : ""}</li>`,
        )
        .join("")}</ul>`
    : "";
}

async function renderSettings() {
  const pairing = await currentPairing();
  const p = pairing.profile;
  let persisted = false;
  try {
    persisted = navigator.storage && navigator.storage.persisted ? await navigator.storage.persisted() : false;
  } catch {
    persisted = false;
  }
  $("#terminal-info").innerHTML = `<dt>เครื่อง / Terminal</dt><dd>${escapeHtml(p.name)} (${escapeHtml(p.code)})</dd>
<dt>ร้าน / Shop</dt><dd>${escapeHtml(p.shop.name_th)}</dd>
<dt>รหัสเครื่อง / Terminal id</dt><dd><code>${escapeHtml(pairing.terminal_id)}</code></dd>
<dt>พื้นที่จัดเก็บถาวร / Persistent storage</dt><dd>${persisted ? "ใช่ / yes" : "ไม่ / no"}</dd>`;
  await renderDecisions();
}

function setupNav() {
  $("#nav").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-go]");
    if (button) go(button.dataset.go);
  });
  $("#pair-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    await pairWith($("#pair-key").value, null, "#pair-error");
  });
  $("#rekey-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const pairing = await currentPairing();
    await pairWith($("#rekey-key").value, pairing && pairing.terminal_id, "#rekey-error");
  });
  $("#print").addEventListener("click", () => window.print());
  $("#next-sale").addEventListener("click", () => go("sell"));
  $("#unpair").addEventListener("click", async () => {
    try {
      await unpair();
      show("pair");
    } catch (error) {
      message("#settings-message", error.message);
    }
  });
  $("#decisions").addEventListener("click", async (event) => {
    const retry = event.target.closest("button[data-retry]");
    const aside = event.target.closest("button[data-aside]");
    if (retry) await retryDecision(retry.dataset.retry);
    if (aside && confirm("พักรายการนี้ไว้ในเครื่อง ไม่ส่งอีก? / keep this sale here and stop sending it?")) await setAside(aside.dataset.aside);
    await renderDecisions();
  });
}

async function pairWith(key, terminalId, errorBox) {
  message(errorBox, "");
  try {
    const pairing = await pair(key, terminalId);
    await afterPairing(pairing);
  } catch (error) {
    message(errorBox, error.message);
  }
}

async function afterPairing(pairing) {
  await renderHeader(pairing);
  await Promise.all([refreshCatalogue(pairing), refreshShift(pairing)]);
  await loadCatalogue();
  renderCatalogue();
  scheduleSync(0);
  await go("sell");
}

async function refreshWhenOnline() {
  const pairing = await refreshProfile();
  if (!pairing || pairing.revoked) return;
  await Promise.all([refreshCatalogue(pairing), refreshShift(pairing)]);
  await loadCatalogue();
  if (document.body.dataset.screen === "sell") renderCatalogue();
}

// What is left of each product, as the server now counts it: after the server took or refused
// sales, read again (once for a burst of verdicts).
let shelvesTimer = null;
function refreshShelvesSoon() {
  clearTimeout(shelvesTimer);
  shelvesTimer = setTimeout(async () => {
    const pairing = await currentPairing();
    if (!pairing || pairing.revoked) return;
    if (await refreshCatalogue(pairing)) {
      await loadCatalogue();
      renderShelves();
      document.body.dataset.catalogueAt = String(Date.now());
    }
  }, 300);
}

async function start() {
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker
      .register("sw.js", { scope: "./" })
      .then(() => navigator.serviceWorker.ready)
      .then(() => (document.body.dataset.sw = "ready"))
      .catch(() => (document.body.dataset.sw = "none"));
  } else {
    document.body.dataset.sw = "none";
  }
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
  setupNav();
  setupSell(() => {
    startPayment();
    show("pay");
  });
  setupPay((sale) => showReceipt(sale.receipt_no, sale.view), () => go("sell"));
  setupShift(() => go("sell"));
  setupHistory(showReceipt);
  setupRefused();
  onSalesChange(renderStatus);
  onSettled(refreshShelvesSoon);
  onTerminalChange(async (pairing) => {
    await renderHeader(pairing);
    if (pairing && pairing.revoked) await showRevoked();
  });
  self.addEventListener("online", () => {
    renderStatus();
    refreshWhenOnline();
  });
  self.addEventListener("offline", renderStatus);

  const fromLink = pairingFromHash(location.hash);
  if (fromLink) {
    history.replaceState(null, "", location.pathname);
    await pairWith(fromLink.key, null, "#pair-error");
    if (!(await currentPairing())) show("pair");
  }
  const pairing = await currentPairing();
  await renderHeader(pairing);
  await renderStatus();
  startSyncLoop();
  document.body.dataset.ready = "true";
  if (!pairing) return show("pair");
  if (pairing.revoked) return showRevoked();
  await loadCatalogue();
  renderCatalogue();
  if (!fromLink) await go("sell");
  refreshWhenOnline();
  setInterval(refreshWhenOnline, 300000);
}

start();
