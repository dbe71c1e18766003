// The sync loop: posts waiting sales, always under their own sale_id, one tab at a time
// (Web Locks), a single POST for a sale just made online and /v1/sales/batch for a backlog
// (sales made offline are always the backlog: they already happened, whatever the stock). 201/200
// are accepted; 409/422 and other refusals are kept as needs-decision for the cashier;
// network errors, timeouts and 5xx are retried with backoff. Tabs hear of changes on a
// BroadcastChannel.

import { call, problemText, Unreachable } from "./api.js";
import { salesIn, updateSales, WAITING } from "./store.js";
import { currentPairing, markRevoked } from "./terminal.js";

const LOCK = "otop-terminal-sync";
const BATCH = 100;
const LIVE_MS = 60000;
const MAX_BACKOFF_MS = 60000;

const channel = "BroadcastChannel" in self ? new BroadcastChannel("otop-terminal") : null;
const listeners = new Set();
const settledListeners = new Set();
let backoff = 1000;
let timer = null;
let running = false;
let again = false;

export function onSalesChange(listener) {
  listeners.add(listener);
}

/** `listener()` after the server gave its verdict on sales (taken or refused). */
export function onSettled(listener) {
  settledListeners.add(listener);
}

function settled() {
  for (const listener of settledListeners) listener();
}

export function announce(local = true) {
  if (channel && local) channel.postMessage({ type: "sales-changed" });
  for (const listener of listeners) listener();
}

if (channel) {
  channel.onmessage = (event) => {
    if (event.data && event.data.type === "sales-changed") announce(false);
  };
}

export function scheduleSync(delayMs = 0) {
  clearTimeout(timer);
  timer = setTimeout(runSync, delayMs);
}

async function runSync() {
  if (running) {
    again = true;
    return;
  }
  running = true;
  let outcome = "done";
  try {
    outcome = navigator.locks ? await navigator.locks.request(LOCK, syncUnderLock) : await syncUnderLock();
  } catch {
    outcome = "retry";
  } finally {
    running = false;
  }
  if (outcome === "retry") {
    const wait = Math.min(backoff, MAX_BACKOFF_MS);
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    scheduleSync(wait + Math.floor(Math.random() * 300));
  } else {
    backoff = 1000;
    if (again) {
      again = false;
      scheduleSync(0);
    }
  }
}

async function syncUnderLock() {
  for (;;) {
    const pairing = await currentPairing();
    if (!pairing || pairing.revoked) return "stopped";
    const waiting = (await salesIn(WAITING)).filter((sale) => sale.terminal_id === pairing.terminal_id);
    if (waiting.length === 0) return "done";
    const live = waiting.length === 1 && !waiting[0].made_offline && Date.now() - waiting[0].created_at < LIVE_MS;
    const chosen = live ? waiting : waiting.slice(0, BATCH);
    await mark(chosen, (sale) => ({ ...sale, state: "sending", attempts: (sale.attempts || 0) + 1 }));
    let outcome;
    try {
      outcome = live ? await postOne(pairing, chosen[0]) : await postBatch(pairing, chosen);
    } catch (error) {
      if (!(error instanceof Unreachable)) throw error;
      outcome = "retry";
    }
    if (outcome !== "progress") {
      await mark(chosen, (sale) => (sale.state === "sending" ? { ...sale, state: "queued" } : null));
      return outcome;
    }
    settled();
  }
}

async function mark(sales, change) {
  await updateSales(sales.map((sale) => sale.sale_id), change);
  announce();
}

function verdictFor(status, data) {
  return { status, at: Date.now(), problem: status >= 400 ? data : null, detail: status >= 400 ? problemText(data) : null };
}

async function settle(saleId, status, data) {
  if (status === 201 || status === 200) {
    await mark([{ sale_id: saleId }], (sale) => ({ ...sale, state: "accepted", verdict: verdictFor(status, data), server: data }));
    return true;
  }
  if (status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429) {
    await mark([{ sale_id: saleId }], (sale) => ({ ...sale, state: "needs-decision", verdict: verdictFor(status, data) }));
    return true;
  }
  return false;
}

async function postOne(pairing, sale) {
  const answer = await call(pairing.key, "POST", "/v1/sales", sale.payload);
  if (answer.status === 401) {
    await markRevoked();
    return "stopped";
  }
  return (await settle(sale.sale_id, answer.status, answer.data)) ? "progress" : "retry";
}

async function postBatch(pairing, sales) {
  const answer = await call(pairing.key, "POST", "/v1/sales/batch", { sales: sales.map((s) => s.payload) }, 60000);
  if (answer.status === 401) {
    await markRevoked();
    return "stopped";
  }
  if (answer.status !== 200 || !answer.data || !Array.isArray(answer.data.results)) {
    if (answer.status >= 400 && answer.status < 500 && sales.length > 1) {
      // The batch as a whole was refused: each sale is tried on its own for its own verdict.
      for (const sale of sales) {
        const outcome = await postOne(pairing, sale);
        if (outcome !== "progress") return outcome;
      }
      return "progress";
    }
    return "retry";
  }
  let settledAll = true;
  for (const result of answer.data.results) {
    const sale = sales[result.index];
    if (!sale) continue;
    const ok = await settle(sale.sale_id, result.status, result.sale || result.problem);
    if (!ok) settledAll = false;
  }
  return settledAll ? "progress" : "retry";
}

/** The cashier sends a needs-decision sale again (the same sale_id and body). */
export async function retryDecision(saleId) {
  await mark([{ sale_id: saleId }], (sale) => (sale.state === "needs-decision" ? { ...sale, state: "queued" } : null));
  scheduleSync(0);
}

/** The cashier sets a refused sale aside: kept on the device with its verdict, not sent. */
export async function setAside(saleId) {
  await mark([{ sale_id: saleId }], (sale) => (sale.state === "needs-decision" ? { ...sale, state: "set-aside", set_aside_at: Date.now() } : null));
}

export function startSyncLoop() {
  self.addEventListener("online", () => {
    backoff = 1000;
    scheduleSync(0);
  });
  setInterval(() => scheduleSync(0), 20000);
  scheduleSync(0);
}
