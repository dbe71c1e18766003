// The terminal's own storage (IndexedDB): pairing and profile, catalogue, shift, the sales
// (each with its sale_id, receipt number, request body, state and the server's verdict) and
// the per-terminal receipt counter. A sale and its receipt number are written in one
// transaction, so a number is never given twice, even with several tabs open.

const DB_NAME = "otop-terminal";
const VERSION = 1;

export const WAITING = ["queued", "sending"];
export const UNSETTLED = ["queued", "sending", "needs-decision"];

let opened = null;

export function openDb() {
  if (opened) return opened;
  opened = new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore("kv");
      const sales = db.createObjectStore("sales", { keyPath: "sale_id" });
      sales.createIndex("state", "state");
      sales.createIndex("receipt_no", "receipt_no", { unique: true });
      sales.createIndex("created_at", "created_at");
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opened;
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error("transaction aborted"));
  });
}

function result(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export async function kvGet(key) {
  const db = await openDb();
  return result(db.transaction("kv").objectStore("kv").get(key));
}

export async function kvPut(key, value) {
  const db = await openDb();
  const tx = db.transaction("kv", "readwrite");
  tx.objectStore("kv").put(value, key);
  return done(tx);
}

export async function kvDelete(key) {
  const db = await openDb();
  const tx = db.transaction("kv", "readwrite");
  tx.objectStore("kv").delete(key);
  return done(tx);
}

export function counterKey(terminalId) {
  return `receipt-counter:${terminalId}`;
}

export function receiptSerial(receiptNo) {
  const found = /-(\d{6})$/.exec(receiptNo || "");
  return found ? parseInt(found[1], 10) : 0;
}

/** Raise the counter to at least `serial` (the server's last number); never lowers it. */
export async function raiseCounter(terminalId, serial) {
  const db = await openDb();
  const tx = db.transaction("kv", "readwrite");
  const kv = tx.objectStore("kv");
  const key = counterKey(terminalId);
  const current = (await result(kv.get(key))) || 0;
  if (serial > current) kv.put(serial, key);
  await done(tx);
}

/** Number the sale from the terminal's counter and store it, queued, in one transaction. */
export async function recordSale(terminal, draft) {
  const db = await openDb();
  const tx = db.transaction(["kv", "sales"], "readwrite");
  const kv = tx.objectStore("kv");
  const key = counterKey(terminal.terminal_id);
  const serial = ((await result(kv.get(key))) || 0) + 1;
  const receiptNo = `${terminal.code}-${String(serial).padStart(6, "0")}`;
  const sale = {
    ...draft,
    receipt_no: receiptNo,
    terminal_id: terminal.terminal_id,
    payload: { ...draft.payload, receipt_no: receiptNo },
    state: "queued",
    verdict: null,
    attempts: 0,
  };
  kv.put(serial, key);
  tx.objectStore("sales").add(sale);
  await done(tx);
  return sale;
}

export async function allSales() {
  const db = await openDb();
  const sales = await result(db.transaction("sales").objectStore("sales").getAll());
  return sales.sort((a, b) => a.created_at - b.created_at);
}

export async function salesIn(states) {
  return (await allSales()).filter((sale) => states.includes(sale.state));
}

export async function saleByReceipt(receiptNo) {
  const db = await openDb();
  const index = db.transaction("sales").objectStore("sales").index("receipt_no");
  return result(index.get(receiptNo));
}

/** Change stored sales in one transaction; `change(sale)` returns the new record or null. */
export async function updateSales(saleIds, change) {
  const db = await openDb();
  const tx = db.transaction("sales", "readwrite");
  const store = tx.objectStore("sales");
  for (const saleId of saleIds) {
    const sale = await result(store.get(saleId));
    if (!sale) continue;
    const changed = change(sale);
    if (changed) store.put(changed);
  }
  return done(tx);
}

export async function countIn(states) {
  return (await salesIn(states)).length;
}
